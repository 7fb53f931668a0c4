"""Forms of the targets screens. Text is normalised to NFC; figures are read the Vietnamese way."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.text import clean_text
from thidua.organization.models import Unit
from thidua.targets.models import PERIOD_COUNT, Indicator, PeriodKind, period_label
from thidua.targets.spreadsheets import parse_number


class FigureField(forms.CharField):
    """A number typed the Vietnamese way: "6,9", "105.920"."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = clean_text(str(value or ""))
        if not text:
            return None
        try:
            return parse_number(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}


def period_choices() -> list[tuple[str, str]]:
    """Return the periods as "KIND:index" choices, the year first."""
    out = [(f"{PeriodKind.YEAR}:1", period_label(PeriodKind.YEAR, 1))]
    for kind in (PeriodKind.HALF, PeriodKind.QUARTER, PeriodKind.MONTH):
        out += [(f"{kind}:{i}", period_label(kind, i)) for i in range(1, PERIOD_COUNT[kind] + 1)]
    return out


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        css = "form-control"
        if isinstance(field, forms.ChoiceField):
            css = "form-select"
        elif isinstance(field, forms.BooleanField):
            css = "form-check-input"
        field.widget.attrs.setdefault("class", css)


class TargetPlanForm(forms.Form):
    """Set a unit's plan for an indicator and year."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    planned = FigureField(label=_("Plan"), required=False, help_text=_("Decimals with a comma: 7,72."))
    previous_actual = FigureField(label=_("Previous year's actual"), required=False)
    denominator = FigureField(
        label=_("Whole (denominator)"),
        required=False,
        help_text=_("For counts out of a whole (34 schools) and the weight of a rate (households)."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, units: Any = None, indicators: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units.order_by("path")  # type: ignore[attr-defined]
        if indicators is not None:
            self.fields["indicator"].queryset = indicators  # type: ignore[attr-defined]
        _style(self)

    def clean_note(self) -> str:
        return clean_text(self.cleaned_data.get("note") or "")


class ActualForm(forms.Form):
    """Report the actual of a target for a period."""

    period = forms.ChoiceField(label=_("Period"), choices=period_choices)
    value = FigureField(label=_("Actual"))
    denominator = FigureField(label=_("Whole (denominator)"), required=False)
    reported_on = forms.DateField(
        label=_("Reported on"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def period_parts(self) -> tuple[str, int]:
        """Return the chosen period as (kind, index)."""
        kind, _sep, index = self.cleaned_data["period"].partition(":")
        return kind, int(index)


class ActualsImportForm(forms.Form):
    """Upload a spreadsheet of actuals."""

    file = forms.FileField(label=_("Spreadsheet (.xlsx)"))
    dry_run = forms.BooleanField(label=_("Check only, import nothing"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

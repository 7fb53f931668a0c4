"""Forms of the register screens. Text is normalised to NFC; dates are dd/mm/yyyy; money is whole đồng."""

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import (
    REVOCATION_TEXT,
    AwardBasis,
    AwardStatus,
    DisciplineForm,
    FlagKind,
    Rating,
    RevocationReason,
    Scope,
)
from thidua.awards.spreadsheets.reader import parse_int
from thidua.awards.validation import MAX_YEAR, MIN_YEAR, award_choices, office_choices
from thidua.core.text import clean_text
from thidua.organization.models import Unit

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class NFCCharField(forms.CharField):
    """A text field that stores NFC with collapsed white space."""

    def to_python(self, value: Any) -> str:
        return clean_text(super().to_python(value) or "")


class VNDateField(forms.DateField):
    """A date typed as dd/mm/yyyy."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("widget", forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"))
        super().__init__(**kwargs)


class MoneyField(forms.CharField):
    """A whole amount of đồng, typed "2340000" or "2.340.000"."""

    def to_python(self, value: Any) -> int:  # type: ignore[override]
        try:
            amount = parse_int(clean_text(str(value or "")))
        except ValueError:
            raise forms.ValidationError(_("Enter a whole number of đồng, e.g. 2.340.000.")) from None
        if amount is not None and amount < 0:
            raise forms.ValidationError(_("Enter a whole number of đồng, e.g. 2.340.000."))
        return amount or 0

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "inputmode": "numeric", "autocomplete": "off"}


def year_field(**kwargs: Any) -> forms.IntegerField:
    """Return an evaluation-year field."""
    return forms.IntegerField(label=_("Evaluation year"), min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


class StyledForm(forms.Form):
    """Give every widget its Bootstrap class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-control"
            if isinstance(field.widget, forms.RadioSelect):
                continue
            if isinstance(field, forms.ChoiceField):
                css = "form-select"
            elif isinstance(field, forms.BooleanField):
                css = "form-check-input"
            field.widget.attrs.setdefault("class", css)


class RegisterFilterForm(StyledForm):
    """Filter the register list."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)
    award = forms.ChoiceField(label=_("Award"), required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *AwardStatus.choices]
    )

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = [("", _("All")), *award_choices()]  # type: ignore[attr-defined]
        if units is not None:
            self.fields["unit"].queryset = units.order_by("path")  # type: ignore[attr-defined]


class AwardForm(StyledForm):
    """Record an earlier award by hand."""

    award_code = forms.ChoiceField(label=_("Award"))
    year = year_field()
    basis = forms.ChoiceField(label=_("Basis"), choices=AwardBasis.choices, initial=AwardBasis.MERIT)
    decision_symbol = NFCCharField(
        label=_("Decision number"), max_length=60, help_text=_("For example 12/QĐ-UBND.")
    )
    decided_on = VNDateField(label=_("Decision date"))
    authority_office = forms.ChoiceField(label=_("Awarding office"), required=False)
    prize_vnd = MoneyField(label=_("Prize money (VND)"), required=False)
    achievement = NFCCharField(
        label=_("Achievement"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award_code"].choices = award_choices()  # type: ignore[attr-defined]
        self.fields["authority_office"].choices = [("", _("Unknown")), *office_choices()]  # type: ignore[attr-defined]


class EvaluationForm(StyledForm):
    """Record a rating for a year."""

    year = year_field()
    rating = forms.ChoiceField(label=_("Rating"), choices=Rating.choices)


class InitiativeForm(StyledForm):
    """Record a recognised initiative."""

    year = year_field()
    title = NFCCharField(label=_("Title"), max_length=500)
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices)
    recognised_by = NFCCharField(label=_("Recognised by"), max_length=255, required=False)
    recognised_on = VNDateField(label=_("Recognised on"), required=False)


class ResearchForm(StyledForm):
    """Record an accepted research project."""

    year = year_field()
    title = NFCCharField(label=_("Title"), max_length=500)
    level = forms.ChoiceField(label=_("Level"), choices=Scope.choices)


class DisciplineRecordForm(StyledForm):
    """Record a disciplinary measure."""

    form = forms.ChoiceField(label=_("Measure"), choices=DisciplineForm.choices)
    decision_symbol = NFCCharField(label=_("Decision number"), max_length=60, required=False)
    effective_from = VNDateField(label=_("In force from"))
    effective_to = VNDateField(label=_("In force until"), required=False)


class FlagForm(StyledForm):
    """Record an investigation, a pending complaint or a discipline being considered."""

    kind = forms.ChoiceField(label=_("Kind"), choices=FlagKind.choices)
    valid_from = VNDateField(label=_("From"))
    valid_to = VNDateField(label=_("Until"), required=False, help_text=_("Leave empty while it lasts."))
    note = NFCCharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _reason_label(value: str, label: Any) -> str:
    return format_html('<strong>{}</strong><br><span class="small">{}</span>', label, REVOCATION_TEXT[value])


class RevokeForm(StyledForm):
    """Revoke an award on one of the grounds of Luật Điều 93 k2."""

    reason = forms.ChoiceField(label=_("Ground (Article 93(2))"), widget=forms.RadioSelect)
    decision_symbol = NFCCharField(label=_("Revoking decision number"), max_length=60)
    decided_on = VNDateField(label=_("Revoking decision date"))
    money_recovered_vnd = MoneyField(label=_("Money recovered (VND)"), required=False)
    items_recovered = NFCCharField(
        label=_("Items recovered"), max_length=255, required=False, help_text=_("E.g. certificate and frame.")
    )
    note = NFCCharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [  # type: ignore[attr-defined]
            (value, _reason_label(value, label)) for value, label in RevocationReason.choices
        ]


class RecheckCloseForm(StyledForm):
    """Close a re-check with what the review concluded."""

    note = NFCCharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(StyledForm):
    """Upload a spreadsheet."""

    file = forms.FileField(label=_("Spreadsheet (.xlsx)"))
    dry_run = forms.BooleanField(label=_("Check only, import nothing"), required=False, initial=True)

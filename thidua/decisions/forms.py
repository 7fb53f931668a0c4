"""Forms of the decision screens. Every text field is normalised to NFC."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.text import clean_text
from thidua.decisions.layout import DEFAULT_FIELDS, KEYS
from thidua.decisions.models import SubjectKind
from thidua.documents.models import SigningCapacity
from thidua.organization.models import Unit
from thidua.regulations import CATALOGUE

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class NFCCharField(forms.CharField):
    """A text field that stores NFC with collapsed white space."""

    def to_python(self, value: Any) -> str:
        return clean_text(super().to_python(value) or "")


class LinesField(forms.CharField):
    """A multi-line text field: each line normalised to NFC, empty lines dropped."""

    widget = forms.Textarea

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return "\n".join(clean_text(line) for line in text.splitlines() if clean_text(line))


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        css = "form-check-input" if isinstance(field, forms.BooleanField) else "form-control"
        if isinstance(field, forms.ChoiceField):
            css = "form-select"
        field.widget.attrs.setdefault("class", css)


def award_choices() -> list[tuple[str, str]]:
    """Return (code, current name) for every award in the catalogue."""
    return [(a.code, a.name) for a in CATALOGUE]


class DecisionForm(forms.Form):
    """The texts of a decision: subject, date, signer, legal bases, fund."""

    title = NFCCharField(label=_("Subject (Về việc …)"), max_length=300)
    decided_on = _date_field(_("Decision date"))
    achievement_year = forms.IntegerField(label=_("Achievement year"), min_value=2000, max_value=2100)
    authority_title = NFCCharField(label=_("Issuing authority line"), max_length=300, required=False)
    signer_name = NFCCharField(label=_("Signer"), max_length=100)
    signer_title = NFCCharField(label=_("Signer's title"), max_length=100)
    signing_capacity = forms.ChoiceField(label=_("Signing capacity"), choices=SigningCapacity.choices)
    on_behalf_of = NFCCharField(label=_("On behalf of"), max_length=150, required=False)
    legal_bases = LinesField(label=_("Legal bases (one per line)"), required=False)
    proposed_by = NFCCharField(label=_("Proposed by"), max_length=300, required=False)
    executors = NFCCharField(label=_("Responsible for implementation (Article 3)"), required=False)
    recipients = LinesField(label=_("Recipients (one per line)"), required=False)
    fund = NFCCharField(label=_("Reward fund"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("legal_bases", "recipients"):
            self.fields[name].widget.attrs["rows"] = 4
        _style(self)


class CreateForm(DecisionForm):
    """A new decision: the deciding authority and its drafting unit, plus the texts."""

    authority_unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label=_("Deciding authority"), queryset=Unit.objects.none()
    )

    def __init__(self, *args: Any, authorities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority_unit"].queryset = authorities  # type: ignore[attr-defined]
        self.fields["authority_unit"].widget.attrs["class"] = "form-select"
        for name in ("legal_bases", "proposed_by", "executors", "recipients"):
            self.fields[name].help_text = _("Leave empty for the usual wording.")


class LineForm(forms.Form):
    """One line added by hand: a person (by registry number) or a unit, and the award."""

    subject_kind = forms.ChoiceField(label=_("Recipient"), choices=SubjectKind.choices)
    person_id = forms.IntegerField(label=_("Person number in the registry"), required=False, min_value=1)
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label=_("Unit (collective)"), queryset=Unit.objects.none(), required=False
    )
    award_code = forms.ChoiceField(label=_("Award"), choices=award_choices)
    year = forms.IntegerField(label=_("Achievement year"), min_value=2000, max_value=2100, required=False)
    achievement = NFCCharField(
        label=_("Achievement"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        _style(self)


class IssueForm(forms.Form):
    """The date the decision is signed and issued (it selects the base salary of the prize money)."""

    issued_on = _date_field(_("Issue date"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"issued_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        _style(self)


class ReasonForm(forms.Form):
    """Why a draft is cancelled."""

    reason = NFCCharField(label=_("Reason"), max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class LayoutForm(forms.Form):
    """A certificate layout: page size, printer offsets and every field's position and size."""

    name = NFCCharField(label=_("Name"), max_length=120)
    award_codes = NFCCharField(label=_("Award codes"), max_length=300, required=False)
    page_width_mm = forms.DecimalField(
        label=_("Page width (mm)"), min_value=50, max_value=600, decimal_places=1
    )
    page_height_mm = forms.DecimalField(
        label=_("Page height (mm)"), min_value=50, max_value=600, decimal_places=1
    )
    offset_x_mm = forms.DecimalField(
        label=_("Shift right (mm)"), min_value=-50, max_value=50, decimal_places=1
    )
    offset_y_mm = forms.DecimalField(
        label=_("Shift down (mm)"), min_value=-50, max_value=50, decimal_places=1
    )
    print_background = forms.BooleanField(
        label=_("Print the whole certificate (plain paper)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for box in DEFAULT_FIELDS:
            for key in KEYS:
                self.fields[f"{box.name}__{key}"] = forms.DecimalField(
                    label=f"{box.name} {key}", required=False, decimal_places=1, min_value=-50, max_value=1000
                )
        _style(self)

    def position_rows(self) -> list[tuple[str, list[Any]]]:
        """Return (field name, [bound x, y, width, size]) for the positions table."""
        return [(box.name, [self[f"{box.name}__{key}"] for key in KEYS]) for box in DEFAULT_FIELDS]

    def positions(self) -> dict[str, dict[str, Any]]:
        """Return the positions entered, field by field."""
        data = self.cleaned_data
        out: dict[str, dict[str, Any]] = {}
        for box in DEFAULT_FIELDS:
            values = {
                k: data.get(f"{box.name}__{k}") for k in KEYS if data.get(f"{box.name}__{k}") is not None
            }
            if values:
                out[box.name] = values
        return out

"""Forms of the registry screens. Every text field is normalised to NFC."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.text import clean_text
from thidua.organization.models import Ethnicity, Sex, Unit, UnitKind


class NFCCharField(forms.CharField):
    """A text field that stores NFC with collapsed white space."""

    def to_python(self, value: Any) -> str:
        return clean_text(super().to_python(value) or "")


class PersonForm(forms.Form):
    """Create or edit a person."""

    family_name = NFCCharField(label=_("Family name"), max_length=60, required=False)
    middle_name = NFCCharField(label=_("Middle name"), max_length=60, required=False)
    given_name = NFCCharField(label=_("Given name"), max_length=60)
    full_name = NFCCharField(
        label=_("Full name as in the civil record"),
        max_length=150,
        required=False,
        help_text=_("Leave empty to join the three parts."),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )
    ethnicity = forms.ModelChoiceField(label=_("Ethnicity"), queryset=Ethnicity.objects.all(), required=False)
    id_number = NFCCharField(label=_("Personal ID number"), max_length=12, required=False)
    position = NFCCharField(label=_("Position"), max_length=150, required=False)
    is_direct_worker = forms.BooleanField(label=_("Works directly in production or labour"), required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units.order_by("path")  # type: ignore[attr-defined]
        for field in self.fields.values():
            css = "form-check-input" if isinstance(field, forms.BooleanField) else "form-control"
            if isinstance(field, forms.ChoiceField):
                css = "form-select"
            field.widget.attrs.setdefault("class", css)


class UnitForm(forms.Form):
    """Create or edit a unit."""

    code = NFCCharField(label=_("Unit code"), max_length=40)
    name = NFCCharField(label=_("Unit name"), max_length=255)
    short_name = NFCCharField(label=_("Short name"), max_length=120, required=False)
    abbreviation = NFCCharField(label=_("Abbreviation for document symbols"), max_length=20, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    parent = forms.ModelChoiceField(label=_("Parent unit"), queryset=Unit.objects.none())
    place_name = NFCCharField(label=_("Place name on documents"), max_length=120, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["parent"].queryset = units.order_by("path")  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            )


class PeopleImportForm(forms.Form):
    """Upload a people spreadsheet."""

    file = forms.FileField(label=_("Spreadsheet (.xlsx)"))
    dry_run = forms.BooleanField(label=_("Check only, import nothing"), required=False, initial=True)

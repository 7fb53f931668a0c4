"""Forms of the public portal and of the receiving desk. Every text field is normalised to NFC."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.errors import ValidationFailed
from thidua.core.text import clean_text
from thidua.organization.models import Person, Sex, Unit
from thidua.public.models import Procedure, ProcedureComponent

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class NFCCharField(forms.CharField):
    """A text field that stores NFC with collapsed white space."""

    def to_python(self, value: Any) -> str:
        return clean_text(super().to_python(value) or "")


class NFCTextField(forms.CharField):
    """A multi-line text field kept as NFC lines."""

    widget = forms.Textarea

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return "\n".join(clean_text(line) for line in text.splitlines()).strip()


def date_field(label: Any, *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=_("dd/mm/yyyy"),
        widget=forms.DateInput(attrs={"inputmode": "numeric", "autocomplete": "off"}, format="%d/%m/%Y"),
    )


def style(form: forms.BaseForm) -> None:
    """Give the fields Bootstrap classes."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(field, forms.BooleanField):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        elif isinstance(widget, forms.RadioSelect):
            css = "form-check-input"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)


def errors_to_form(form: forms.BaseForm, exc: ValidationFailed) -> None:
    """Show a service's refusal on the form: per field where the field exists, else above the form."""
    for field, problems in exc.errors.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)
    if not exc.errors:
        form.add_error(None, str(exc))


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class RegisterForm(StyledForm):
    full_name = NFCCharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    login = NFCCharField(
        label=_("E-mail address or mobile number"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
        help_text=_("We send a code to confirm it."),
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not a common password."),
    )
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class CodeForm(StyledForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class LoginForm(StyledForm):
    login = NFCCharField(
        label=_("E-mail address or mobile number"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class ResetRequestForm(StyledForm):
    login = NFCCharField(
        label=_("E-mail address or mobile number"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )


class ResetForm(StyledForm):
    login = NFCCharField(
        label=_("E-mail address or mobile number"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    password = forms.CharField(
        label=_("New password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )


class ApplicationForm(StyledForm):
    """The online form of a commendation dossier."""

    applicant_name = NFCCharField(label=_("Your full name"), max_length=150, required=False)
    applicant_phone = NFCCharField(
        label=_("Your phone"),
        max_length=15,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    applicant_email = forms.EmailField(
        label=_("Your e-mail"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    applicant_address = NFCCharField(label=_("Your address"), max_length=300, required=False)
    organisation_name = NFCCharField(
        label=_("On behalf of an organisation (if any)"), max_length=255, required=False
    )
    subject_name = NFCCharField(label=_("Full name of the person proposed"), max_length=150, required=False)
    subject_sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    subject_birth_date = date_field(_("Date of birth (if known)"))
    subject_address = NFCCharField(label=_("Place of residence"), max_length=300, required=False)
    subject_relation = NFCCharField(
        label=_("Your relation to the person (neighbour, relative…)"), max_length=100, required=False
    )
    achievement = NFCTextField(
        label=_("What happened"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    act_date = date_field(_("Date of the act"))
    act_place = NFCCharField(label=_("Place of the act"), max_length=300, required=False)

    def clean_applicant_email(self) -> str:
        return (self.cleaned_data.get("applicant_email") or "").strip()


class UploadForm(StyledForm):
    component = forms.ModelChoiceField(
        label=_("Document"),
        queryset=ProcedureComponent.objects.none(),
        required=False,
        empty_label=_("Other document"),
    )
    file = forms.FileField(label=_("File (PDF, DOCX, JPG or PNG, at most 10 MB)"))

    def __init__(self, *args: Any, procedure: Procedure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["component"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = procedure.components.all()
        self.fields["file"].widget.attrs["accept"] = ".pdf,.docx,.jpg,.jpeg,.png"


class NoteForm(StyledForm):
    note = NFCTextField(
        label=_("What you add (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(StyledForm):
    reason = NFCTextField(label=_("Reasons"), required=True, widget=forms.Textarea(attrs={"rows": 4}))


class RescheduleForm(StyledForm):
    new_due_on = date_field(_("New due date"), required=True)
    reason = NFCTextField(
        label=_("Why the result will be late"), required=True, widget=forms.Textarea(attrs={"rows": 3})
    )


class LogbookForm(forms.Form):
    tu = date_field(_("From"), required=True)
    den = date_field(_("To"), required=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("tu") and data.get("den") and data["den"] < data["tu"]:
            self.add_error("den", _("The period ends before it starts."))
        return data


class TrackForm(forms.Form):
    ma = NFCCharField(
        label=_("Dossier code"),
        max_length=60,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off", "spellcheck": "false"}),
    )


class AcceptForm(StyledForm):
    proposing_unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label=_("Proposing unit"), queryset=Unit.objects.none()
    )
    person: forms.ModelChoiceField[Person] = forms.ModelChoiceField(
        label=_("Person in the registry"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Record a new person from the form"),
    )

    def __init__(self, *args: Any, units: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposing_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class ProcedureForm(forms.ModelForm):
    class Meta:
        model = Procedure
        fields = [
            "code",
            "name",
            "level",
            "online_level",
            "authority_unit",
            "intake_unit",
            "award_code",
            "subject_kind",
            "simplified",
            "simplified_case",
            "deadline_value",
            "deadline_unit",
            "deadline_start",
            "fee_vnd",
            "description",
            "legal_bases",
            "external",
            "valid_from",
            "valid_to",
            "order",
        ]
        widgets = {
            "valid_from": forms.DateInput(format="%d/%m/%Y"),
            "valid_to": forms.DateInput(format="%d/%m/%Y"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "legal_bases": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("valid_from", "valid_to"):
            field = self.fields[name]
            assert isinstance(field, forms.DateField)
            field.input_formats = DATE_FORMATS
        self.fields["authority_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["intake_unit"].queryset = units  # type: ignore[attr-defined]
        style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("code", "name", "deadline_start", "award_code", "simplified_case"):
            if isinstance(data.get(name), str):
                data[name] = clean_text(data[name])
        for name in ("description", "legal_bases"):
            if isinstance(data.get(name), str):
                data[name] = "\n".join(clean_text(x) for x in data[name].splitlines() if clean_text(x))
        authority, intake = data.get("authority_unit"), data.get("intake_unit")
        if authority and intake and (intake.pk == authority.pk or not intake.path.startswith(authority.path)):
            self.add_error("intake_unit", _("The receiving desk must be a unit under the authority."))
        return data


ComponentFormSet = forms.inlineformset_factory(
    Procedure,
    ProcedureComponent,
    fields=["name", "copy_kind", "copies", "required", "dossier_kind", "order"],
    extra=2,
    can_delete=True,
)

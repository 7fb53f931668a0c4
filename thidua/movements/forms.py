"""Forms of the movement screens. Text is normalised to NFC by the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.documents.models import SigningCapacity
from thidua.movements.models import MovementKind, SubjectKind
from thidua.organization.models import Person, Unit
from thidua.regulations.catalogue import CATALOGUE

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )


def style(form: forms.BaseForm) -> None:
    """Give every widget its Bootstrap class."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)


class MovementForm(forms.Form):
    """Draft or edit a movement."""

    title = forms.CharField(label=_("Title"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=MovementKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    starts_on = _date_field(_("Starts on"))
    ends_on = _date_field(_("Ends on"))
    headline = forms.CharField(
        label=_("Headline under the title"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    opening_assessment = forms.CharField(
        label=_("Opening assessment"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    theme_lead = forms.CharField(
        label=_("Lead-in to the theme"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    theme = forms.CharField(label=_("Theme"), widget=forms.Textarea(attrs={"rows": 3}))
    items = forms.CharField(
        label=_("Content items"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One item per paragraph; leave an empty line between items. They are numbered 1, 2, 3…"),
    )
    goals = forms.CharField(
        label=_("Goals and criteria"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    closing = forms.CharField(
        label=_("Closing call"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    budget_vnd = forms.IntegerField(label=_("Planned budget (đồng)"), min_value=0, initial=0)
    registration_required = forms.BooleanField(label=_("Units must register"), required=False, initial=True)
    place_name = forms.CharField(label=_("Place name on the document"), max_length=120)
    drafting_unit = forms.ModelChoiceField(
        label=_("Drafting unit"), queryset=Unit.objects.none(), required=False
    )
    signer = forms.ModelChoiceField(label=_("Signatory"), queryset=Person.objects.none(), required=False)
    signer_title = forms.CharField(label=_("Signatory's title"), max_length=120, initial="CHỦ TỊCH")
    signing_capacity = forms.ChoiceField(
        label=_("Signing capacity"), choices=SigningCapacity.choices, initial=SigningCapacity.TM
    )
    on_behalf_of = forms.CharField(label=_("On behalf of"), max_length=120, initial="ỦY BAN NHÂN DÂN")
    archive = forms.CharField(label=_("Filing line (Lưu:)"), max_length=120, initial="VT")

    def __init__(self, *args: Any, launcher: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        below = Unit.objects.filter(path__startswith=launcher.path).order_by("path")
        self.fields["drafting_unit"].queryset = below  # type: ignore[attr-defined]
        self.fields["signer"].queryset = Person.objects.filter(unit=launcher).order_by("sort_key")  # type: ignore[attr-defined]
        style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date comes before the start date."))
        return data

    def item_list(self) -> list[str]:
        """Split the items box into items at empty lines."""
        text = self.cleaned_data.get("items", "").replace("\r\n", "\n")
        return [block.strip() for block in text.split("\n\n") if block.strip()]


class ParticipantsForm(forms.Form):
    """Choose the units that take part."""

    units = forms.ModelMultipleChoiceField(label=_("Participating units"), queryset=Unit.objects.none())
    include_subtree = forms.BooleanField(
        label=_("Include the units below them"), required=False, initial=True
    )

    def __init__(self, *args: Any, scope: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = scope.order_by("path")  # type: ignore[attr-defined]
        self.fields["units"].widget.attrs["size"] = 12
        style(self)


class RecipientForm(forms.Form):
    """One "Nơi nhận" line and the units that receive the document through it."""

    text = forms.CharField(label=_("Recipient line"), max_length=255, required=False)
    units = forms.ModelMultipleChoiceField(
        label=_("Delivered in thidua to"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args: Any, scope: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if scope is not None:
            self.fields["units"].queryset = scope.order_by("path")  # type: ignore[attr-defined]
        self.fields["units"].widget.attrs["size"] = 4
        style(self)


RecipientFormSet = forms.formset_factory(RecipientForm, extra=3)


class LaunchForm(forms.Form):
    """Issue the launching document on a date."""

    issued_on = _date_field(_("Date of the document"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class ReasonForm(forms.Form):
    """A reason, required for some commands."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


AWARD_CHOICES = [(a.code, f"{a.name} ({a.code})") for a in CATALOGUE]


class RegistrationLineForm(forms.Form):
    """One registered title."""

    award_code = forms.ChoiceField(
        label=_("Title or award"), choices=[("", "—"), *AWARD_CHOICES], required=False
    )
    subject = forms.ChoiceField(label=_("For"), choices=SubjectKind.choices, initial=SubjectKind.MEMBERS)
    count = forms.IntegerField(label=_("Number"), min_value=1, initial=1)
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none(), required=False)

    def __init__(self, *args: Any, unit: Unit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if unit is not None:
            qs = Person.objects.filter(unit__path__startswith=unit.path).order_by("sort_key")
            self.fields["person"].queryset = qs  # type: ignore[attr-defined]
        style(self)


RegistrationLineFormSet = forms.formset_factory(RegistrationLineForm, extra=2)


class CommitmentForm(forms.Form):
    """The unit's commitments in words."""

    commitment = forms.CharField(
        label=_("Commitments"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class ReviewForm(forms.Form):
    """The review report's text."""

    summary = forms.CharField(
        label=_("Report text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("One paragraph per line."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)

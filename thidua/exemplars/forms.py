"""Forms of the exemplars pages. Text is normalised to NFC; dates are dd/mm/yyyy."""

import re
from datetime import date
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import Award
from thidua.core.text import clean_text
from thidua.exemplars.models import (
    ConsentGiver,
    ConsentMethod,
    NominatorRelation,
    StoryKind,
    StoryStatus,
    StorySubject,
)
from thidua.exemplars.services import ConsentInput, StatementInput
from thidua.movements.models import Movement
from thidua.organization.models import Unit

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
PHONE = re.compile(r"^(\+84|0)\d{8,10}$")
PHOTO_TYPES = "image/jpeg,image/png,.jpg,.jpeg,.png"


class NFCCharField(forms.CharField):
    """A one-line text field stored as NFC with collapsed white space."""

    def to_python(self, value: Any) -> str:
        return clean_text(super().to_python(value) or "")


class DateField(forms.DateField):
    """A date typed as dd/mm/yyyy."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault(
            "widget",
            forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}, format="%d/%m/%Y"),
        )
        kwargs.setdefault("help_text", _("Day/month/year, e.g. 15/03/2026."))
        super().__init__(**kwargs)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class MovementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.year} – {obj.title}"


def _bootstrap(form: forms.BaseForm) -> None:
    for f in form.fields.values():
        widget = f.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.RadioSelect):
            continue
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


# -- public -------------------------------------------------------------------------------------------------
class PublicFilterForm(forms.Form):
    """The filters of the public lists; choices are what has published stories."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    movement = forms.TypedChoiceField(label=_("Movement"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, choices: dict[str, list[Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = ("", _("All"))
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            every,
            *((y, str(y)) for y in choices["years"]),
        ]
        cast(forms.ChoiceField, self.fields["unit"]).choices = [
            every,
            *((u.pk, u.name) for u in choices["units"]),
        ]
        cast(forms.ChoiceField, self.fields["movement"]).choices = [
            every,
            *((m.pk, f"{m.year} – {m.title}") for m in choices["movements"]),
        ]
        _bootstrap(self)


class NominationForm(forms.Form):
    """A citizen's nomination of a good deed (the statements come in a formset)."""

    nominator_name = NFCCharField(label=_("Your full name"), max_length=150)
    nominator_email = forms.EmailField(label=_("Your e-mail"), required=False, max_length=254)
    nominator_phone = NFCCharField(
        label=_("Your phone number"),
        required=False,
        max_length=20,
        help_text=_("Give an e-mail address or a phone number (or both). They are never published."),
    )
    relation = forms.ChoiceField(label=_("How you know of the deed"), choices=NominatorRelation.choices)
    nominee_name = NFCCharField(label=_("Name of the person who did the good deed"), max_length=150)
    what_happened = forms.CharField(
        label=_("What happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    happened_on = DateField(label=_("When it happened"))
    unit = UnitChoiceField(
        label=_("Commune or ward where it happened"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Choose the commune or ward"),
    )
    place_text = NFCCharField(
        label=_("Or write the place"),
        required=False,
        max_length=200,
        help_text=_("If the commune is not in the list."),
    )
    photo = forms.FileField(
        label=_("A photo (optional, JPEG or PNG, up to 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_TYPES}),
    )
    # Left empty by people (the field is hidden); filled by robots that fill every field.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, communes: QuerySet[Unit], today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = communes
        _bootstrap(self)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["nominator_email"].widget.attrs["autocomplete"] = "email"
        self.fields["nominator_name"].widget.attrs["autocomplete"] = "name"
        self.fields["nominator_phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})

    def clean_nominator_phone(self) -> str:
        phone = "".join(self.cleaned_data["nominator_phone"].replace(".", "").replace("-", "").split())
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(_("Enter a phone number such as 0912345678 or +84912345678."))
        return phone

    def clean_happened_on(self) -> date:
        value: date = self.cleaned_data["happened_on"]
        if value > self.today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("nominator_email")
            and not data.get("nominator_phone")
            and not self.has_error("nominator_phone")
        ):
            self.add_error("nominator_email", _("Give an e-mail address or a phone number."))
        if not data.get("unit") and not data.get("place_text"):
            self.add_error("unit", _("Choose the commune or write the place."))
        return data

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class StatementForm(forms.Form):
    """One supporting statement."""

    author_name = NFCCharField(label=_("Name of the person making the statement"), max_length=150)
    contact = NFCCharField(label=_("Their contact (optional)"), required=False, max_length=150)
    text = forms.CharField(label=_("Statement"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    def as_input(self) -> StatementInput:
        d = self.cleaned_data
        return StatementInput(author_name=d["author_name"], text=d["text"], contact=d.get("contact", ""))


StatementFormSet = forms.formset_factory(
    StatementForm, extra=4, min_num=1, max_num=5, validate_min=True, validate_max=True, absolute_max=5
)


# -- staff --------------------------------------------------------------------------------------------------
class StoryForm(forms.Form):
    """A story's content and links."""

    kind = forms.ChoiceField(label=_("Kind"), choices=StoryKind.choices)
    title = NFCCharField(label=_("Story title"), max_length=200)
    summary = NFCCharField(label=_("Summary"), max_length=400, widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(
        label=_("Story"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Plain text; leave a blank line between paragraphs."),
    )
    subject_kind = forms.ChoiceField(label=_("About"), choices=StorySubject.choices)
    subject_name = NFCCharField(label=_("Name of the person, collective or household"), max_length=200)
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    person = forms.IntegerField(
        label=_("Person (number in the registry)"),
        required=False,
        min_value=1,
        help_text=_("The number in the address of the person's page, e.g. 125 for /ca-nhan/125/."),
    )
    movement = MovementChoiceField(label=_("Movement"), queryset=Movement.objects.none(), required=False)
    award = forms.ModelChoiceField(label=_("Award"), queryset=Award.objects.none(), required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100)
    show_name = forms.BooleanField(label=_("Show the name"), required=False, initial=True)
    show_unit = forms.BooleanField(label=_("Show the unit or workplace"), required=False, initial=True)
    show_birth_year = forms.BooleanField(label=_("Show the year of birth"), required=False)

    def __init__(
        self, *args: Any, units: QuerySet[Unit], awards: QuerySet[Award] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units.order_by("path")
        movements = Movement.objects.order_by("-year", "title")  # a few a year per launching unit
        cast(forms.ModelChoiceField, self.fields["movement"]).queryset = movements
        if awards is not None:
            cast(forms.ModelChoiceField, self.fields["award"]).queryset = awards
        else:
            del self.fields["award"]
        _bootstrap(self)


class PhotoForm(forms.Form):
    """A photo with its text alternative."""

    image = forms.FileField(
        label=_("Photo (JPEG or PNG, up to 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_TYPES}),
    )
    alt_text = NFCCharField(
        label=_("Text alternative"),
        max_length=250,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    caption = NFCCharField(label=_("Caption"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class ConsentForm(forms.Form):
    """A consent record."""

    given_by = forms.ChoiceField(label=_("Given by"), choices=ConsentGiver.choices)
    giver_name = NFCCharField(label=_("Name of the person who gave it"), max_length=150)
    given_on = DateField(label=_("Given on"))
    method = forms.ChoiceField(label=_("How"), choices=ConsentMethod.choices)
    covers_name = forms.BooleanField(label=_("The name"), required=False)
    covers_photo = forms.BooleanField(label=_("Photos"), required=False)
    covers_text = forms.BooleanField(label=_("The story's text"), required=False)
    covers_unit = forms.BooleanField(label=_("Workplace or unit"), required=False)
    covers_birth_year = forms.BooleanField(label=_("Age or year of birth"), required=False)
    scan = forms.FileField(
        label=_("Scanned form (PDF, JPEG or PNG; optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    note = NFCCharField(label=_("Internal note"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    def as_input(self) -> ConsentInput:
        d = self.cleaned_data
        scan = d.get("scan")
        return ConsentInput(
            given_by=d["given_by"],
            giver_name=d["giver_name"],
            given_on=d["given_on"],
            method=d["method"],
            covers_name=d["covers_name"],
            covers_photo=d["covers_photo"],
            covers_text=d["covers_text"],
            covers_unit=d["covers_unit"],
            covers_birth_year=d["covers_birth_year"],
            note=d.get("note", ""),
            scan=scan.read() if scan else None,
        )


class ReasonForm(forms.Form):
    """A reason (withdrawal, rejection)."""

    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class ApproveForm(forms.Form):
    """Approve a nomination: the story's wording, its unit and whether to publish at once."""

    title = NFCCharField(label=_("Story title"), max_length=200)
    summary = NFCCharField(label=_("Summary"), max_length=400, widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(label=_("Story"), widget=forms.Textarea(attrs={"rows": 8}))
    unit = UnitChoiceField(label=_("Commune or ward"), queryset=Unit.objects.none())
    has_consent = forms.BooleanField(
        label=_("The nominee's consent was obtained (fill in the consent below)"), required=False
    )
    photo_alt = NFCCharField(
        label=_("Text alternative of the nominator's photo (leave empty not to use the photo)"),
        max_length=250,
        required=False,
    )
    publish = forms.BooleanField(label=_("Publish at once"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units.order_by("path")
        _bootstrap(self)


class StaffStoryFilterForm(forms.Form):
    """Filters of the staff story list."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *StoryStatus.choices]
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *StoryKind.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)

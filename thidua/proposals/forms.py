"""Forms of the proposal screens. Text is normalised to NFC by the services (clean_text)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.organization.models import Household, Person, Unit
from thidua.proposals.models import (
    DossierPartKind,
    Nominee,
    ProposalKind,
    SimplifiedCase,
    SubjectKind,
)
from thidua.regulations.catalogue import CATALOGUE

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


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


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )


def award_choices() -> list[tuple[str, str]]:
    """Return the award codes with their Vietnamese names, local awards first."""
    return [(a.code, a.name) for a in CATALOGUE]


class UnitChoiceField(forms.ModelChoiceField):
    """A unit select labelled with the unit's name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PersonChoiceField(forms.ModelChoiceField):
    """A person select labelled with name, birth date and unit."""

    def label_from_instance(self, obj: Any) -> str:
        born = obj.date_of_birth.strftime("%d/%m/%Y") if obj.date_of_birth else ""
        unit = obj.unit.name if obj.unit else ""
        return " – ".join(p for p in (obj.full_name, born, unit) if p)


class ProposalForm(forms.Form):
    """Draft a proposal."""

    proposing_unit = UnitChoiceField(label=_("Proposing unit"), queryset=Unit.objects.none())
    authority_unit = UnitChoiceField(label=_("Deciding authority"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=ProposalKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=255)
    simplified = forms.BooleanField(label=_("Simplified procedure (Luật Điều 85)"), required=False)
    simplified_case = forms.ChoiceField(
        label=_("Case of the simplified procedure"),
        choices=[("", "—"), *SimplifiedCase.choices],
        required=False,
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], authorities: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposing_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["authority_unit"].queryset = authorities  # type: ignore[attr-defined]
        style(self)


class NomineeForm(forms.Form):
    """Add or edit a nominee."""

    subject_kind = forms.ChoiceField(label=_("Subject"), choices=SubjectKind.choices)
    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none(), required=False)
    unit = UnitChoiceField(
        label=_("Collective, village or commune"), queryset=Unit.objects.none(), required=False
    )
    household = forms.ModelChoiceField(
        label=_("Household"), queryset=Household.objects.none(), required=False
    )
    award_code = forms.ChoiceField(label=_("Award"), choices=())
    year = forms.IntegerField(label=_("Year of the achievement"), min_value=2000, max_value=2100)
    period_start = _date_field(_("Achievement period from"))
    period_end = _date_field(_("Achievement period to"))
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    achievement = forms.CharField(
        label=_("Achievement summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Person],
        units: QuerySet[Unit],
        households: QuerySet[Household],
        editing: Nominee | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["household"].queryset = households  # type: ignore[attr-defined]
        self.fields["award_code"].choices = award_choices()  # type: ignore[attr-defined]
        if editing is not None:
            for name in ("subject_kind", "person", "unit", "household"):
                self.fields[name].disabled = True
        style(self)

    def subject(self) -> Any:
        """Return the chosen person, unit or household for the chosen kind."""
        kind = self.cleaned_data["subject_kind"]
        if kind == SubjectKind.INDIVIDUAL:
            return self.cleaned_data.get("person")
        if kind == SubjectKind.HOUSEHOLD:
            return self.cleaned_data.get("household")
        return self.cleaned_data.get("unit")


class DossierForm(forms.Form):
    """Upload a dossier part."""

    kind = forms.ChoiceField(label=_("Kind of part"), choices=DossierPartKind.choices)
    nominee = forms.ModelChoiceField(
        label=_("For nominee"),
        queryset=Nominee.objects.none(),
        required=False,
        empty_label=_("The whole proposal"),
    )
    file = forms.FileField(label=_("File (PDF, DOCX, JPG, PNG; at most 10 MB)"))

    def __init__(self, *args: Any, nominees: QuerySet[Nominee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = nominees  # type: ignore[attr-defined]
        self.fields["nominee"].label_from_instance = lambda n: f"{n.order}. {n.subject_name} – {n.award_code}"  # type: ignore[attr-defined]
        style(self)


class ImportForm(forms.Form):
    """Upload a nominee spreadsheet."""

    file = forms.FileField(label=_("Spreadsheet (.xlsx)"))
    dry_run = forms.BooleanField(label=_("Check only (import nothing)"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class ForwardForm(forms.Form):
    """Choose the nominees to send to the higher authority."""

    nominees = forms.ModelMultipleChoiceField(
        label=_("Nominees"), queryset=Nominee.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    to_authority = UnitChoiceField(label=_("Higher authority"), queryset=Unit.objects.none())

    def __init__(
        self, *args: Any, nominees: QuerySet[Nominee], authorities: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nominees"].queryset = nominees  # type: ignore[attr-defined]
        self.fields["nominees"].label_from_instance = lambda n: f"{n.subject_name} – {n.award_code} {n.year}"  # type: ignore[attr-defined]
        self.fields["to_authority"].queryset = authorities  # type: ignore[attr-defined]
        self.fields["to_authority"].widget.attrs["class"] = "form-select"


class CommentForm(forms.Form):
    """Record a comment received during the public notice."""

    author_name = forms.CharField(label=_("From"), max_length=150)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)

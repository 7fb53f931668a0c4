"""Forms of the council screens. Text is normalised to NFC by the services."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.council.models import AgendaItem, Choice, CouncilMember, MemberRole, PollMethod
from thidua.council.voting import PAPER_FIELDS, WRITTEN_FIELDS
from thidua.organization.models import Unit

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )


def style(form: forms.BaseForm) -> forms.BaseForm:
    """Give every widget its Bootstrap class."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)
    return form


class CouncilForm(forms.Form):
    """Set up a council for an authority in the user's scope."""

    authority_unit = forms.ModelChoiceField(label=_("Authority"), queryset=Unit.objects.none())
    name = forms.CharField(label=_("Name"), max_length=255)
    rules_key = forms.CharField(label=_("Council key in the rule pack"), max_length=40, required=False)
    rules_note = forms.CharField(
        label=_("Working rules"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority_unit"].queryset = units  # type: ignore[attr-defined]
        style(self)


class MemberForm(forms.Form):
    """Seat a user on the council."""

    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    valid_from = _date_field(_("From"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)

    def clean_username(self) -> User:
        user = User.objects.filter(username=self.cleaned_data["username"].strip(), is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active user has this user name."))
        return user


class SessionForm(forms.Form):
    """Plan a session."""

    held_on = _date_field(_("Held on"))
    place = forms.CharField(label=_("Place"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class AttendanceForm(forms.Form):
    """Tick the members who are absent."""

    absent = forms.ModelMultipleChoiceField(
        label=_("Absent members"),
        queryset=CouncilMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["absent"].queryset = members  # type: ignore[attr-defined]


class AgendaItemForm(forms.Form):
    """Put a labelled question on the agenda."""

    label = forms.CharField(label=_("Label"), max_length=300)
    award_code = forms.CharField(label=_("Award code"), max_length=30, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class PollOpenForm(forms.Form):
    """Open a poll on some agenda items."""

    method = forms.ChoiceField(label=_("Method"), choices=PollMethod.choices)
    items = forms.ModelMultipleChoiceField(
        label=_("Items"), queryset=AgendaItem.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items  # type: ignore[attr-defined]
        style(self)


class ChoicesForm(forms.Form):
    """One row per agenda item with Agree / Disagree / No vote (the ballot and the named vote)."""

    def __init__(self, *args: Any, items: Iterable[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=item.label, choices=Choice.choices, widget=forms.RadioSelect
            )

    def rows(self) -> list[tuple[AgendaItem, Any]]:
        """Return each item with its bound field."""
        return [(item, self[f"item_{item.pk}"]) for item in self.items]

    def choices(self) -> dict[int, str]:
        """Return the chosen answer per item id."""
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] for item in self.items}


class CountsForm(forms.Form):
    """Whole-number counts per agenda item (paper ballots, or absentees' written votes)."""

    LABELS: dict[str, Any] = {
        "yes": _("Agree"),
        "no": _("Disagree"),
        "abstain": _("No vote"),
        "invalid": _("Invalid"),
        "ballots_issued": _("Ballots issued"),
        "ballots_returned": _("Ballots returned"),
    }

    def __init__(
        self, *args: Any, items: Iterable[AgendaItem], fields: tuple[str, ...], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.count_fields = fields
        for item in self.items:
            for name in fields:
                self.fields[f"i{item.pk}_{name}"] = forms.IntegerField(
                    label=self.LABELS[name],
                    min_value=0,
                    initial=0,
                    widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}),
                )

    def rows(self) -> list[tuple[AgendaItem, list[Any]]]:
        """Return each item with its bound count fields."""
        return [(item, [self[f"i{item.pk}_{n}"] for n in self.count_fields]) for item in self.items]

    def counts(self) -> dict[int, dict[str, int]]:
        """Return the counts per item id."""
        return {i.pk: {n: self.cleaned_data[f"i{i.pk}_{n}"] for n in self.count_fields} for i in self.items}


def paper_form(*args: Any, items: Iterable[AgendaItem], **kwargs: Any) -> CountsForm:
    """Return the paper count form."""
    return CountsForm(*args, items=items, fields=PAPER_FIELDS, **kwargs)


def written_form(*args: Any, items: Iterable[AgendaItem], **kwargs: Any) -> CountsForm:
    """Return the written-votes form."""
    return CountsForm(*args, items=items, fields=WRITTEN_FIELDS, **kwargs)


class ReasonForm(forms.Form):
    """Say why."""

    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )


class IssueForm(forms.Form):
    """Pick the date of an issued document."""

    issued_on = _date_field(_("Issued on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)

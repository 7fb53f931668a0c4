"""Forms of the scoring screens. Text is normalised to NFC; services do the real checks."""

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.text import clean_text
from thidua.organization.models import Unit
from thidua.scoring.models import (
    ClusterKind,
    CriterionGroup,
    CriterionKind,
    CriterionSource,
    Formula,
    MemberRole,
    Scorecard,
)


class CleanCharField(forms.CharField):
    """A one-line text field stored as NFC with collapsed white space."""

    def to_python(self, value: Any) -> str:
        return clean_text(super().to_python(value) or "")


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(field, forms.ChoiceField):
            css = "form-select"
        else:
            css = "form-control"
        field.widget.attrs.setdefault("class", css)


class StyledForm(forms.Form):
    """A form whose widgets carry Bootstrap classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class ClusterForm(StyledForm):
    """Create or edit a cluster."""

    name = CleanCharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=ClusterKind.choices)
    owner = forms.ModelChoiceField(label=_("Organised by"), queryset=Unit.objects.none())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners.order_by("path")  # type: ignore[attr-defined]


class MembershipForm(StyledForm):
    """Add a unit to the cluster for a year, or change its role."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("sort_key")  # type: ignore[attr-defined]


class CopyMembersForm(StyledForm):
    """Carry one year's members into another."""

    from_year = forms.IntegerField(label=_("From year"), min_value=2000, max_value=2100)
    to_year = forms.IntegerField(label=_("To year"), min_value=2000, max_value=2100)


class CovenantForm(StyledForm):
    """Record the signed covenant of a year."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    signed_on = forms.DateField(
        label=_("Signed on"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )
    text = forms.CharField(label=_("Commitments"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label=_("Signed copy (PDF, image, DOCX)"), required=False)


class ScorecardForm(StyledForm):
    """Start a scorecard for a year, empty or as a copy of an earlier one."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = CleanCharField(label=_("Title"), max_length=255)
    bonus_cap = forms.DecimalField(
        label=_("Bonus cap (points)"), required=False, min_value=0, decimal_places=2
    )
    copy_from = forms.ModelChoiceField(
        label=_("Copy the criteria of"),
        queryset=Scorecard.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, scorecards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = scorecards  # type: ignore[attr-defined]


class GroupForm(StyledForm):
    """Add a group of criteria."""

    name = CleanCharField(label=_("Group name"), max_length=255)


class CriterionForm(StyledForm):
    """Add a criterion to a group."""

    group = forms.ModelChoiceField(label=_("Group"), queryset=CriterionGroup.objects.none())
    code = CleanCharField(label=_("Code"), max_length=20)
    name = CleanCharField(label=_("Criterion"), max_length=500)
    max_points = forms.DecimalField(label=_("Maximum points"), min_value=0, decimal_places=2)
    kind = forms.ChoiceField(label=_("Counts as"), choices=CriterionKind.choices)
    source = forms.ChoiceField(label=_("Score comes from"), choices=CriterionSource.choices)
    indicator_code = CleanCharField(label=_("Target indicator code"), max_length=40, required=False)
    formula = forms.ChoiceField(label=_("Formula"), choices=Formula.choices)
    formula_params = forms.CharField(
        label=_("Formula parameters (JSON)"),
        required=False,
        help_text=_('E.g. {"floor": "0.5"} or {"bands": [["0.8", "0.5"], ["1", "1"]]}'),
    )
    guidance = forms.CharField(
        label=_("Guidance and evidence required"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]

    def clean_formula_params(self) -> dict[str, Any]:
        raw = (self.cleaned_data.get("formula_params") or "").strip()
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            raise forms.ValidationError(_("Write the parameters as JSON.")) from None
        if not isinstance(value, dict):
            raise forms.ValidationError(_("Write the parameters as a JSON object."))
        return value


class EvidenceForm(forms.Form):
    """Upload one proof file for a criterion."""

    file = forms.FileField(label=_("Evidence file"))


class NoteForm(StyledForm):
    """A reason or note for a step of the scorecard."""

    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

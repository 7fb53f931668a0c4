"""Filters of the report pages: the year, a unit in the user's scope, an awarding office, an indicator."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.awards.validation import office_choices
from thidua.organization.models import Unit
from thidua.targets.models import Indicator

MIN_YEAR, MAX_YEAR = 1945, 2100
UNIT_CHOICES_LIMIT = 400


def report_units(scope: QuerySet[Unit]) -> QuerySet[Unit]:
    """Return the units offered as report roots: the top of the scope and two levels below, by path."""
    top = scope.order_by("depth").values_list("depth", flat=True).first()
    if top is None:
        return scope.none()
    return scope.filter(depth__lte=top + 2).order_by("path")[:UNIT_CHOICES_LIMIT]


class _UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * max(obj.depth - self.top_depth, 0)}{obj.name}"

    top_depth = 0


class YearReportForm(forms.Form):
    """The year report's filters."""

    year = forms.IntegerField(label=_("Evaluation year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    unit = _UnitChoice(label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=None)
    office = forms.ChoiceField(label=_("Awarding office"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, _UnitChoice)
        ids = list(report_units(units).values_list("pk", flat=True))
        field.queryset = Unit.objects.filter(pk__in=ids).order_by("path")
        field.top_depth = min((u for u in field.queryset.values_list("depth", flat=True)), default=0)
        office = self.fields["office"]
        assert isinstance(office, forms.ChoiceField)
        office.choices = [("", _("Every awarding office")), *office_choices()]


class TargetsReportForm(forms.Form):
    """The targets report's filters."""

    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    unit = _UnitChoice(label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=None)
    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.none(),
        required=False,
        empty_label=_("Every indicator"),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, _UnitChoice)
        ids = list(report_units(units).values_list("pk", flat=True))
        field.queryset = Unit.objects.filter(pk__in=ids).order_by("path")
        field.top_depth = min((u for u in field.queryset.values_list("depth", flat=True)), default=0)
        indicator = self.fields["indicator"]
        assert isinstance(indicator, forms.ModelChoiceField)
        indicator.queryset = Indicator.objects.filter(is_active=True).order_by("display_order", "code")

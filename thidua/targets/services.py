"""Writes of the targets app: indicators, plans and reported actuals. Atomic, audited; callers authorise."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record, changed, snapshot
from thidua.core.errors import ValidationFailed
from thidua.core.text import clean_text
from thidua.organization.models import Unit
from thidua.targets.models import (
    PERIOD_COUNT,
    Aggregation,
    Direction,
    Indicator,
    IndicatorKind,
    PeriodKind,
    Target,
    TargetActual,
)
from thidua.targets.sentences import SentenceStyle

MIN_YEAR, MAX_YEAR = 1990, 2100
STORED_PLACES = 4
INDICATOR_FIELDS = (
    "name",
    "phrase",
    "value_verb",
    "short_name",
    "unit_of_measure",
    "direction",
    "kind",
    "aggregation",
    "decimals",
    "sentence_style",
    "display_order",
    "is_active",
)
_RATIO_STYLES = {SentenceStyle.RATIO.value, SentenceStyle.COUNT_RATIO.value}


def to_decimal(value: Any, field: str, *, required: bool = True) -> Decimal | None:
    """Return `value` as a Decimal with at most four decimal places; floats are refused."""
    if value is None or value == "":
        if required:
            raise ValidationFailed(_("A figure is missing."), {field: [_("Enter a number.")]})
        return None
    if isinstance(value, float):
        raise TypeError("Figures are Decimal, never float.")
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationFailed(_("A figure is not a number."), {field: [_("Enter a number.")]}) from None
    if not number.is_finite():
        raise ValidationFailed(_("A figure is not a number."), {field: [_("Enter a number.")]})
    if abs(number) >= Decimal(10) ** 16:
        raise ValidationFailed(_("A figure is too large."), {field: [_("The number is too large.")]})
    stored = number.quantize(Decimal(1).scaleb(-STORED_PLACES))
    if number != stored:
        raise ValidationFailed(
            _("Too many decimal places."), {field: [_("Use at most four decimal places.")]}
        )
    return stored  # as the database gives it back, so before/after snapshots compare equal


def _validate_indicator(ind: Indicator) -> None:
    errors: dict[str, list[str]] = {}
    if not ind.code:
        errors["code"] = [_("The code is missing.")]
    elif Indicator.objects.filter(code=ind.code).exclude(pk=ind.pk).exists():
        errors["code"] = [_("An indicator with this code already exists.")]
    if not ind.name:
        errors["name"] = [_("The name is missing.")]
    if not ind.unit_of_measure:
        errors["unit_of_measure"] = [_("The unit of measure is missing.")]
    if ind.direction not in Direction.values:
        errors["direction"] = [_("Choose a valid direction.")]
    if ind.kind not in IndicatorKind.values:
        errors["kind"] = [_("Choose a valid kind.")]
    if ind.aggregation not in Aggregation.values:
        errors["aggregation"] = [_("Choose a valid roll-up.")]
    elif ind.kind == IndicatorKind.RATE and ind.aggregation == Aggregation.SUM:
        errors["aggregation"] = [_("Rates do not add up; weight them or do not roll them up.")]
    if ind.sentence_style not in SentenceStyle._value2member_map_:
        errors["sentence_style"] = [_("Choose a valid sentence style.")]
    elif (ind.sentence_style in _RATIO_STYLES) != (ind.kind == IndicatorKind.RATIO):
        errors["sentence_style"] = [_("Counts out of a whole, and only they, use the ratio sentence styles.")]
    if not 0 <= ind.decimals <= STORED_PLACES:
        errors["decimals"] = [_("Use between 0 and 4 decimal places.")]
    if errors:
        raise ValidationFailed(_("The indicator is not valid."), errors)


def _clean_indicator_text(ind: Indicator) -> None:
    for name in ("code", "name", "phrase", "value_verb", "short_name", "unit_of_measure"):
        setattr(ind, name, clean_text(getattr(ind, name) or ""))


@transaction.atomic
def indicator_create(
    *,
    actor: Any,
    code: str,
    name: str,
    unit_of_measure: str,
    direction: str = Direction.HIGHER,
    kind: str = IndicatorKind.VALUE,
    aggregation: str = Aggregation.SUM,
    decimals: int = 0,
    sentence_style: str = SentenceStyle.VALUE.value,
    display_order: int = 0,
    phrase: str = "",
    value_verb: str = "",
    short_name: str = "",
    is_active: bool = True,
    reason: str = "",
) -> Indicator:
    """Add an indicator to the catalogue."""
    ind = Indicator(
        code=code,
        name=name,
        unit_of_measure=unit_of_measure,
        direction=direction,
        kind=kind,
        aggregation=aggregation,
        decimals=decimals,
        sentence_style=sentence_style,
        display_order=display_order,
        phrase=phrase,
        value_verb=value_verb,
        short_name=short_name,
        is_active=is_active,
    )
    _clean_indicator_text(ind)
    _validate_indicator(ind)
    ind.save()
    audit_record(actor=actor, action="indicator.create", obj=ind, after=snapshot(ind), reason=reason)
    return ind


@transaction.atomic
def indicator_update(*, actor: Any, indicator: Indicator, reason: str = "", **fields: Any) -> Indicator:
    """Change an indicator's wording, kind or order (its code stays)."""
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"Unknown indicator fields: {sorted(unknown)}")
    ind = Indicator.objects.select_for_update().get(pk=indicator.pk)
    before = snapshot(ind)
    for name, value in fields.items():
        setattr(ind, name, value)
    _clean_indicator_text(ind)
    _validate_indicator(ind)
    ind.save()
    old, new = changed(before, snapshot(ind))
    if new:
        audit_record(actor=actor, action="indicator.update", obj=ind, before=old, after=new, reason=reason)
    return ind


def _check_year(year: int) -> None:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationFailed(_("The year is not valid."), {"year": [_("Enter a year such as 2020.")]})


def _check_figure(
    indicator: Indicator,
    field: str,
    value: Decimal | None,
    whole: Decimal | None,
    errors: dict[str, list[str]],
) -> None:
    if value is None:
        return
    if indicator.kind != IndicatorKind.VALUE and value < 0:
        errors.setdefault(field, []).append(_("Counts and rates cannot be negative."))
    if indicator.kind == IndicatorKind.RATE and value > 100:
        errors.setdefault(field, []).append(_("A rate cannot exceed 100%."))
    if indicator.kind == IndicatorKind.RATIO and whole is not None and value > whole:
        errors.setdefault(field, []).append(_("The count cannot exceed the whole."))


@transaction.atomic
def target_set(
    *,
    actor: Any,
    unit: Unit,
    indicator: Indicator,
    year: int,
    planned: Any,
    previous_actual: Any = None,
    denominator: Any = None,
    note: str = "",
    reason: str = "",
) -> Target:
    """Set a unit's plan for an indicator and year (creating the target or changing it)."""
    _check_year(year)
    values = {
        "planned": to_decimal(planned, "planned", required=False),
        "previous_actual": to_decimal(previous_actual, "previous_actual", required=False),
        "denominator": to_decimal(denominator, "denominator", required=False),
    }
    errors: dict[str, list[str]] = {}
    whole = values["denominator"]
    if whole is not None and whole <= 0:
        errors["denominator"] = [_("The whole must be greater than zero.")]
    _check_figure(indicator, "planned", values["planned"], whole, errors)
    _check_figure(indicator, "previous_actual", values["previous_actual"], whole, errors)
    target = Target.objects.select_for_update().filter(unit=unit, indicator=indicator, year=year).first()
    if target is None and not indicator.is_active:
        errors["indicator"] = [_("This indicator is no longer in use.")]
    if errors:
        raise ValidationFailed(_("The target is not valid."), errors)
    note = clean_text(note)
    if target is None:
        target = Target.objects.create(unit=unit, indicator=indicator, year=year, note=note, **values)
        audit_record(actor=actor, action="target.create", obj=target, after=snapshot(target), reason=reason)
        return target
    before = snapshot(target)
    for name, value in values.items():
        setattr(target, name, value)
    target.note = note
    target.save()
    old, new = changed(before, snapshot(target))
    if new:
        audit_record(actor=actor, action="target.update", obj=target, before=old, after=new, reason=reason)
    return target


@transaction.atomic
def actual_report(
    *,
    actor: Any,
    target: Target,
    period_kind: str,
    period_index: int,
    value: Any,
    reported_on: date,
    denominator: Any = None,
    reason: str = "",
) -> TargetActual:
    """Record the actual of a target at the end of a period (replacing an earlier report of that period)."""
    errors: dict[str, list[str]] = {}
    if period_kind not in PeriodKind.values:
        errors["period_kind"] = [_("Choose a valid period.")]
    elif not isinstance(period_index, int) or not 1 <= period_index <= PERIOD_COUNT[PeriodKind(period_kind)]:
        errors["period_index"] = [_("The period number is out of range.")]
    number = to_decimal(value, "value")
    assert number is not None
    whole = to_decimal(denominator, "denominator", required=False)
    if whole is not None and whole <= 0:
        errors["denominator"] = [_("The whole must be greater than zero.")]
    target = Target.objects.select_for_update().select_related("indicator").get(pk=target.pk)
    _check_figure(
        target.indicator, "value", number, whole if whole is not None else target.denominator, errors
    )
    if reported_on < date(target.year, 1, 1):
        errors["reported_on"] = [_("An actual cannot be reported before its year begins.")]
    if errors:
        raise ValidationFailed(_("The actual is not valid."), errors)
    actual = TargetActual.objects.filter(
        target=target, period_kind=period_kind, period_index=period_index
    ).first()
    reporter = actor if getattr(actor, "pk", None) else None
    if actual is None:
        actual = TargetActual.objects.create(
            target=target,
            period_kind=period_kind,
            period_index=period_index,
            value=number,
            denominator=whole,
            reported_on=reported_on,
            reported_by=reporter,
        )
        audit_record(
            actor=actor, action="target_actual.report", obj=actual, after=snapshot(actual), reason=reason
        )
        return actual
    before = snapshot(actual)
    actual.value = number
    actual.denominator = whole
    actual.reported_on = reported_on
    actual.reported_by = reporter
    actual.save()
    old, new = changed(before, snapshot(actual))
    if new:
        audit_record(
            actor=actor, action="target_actual.correct", obj=actual, before=old, after=new, reason=reason
        )
    return actual

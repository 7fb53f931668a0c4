"""Reads of the targets app: a unit's table for a year, its sentences, roll-ups and completion for scoring."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from thidua.organization.models import Unit
from thidua.targets import calculation
from thidua.targets.calculation import Assessment, Figures, assess
from thidua.targets.models import (
    PERIOD_MONTHS,
    Aggregation,
    Indicator,
    IndicatorKind,
    PeriodKind,
    Target,
    TargetActual,
)
from thidua.targets.sentences import as_sentence, clause, paragraph

_KIND_RANK = {PeriodKind.YEAR: 0, PeriodKind.HALF: 1, PeriodKind.QUARTER: 2, PeriodKind.MONTH: 3}


def _period_key(actual: TargetActual) -> tuple[int, int]:
    # The latest period wins; at the same end month the longer period does (Năm over Quý 4 over Tháng 12).
    return (
        PERIOD_MONTHS[PeriodKind(actual.period_kind)] * actual.period_index,
        -_KIND_RANK[PeriodKind(actual.period_kind)],
    )


def latest_actual(actuals: Iterable[TargetActual]) -> TargetActual | None:
    """Return the actual of the latest period reported (the year's when there is one)."""
    return max(actuals, key=_period_key, default=None)


def year_actual(actuals: Iterable[TargetActual]) -> TargetActual | None:
    """Return the actual reported for the whole year, if any."""
    return next((a for a in actuals if a.period_kind == PeriodKind.YEAR), None)


@dataclass(frozen=True)
class TargetRow:
    """One line of a unit's targets for a year, with everything computed."""

    target: Target
    actual: TargetActual | None  # the year's actual, else the latest period's
    assessment: Assessment
    clause: str | None  # the generated words, from the year's actual only

    @property
    def indicator(self) -> Indicator:
        return self.target.indicator

    @property
    def is_final(self) -> bool:
        """Tell whether the figures are the whole year's (not a period's progress)."""
        return self.actual is not None and self.actual.period_kind == PeriodKind.YEAR

    @property
    def sentence(self) -> str | None:
        return None if self.clause is None else as_sentence(self.clause)


def figures_for(target: Target, actual: TargetActual | None) -> Figures:
    """Return the calculation inputs of a target with one of its actuals."""
    ind = target.indicator
    whole = None
    if ind.kind == IndicatorKind.RATIO:
        whole = actual.effective_denominator if actual is not None else target.denominator
    return Figures(
        direction=calculation.Direction(ind.direction),
        actual=actual.value if actual is not None else None,
        planned=target.planned,
        previous=target.previous_actual,
        denominator=whole,
    )


def _row(target: Target) -> TargetRow:
    actuals = list(target.actuals.all())
    final = year_actual(actuals)
    shown = final or latest_actual(actuals)
    words = None
    if final is not None:
        words = clause(target.indicator.wording, figures_for(target, final), year=target.year)
    return TargetRow(target=target, actual=shown, assessment=assess(figures_for(target, shown)), clause=words)


def targets_of(units: QuerySet[Unit] | Iterable[Unit], *, year: int) -> QuerySet[Target]:
    """Return the targets of `units` for `year` with their indicators, units and actuals loaded."""
    return (
        Target.objects.filter(unit__in=units, year=year)
        .select_related("indicator", "unit")
        .prefetch_related(Prefetch("actuals", queryset=TargetActual.objects.order_by("period_kind")))
        .order_by("unit__path", "indicator__display_order", "indicator__code")
    )


def target_rows(*, unit: Unit, year: int, active_only: bool = False) -> list[TargetRow]:
    """Return a unit's targets for a year in display order, computed."""
    qs = targets_of([unit], year=year)
    if active_only:
        qs = qs.filter(indicator__is_active=True)
    return [_row(t) for t in qs]


def opening_assessment_clauses(unit: Unit, year: int) -> list[str]:
    """Return the generated clauses of a unit's year (no capital, no full stop), in display order."""
    return [r.clause for r in target_rows(unit=unit, year=year, active_only=True) if r.clause]


def opening_assessment_sentences(unit: Unit, year: int) -> list[str]:
    """Return the generated sentences of a unit's year, in the indicators' display order."""
    return [as_sentence(c) for c in opening_assessment_clauses(unit, year)]


def opening_assessment_paragraph(unit: Unit, year: int, *, lead_in: str | None = None) -> str:
    """Return the year's results as one paragraph: "Kết thúc năm 2020, thu nhập … Thu ngân sách …"."""
    lead = f"Kết thúc năm {year}, " if lead_in is None else lead_in
    return paragraph(opening_assessment_clauses(unit, year), lead_in=lead)


def target_completion(*, unit: Unit, year: int, indicator_code: str) -> Decimal | None:
    """Return the direction-aware completion ratio of a unit's target (1 = 100 %) from the year's actual.

    None when there is no target, no plan or no actual for the year. The ratio is rounded half up to
    six decimal places.
    """
    target = (
        Target.objects.filter(unit=unit, year=year, indicator__code=indicator_code)
        .select_related("indicator")
        .first()
    )
    if target is None:
        return None
    final = target.actuals.filter(period_kind=PeriodKind.YEAR).first()
    ratio = calculation.completion_ratio(
        final.value if final is not None else None,
        target.planned,
        calculation.Direction(target.indicator.direction),
    )
    return None if ratio is None else calculation.round_half_up(ratio, calculation.RATIO_PLACES)


def years_with_targets(units: QuerySet[Unit]) -> list[int]:
    """Return the years for which any of `units` has targets, newest first."""
    return sorted(set(Target.objects.filter(unit__in=units).values_list("year", flat=True)), reverse=True)


def active_indicators() -> QuerySet[Indicator]:
    """Return the indicators in use, in display order."""
    return Indicator.objects.filter(is_active=True).order_by("display_order", "code")


def unit_active_in_year_q(year: int, prefix: str = "") -> Q:
    """Return a filter for units that existed at some time during `year`."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": end})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": start})
    )


@dataclass(frozen=True)
class Contribution:
    """One lower unit's figures in a roll-up."""

    target: Target
    actual: Decimal | None  # the year's actual; None when not yet reported
    weight: Decimal | None  # the whole of a count, or the weight of a rate (households …)

    @property
    def unit(self) -> Unit:
        return self.target.unit


@dataclass(frozen=True)
class Rollup:
    """An indicator added up from the units below `unit` for one year."""

    unit: Unit
    indicator: Indicator
    year: int
    contributions: list[Contribution]
    missing: list[Unit]  # units like the contributors that have no target
    planned: Decimal | None
    actual: Decimal | None
    previous: Decimal | None
    denominator: Decimal | None
    own: TargetRow | None  # the unit's own target, to compare with the sum

    @property
    def rolls_up(self) -> bool:
        return self.indicator.aggregation != Aggregation.NONE

    @property
    def not_reported(self) -> list[Unit]:
        """Return the contributing units without a year's actual."""
        return [c.unit for c in self.contributions if c.actual is None]

    @property
    def unweighted(self) -> list[Unit]:
        """Return the units whose rate cannot be weighted (no denominator)."""
        if self.indicator.aggregation != Aggregation.WEIGHTED:
            return []
        return [c.unit for c in self.contributions if c.weight is None]

    @property
    def is_complete(self) -> bool:
        return not (self.missing or self.not_reported or self.unweighted)

    @property
    def assessment(self) -> Assessment:
        whole = self.denominator if self.indicator.kind == IndicatorKind.RATIO else None
        return assess(
            Figures(
                direction=calculation.Direction(self.indicator.direction),
                actual=self.actual,
                planned=self.planned,
                previous=self.previous,
                denominator=whole,
            )
        )


def _prefixes(path: str) -> list[str]:
    """Return the paths of a unit and its ancestors: "/1/4/9/" → ["/1/", "/1/4/", "/1/4/9/"]."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _frontier(targets: list[Target]) -> list[Target]:
    """Keep the highest targets of each branch, so a commune and its school are not both counted."""
    kept: list[Target] = []
    kept_paths: set[str] = set()
    for t in sorted(targets, key=lambda t: t.unit.path):
        if not any(p in kept_paths for p in _prefixes(t.unit.path)):
            kept.append(t)
            kept_paths.add(t.unit.path)
    return kept


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _weighted(pairs: Iterable[tuple[Decimal | None, Decimal | None]]) -> Decimal | None:
    return calculation.weighted_mean([(v, w) for v, w in pairs if v is not None and w is not None])


def _missing_units(unit: Unit, year: int, kept: list[Target]) -> list[Unit]:
    if not kept:
        return []
    kinds = {t.unit.kind for t in kept}
    depths = {t.unit.depth for t in kept}
    covered = {t.unit.path for t in kept}
    # A candidate is covered when it or an ancestor contributes, or when it is above a contributor.
    above = {p for t in kept for p in _prefixes(t.unit.path)}
    candidates = (
        Unit.objects.filter(path__startswith=unit.path, kind__in=kinds, depth__in=depths)
        .exclude(pk=unit.pk)
        .filter(unit_active_in_year_q(year))
        .order_by("sort_key")
    )
    return [u for u in candidates if u.path not in above and not any(p in covered for p in _prefixes(u.path))]


def rollup(unit: Unit, indicator: Indicator, year: int) -> Rollup:
    """Add up an indicator over the units below `unit` that have targets for `year`.

    SUM adds plans, actuals, previous figures and wholes; WEIGHTED takes the mean of rates weighted by
    their denominators; NONE lists the lower figures without a total. Only the highest target of each
    branch counts. Units of the same kind and depth as the contributors without a target are `missing`.
    """
    below = list(
        targets_of(Unit.objects.filter(path__startswith=unit.path).exclude(pk=unit.pk), year=year).filter(
            indicator=indicator
        )
    )
    kept = _frontier(below)
    contributions: list[Contribution] = []
    for t in kept:
        final = year_actual(t.actuals.all())
        weight = final.effective_denominator if final is not None else t.denominator
        contributions.append(Contribution(t, final.value if final is not None else None, weight))
    own_target = targets_of([unit], year=year).filter(indicator=indicator).first()
    own = _row(own_target) if own_target is not None else None
    totals: dict[str, Decimal | None] = {
        "planned": None,
        "actual": None,
        "previous": None,
        "denominator": None,
    }
    if indicator.aggregation == Aggregation.SUM:
        totals = {
            "planned": _sum(c.target.planned for c in contributions),
            "actual": _sum(c.actual for c in contributions),
            "previous": _sum(c.target.previous_actual for c in contributions),
            "denominator": _sum(c.weight for c in contributions),
        }
    elif indicator.aggregation == Aggregation.WEIGHTED:
        totals = {
            "planned": _weighted((c.target.planned, c.target.denominator) for c in contributions),
            "actual": _weighted((c.actual, c.weight) for c in contributions),
            "previous": _weighted((c.target.previous_actual, c.target.denominator) for c in contributions),
            "denominator": _sum(c.weight for c in contributions if c.actual is not None),
        }
    return Rollup(
        unit=unit,
        indicator=indicator,
        year=year,
        contributions=contributions,
        missing=_missing_units(unit, year, kept),
        own=own,
        **totals,
    )


def rollups(unit: Unit, year: int) -> list[Rollup]:
    """Return the roll-up of every indicator that the units below `unit` plan for `year`."""
    ids = (
        Target.objects.filter(unit__path__startswith=unit.path, year=year)
        .exclude(unit=unit)
        .values_list("indicator_id", flat=True)
        .distinct()
    )
    return [
        rollup(unit, ind, year)
        for ind in Indicator.objects.filter(pk__in=list(ids)).order_by("display_order", "code")
    ]

"""Pure arithmetic of targets: completion of the plan, change against last year, shares of a whole.

No Django here. Every figure is a `Decimal`; floats never enter. Rounding is explicit and half-up
(the way officials round by hand: 203,65% → 203,7%), applied only when a figure is shown or compared,
never in the middle of a calculation.

Rules
- A percentage shown to people (percent of plan, change in %, share 26/34) is rounded half up to
  one decimal place (`PERCENT_PLACES`).
- Completion ratio (1 = 100 %): actual ÷ planned when higher is better; planned ÷ actual when lower is
  better (a poverty rate of 6,9% against a planned 7,72% completes the plan at 111,9%). It is undefined
  (None) without a plan, with a plan of zero, or, when lower is better, with an actual of zero.
- Against the plan an actual is EXCEEDED, MET or MISSED by the absolute gap |actual − planned|; when
  lower is better, "exceeded" means below the planned level ("vượt 0,82% KH giao").
- Change against the previous year: absolute (actual − previous) and relative ((actual − previous) ÷
  previous), the latter undefined when the previous figure is zero.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

PERCENT_PLACES = 1
RATIO_PLACES = 6  # precision of the completion ratio handed to other apps (0,0001 %)
HUNDRED = Decimal(100)


class Direction(StrEnum):
    """Which way an indicator improves."""

    HIGHER = "HIGHER"  # more is better: income, revenue, area, schools
    LOWER = "LOWER"  # less is better: the poverty rate, accidents


class Outcome(StrEnum):
    """Where an actual stands against its plan, direction-aware."""

    EXCEEDED = "EXCEEDED"  # beyond the plan in the good direction ("vượt KH")
    MET = "MET"  # exactly the plan ("đạt KH")
    MISSED = "MISSED"  # short of the plan ("chưa đạt KH")


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round `value` half up (away from zero on a 5) to `places` decimal places."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(ratio: Decimal | None) -> Decimal | None:
    """Turn a ratio (1 = 100 %) into a percentage rounded half up to one decimal: 2.036923 → 203.7."""
    if ratio is None:
        return None
    return round_half_up(ratio * HUNDRED, PERCENT_PLACES)


def share(numerator: Decimal, denominator: Decimal | None) -> Decimal | None:
    """Return numerator ÷ denominator (26/34 → 0.7647…), or None without a positive denominator."""
    if denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def completion_ratio(actual: Decimal | None, planned: Decimal | None, direction: Direction) -> Decimal | None:
    """Return how far the plan is completed (1 = 100 %), inverted when lower is better."""
    if actual is None or planned is None or planned == 0:
        return None
    if direction == Direction.LOWER:
        if actual == 0:
            return None
        return planned / actual
    return actual / planned


def outcome(actual: Decimal, planned: Decimal, direction: Direction) -> Outcome:
    """Tell whether `actual` exceeded, met or missed `planned`, in the indicator's direction."""
    if actual == planned:
        return Outcome.MET
    better = actual > planned if direction == Direction.HIGHER else actual < planned
    return Outcome.EXCEEDED if better else Outcome.MISSED


@dataclass(frozen=True)
class PlanGap:
    """The outcome against the plan and by how much (always ≥ 0, in the indicator's unit)."""

    outcome: Outcome
    by: Decimal


def plan_gap(actual: Decimal | None, planned: Decimal | None, direction: Direction) -> PlanGap | None:
    """Return the outcome against the plan with the absolute gap, or None without both figures."""
    if actual is None or planned is None:
        return None
    return PlanGap(outcome(actual, planned, direction), abs(actual - planned))


@dataclass(frozen=True)
class Change:
    """Change against the previous year: absolute, and relative as a ratio (0.658 = +65,8 %)."""

    absolute: Decimal
    relative: Decimal | None

    @property
    def relative_pct(self) -> Decimal | None:
        """Return the relative change as a percentage rounded to one decimal."""
        return percent(self.relative)


def change(actual: Decimal | None, previous: Decimal | None) -> Change | None:
    """Return the change from `previous` to `actual`, or None without both figures."""
    if actual is None or previous is None:
        return None
    relative = (actual - previous) / previous if previous != 0 else None
    return Change(actual - previous, relative)


@dataclass(frozen=True)
class Figures:
    """The inputs of one indicator for one unit and year."""

    direction: Direction
    actual: Decimal | None
    planned: Decimal | None = None
    previous: Decimal | None = None
    denominator: Decimal | None = None  # for ratio indicators: 26 of *34* schools


@dataclass(frozen=True)
class Assessment:
    """Everything computed from `Figures`, ready to be shown or put into words."""

    figures: Figures
    completion: Decimal | None  # ratio, 1 = 100 %
    completion_pct: Decimal | None  # rounded to one decimal
    gap: PlanGap | None
    change: Change | None
    share_pct: Decimal | None  # 76.5 for 26/34

    @property
    def met_plan(self) -> bool | None:
        """Tell whether the plan was met or exceeded (None without a plan or an actual)."""
        return None if self.gap is None else self.gap.outcome != Outcome.MISSED


def assess(figures: Figures) -> Assessment:
    """Compute completion, gap, change and share for one indicator's figures."""
    ratio = completion_ratio(figures.actual, figures.planned, figures.direction)
    share_value = share(figures.actual, figures.denominator) if figures.actual is not None else None
    return Assessment(
        figures=figures,
        completion=ratio,
        completion_pct=percent(ratio),
        gap=plan_gap(figures.actual, figures.planned, figures.direction),
        change=change(figures.actual, figures.previous),
        share_pct=percent(share_value),
    )


def weighted_mean(pairs: list[tuple[Decimal, Decimal]]) -> Decimal | None:
    """Return Σ(value × weight) ÷ Σ weight over (value, weight) pairs; None when the weights sum to 0."""
    total_weight = sum((w for _v, w in pairs), Decimal(0))
    if total_weight <= 0:
        return None
    return sum((v * w for v, w in pairs), Decimal(0)) / total_weight

"""Pure scoring arithmetic: per-unit totals, ranking with tie rules, points from target completion.

No Django here: the services and the benchmark feed plain values in and get plain values out.
All arithmetic is `Decimal`; points are kept to two decimal places (half up), as the scorecards print them.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

ZERO = Decimal(0)
ONE = Decimal(1)
CENT = Decimal("0.01")


class Kind(StrEnum):
    """How a criterion counts toward the total (mirrors `CriterionKind`)."""

    BASE = "BASE"  # scored up to its maximum; the sum of these is the base total
    BONUS = "BONUS"  # added on top, up to the scorecard's bonus cap
    PENALTY = "PENALTY"  # points removed


class Formula(StrEnum):
    """How a target's completion ratio becomes points (mirrors `Criterion.formula`)."""

    LINEAR = "LINEAR"  # max × min(ratio, 1)
    THRESHOLD = "THRESHOLD"  # full at ≥ 100 %, proportional below, zero under a floor
    STEP = "STEP"  # bands: the highest band reached gives a share of the maximum
    PASS_FAIL = "PASS_FAIL"  # noqa: S105 - not a password; full when the ratio reaches a threshold, else zero


class TieRule(StrEnum):
    """How two equal totals are told apart, applied in the scorecard's order."""

    BASE_TOTAL = "BASE_TOTAL"  # higher base total first
    FEWER_PENALTIES = "FEWER_PENALTIES"  # fewer penalty points first
    MORE_AT_MAXIMUM = "MORE_AT_MAXIMUM"  # more base criteria at their maximum first
    MORE_BONUS = "MORE_BONUS"  # more bonus points first


DEFAULT_TIE_RULES: tuple[str, ...] = (TieRule.BASE_TOTAL, TieRule.FEWER_PENALTIES, TieRule.MORE_AT_MAXIMUM)


def points(value: Decimal) -> Decimal:
    """Round to the two decimal places points are kept in."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class EntryScores:
    """The scores of one unit on one criterion, at each stage of checking."""

    kind: str
    max_points: Decimal
    self_score: Decimal | None = None
    head_score: Decimal | None = None
    verified_score: Decimal | None = None

    @property
    def effective(self) -> Decimal | None:
        """Return the most-verified score: Home Affairs, else cluster head, else the unit's own."""
        if self.verified_score is not None:
            return self.verified_score
        if self.head_score is not None:
            return self.head_score
        return self.self_score


@dataclass(frozen=True, slots=True)
class UnitTotal:
    """The totals of one unit on one scorecard."""

    unit: Any  # the caller's key for the unit, e.g. its id
    base_total: Decimal
    bonus_total: Decimal
    penalty_total: Decimal
    total: Decimal
    at_maximum: int  # base criteria scored at their maximum
    scored: int  # criteria with a score at some stage


def unit_total(unit: Any, entries: Iterable[EntryScores], *, bonus_cap: Decimal | None = None) -> UnitTotal:
    """Add up one unit's entries: base scores capped at each maximum, bonus up to `bonus_cap`, less penalties.

    A criterion without any score counts as zero (targets without data are left out of the sum, which for
    a sum is the same thing). Scores outside 0..max are clamped, so bad data cannot outweigh the scale.
    """
    base = bonus = penalty = ZERO
    at_max = scored = 0
    for entry in entries:
        score = entry.effective
        if score is None:
            continue
        scored += 1
        clamped = min(max(score, ZERO), entry.max_points)
        if entry.kind == Kind.BASE:
            base += clamped
            if clamped == entry.max_points:
                at_max += 1
        elif entry.kind == Kind.BONUS:
            bonus += clamped
        elif entry.kind == Kind.PENALTY:
            penalty += clamped
        else:
            raise ValueError(f"unknown criterion kind {entry.kind!r}")
    if bonus_cap is not None:
        bonus = min(bonus, bonus_cap)
    return UnitTotal(
        unit=unit,
        base_total=points(base),
        bonus_total=points(bonus),
        penalty_total=points(penalty),
        total=points(base + bonus - penalty),
        at_maximum=at_max,
        scored=scored,
    )


def totals(
    entries_by_unit: Mapping[Any, Iterable[EntryScores]], *, bonus_cap: Decimal | None = None
) -> list[UnitTotal]:
    """Return the totals of every unit in `entries_by_unit`."""
    return [unit_total(unit, entries, bonus_cap=bonus_cap) for unit, entries in entries_by_unit.items()]


@dataclass(frozen=True, slots=True)
class Ranked:
    """One unit's place: `rank` is shared ("1, 2, 2, 4") when every tie rule leaves units equal."""

    result: UnitTotal
    rank: int
    tied: bool


def _tie_key(result: UnitTotal, rule: str) -> Any:
    if rule == TieRule.BASE_TOTAL:
        return -result.base_total
    if rule == TieRule.FEWER_PENALTIES:
        return result.penalty_total
    if rule == TieRule.MORE_AT_MAXIMUM:
        return -result.at_maximum
    if rule == TieRule.MORE_BONUS:
        return -result.bonus_total
    raise ValueError(f"unknown tie rule {rule!r}")


def rank(
    results: Iterable[UnitTotal],
    tie_rules: Sequence[str] = DEFAULT_TIE_RULES,
    *,
    display_key: Callable[[UnitTotal], Any] | None = None,
) -> list[Ranked]:
    """Order units by total, then by each tie rule in turn; units still equal share a rank.

    `display_key` only orders units that share a rank (e.g. by name); it never changes a rank.
    """
    for rule in tie_rules:
        _tie_key(UnitTotal(None, ZERO, ZERO, ZERO, ZERO, 0, 0), rule)  # reject unknown rules up front

    def key(r: UnitTotal) -> tuple[Any, ...]:
        return (-r.total, *(_tie_key(r, rule) for rule in tie_rules))

    keyed = [(key(r), r) for r in results]
    keyed.sort(key=lambda kr: (kr[0], display_key(kr[1]) if display_key else 0))
    out: list[Ranked] = []
    i = 0
    while i < len(keyed):
        j = i
        while j + 1 < len(keyed) and keyed[j + 1][0] == keyed[i][0]:
            j += 1
        tied = j > i
        out.extend(Ranked(result=keyed[k][1], rank=i + 1, tied=tied) for k in range(i, j + 1))
        i = j + 1
    return out


# --- target completion → points -------------------------------------------------------------------


def _dec(value: Any, name: str) -> Decimal:
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise ValueError(f"{name} must be a number, not {value!r}") from None
    if not result.is_finite():
        raise ValueError(f"{name} must be a finite number")
    return result


def _bands(params: Mapping[str, Any]) -> list[tuple[Decimal, Decimal]]:
    raw = params.get("bands")
    if not isinstance(raw, list) or not raw:
        raise ValueError("STEP needs a non-empty list of bands [minimum ratio, share of the maximum]")
    bands: list[tuple[Decimal, Decimal]] = []
    for band in raw:
        if not isinstance(band, list | tuple) or len(band) != 2:
            raise ValueError("each band is a pair [minimum ratio, share of the maximum]")
        low, share = _dec(band[0], "band minimum"), _dec(band[1], "band share")
        if low < ZERO or not ZERO <= share <= ONE:
            raise ValueError("a band minimum is ≥ 0 and its share is between 0 and 1")
        bands.append((low, share))
    return sorted(bands, reverse=True)


def check_formula(formula: str, params: Mapping[str, Any] | None) -> None:
    """Raise ValueError when `params` do not fit `formula`."""
    params = params or {}
    if formula == Formula.LINEAR:
        return
    if formula == Formula.THRESHOLD:
        floor = _dec(params.get("floor", "0"), "floor")
        if not ZERO <= floor <= ONE:
            raise ValueError("the floor is a ratio between 0 and 1")
        return
    if formula == Formula.STEP:
        _bands(params)
        return
    if formula == Formula.PASS_FAIL:
        if _dec(params.get("threshold", "1"), "threshold") < ZERO:
            raise ValueError("the threshold is a ratio ≥ 0")
        return
    raise ValueError(f"unknown formula {formula!r}")


def points_from_completion(
    completion_ratio: Decimal, max_points: Decimal, formula: str, params: Mapping[str, Any] | None = None
) -> Decimal:
    """Turn a completion ratio (1 = plan met, 1.2 = 120 %) into points out of `max_points`.

    LINEAR: max × min(ratio, 1). THRESHOLD {"floor": r}: max at ≥ 1, zero below the floor, max × ratio
    between. STEP {"bands": [[min ratio, share], ...]}: the highest band reached gives share × max, no band
    gives zero. PASS_FAIL {"threshold": r, default 1}: max when the ratio reaches the threshold, else zero.
    """
    params = params or {}
    check_formula(formula, params)
    ratio = max(_dec(completion_ratio, "completion ratio"), ZERO)
    if formula == Formula.LINEAR:
        return points(max_points * min(ratio, ONE))
    if formula == Formula.THRESHOLD:
        if ratio >= ONE:
            return points(max_points)
        if ratio < _dec(params.get("floor", "0"), "floor"):
            return ZERO.quantize(CENT)
        return points(max_points * ratio)
    if formula == Formula.STEP:
        for low, share in _bands(params):
            if ratio >= low:
                return points(max_points * share)
        return ZERO.quantize(CENT)
    threshold = _dec(params.get("threshold", "1"), "threshold")
    return points(max_points) if ratio >= threshold else ZERO.quantize(CENT)

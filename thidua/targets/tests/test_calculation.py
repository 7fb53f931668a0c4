"""The arithmetic of targets, table-driven and without a database."""

from decimal import Decimal

import pytest

from thidua.targets.calculation import (
    Direction,
    Figures,
    Outcome,
    assess,
    change,
    completion_ratio,
    outcome,
    percent,
    plan_gap,
    round_half_up,
    share,
    weighted_mean,
)

D = Decimal


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("203.65"), 1, D("203.7")),  # half up, not half even
        (D("203.75"), 1, D("203.8")),
        (D("76.4705"), 1, D("76.5")),
        (D("-2.45"), 1, D("-2.5")),  # away from zero on a 5
        (D("0.05"), 1, D("0.1")),
        (D("6.90"), 2, D("6.90")),
    ],
)
def test_rounding_is_half_up(value, places, expected):
    assert round_half_up(value, places) == expected


@pytest.mark.parametrize(
    ("actual", "planned", "direction", "expected_pct"),
    [
        (D("105920"), D("52000"), Direction.HIGHER, D("203.7")),  # thu ngân sách
        (D("6764"), D("6744"), Direction.HIGHER, D("100.3")),  # diện tích cây lương thực
        (D("100"), D("100"), Direction.HIGHER, D("100.0")),
        (D("95"), D("100"), Direction.HIGHER, D("95.0")),
        (D("6.9"), D("7.72"), Direction.LOWER, D("111.9")),  # poverty: below plan completes it more
        (D("8"), D("7.72"), Direction.LOWER, D("96.5")),
        (D("5"), D("0"), Direction.HIGHER, None),  # no meaningful plan
        (D("0"), D("2"), Direction.LOWER, None),  # zero poverty: the inverted ratio is undefined
        (None, D("2"), Direction.HIGHER, None),
        (D("2"), None, Direction.HIGHER, None),
    ],
)
def test_completion_percent_is_direction_aware(actual, planned, direction, expected_pct):
    assert percent(completion_ratio(actual, planned, direction)) == expected_pct


@pytest.mark.parametrize(
    ("actual", "planned", "direction", "expected", "by"),
    [
        (D("105920"), D("52000"), Direction.HIGHER, Outcome.EXCEEDED, D("53920")),
        (D("6.9"), D("7.72"), Direction.LOWER, Outcome.EXCEEDED, D("0.82")),  # "vượt 0,82% KH giao"
        (D("8.0"), D("7.72"), Direction.LOWER, Outcome.MISSED, D("0.28")),
        (D("7.72"), D("7.72"), Direction.LOWER, Outcome.MET, D("0")),
        (D("6500"), D("6744"), Direction.HIGHER, Outcome.MISSED, D("244")),
    ],
)
def test_plan_gap_says_exceeded_met_or_missed_and_by_how_much(actual, planned, direction, expected, by):
    gap = plan_gap(actual, planned, direction)
    assert gap is not None
    assert (gap.outcome, gap.by) == (expected, by)
    assert outcome(actual, planned, direction) == expected


@pytest.mark.parametrize(
    ("actual", "previous", "absolute", "relative_pct"),
    [
        (D("37"), D("33"), D("4"), D("12.1")),
        (D("105920"), D("63880"), D("42040"), D("65.8")),
        (D("6.9"), D("9.37"), D("-2.47"), D("-26.4")),
        (D("5"), D("0"), D("5"), None),  # nothing last year: no relative change
    ],
)
def test_change_against_previous_year(actual, previous, absolute, relative_pct):
    c = change(actual, previous)
    assert c is not None
    assert c.absolute == absolute
    assert c.relative_pct == relative_pct


def test_change_needs_both_years():
    assert change(D("1"), None) is None
    assert change(None, D("1")) is None


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected_pct"),
    [
        (D("26"), D("34"), D("76.5")),
        (D("9"), D("9"), D("100.0")),
        (D("1"), D("3"), D("33.3")),
        (D("1"), None, None),
    ],
)
def test_share_of_a_whole(numerator, denominator, expected_pct):
    assert percent(share(numerator, denominator)) == expected_pct


def test_share_refuses_a_zero_whole():
    assert share(D("1"), D("0")) is None


def test_assessment_gathers_every_computed_figure():
    a = assess(
        Figures(Direction.HIGHER, actual=D("26"), planned=D("25"), previous=D("20"), denominator=D("34"))
    )
    assert a.completion_pct == D("104.0")
    assert a.share_pct == D("76.5")
    assert a.change is not None and a.change.absolute == D("6")
    assert a.met_plan is True
    assert assess(Figures(Direction.HIGHER, actual=D("1"))).met_plan is None


def test_weighted_mean_weights_rates_by_their_denominators():
    # 2% of 1.000 households and 10% of 3.000 households: 320 poor of 4.000 = 8%.
    assert weighted_mean([(D("2"), D("1000")), (D("10"), D("3000"))]) == D("8")
    assert weighted_mean([]) is None


def test_floats_never_enter():
    with pytest.raises(TypeError):
        completion_ratio(D("1"), 2.0, Direction.HIGHER)

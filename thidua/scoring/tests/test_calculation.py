"""The pure arithmetic: totals, ranking with tie rules, and points from target completion."""

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.scoring.calculation import (
    EntryScores,
    TieRule,
    UnitTotal,
    check_formula,
    points_from_completion,
    rank,
    unit_total,
)


def base(max_points, self_score=None, head=None, verified=None):
    return EntryScores("BASE", Decimal(max_points), _d(self_score), _d(head), _d(verified))


def bonus(max_points, score):
    return EntryScores("BONUS", Decimal(max_points), Decimal(score))


def penalty(max_points, score):
    return EntryScores("PENALTY", Decimal(max_points), Decimal(score))


def _d(value):
    return None if value is None else Decimal(value)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (base(10, "7"), Decimal("7")),
        (base(10, "7", head="6"), Decimal("6")),
        (base(10, "7", head="6", verified="8"), Decimal("8")),
        (base(10, "7", verified="5"), Decimal("5")),
        (base(10), None),
        (base(10, "0"), Decimal("0")),
    ],
)
def test_the_most_verified_score_is_used(entry, expected):
    assert entry.effective == expected


def test_total_caps_base_at_maximum_adds_bonus_and_removes_penalties():
    result = unit_total(
        "xa-a",
        [base(10, "12"), base(20, "15.5"), bonus(5, "3"), bonus(5, "4"), penalty(10, "2.25")],
        bonus_cap=Decimal(5),
    )
    assert result.base_total == Decimal("25.50")  # 10 (capped) + 15.5
    assert result.bonus_total == Decimal("5.00")  # 7 capped at 5
    assert result.penalty_total == Decimal("2.25")
    assert result.total == Decimal("28.25")
    assert result.at_maximum == 1
    assert result.scored == 5


def test_unscored_criteria_count_as_zero_and_all_zero_is_a_valid_total():
    assert unit_total(1, [base(10, "0"), base(10, "0")]).total == Decimal("0.00")
    assert unit_total(1, [base(10), base(10, "4")]).total == Decimal("4.00")
    assert unit_total(1, []).total == Decimal("0.00")


def test_bonus_without_a_cap_is_added_in_full():
    assert unit_total(1, [bonus(5, "4"), bonus(5, "4")]).bonus_total == Decimal("8.00")


def test_negative_scores_are_clamped_to_zero():
    assert unit_total(1, [base(10, "-3"), penalty(5, "-1")]).total == Decimal("0.00")


def _result(unit, total, base_total=None, penalty_total="0", at_maximum=0, bonus_total="0"):
    return UnitTotal(
        unit=unit,
        base_total=Decimal(base_total if base_total is not None else total),
        bonus_total=Decimal(bonus_total),
        penalty_total=Decimal(penalty_total),
        total=Decimal(total),
        at_maximum=at_maximum,
        scored=1,
    )


def test_ranking_orders_by_total_and_shares_ranks_when_all_rules_tie():
    ranked = rank([_result("c", "80"), _result("a", "95"), _result("b", "80"), _result("d", "70")])
    assert [(r.result.unit, r.rank, r.tied) for r in ranked] == [
        ("a", 1, False),
        ("c", 2, True),
        ("b", 2, True),
        ("d", 4, False),
    ]


def test_display_key_orders_shared_ranks_without_changing_them():
    ranked = rank([_result("c", "80"), _result("b", "80")], display_key=lambda r: r.unit)
    assert [(r.result.unit, r.rank) for r in ranked] == [("b", 1), ("c", 1)]


@pytest.mark.parametrize(
    ("rules", "winner"),
    [
        # x: more base, more penalties; y: less base, more bonus, fewer penalties, more criteria at max
        ([TieRule.BASE_TOTAL], "x"),
        ([TieRule.FEWER_PENALTIES], "y"),
        ([TieRule.MORE_AT_MAXIMUM], "y"),
        ([TieRule.MORE_BONUS], "y"),
        ([TieRule.FEWER_PENALTIES, TieRule.BASE_TOTAL], "y"),
    ],
)
def test_tie_rules_apply_in_the_configured_order(rules, winner):
    x = _result("x", "90", base_total="92", penalty_total="2", at_maximum=3)
    y = _result("y", "90", base_total="88", penalty_total="0", at_maximum=5, bonus_total="2")
    ranked = rank([x, y], rules)
    assert ranked[0].result.unit == winner
    assert [r.rank for r in ranked] == [1, 2]


def test_tie_rules_fall_through_to_the_next_rule():
    x = _result("x", "90", base_total="90", penalty_total="1", at_maximum=2)
    y = _result("y", "90", base_total="90", penalty_total="1", at_maximum=4)
    ranked = rank([x, y])  # default: base total, then penalties, then criteria at maximum
    assert [r.result.unit for r in ranked] == ["y", "x"]
    assert not ranked[0].tied


def test_unknown_tie_rule_is_refused():
    with pytest.raises(ValueError, match="unknown tie rule"):
        rank([_result("x", "1")], ["COIN_TOSS"])


@pytest.mark.parametrize(
    ("ratio", "formula", "params", "expected"),
    [
        ("0.8", "LINEAR", {}, "8.00"),
        ("1.25", "LINEAR", {}, "10.00"),
        ("0", "LINEAR", {}, "0.00"),
        ("-0.2", "LINEAR", {}, "0.00"),
        ("0.333333", "LINEAR", {}, "3.33"),
        ("1", "THRESHOLD", {"floor": "0.5"}, "10.00"),
        ("1.4", "THRESHOLD", {"floor": "0.5"}, "10.00"),
        ("0.75", "THRESHOLD", {"floor": "0.5"}, "7.50"),
        ("0.5", "THRESHOLD", {"floor": "0.5"}, "5.00"),
        ("0.49", "THRESHOLD", {"floor": "0.5"}, "0.00"),
        ("1.15", "STEP", {"bands": [["0.8", "0.5"], ["1", "0.8"], ["1.1", "1"]]}, "10.00"),
        ("1.05", "STEP", {"bands": [["0.8", "0.5"], ["1", "0.8"], ["1.1", "1"]]}, "8.00"),
        ("0.8", "STEP", {"bands": [["0.8", "0.5"], ["1", "0.8"], ["1.1", "1"]]}, "5.00"),
        ("0.79", "STEP", {"bands": [["0.8", "0.5"], ["1", "0.8"], ["1.1", "1"]]}, "0.00"),
        ("1", "PASS_FAIL", {}, "10.00"),
        ("0.99", "PASS_FAIL", {}, "0.00"),
        ("0.9", "PASS_FAIL", {"threshold": "0.9"}, "10.00"),
    ],
)
def test_points_from_target_completion(ratio, formula, params, expected):
    assert points_from_completion(Decimal(ratio), Decimal(10), formula, params) == Decimal(expected)


@pytest.mark.parametrize(
    ("formula", "params"),
    [
        ("STEP", {}),
        ("STEP", {"bands": [["0.8"]]}),
        ("STEP", {"bands": [["0.8", "1.5"]]}),
        ("THRESHOLD", {"floor": "2"}),
        ("THRESHOLD", {"floor": "abc"}),
        ("PASS_FAIL", {"threshold": "-1"}),
        ("SQUARE", {}),
    ],
)
def test_bad_formula_parameters_are_refused(formula, params):
    with pytest.raises(ValueError):  # noqa: PT011 - the message varies by case
        check_formula(formula, params)


ratios = st.decimals(min_value=0, max_value=5, places=4, allow_nan=False, allow_infinity=False)
maxima = st.decimals(min_value="0.5", max_value=100, places=2, allow_nan=False, allow_infinity=False)


@given(ratio=ratios, max_points=maxima, formula=st.sampled_from(["LINEAR", "THRESHOLD", "STEP", "PASS_FAIL"]))
def test_target_points_stay_between_zero_and_the_maximum(ratio, max_points, formula):
    params = {"floor": "0.5", "bands": [["0.8", "0.5"], ["1", "1"]]}
    value = points_from_completion(ratio, max_points, formula, params)
    assert Decimal(0) <= value <= max_points


@given(low=ratios, high=ratios, formula=st.sampled_from(["LINEAR", "THRESHOLD", "STEP", "PASS_FAIL"]))
def test_more_completion_never_earns_fewer_points(low, high, formula):
    low, high = min(low, high), max(low, high)
    params = {"floor": "0.5", "bands": [["0.8", "0.5"], ["1", "1"]]}
    assert points_from_completion(low, Decimal(10), formula, params) <= points_from_completion(
        high, Decimal(10), formula, params
    )


scores = st.lists(
    st.tuples(st.integers(min_value=1, max_value=20), st.integers(min_value=0, max_value=25)),
    min_size=1,
    max_size=12,
)


@given(units=st.lists(scores, min_size=1, max_size=15))
def test_ranks_never_decrease_and_follow_the_totals(units):
    results = [unit_total(i, [base(m, str(s)) for m, s in entries]) for i, entries in enumerate(units)]
    ranked = rank(results, tie_rules=[])
    assert sorted(r.rank for r in ranked) == [r.rank for r in ranked]
    assert ranked[0].rank == 1
    for a, b in itertools.pairwise(ranked):
        assert a.result.total >= b.result.total
        assert (a.rank == b.rank) == (a.result.total == b.result.total)  # no tie rules: totals alone

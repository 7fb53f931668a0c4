"""Council voting: regulations.md §9.3 and the §16 T19 test vector."""

from datetime import date
from decimal import Decimal

import pytest

from thidua.regulations import Denominator, RegulationError, TallyCounts, VotingMethod, load_rule_pack, tally
from thidua.regulations.voting import default_voting_rule, voting_rule_with

ON = date(2026, 1, 15)


def test_t19_all_members_without_written_votes_fails():
    rule = default_voting_rule("CSTD_TINH", ON)
    outcome = tally(TallyCounts(members=15, present=13, yes=12, no=1), rule=rule)
    assert not outcome.passed
    assert outcome.share_pct == Decimal("80.0")


def test_t19_two_written_yes_votes_make_it_pass():
    rule = default_voting_rule("CSTD_TINH", ON)
    outcome = tally(TallyCounts(members=15, present=13, yes=12, no=1, written_yes=2), rule=rule)
    assert outcome.passed
    assert outcome.share_pct == Decimal("93.3")


def test_t19_present_denominator_passes():
    rule = voting_rule_with(default_voting_rule("CSTD_TINH", ON), {"denominator": "present"})
    outcome = tally(TallyCounts(members=15, present=13, yes=12, no=1), rule=rule)
    assert outcome.passed
    assert outcome.share_pct == Decimal("92.3")


@pytest.mark.parametrize(
    ("code", "method", "pct", "inclusive", "source"),
    [
        ("CSTD_TINH", VotingMethod.SECRET, 90, True, "NĐ 98 Điều 30 k7 [S]"),
        ("CSTD_TQ", VotingMethod.SECRET, 90, True, "NĐ 98 Điều 30 k7 [S]"),
        ("CSTDCS", VotingMethod.OPEN, 80, True, "NĐ 98 Điều 30 k7 [S]"),
        ("CO_TINH", VotingMethod.SECRET, 80, True, "NĐ 98 Điều 30 k7 [S]"),
        ("CO_CP", VotingMethod.SECRET, 80, True, "NĐ 98 Điều 30 k7 [S]"),
        ("LDTT", VotingMethod.OPEN, 50, False, "regulations.md §9.3 default for the rest [U]"),
    ],
)
def test_default_rules(code, method, pct, inclusive, source):
    rule = default_voting_rule(code, ON)
    assert (rule.method, rule.threshold.pct, rule.threshold.inclusive) == (method, pct, inclusive), source
    assert rule.denominator is Denominator.ALL_MEMBERS


def test_abstentions_count_against():
    rule = default_voting_rule("LDTT", ON)
    assert not tally(TallyCounts(members=10, present=10, yes=5, abstain=5), rule=rule).passed
    assert tally(TallyCounts(members=10, present=10, yes=6, abstain=4), rule=rule).passed


def test_quorum_not_met_fails_even_with_unanimity():
    rule = default_voting_rule("LDTT", ON)
    outcome = tally(TallyCounts(members=10, present=5, yes=5), rule=rule)
    assert not outcome.quorum_met
    assert not outcome.passed


def test_pack_and_council_overrides():
    pack = load_rule_pack("national", "12")
    rule = pack.voting_rule("GIAY_KHEN", ON, council="HDTDKT_XA")
    assert rule.denominator is Denominator.PRESENT
    assert rule.quorum.pct == 70
    assert not tally(TallyCounts(members=10, present=6, yes=6), rule=rule).passed


@pytest.mark.parametrize(
    "counts",
    [
        TallyCounts(members=5, present=6, yes=1),
        TallyCounts(members=5, present=3, yes=3, no=1),
        TallyCounts(members=5, present=3, yes=3, written_yes=3),
        TallyCounts(members=5, present=3, yes=-1),
    ],
)
def test_inconsistent_counts_are_rejected(counts):
    with pytest.raises(RegulationError):
        tally(counts, rule=default_voting_rule("LDTT", ON))


def test_unknown_override_is_rejected():
    with pytest.raises(RegulationError):
        voting_rule_with(default_voting_rule("LDTT", ON), {"majority": "yes"})

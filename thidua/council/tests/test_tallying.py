"""The counting is exact: what the tally counts is what the ballots say (no database)."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.council import tallying
from thidua.regulations.policy import Threshold
from thidua.regulations.voting import Denominator, VotingMethod, default_voting_rule, tally, voting_rule_with

ITEMS = [11, 12, 13]
ballot = st.fixed_dictionaries({str(i): st.sampled_from(tallying.CHOICES) for i in ITEMS})


@settings(deadline=None)  # a shared machine is slow at times; speed is not what is tested
@given(st.lists(ballot, max_size=40))
def test_the_tally_counts_exactly_the_votes_cast(ballots):
    counts = tallying.count_ballots(ballots, ITEMS)
    for i in ITEMS:
        cast = [b[str(i)] for b in ballots]
        assert counts[i] == tallying.RoomCounts(cast.count("YES"), cast.count("NO"), cast.count("ABSTAIN"), 0)
        assert counts[i].total == len(ballots)


@settings(deadline=None)
@given(st.lists(ballot, min_size=1, max_size=30), st.integers(min_value=0, max_value=10))
def test_the_outcome_follows_the_yes_share_of_all_members(ballots, extra_members):
    rule = default_voting_rule("CSTDCS", date(2026, 1, 1))  # >= 80% of all members
    members = len(ballots) + extra_members
    counts = tallying.count_ballots(ballots, ITEMS)
    for i in ITEMS:
        tc = tallying.tally_counts(members=members, present=len(ballots), room=counts[i])
        outcome = tally(tc, rule=rule)
        yes = sum(1 for b in ballots if b[str(i)] == "YES")
        quorum = len(ballots) * 2 > members
        assert outcome.yes == yes and outcome.denominator == members
        assert outcome.passed == (quorum and yes * 100 >= 80 * members)


def test_a_ballot_missing_an_item_is_invalid_for_that_item():
    counts = tallying.count_ballots([{"11": "YES"}, {"11": "NO", "12": "YES"}], [11, 12])
    assert counts[12] == tallying.RoomCounts(yes=1, invalid=1)


def test_named_votes_of_absent_members_count_as_written():
    counts = tallying.count_named([(11, "YES", True), (11, "NO", False), (11, "YES", False)], [11])
    assert counts[11] == (tallying.RoomCounts(yes=1), tallying.RoomCounts(yes=1, no=1))


def test_the_regulations_test_vector_of_fifteen_members():
    # regulations.md §9.3: 15 members, 13 present, 12 yes; 90% of all members fails, +2 written passes.
    rule = voting_rule_with(default_voting_rule("CSTD_TINH", date(2026, 1, 1)), {})
    room = tallying.RoomCounts(yes=12, no=1)
    assert not tally(tallying.tally_counts(members=15, present=13, room=room), rule=rule).passed
    written = tallying.RoomCounts(yes=2)
    assert tally(tallying.tally_counts(members=15, present=13, room=room, written=written), rule=rule).passed
    present_rule = voting_rule_with(rule, {"denominator": "present"})
    assert tally(tallying.tally_counts(members=15, present=13, room=room), rule=present_rule).passed


def test_the_rule_survives_its_snapshot():
    rule = voting_rule_with(
        default_voting_rule("CSTD_TINH", date(2026, 1, 1)),
        {"quorum": ">=70", "denominator": "present"},
    )
    again = tallying.rule_from_snapshot(rule.to_dict())
    assert again == rule
    assert again.threshold == Threshold(Decimal(90)) and again.denominator is Denominator.PRESENT
    assert again.method is VotingMethod.SECRET


def test_choices_are_checked_and_normalised():
    assert tallying.normalise_choices({12: "NO", "11": "YES"}, [11, 12]) == {"11": "YES", "12": "NO"}
    for bad in ({11: "YES"}, {11: "YES", 12: "yes"}, {11: "YES", 12: "NO", 13: "NO"}):
        try:
            tallying.normalise_choices(bad, [11, 12])
        except tallying.BadChoices:
            continue
        raise AssertionError(bad)


def test_the_summary_names_counts_and_outcome_only():
    rule = default_voting_rule("CSTDCS", date(2026, 1, 1))
    tc = tallying.tally_counts(members=5, present=4, room=tallying.RoomCounts(yes=4))
    text = tallying.votes_summary(tc, tally(tc, rule=rule))
    assert text == "Đồng ý 4/5 (80%); không đồng ý 0; không biểu quyết 0: đạt."

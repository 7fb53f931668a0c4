"""Stories of polls: the rule from the regulations engine decides, named and paper votes, voiding."""

import pytest

from thidua.core.errors import DomainError, ValidationFailed
from thidua.council import selectors, services
from thidua.council.models import CouncilEvent, ItemOutcome, PollMethod
from thidua.council.tests.conftest import make_council, open_items
from thidua.testing.cast import build_world

pytestmark = pytest.mark.django_db


def _secret_round(cw, votes, absent=()):
    services.session_set_attendance(
        actor=cw.officer, session=cw.session, absent=[cw.members[i] for i in absent]
    )
    (item,) = open_items(cw, ["Nguyễn Văn A"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=[item])
    voters = [i for i in range(len(cw.members)) if i not in absent]
    for i, choice in zip(voters, votes, strict=False):
        services.secret_vote_cast(actor=cw.user(i), poll=poll, choices={item.pk: choice})
    (outcome,) = services.poll_close(actor=cw.officer, poll=poll)
    item.refresh_from_db()
    return outcome, item


@pytest.mark.parametrize(
    ("denominator", "threshold", "passed"),
    [("all_members", ">=75", False), ("present", ">=75", True), ("present", ">75", False)],
)
def test_one_absent_member_and_the_denominator_decide_at_the_boundary(denominator, threshold, passed):
    cw = make_council(build_world(), overrides={"denominator": denominator, "threshold": threshold})
    outcome, item = _secret_round(cw, ["YES", "YES", "YES", "NO"], absent=[2])
    assert (outcome.yes, outcome.passed) == (3, passed)
    assert outcome.denominator == (5 if denominator == "all_members" else 4)
    assert item.outcome == (ItemOutcome.APPROVED if passed else ItemOutcome.REJECTED)


def test_without_a_quorum_even_a_unanimous_vote_fails():
    cw = make_council(build_world(), overrides={"quorum": ">=70", "threshold": ">50"})
    outcome, item = _secret_round(cw, ["YES", "YES", "YES"], absent=[3, 4])
    assert not outcome.quorum_met and not outcome.passed
    assert item.outcome == ItemOutcome.REJECTED
    result = selectors.poll_results(item.polls.get())[0]
    assert "không đủ túc số" in result.summary


def test_the_rule_is_snapshotted_when_the_poll_opens(cw):
    (item,) = open_items(cw, ["Trường Tiểu học xã Một"], award_code="CSTD_TINH")
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=[item])
    assert (poll.threshold_pct, poll.threshold_inclusive, poll.denominator) == (90, True, "all_members")
    services.council_update(actor=cw.officer, council=cw.council, voting_overrides={"threshold": ">50"})
    for i in range(5):
        services.secret_vote_cast(actor=cw.user(i), poll=poll, choices={item.pk: "YES" if i < 4 else "NO"})
    (outcome,) = services.poll_close(actor=cw.officer, poll=poll)
    assert not outcome.passed  # 4/5 = 80% under the rule in force at opening (≥ 90%)


def test_an_award_that_requires_a_secret_ballot_refuses_a_named_vote(cw):
    (item,) = open_items(cw, ["A"], award_code="CSTD_TINH")
    with pytest.raises(ValidationFailed):
        services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.NAMED, items=[item])


def test_one_poll_covers_one_award(cw):
    items = open_items(cw, ["A"], award_code="LDTT") + open_items(cw, ["B"], award_code="CSTDCS")
    with pytest.raises(ValidationFailed):
        services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=items)


def test_polls_open_only_during_the_session_and_attendance_is_fixed_while_voting(cw):
    item = services.agenda_add_item(actor=cw.officer, session=cw.session, label="A")
    with pytest.raises(DomainError):
        services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=[item])
    services.session_open(actor=cw.officer, session=cw.session)
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=[item])
    with pytest.raises(DomainError):
        services.session_set_attendance(actor=cw.officer, session=cw.session, absent=[cw.members[0]])
    with pytest.raises(DomainError):
        services.session_close(actor=cw.officer, session=cw.session)
    with pytest.raises(DomainError):
        services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=[item])
    services.poll_close(actor=cw.officer, poll=poll)
    services.session_close(actor=cw.officer, session=cw.session)
    commands = list(CouncilEvent.objects.filter(session=cw.session).values_list("command", flat=True))
    assert commands == ["create", "open", "poll_open", "poll_close", "close"]


def test_named_votes_are_counted_with_written_votes_of_absent_members_where_allowed():
    cw = make_council(build_world(), overrides={"absentee_written_vote": True, "threshold": ">=80"})
    services.session_set_attendance(actor=cw.officer, session=cw.session, absent=[cw.members[4]])
    (item,) = open_items(cw, ["Nguyễn Văn A"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.NAMED, items=[item])
    for i in range(3):
        services.named_vote_cast(actor=cw.user(i), poll=poll, choices={item.pk: "YES"})
    services.named_vote_cast(actor=cw.user(3), poll=poll, choices={item.pk: "NO"})
    with pytest.raises(DomainError):
        services.named_vote_cast(actor=cw.user(3), poll=poll, choices={item.pk: "YES"})
    # The secretary records the absent member's written vote.
    services.named_vote_cast(actor=cw.officer, poll=poll, choices={item.pk: "YES"}, member_user=cw.user(4))
    (outcome,) = services.poll_close(actor=cw.officer, poll=poll)
    assert (outcome.yes, outcome.denominator, outcome.passed) == (4, 5, True)
    poll.refresh_from_db()
    assert {(v.member.user.username, v.choice) for v in selectors.poll_named_votes(poll)} == {
        ("tv0", "YES"), ("tv1", "YES"), ("tv2", "YES"), ("tv3", "NO"), ("tv4", "YES")
    }  # fmt: skip


def test_paper_counts_must_add_up(cw):
    services.session_set_attendance(actor=cw.officer, session=cw.session, absent=[cw.members[0]])
    a, b = open_items(cw, ["A", "B"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.PAPER, items=[a, b])
    good = {"yes": 3, "no": 0, "abstain": 0, "invalid": 1, "ballots_issued": 4, "ballots_returned": 4}
    with pytest.raises(DomainError):
        services.poll_close(actor=cw.officer, poll=poll)  # nothing entered yet
    bad_cases = [
        {a.pk: good, b.pk: {**good, "yes": 2}},  # 2 + 0 + 0 + 1 != 4 returned
        {a.pk: {**good, "ballots_issued": 5, "yes": 4, "ballots_returned": 5}, b.pk: good},  # 5 > 4 present
        {a.pk: good, b.pk: {**good, "ballots_returned": 3, "invalid": 0}},  # returned differs between items
        {a.pk: good},  # an item is missing
        {a.pk: {**good, "yes": -1}, b.pk: good},
    ]
    for counts in bad_cases:
        with pytest.raises(ValidationFailed):
            services.paper_counts_enter(actor=cw.secretary, poll=poll, counts=counts)
    services.paper_counts_enter(
        actor=cw.secretary, poll=poll, counts={a.pk: good, b.pk: {**good, "yes": 2, "no": 1}}
    )
    outcomes = services.poll_close(actor=cw.officer, poll=poll)
    assert [(o.yes, o.denominator, o.passed) for o in outcomes] == [(3, 5, True), (2, 5, False)]


def test_written_counts_are_refused_where_the_rule_does_not_take_them(cw):
    services.session_set_attendance(actor=cw.officer, session=cw.session, absent=[cw.members[4]])
    (item,) = open_items(cw, ["A"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=[item])
    with pytest.raises(DomainError):
        services.written_counts_enter(actor=cw.officer, poll=poll, counts={item.pk: {"yes": 1}})


def test_written_counts_join_a_secret_poll_where_the_rule_allows():
    cw = make_council(build_world(), overrides={"threshold": ">=80", "absentee_written_vote": True})
    services.session_set_attendance(actor=cw.officer, session=cw.session, absent=[cw.members[4]])
    (item,) = open_items(cw, ["A"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=[item])
    with pytest.raises(ValidationFailed):
        services.written_counts_enter(actor=cw.officer, poll=poll, counts={item.pk: {"yes": 2}})
    services.written_counts_enter(actor=cw.officer, poll=poll, counts={item.pk: {"yes": 1}})
    for i in range(4):
        services.secret_vote_cast(actor=cw.user(i), poll=poll, choices={item.pk: "YES" if i < 3 else "NO"})
    (outcome,) = services.poll_close(actor=cw.officer, poll=poll)
    assert (outcome.yes, outcome.denominator, outcome.passed) == (4, 5, True)


def test_a_voided_poll_has_no_results_and_its_items_can_be_voted_again(cw):
    (item,) = open_items(cw, ["A"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=[item])
    services.secret_vote_cast(actor=cw.user(0), poll=poll, choices={item.pk: "YES"})
    with pytest.raises(ValidationFailed):
        services.poll_void(actor=cw.officer, poll=poll, reason="  ")
    services.poll_void(actor=cw.officer, poll=poll, reason="Lỗi danh sách")
    poll.refresh_from_db()
    with pytest.raises(DomainError):
        selectors.poll_results(poll)
    again = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=[item])
    services.secret_vote_cast(actor=cw.user(0), poll=again, choices={item.pk: "NO"})

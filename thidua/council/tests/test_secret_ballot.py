"""Stories of the secret electronic ballot: who voted is kept apart from what was voted."""

import logging
import uuid

import pytest
from django.db import models

from thidua.core.errors import DomainError, ValidationFailed
from thidua.core.models import AuditEvent
from thidua.council import selectors, services
from thidua.council.models import PollMethod, SecretBallot, VoterRoll
from thidua.council.tests.conftest import open_items
from thidua.council.tests.linkage import find_links
from thidua.council.voting import AlreadyVoted

pytestmark = pytest.mark.django_db

VOTES = [("YES", "NO"), ("YES", "YES"), ("NO", "ABSTAIN"), ("YES", "YES")]


def _vote_all(cw, poll, items, votes=VOTES):
    for i, (a, b) in enumerate(votes):
        services.secret_vote_cast(actor=cw.user(i), poll=poll, choices={items[0].pk: a, items[1].pk: b})


def test_secret_ballot_table_has_no_time_sequence_or_voter_columns():
    fields = {f.name: f for f in SecretBallot._meta.concrete_fields}
    assert set(fields) == {"id", "poll", "choices"}
    assert isinstance(fields["id"], models.UUIDField) and fields["id"].primary_key
    assert not any(
        isinstance(f, models.DateField | models.DateTimeField | models.AutoField) for f in fields.values()
    )
    assert SecretBallot._meta.ordering == ["id"]
    roll_fields = {f.name for f in VoterRoll._meta.concrete_fields}
    assert roll_fields == {"id", "poll", "member", "has_voted"}


def test_no_row_in_any_table_links_a_voter_to_a_choice(cw, caplog):
    items = open_items(cw, ["Nguyễn Văn A", "Trần Thị B"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=items)
    with caplog.at_level(logging.DEBUG):
        _vote_all(cw, poll, items)
        services.poll_close(actor=cw.officer, poll=poll)
    voters = [cw.user(i) for i in range(len(VOTES))]
    members = cw.members[: len(VOTES)]
    assert find_links(voters, members) == []
    # Who voted is recorded in the audit log, with no choice in it.
    cast = AuditEvent.objects.filter(action="council.secret_vote_cast")
    assert sorted(e.actor_id for e in cast) == sorted(u.pk for u in voters)
    assert all("YES" not in str(e.after) and "NO" not in str(e.after) for e in cast)
    assert not any(w in r.getMessage() for r in caplog.records for w in ("YES", "ABSTAIN", "'NO'"))
    # The ballots are all there, unlinked.
    assert sorted(tuple(b.choices[str(i.pk)] for i in items) for b in SecretBallot.objects.all()) == sorted(
        VOTES
    )


def test_the_detector_catches_a_named_vote_linking_member_and_choice(cw):
    items = open_items(cw, ["Nguyễn Văn A", "Trần Thị B"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.NAMED, items=items)
    services.named_vote_cast(actor=cw.user(0), poll=poll, choices={items[0].pk: "YES", items[1].pk: "NO"})
    links = find_links([cw.user(0)], cw.members[:1])
    assert any(link.startswith("council.NamedVote") for link in links)
    assert any(link.startswith("core.AuditEvent") for link in links)


def test_closing_rewrites_the_ballots_with_fresh_random_ids(cw):
    items = open_items(cw, ["A", "B"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=items)
    _vote_all(cw, poll, items)
    before = set(SecretBallot.objects.values_list("id", flat=True))
    services.poll_close(actor=cw.officer, poll=poll)
    after = list(SecretBallot.objects.values_list("id", flat=True))
    assert len(after) == len(VOTES) and before.isdisjoint(after)
    assert all(isinstance(i, uuid.UUID) and i.version == 4 for i in after)


def test_a_member_votes_only_once(cw):
    items = open_items(cw, ["A", "B"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=items)
    services.secret_vote_cast(actor=cw.user(0), poll=poll, choices={items[0].pk: "YES", items[1].pk: "NO"})
    with pytest.raises(AlreadyVoted):
        services.secret_vote_cast(actor=cw.user(0), poll=poll, choices={items[0].pk: "NO", items[1].pk: "NO"})
    assert SecretBallot.objects.count() == 1
    assert selectors.poll_voter_state(poll, cw.user(0)) == "voted"
    assert selectors.poll_voter_state(poll, cw.user(1)) == "can_vote"


def test_outsiders_and_absent_members_cannot_vote_electronically(cw):
    items = open_items(cw, ["A"])
    services.session_set_attendance(actor=cw.officer, session=cw.session, absent=[cw.members[1]])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=items)
    for user in (cw.world.dung, cw.user(1)):
        with pytest.raises(DomainError):
            services.secret_vote_cast(actor=user, poll=poll, choices={items[0].pk: "YES"})
    assert SecretBallot.objects.count() == 0


def test_a_ballot_must_answer_every_item_with_a_known_choice(cw):
    items = open_items(cw, ["A", "B"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=items)
    for bad in (
        {items[0].pk: "YES"},
        {items[0].pk: "YES", items[1].pk: "MAYBE"},
        {items[0].pk: "YES", 999: "NO"},
    ):
        with pytest.raises(ValidationFailed):
            services.secret_vote_cast(actor=cw.user(0), poll=poll, choices=bad)
    assert selectors.poll_voter_state(poll, cw.user(0)) == "can_vote"


def test_results_are_hidden_until_the_poll_closes(cw):
    items = open_items(cw, ["A", "B"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=items)
    _vote_all(cw, poll, items)
    with pytest.raises(DomainError):
        selectors.poll_results(poll)
    assert selectors.poll_turnout(poll) == selectors.Turnout(voted=4, expected=5)
    services.poll_close(actor=cw.officer, poll=poll)
    poll.refresh_from_db()
    results = selectors.poll_results(poll)
    assert [(r.yes, r.no, r.abstain) for r in results] == [(3, 1, 0), (2, 1, 1)]


def test_no_vote_after_the_poll_closes(cw):
    items = open_items(cw, ["A"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=items)
    services.poll_close(actor=cw.officer, poll=poll)
    with pytest.raises(DomainError):
        services.secret_vote_cast(actor=cw.user(0), poll=poll, choices={items[0].pk: "YES"})

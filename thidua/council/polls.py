"""Open, close and void polls. Closing tallies every item under the rule snapshotted at opening."""

import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.errors import DomainError, ValidationFailed
from thidua.core.text import clean_text
from thidua.council import tallying, workflow
from thidua.council.models import (
    AgendaItem,
    CouncilEvent,
    CouncilSession,
    ItemOutcome,
    NamedVote,
    PaperCount,
    Poll,
    PollMethod,
    PollResult,
    PollStatus,
    SecretBallot,
    SessionStatus,
    VoterRoll,
    WrittenCount,
)
from thidua.council.outcomes import record_outcomes
from thidua.council.rules import voting_rule_for
from thidua.regulations.versions import RegulationError
from thidua.regulations.voting import TallyOutcome, VotingMethod, tally

_SECRET_METHODS = {VotingMethod.SECRET, VotingMethod.PAPER_SECRET}


def _event(poll: Poll, *, command: str, before: str, actor: Any, note: str = "") -> None:
    CouncilEvent.objects.create(
        session_id=poll.session_id,
        poll=poll,
        command=f"poll_{command}",
        from_status=before,
        to_status=poll.status,
        actor=actor if getattr(actor, "pk", None) else None,
        occurred_at=timezone.now(),
        note=note,
    )


def _move(poll: Poll, command: str) -> str:
    try:
        return workflow.next_poll_status(poll.status, command)
    except workflow.WorkflowRefused:
        raise DomainError(
            _("This cannot be done to a poll that is %(status)s.")
            % {"status": poll.get_status_display().lower()}
        ) from None


@transaction.atomic
def poll_open(*, actor: Any, session: CouncilSession, method: str, items: Iterable[AgendaItem]) -> Poll:
    """Open a poll on agenda items of one award; the voting rule in force is copied onto the poll."""
    session = (
        CouncilSession.objects.select_for_update()
        .select_related("council__authority_unit")
        .get(pk=session.pk)
    )
    if session.status != SessionStatus.OPEN:
        raise DomainError(_("Polls are opened while the session is in progress."))
    if method not in PollMethod.values:
        raise ValidationFailed(_("Choose how the council votes."), {"method": [_("Choose a method.")]})
    chosen = list(
        AgendaItem.objects.select_for_update().filter(session=session, pk__in=[i.pk for i in items])
    )
    if not chosen:
        raise ValidationFailed(_("Choose the items to vote on."), {"items": [_("No item chosen.")]})
    if any(i.outcome != ItemOutcome.PENDING for i in chosen):
        raise DomainError(_("Some of these items already have an outcome."))
    if Poll.objects.filter(items__in=chosen, status=PollStatus.OPEN).exists():
        raise DomainError(_("Some of these items are already being voted on."))
    codes = {i.award_code for i in chosen}
    if len(codes) > 1:
        raise ValidationFailed(
            _("One poll covers one award, as each award has its own voting rule; open one poll per award."),
            {"items": [_("The items are for different awards.")]},
        )
    award_code = codes.pop()
    rule = voting_rule_for(session.council, award_code, session.held_on)
    if rule.method in _SECRET_METHODS and method == PollMethod.NAMED:
        raise ValidationFailed(
            _("The voting rule for this award requires a secret ballot."),
            {"method": [_("Choose a secret or a paper ballot.")]},
        )
    present = [a.member for a in session.attendance.select_related("member") if a.present]
    if not present:
        raise DomainError(_("Nobody is present."))
    poll = Poll.objects.create(
        session=session,
        method=method,
        award_code=award_code,
        threshold_pct=rule.threshold.pct,
        threshold_inclusive=rule.threshold.inclusive,
        denominator=rule.denominator.value,
        quorum_pct=rule.quorum.pct,
        quorum_inclusive=rule.quorum.inclusive,
        absentee_written_vote=rule.absentee_written_vote,
        rule=rule.to_dict(),
        opened_at=timezone.now(),
    )
    poll.items.set(chosen)
    if method == PollMethod.SECRET:
        # Only members in the room vote electronically: an absent member's ballot would be the only
        # "written" one and so would name its author. Written votes come in as counts (WrittenCount).
        VoterRoll.objects.bulk_create([VoterRoll(poll=poll, member=m) for m in present])
    _event(poll, command="open", before="", actor=actor)
    audit_record(
        actor=actor,
        action="council.poll_open",
        obj=poll,
        after={"method": method, "items": sorted(i.pk for i in chosen), "rule": poll.rule},
    )
    return poll


def reshuffle_ballots(poll: Poll) -> int:
    """Rewrite the poll's ballots in a random order with fresh random ids; return how many there are.

    The rows written while the poll was open carry traces of their writing (physical position, the
    writing transaction, SQLite's rowid); rewritten together they share one transaction and a random order.
    """
    contents = list(SecretBallot.objects.filter(poll=poll).values_list("choices", flat=True))
    SecretBallot.objects.filter(poll=poll).delete()
    secrets.SystemRandom().shuffle(contents)
    SecretBallot.objects.bulk_create([SecretBallot(poll=poll, choices=c) for c in contents])
    return len(contents)


def _written(poll: Poll) -> dict[int, tallying.RoomCounts]:
    return {
        w.item_id: tallying.RoomCounts(w.yes, w.no, w.abstain) for w in WrittenCount.objects.filter(poll=poll)
    }


def _counts(
    poll: Poll, item_ids: list[int], present_of: dict[int, bool]
) -> dict[int, tuple[tallying.RoomCounts, tallying.RoomCounts]]:
    empty = tallying.RoomCounts()
    if poll.method == PollMethod.SECRET:
        reshuffle_ballots(poll)
        room = tallying.count_ballots(
            SecretBallot.objects.filter(poll=poll).values_list("choices", flat=True), item_ids
        )
        written = _written(poll)
        return {i: (room[i], written.get(i, empty)) for i in item_ids}
    if poll.method == PollMethod.NAMED:
        votes = [
            (v.item_id, v.choice, present_of.get(v.member_id, False))
            for v in NamedVote.objects.filter(poll=poll)
        ]
        return tallying.count_named(votes, item_ids)
    papers = {p.item_id: p for p in PaperCount.objects.filter(poll=poll)}
    missing = [i for i in item_ids if i not in papers]
    if missing:
        raise DomainError(_("Enter the paper ballot counts for every item before closing the poll."))
    written = _written(poll)
    return {
        i: (
            tallying.RoomCounts(papers[i].yes, papers[i].no, papers[i].abstain, papers[i].invalid),
            written.get(i, empty),
        )
        for i in item_ids
    }


@transaction.atomic
def poll_close(*, actor: Any, poll: Poll) -> list[TallyOutcome]:
    """Close the poll, tally each item under the poll's rule and record each nominee's outcome.

    Return the outcomes in agenda order. A nominee's outcome goes to the proposals app through
    `nominee_set_council_outcome`; a proposal whose nominees all have outcomes is marked council-done.
    """
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    before = poll.status
    poll.status = _move(poll, "close")
    rule = tallying.rule_from_snapshot(poll.rule)
    items = list(poll.items.order_by("order", "pk"))
    attendance = list(poll.session.attendance.all())
    present_of = {a.member_id: a.present for a in attendance}
    members, present = len(attendance), sum(1 for a in attendance if a.present)
    counts = _counts(poll, [i.pk for i in items], present_of)
    outcomes: list[TallyOutcome] = []
    results: list[PollResult] = []
    for item in items:
        room, written = counts[item.pk]
        tc = tallying.tally_counts(members=members, present=present, room=room, written=written)
        try:
            outcome = tally(tc, rule=rule)
        except RegulationError as exc:
            raise ValidationFailed(
                _("The counts for “%(item)s” do not add up: %(error)s") % {"item": item.label, "error": exc}
            ) from None
        outcomes.append(outcome)
        results.append(
            PollResult(
                poll=poll,
                item=item,
                members=members,
                present=present,
                yes=tc.yes,
                no=tc.no,
                abstain=tc.abstain,
                invalid=tc.invalid,
                written_yes=tc.written_yes,
                written_no=tc.written_no,
                written_abstain=tc.written_abstain,
                counted_yes=outcome.yes,
                denominator=outcome.denominator,
                share_pct=outcome.share_pct,
                quorum_met=outcome.quorum_met,
                passed=outcome.passed,
                reasons=[r.to_dict() for r in outcome.reasons],
                summary=tallying.votes_summary(tc, outcome),
            )
        )
        item.outcome = ItemOutcome.APPROVED if outcome.passed else ItemOutcome.REJECTED
    PollResult.objects.bulk_create(results)
    AgendaItem.objects.bulk_update(items, ["outcome"])
    poll.closed_at = timezone.now()
    poll.save(update_fields=["status", "closed_at", "updated_at"])
    _event(poll, command="close", before=before, actor=actor)
    audit_record(
        actor=actor,
        action="council.poll_close",
        obj=poll,
        before={"status": before},
        after={
            "status": poll.status,
            "ballots": poll.ballots.count() if poll.method == PollMethod.SECRET else None,
            "results": {str(r.item_id): [r.counted_yes, r.denominator, r.passed] for r in results},
        },
    )
    record_outcomes(actor=actor, results=results, on=poll.session.held_on)
    return outcomes


@transaction.atomic
def poll_void(*, actor: Any, poll: Poll, reason: str) -> Poll:
    """Cancel an open poll with a reason; its votes count for nothing and its items may be voted again."""
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    reason = clean_text(reason)
    if not reason:
        raise ValidationFailed(
            _("Give the reason for voiding the poll."), {"reason": [_("The reason is missing.")]}
        )
    before = poll.status
    poll.status = _move(poll, "void")
    poll.void_reason = reason
    poll.closed_at = timezone.now()
    poll.save(update_fields=["status", "void_reason", "closed_at", "updated_at"])
    if poll.method == PollMethod.SECRET:
        reshuffle_ballots(poll)
    _event(poll, command="void", before=before, actor=actor, note=reason)
    audit_record(
        actor=actor,
        action="council.poll_void",
        obj=poll,
        before={"status": before},
        after={"status": poll.status},
        reason=reason,
    )
    return poll

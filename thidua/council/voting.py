"""Casting votes: secret electronic ballots, named votes, paper counts and absentees' written counts.

A secret vote writes two rows in one transaction that share nothing but the poll: the member's
`VoterRoll` row flips to "has voted", and a `SecretBallot` with the choices is added. Neither the audit
log, the log nor any message ever sees the choices.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.errors import DomainError, ValidationFailed
from thidua.council import tallying
from thidua.council.models import (
    Attendance,
    NamedVote,
    PaperCount,
    Poll,
    PollMethod,
    PollStatus,
    SecretBallot,
    VoterRoll,
    WrittenCount,
)

PAPER_FIELDS = ("yes", "no", "abstain", "invalid", "ballots_issued", "ballots_returned")
WRITTEN_FIELDS = ("yes", "no", "abstain")


class AlreadyVoted(DomainError):  # noqa: N818 - reads better at call sites
    """The member has already voted in this poll."""


def _locked_open_poll(poll: Poll, method: str) -> Poll:
    # Every vote takes the poll's row lock: closing waits for votes in flight, and a vote that arrives
    # after closing sees the new status.
    poll = Poll.objects.select_for_update().select_related("session").get(pk=poll.pk)
    if poll.method != method:
        raise DomainError(_("This poll is not voted that way."))
    if poll.status != PollStatus.OPEN:
        raise DomainError(_("Voting in this poll has ended."))
    return poll


def _item_ids(poll: Poll) -> list[int]:
    return list(poll.items.order_by("order", "pk").values_list("pk", flat=True))


def _clean_choices(poll: Poll, choices: Mapping[Any, Any]) -> dict[str, str]:
    try:
        return tallying.normalise_choices(choices, _item_ids(poll))
    except tallying.BadChoices:
        raise ValidationFailed(
            _("Answer every item: agree, disagree or no vote."),
            {"choices": [_("Some items have no answer.")]},
        ) from None


@transaction.atomic
def secret_vote_cast(*, actor: Any, poll: Poll, choices: Mapping[Any, str]) -> None:
    """Cast the actor's secret ballot: `choices` maps every item id of the poll to YES, NO or ABSTAIN.

    Exactly once per member: the roll row is locked and flipped with `UPDATE … WHERE has_voted = false`,
    and (poll, member) is unique on the roll. The ballot carries no member, no time and no sequence.
    """
    poll = _locked_open_poll(poll, PollMethod.SECRET)
    clean = _clean_choices(poll, choices)
    roll = VoterRoll.objects.select_for_update().filter(poll=poll, member__user=actor).first()
    if roll is None:
        raise DomainError(_("You are not on the roll of this poll."))
    if not VoterRoll.objects.filter(pk=roll.pk, has_voted=False).update(has_voted=True):
        raise AlreadyVoted(_("You have already voted in this poll."))
    SecretBallot.objects.create(poll=poll, choices=clean)
    # Who voted is public within the council; what they voted is never written here.
    audit_record(
        actor=actor,
        action="council.secret_vote_cast",
        obj=poll,
        after={"voter_roll": roll.pk, "member": roll.member_id},
    )


def _attendance_of(poll: Poll, user: Any) -> Attendance | None:
    return (
        Attendance.objects.select_related("member")
        .filter(session_id=poll.session_id, member__user=user)
        .first()
    )


@transaction.atomic
def named_vote_cast(*, actor: Any, poll: Poll, choices: Mapping[Any, str], member_user: Any = None) -> None:
    """Record a named vote on every item of the poll: the actor's own, or (from the secretary) a member's.

    An absent member's vote counts as a written vote, accepted only when the rule allows written votes.
    """
    poll = _locked_open_poll(poll, PollMethod.NAMED)
    clean = _clean_choices(poll, choices)
    attendance = _attendance_of(poll, member_user if member_user is not None else actor)
    if attendance is None:
        raise DomainError(_("Only members of this session vote."))
    if not attendance.present and not poll.absentee_written_vote:
        raise DomainError(_("The voting rule does not take written votes from absent members."))
    member = attendance.member
    if NamedVote.objects.filter(poll=poll, member=member).exists():
        raise AlreadyVoted(_("This member has already voted in this poll."))
    NamedVote.objects.bulk_create(
        [NamedVote(poll=poll, member=member, item_id=int(k), choice=v) for k, v in clean.items()]
    )
    audit_record(
        actor=actor,
        action="council.named_vote_cast",
        obj=poll,
        after={"member": member.pk, "present": attendance.present, "choices": clean},
    )


def _numbers(raw: Mapping[str, Any], fields: tuple[str, ...], label: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for name in fields:
        value = raw.get(name, 0)
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = -1
        if number < 0 or isinstance(value, bool):
            raise ValidationFailed(
                _("The counts for “%(item)s” must be whole numbers, zero or more.") % {"item": label},
                {name: [_("Enter a whole number.")]},
            )
        out[name] = number
    return out


def _labels(poll: Poll) -> dict[int, str]:
    return dict(poll.items.values_list("pk", "label"))


def _present_absent(poll: Poll) -> tuple[int, int]:
    rows = list(Attendance.objects.filter(session_id=poll.session_id).values_list("present", flat=True))
    present = sum(1 for p in rows if p)
    return present, len(rows) - present


@transaction.atomic
def paper_counts_enter(
    *, actor: Any, poll: Poll, counts: Mapping[Any, Mapping[str, Any]]
) -> list[PaperCount]:
    """Record the secretary's count of the paper ballots for every item of the poll.

    Each item's yes + no + no vote + invalid equals the ballots returned; returned ≤ issued ≤ present;
    every item shows the same ballots issued and returned (one ballot paper lists all nominees).
    """
    poll = _locked_open_poll(poll, PollMethod.PAPER)
    labels = _labels(poll)
    if {str(k) for k in counts} != {str(k) for k in labels}:
        raise ValidationFailed(_("Enter the counts for every item of the poll."))
    present, _absent = _present_absent(poll)
    rows = {int(k): _numbers(v, PAPER_FIELDS, labels[int(k)]) for k, v in counts.items()}
    errors: dict[str, list[str]] = {}
    for item_id, n in rows.items():
        label = labels[item_id]
        if n["yes"] + n["no"] + n["abstain"] + n["invalid"] != n["ballots_returned"]:
            errors[str(item_id)] = [
                _("“%(item)s”: agree + disagree + no vote + invalid must equal the ballots returned.")
                % {"item": label}
            ]
        elif n["ballots_returned"] > n["ballots_issued"]:
            errors[str(item_id)] = [_("“%(item)s”: more ballots returned than issued.") % {"item": label}]
        elif n["ballots_issued"] > present:
            errors[str(item_id)] = [
                _("“%(item)s”: more ballots issued than members present (%(n)s).")
                % {"item": label, "n": present}
            ]
    if len({(n["ballots_issued"], n["ballots_returned"]) for n in rows.values()}) > 1:
        errors["ballots"] = [_("Every item must show the same numbers of ballots issued and returned.")]
    if errors:
        raise ValidationFailed(_("The counts do not add up."), errors)
    saved = []
    for item_id, n in rows.items():
        row, _created = PaperCount.objects.update_or_create(poll=poll, item_id=item_id, defaults=n)
        saved.append(row)
    audit_record(
        actor=actor,
        action="council.paper_counts_enter",
        obj=poll,
        after={str(k): v for k, v in sorted(rows.items())},
    )
    return saved


@transaction.atomic
def written_counts_enter(
    *, actor: Any, poll: Poll, counts: Mapping[Any, Mapping[str, Any]]
) -> list[WrittenCount]:
    """Record absent members' written votes on a secret or paper poll as counts per item."""
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if poll.method == PollMethod.NAMED:
        raise DomainError(_("In a named vote, each absent member's written vote is recorded by name."))
    if poll.status != PollStatus.OPEN:
        raise DomainError(_("Voting in this poll has ended."))
    if not poll.absentee_written_vote:
        raise DomainError(_("The voting rule does not take written votes from absent members."))
    labels = _labels(poll)
    if not {str(k) for k in counts} <= {str(k) for k in labels}:
        raise ValidationFailed(_("Enter counts only for the items of the poll."))
    _present, absent = _present_absent(poll)
    rows = {int(k): _numbers(v, WRITTEN_FIELDS, labels[int(k)]) for k, v in counts.items()}
    for item_id, n in rows.items():
        if sum(n.values()) > absent:
            raise ValidationFailed(
                _("“%(item)s”: more written votes than absent members (%(n)s).")
                % {"item": labels[item_id], "n": absent}
            )
    saved = []
    for item_id, n in rows.items():
        row, _created = WrittenCount.objects.update_or_create(poll=poll, item_id=item_id, defaults=n)
        saved.append(row)
    audit_record(
        actor=actor,
        action="council.written_counts_enter",
        obj=poll,
        after={str(k): v for k, v in sorted(rows.items())},
    )
    return saved

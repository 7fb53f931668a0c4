"""Reads of the council app. Results of a poll are only read once it is closed."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.council.models import (
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    CouncilSession,
    NamedVote,
    PaperCount,
    Poll,
    PollMethod,
    PollResult,
    PollStatus,
    SecretBallot,
    VoterRoll,
    WrittenCount,
)
from thidua.council.permissions import councils_in_scope


def council_list(user: Any) -> QuerySet[Council]:
    """Return the councils the user may see, by name."""
    return councils_in_scope(user).order_by("name")


def council_members(council: Council) -> QuerySet[CouncilMember]:
    """Return every seat on the council, sitting members first."""
    return council.members.select_related("user", "person").order_by("valid_to", "valid_from", "pk")


def session_attendance(session: CouncilSession) -> QuerySet[Attendance]:
    """Return the attendance list of a session."""
    return session.attendance.select_related("member__user", "member__person").order_by(
        "member__valid_from", "member"
    )


def session_items(session: CouncilSession) -> QuerySet[AgendaItem]:
    """Return the agenda in order."""
    return session.items.order_by("order", "pk")


def session_polls(session: CouncilSession) -> QuerySet[Poll]:
    """Return the polls of a session in the order they were opened."""
    return session.polls.prefetch_related("items").order_by("pk")


@dataclass(frozen=True)
class Turnout:
    """How many of the poll's voters have voted (the only figure shown while a secret poll is open)."""

    voted: int
    expected: int


def poll_turnout(poll: Poll) -> Turnout:
    """Return how many have voted so far; for a secret poll this is the count of ballots cast."""
    if poll.method == PollMethod.SECRET:
        return Turnout(
            SecretBallot.objects.filter(poll=poll).count(), VoterRoll.objects.filter(poll=poll).count()
        )
    present = Attendance.objects.filter(session_id=poll.session_id, present=True).count()
    if poll.method == PollMethod.NAMED:
        voted = NamedVote.objects.filter(poll=poll).values("member").distinct().count()
        return Turnout(voted, present)
    issued = PaperCount.objects.filter(poll=poll).values_list("ballots_returned", flat=True).first()
    return Turnout(issued or 0, present)


def poll_voter_state(poll: Poll, user: Any) -> str:
    """Say where the user stands in a poll: "voted", "can_vote" or "not_on_roll"."""
    if poll.method == PollMethod.SECRET:
        row = (
            VoterRoll.objects.filter(poll=poll, member__user=user).values_list("has_voted", flat=True).first()
        )
        if row is None:
            return "not_on_roll"
        return "voted" if row else "can_vote"
    if poll.method == PollMethod.NAMED:
        attendance = Attendance.objects.filter(session_id=poll.session_id, member__user=user).first()
        if attendance is None or (not attendance.present and not poll.absentee_written_vote):
            return "not_on_roll"
        voted = NamedVote.objects.filter(poll=poll, member_id=attendance.member_id).exists()
        return "voted" if voted else "can_vote"
    return "not_on_roll"


def poll_results(poll: Poll) -> list[PollResult]:
    """Return the tally per item of a closed poll; refused while the poll is open or after it was voided."""
    if poll.status == PollStatus.OPEN:
        raise DomainError(_("Results are hidden until the poll closes."))
    if poll.status == PollStatus.VOID:
        raise DomainError(_("This poll was voided; it has no results."))
    return list(PollResult.objects.filter(poll=poll).select_related("item").order_by("item__order", "item"))


def poll_named_votes(poll: Poll) -> QuerySet[NamedVote]:
    """Return the votes of a named poll by member (named votes are public once the poll closes)."""
    if poll.method != PollMethod.NAMED:
        raise DomainError(_("Only a named vote records who voted what."))
    if poll.status == PollStatus.OPEN:
        raise DomainError(_("Results are hidden until the poll closes."))
    return NamedVote.objects.filter(poll=poll).select_related("member__user", "member__person", "item")


def poll_paper_counts(poll: Poll) -> dict[int, PaperCount]:
    """Return the paper counts entered so far, by item id."""
    return {p.item_id: p for p in PaperCount.objects.filter(poll=poll)}


def poll_written_counts(poll: Poll) -> dict[int, WrittenCount]:
    """Return the absentees' written counts entered so far, by item id."""
    return {w.item_id: w for w in WrittenCount.objects.filter(poll=poll)}

"""Access gates for councils, sessions and polls; missing and forbidden look alike (NotFound).

Seeing: anyone whose unit scope covers the authority, and the council's own members.
Running (sessions, agenda, polls, paper counts): the authority's emulation officers, council secretaries
and administrators, and members seated with the SECRETARY role.
Voting: the members themselves; who is on a poll's roll is checked by the voting services.
"""

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.permissions import scope_paths
from thidua.core.errors import NotFound
from thidua.council.models import Council, CouncilMember, CouncilSession, MemberRole, Poll
from thidua.council.workflow import RUNNER_ROLES


def _within(council: Council, paths: list[str]) -> bool:
    return any(council.authority_unit.path.startswith(p) for p in paths)


def seat_of(user: Any, council: Council, on: date | None = None) -> CouncilMember | None:
    """Return the user's seat on the council (sitting on `on`, or their latest seat)."""
    if not getattr(user, "is_authenticated", False):
        return None
    seats = [
        m for m in council.members.filter(user=user).order_by("-valid_from") if on is None or m.sits_on(on)
    ]
    return seats[0] if seats else None


def can_run(user: Any, council: Council) -> bool:
    """Tell whether the user may run the council's sessions and polls."""
    if _within(council, scope_paths(user, RUNNER_ROLES)):
        return True
    seat = seat_of(user, council)
    return seat is not None and seat.role == MemberRole.SECRETARY and seat.valid_to is None


def councils_in_scope(user: Any) -> QuerySet[Council]:
    """Return the councils a user may see: of authorities in scope, or ones they sit on."""
    if not getattr(user, "is_authenticated", False):
        return Council.objects.none()
    q = Q(members__user=user)
    for p in scope_paths(user):
        q |= Q(authority_unit__path__startswith=p)
    ids = Council.objects.filter(q).values("pk")
    return Council.objects.filter(pk__in=ids).select_related("authority_unit")


def _check(user: Any, council: Council, *, for_write: bool, what: str) -> None:
    if for_write:
        if not can_run(user, council):
            raise NotFound(what)
    elif not (_within(council, scope_paths(user)) or seat_of(user, council) is not None):
        raise NotFound(what)


def access_council(user: Any, council_id: Any, *, for_write: bool = False) -> Council:
    """Return the council if the user may see it (and run it, with `for_write`); else raise NotFound."""
    try:
        council = Council.objects.select_related("authority_unit").get(pk=int(council_id))
    except (Council.DoesNotExist, ValueError, TypeError):
        raise NotFound("council") from None
    _check(user, council, for_write=for_write, what="council")
    return council


def access_session(user: Any, session_id: Any, *, for_write: bool = False) -> CouncilSession:
    """Return the session if the user may see it (and run it, with `for_write`); else raise NotFound."""
    try:
        session = CouncilSession.objects.select_related("council__authority_unit").get(pk=int(session_id))
    except (CouncilSession.DoesNotExist, ValueError, TypeError):
        raise NotFound("session") from None
    _check(user, session.council, for_write=for_write, what="session")
    return session


def access_poll(user: Any, poll_id: Any, *, for_write: bool = False) -> Poll:
    """Return the poll to a member of its council (to vote) or its runners; `for_write`: runners only."""
    try:
        poll = Poll.objects.select_related("session__council__authority_unit").get(pk=int(poll_id))
    except (Poll.DoesNotExist, ValueError, TypeError):
        raise NotFound("poll") from None
    council = poll.session.council
    if for_write:
        if not can_run(user, council):
            raise NotFound("poll")
    elif seat_of(user, council, poll.session.held_on) is None and not can_run(user, council):
        raise NotFound("poll")
    return poll

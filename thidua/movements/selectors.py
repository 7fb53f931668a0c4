"""Reads about movements."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from thidua.accounts.permissions import unit_scope_q
from thidua.movements.models import Movement, Registration, RegistrationStatus
from thidua.movements.permissions import movements_in_scope


def movement_list(user: Any, *, year: int | None = None, status: str = "") -> QuerySet[Movement]:
    """Return the movements the user may see, newest first, with registration counts."""
    qs = movements_in_scope(user).select_related("launcher")
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(
        registrations_total=Count("registrations", distinct=True),
        registrations_sent=Count(
            "registrations",
            filter=Q(registrations__status__in=[RegistrationStatus.SENT, RegistrationStatus.ACCEPTED]),
            distinct=True,
        ),
    ).order_by("-year", "-created_at")


def registrations_for_user(user: Any, movement: Movement) -> QuerySet[Registration]:
    """Return the movement's registrations of units in the user's scope."""
    return movement.registrations.filter(unit_scope_q(user, prefix="unit__")).select_related("unit")


@dataclass(frozen=True)
class RegistrationProgress:
    """How far registrations have come."""

    total: int
    not_sent: int
    sent: int
    returned: int
    accepted: int


def registration_progress(movement: Movement) -> RegistrationProgress:
    """Count the movement's registrations by status in one query."""
    counts = dict(movement.registrations.values_list("status").annotate(n=Count("id")))
    return RegistrationProgress(
        total=sum(counts.values()),
        not_sent=counts.get(RegistrationStatus.NOT_SENT, 0),
        sent=counts.get(RegistrationStatus.SENT, 0),
        returned=counts.get(RegistrationStatus.RETURNED, 0),
        accepted=counts.get(RegistrationStatus.ACCEPTED, 0),
    )

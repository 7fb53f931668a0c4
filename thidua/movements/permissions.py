"""Access gates for movements and registrations."""

from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.permissions import roles_of
from thidua.accounts.permissions import scope_paths as _paths
from thidua.core.errors import NotFound
from thidua.movements.models import Movement, Registration
from thidua.movements.workflow import LAUNCHER_ROLES, PARTICIPANT_ROLES
from thidua.organization.models import Unit


def _within(unit: Unit, paths: list[str]) -> bool:
    return any(unit.path.startswith(p) for p in paths)


def movements_in_scope(user: Any) -> QuerySet[Movement]:
    """Return the movements a user may see: launched by a unit in scope, or one their units take part in."""
    paths = _paths(user)
    if not paths:
        return Movement.objects.none()
    launched = Q()
    for p in paths:
        launched |= Q(launcher__path__startswith=p)
    # A unit in scope takes part directly, or lies below a participant that includes its subtree.
    participating = Q()
    for p in paths:
        participating |= Q(participants__unit__path__startswith=p)
    visible = Movement.objects.filter(launched | participating).values("pk")
    return Movement.objects.filter(pk__in=visible)


def can_manage_movement(user: Any, movement: Movement) -> bool:
    """Tell whether the user may edit, launch and decide registrations of the movement."""
    return _within(movement.launcher, _paths(user, LAUNCHER_ROLES))


def access_movement(user: Any, movement_id: Any, *, for_write: bool = False) -> Movement:
    """Return the movement if the user may see it (and manage it, with `for_write`); else raise NotFound."""
    try:
        movement = Movement.objects.select_related("launcher", "drafting_unit", "signer").get(
            pk=int(movement_id)
        )
    except (Movement.DoesNotExist, ValueError, TypeError):
        raise NotFound("movement") from None
    if for_write:
        if not can_manage_movement(user, movement):
            raise NotFound("movement")
        return movement
    if not movements_in_scope(user).filter(pk=movement.pk).exists():
        raise NotFound("movement")
    return movement


def can_edit_registration(user: Any, registration: Registration) -> bool:
    """Tell whether the user may fill in and send the registration for its unit."""
    return _within(registration.unit, _paths(user, PARTICIPANT_ROLES))


def access_registration(user: Any, registration_id: Any) -> Registration:
    """Return the registration if the user works for its unit or manages its movement; else raise NotFound."""
    try:
        registration = Registration.objects.select_related("unit", "movement__launcher").get(
            pk=int(registration_id)
        )
    except (Registration.DoesNotExist, ValueError, TypeError):
        raise NotFound("registration") from None
    if _within(registration.unit, _paths(user)) or can_manage_movement(user, registration.movement):
        return registration
    raise NotFound("registration")


def user_roles(user: Any) -> set[str]:
    """Return the roles of the user anywhere (for showing the commands a screen offers)."""
    return roles_of(user)

"""Access gates. Every object a user asks for by id is fetched here; missing and forbidden look alike."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.models import REGISTRY_WRITERS, Membership, Role, User
from thidua.core.errors import NotFound
from thidua.organization.models import Person, Unit


def active_memberships(user: Any) -> list[Membership]:
    """Return the user's active memberships with their units (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_thidua_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user, is_active=True).select_related("unit"))
        user._thidua_memberships = cached
    return cached


def roles_of(user: Any) -> set[str]:
    """Return every role the user holds somewhere."""
    return {m.role for m in active_memberships(user)}


def _paths(user: Any, roles: Iterable[str] | None = None) -> list[str]:
    wanted = set(roles) if roles is not None else None
    paths = sorted({m.unit.path for m in active_memberships(user) if wanted is None or m.role in wanted})
    # Drop paths inside another path already in the list: the outer one covers them.
    kept: list[str] = []
    for p in paths:
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return kept


def scope_paths(user: Any, roles: Iterable[str] | None = None) -> list[str]:
    """Return the unit paths whose subtrees the user may act in (with one of `roles`, if given)."""
    return _paths(user, roles)


def unit_scope_q(user: Any, *, prefix: str = "", roles: Iterable[str] | None = None) -> Q:
    """Return a filter matching the units within the subtrees of the user's memberships.

    `prefix` is the lookup path to the unit's path from the model filtered ("" for Unit, "unit__" across
    the foreign key, "unit_" for Person's own copy `unit_path`).
    A user without memberships matches nothing; being a Django superuser grants nothing here.
    """
    paths = _paths(user, roles)
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for p in paths:
        q |= Q(**{f"{prefix}path__startswith": p})
    return q


def units_in_scope(user: Any, *, roles: Iterable[str] | None = None) -> QuerySet[Unit]:
    """Return the units the user may see."""
    return Unit.objects.filter(unit_scope_q(user, roles=roles))


def people_in_scope(user: Any) -> QuerySet[Person]:
    """Return the people (by current unit) the user may see."""
    return Person.objects.filter(unit_scope_q(user, prefix="unit_"))  # Person.unit_path


def can_write_registry(user: Any, unit: Unit) -> bool:
    """Tell whether the user may change units and people in `unit`."""
    return any(unit.path.startswith(p) for p in _paths(user, REGISTRY_WRITERS))


def access_unit(user: Any, unit_id: Any, *, for_write: bool = False) -> Unit:
    """Return the unit if the user may see it (and change it, with `for_write`); else raise NotFound."""
    try:
        unit = Unit.objects.select_related("parent", "admin_unit").get(pk=int(unit_id))
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise NotFound("unit") from None
    paths = _paths(user, REGISTRY_WRITERS if for_write else None)
    if not any(unit.path.startswith(p) for p in paths):
        raise NotFound("unit")
    return unit


def access_person(user: Any, person_id: Any, *, for_write: bool = False) -> Person:
    """Return the person if the user may see them (and change them, with `for_write`); else raise NotFound."""
    try:
        person = Person.objects.select_related("unit", "ethnicity").get(pk=int(person_id))
    except (Person.DoesNotExist, ValueError, TypeError):
        raise NotFound("person") from None
    if person.unit is None:
        raise NotFound("person")
    paths = _paths(user, REGISTRY_WRITERS if for_write else None)
    if not any(person.unit.path.startswith(p) for p in paths):
        raise NotFound("person")
    return person


def is_administrator(user: Any) -> bool:
    """Tell whether the user administers some unit."""
    return Role.ADMINISTRATOR in roles_of(user)


def user_for_login(username: str) -> User | None:
    """Return the active user with this user name, if any."""
    return User.objects.filter(username=username, is_active=True).first()

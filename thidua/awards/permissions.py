"""Who may see and write the award register: the unit scope of `accounts.permissions`, narrowed by role."""

from typing import Any

from django.db.models import QuerySet

from thidua.accounts.models import Role
from thidua.accounts.permissions import scope_paths, units_in_scope
from thidua.awards.models import Award, AwardRecheck
from thidua.core.errors import NotFound
from thidua.organization.models import Person, Unit

# Roles that record awards by hand, import earlier decisions and revoke awards in their subtree.
REGISTER_WRITERS = frozenset({Role.EMULATION_OFFICER, Role.REVIEWER, Role.ADMINISTRATOR})


def _paths(user: Any, for_write: bool) -> list[str]:
    return scope_paths(user, REGISTER_WRITERS if for_write else None)


def _covers(paths: list[str], unit: Unit | None) -> bool:
    return unit is not None and any(unit.path.startswith(p) for p in paths)


def register_units(user: Any, *, for_write: bool = False) -> QuerySet[Unit]:
    """Return the units whose register the user may see (or write, with `for_write`)."""
    return units_in_scope(user, roles=REGISTER_WRITERS if for_write else None)


def can_write_register(user: Any, unit: Unit | None) -> bool:
    """Tell whether the user may write the register of people and collectives of `unit`."""
    return _covers(_paths(user, True), unit)


def _pk(value: Any, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound(what) from None


def access_register_person(user: Any, person_id: Any, *, for_write: bool = False) -> Person:
    """Return the person if the user may see (or write) their register; else raise NotFound."""
    person = (
        Person.objects.select_related("unit", "unit__admin_unit").filter(pk=_pk(person_id, "person")).first()
    )
    if person is None or not _covers(_paths(user, for_write), person.unit):
        raise NotFound("person")
    return person


def access_register_unit(user: Any, unit_id: Any, *, for_write: bool = False) -> Unit:
    """Return the unit if the user may see (or write) its register; else raise NotFound."""
    unit = Unit.objects.select_related("parent", "admin_unit").filter(pk=_pk(unit_id, "unit")).first()
    if unit is None or not _covers(_paths(user, for_write), unit):
        raise NotFound("unit")
    return unit


def award_unit(award: Award) -> Unit | None:
    """Return the unit that decides who may see an award (person's unit, unit, household's village)."""
    if award.person_id:
        return award.person.unit  # type: ignore[union-attr]
    if award.unit_id:
        return award.unit
    return award.household.village if award.household else None


def access_award(user: Any, award_id: Any, *, for_write: bool = False) -> Award:
    """Return the award if the user may see it (or revoke it, with `for_write`); else raise NotFound."""
    award = (
        Award.objects.select_related("person__unit", "unit", "household__village", "household__head")
        .filter(pk=_pk(award_id, "award"))
        .first()
    )
    if award is None or not _covers(_paths(user, for_write), award_unit(award)):
        raise NotFound("award")
    return award


def access_recheck(user: Any, recheck_id: Any, *, for_write: bool = False) -> AwardRecheck:
    """Return a re-check flag if the user may see (or close) it; else raise NotFound."""
    recheck = AwardRecheck.objects.filter(pk=_pk(recheck_id, "recheck")).select_related("award").first()
    if recheck is None:
        raise NotFound("recheck")
    access_award(user, recheck.award_id, for_write=for_write)
    return recheck

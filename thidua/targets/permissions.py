"""Who may see and change targets: the unit scope of `accounts.permissions`, narrowed by role for writes."""

from typing import Any

from django.db.models import QuerySet

from thidua.accounts.models import Role
from thidua.accounts.permissions import units_in_scope
from thidua.core.errors import NotFound
from thidua.organization.models import Unit
from thidua.targets.models import Target

# Roles that set plans and report actuals in their subtree.
TARGET_WRITERS = frozenset({Role.EMULATION_OFFICER, Role.UNIT_HEAD, Role.ADMINISTRATOR})
# Roles that add indicators to the catalogue (a shared list, so only administrators).
INDICATOR_WRITERS = frozenset({Role.ADMINISTRATOR})


def target_units(user: Any, *, for_write: bool = False) -> QuerySet[Unit]:
    """Return the units whose targets the user may see (or change, with `for_write`)."""
    return units_in_scope(user, roles=TARGET_WRITERS if for_write else None)


def can_write_targets(user: Any, unit: Unit) -> bool:
    """Tell whether the user may set plans and report actuals for `unit`."""
    return target_units(user, for_write=True).filter(pk=unit.pk).exists()


def can_manage_indicators(user: Any) -> bool:
    """Tell whether the user may add or change indicators."""
    return units_in_scope(user, roles=INDICATOR_WRITERS).exists()


def access_target_unit(user: Any, unit_id: Any, *, for_write: bool = False) -> Unit:
    """Return the unit if the user may see its targets (and change them, with `for_write`); else NotFound."""
    try:
        pk = int(unit_id)
    except (TypeError, ValueError):
        raise NotFound("unit") from None
    unit = target_units(user, for_write=for_write).filter(pk=pk).first()
    if unit is None:
        raise NotFound("unit")
    return unit


def access_target(user: Any, target_id: Any, *, for_write: bool = False) -> Target:
    """Return the target if the user may see it (and change it, with `for_write`); else NotFound."""
    try:
        pk = int(target_id)
    except (TypeError, ValueError):
        raise NotFound("target") from None
    target = Target.objects.select_related("unit", "indicator").filter(pk=pk).first()
    if target is None or not target_units(user, for_write=for_write).filter(pk=target.unit_id).exists():
        raise NotFound("target")
    return target

"""Access to decisions: officers of the deciding authority draft, signatories issue, people in scope read.

Recipient units see the decision through its document (documents app); these gates cover the decision
screens and downloads.
"""

from typing import Any

from django.db.models import QuerySet

from thidua.accounts.permissions import roles_of, scope_paths, unit_scope_q, units_in_scope
from thidua.core.errors import NotFound
from thidua.decisions.models import CertificateLayout, Decision
from thidua.decisions.workflow import DRAFTER_ROLES, ISSUER_ROLES, LAYOUT_ROLES
from thidua.organization.models import Unit


def _within(unit: Unit, paths: list[str]) -> bool:
    return any(unit.path.startswith(p) for p in paths)


def drafting_authorities(user: Any) -> QuerySet[Unit]:
    """Return the units for which the user may draft decisions."""
    return units_in_scope(user, roles=DRAFTER_ROLES).order_by("path")


def can_draft(user: Any, unit: Unit) -> bool:
    """Tell whether the user may draft and edit decisions of `unit`."""
    return _within(unit, scope_paths(user, DRAFTER_ROLES))


def can_issue(user: Any, decision: Decision) -> bool:
    """Tell whether the user may issue the decision (signatory, or an officer acting for them)."""
    return _within(decision.authority_unit, scope_paths(user, ISSUER_ROLES))


def access_decision(user: Any, decision_id: Any, *, for_write: bool = False) -> Decision:
    """Return the decision if the user may see it (and prepare it, with `for_write`); else raise NotFound."""
    try:
        pk = int(decision_id)
    except (TypeError, ValueError):
        raise NotFound("decision") from None
    qs = Decision.objects.select_related("authority_unit", "drafting_unit", "document")
    roles = DRAFTER_ROLES | ISSUER_ROLES if for_write else None
    decision = qs.filter(unit_scope_q(user, prefix="authority_unit__", roles=roles), pk=pk).first()
    if decision is None:
        raise NotFound("decision")
    return decision


def can_manage_layouts(user: Any, unit: Unit) -> bool:
    """Tell whether the user may change certificate layouts of `unit` (administrators)."""
    return _within(unit, scope_paths(user, LAYOUT_ROLES))


def access_layout(user: Any, layout_id: Any, *, for_write: bool = False) -> CertificateLayout:
    """Return the layout if the user may use it (and change it, with `for_write`); else raise NotFound."""
    try:
        layout = CertificateLayout.objects.select_related("owner_unit").get(pk=int(layout_id))
    except (CertificateLayout.DoesNotExist, TypeError, ValueError):
        raise NotFound("layout") from None
    unit = layout.owner_unit
    if for_write:
        if not can_manage_layouts(user, unit):
            raise NotFound("layout")
        return layout
    # Layouts are shared downward: a commune prints with its province's layout.
    paths = scope_paths(user)
    if not any(unit.path.startswith(p) or p.startswith(unit.path) for p in paths):
        raise NotFound("layout")
    return layout


def user_roles(user: Any) -> set[str]:
    """Return the roles the user holds anywhere."""
    return roles_of(user)

"""Demo hook: the council of an authority in the demo world (the lead's `demo` app calls this)."""

from datetime import date
from typing import Any

from django.db import transaction

from thidua.council import services
from thidua.council.models import Council, MemberRole
from thidua.documents.content import split_locality
from thidua.organization.models import Unit


def _council_name(unit: Unit) -> str:
    _body, locality = split_locality(unit.name)
    return f"Hội đồng Thi đua - Khen thưởng {locality or unit.name}"


@transaction.atomic
def load_demo_council(
    *,
    authority_unit: Unit,
    users: list[Any],
    secretary: Any,
    valid_from: date = date(2025, 7, 1),
    rules_key: str = "",
) -> Council:
    """Create (once) the authority's council: the first user chairs, the second is vice-chair, then members.

    The secretary sits with the SECRETARY role (added if not among `users`). Calling again returns the
    existing council unchanged.
    """
    name = _council_name(authority_unit)
    existing = Council.objects.filter(authority_unit=authority_unit, name=name).first()
    if existing is not None:
        return existing
    council = services.council_create(
        actor=None,
        authority_unit=authority_unit,
        name=name,
        rules_key=rules_key,
        rules_note="Quy chế hoạt động của Hội đồng (dữ liệu minh họa).",
    )
    seated = [u for u in users if u.pk != secretary.pk] + [secretary]
    for i, user in enumerate(seated):
        if user.pk == secretary.pk:
            role = MemberRole.SECRETARY
        else:
            role = {0: MemberRole.CHAIR, 1: MemberRole.VICE_CHAIR}.get(i, MemberRole.MEMBER)
        services.member_add(actor=None, council=council, user=user, role=role, valid_from=valid_from)
    return council

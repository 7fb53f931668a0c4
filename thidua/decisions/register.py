"""The decisions app's edges to the award register (awards) and to proposals (nominees).

Everything that crosses into those apps goes through here, so the contracts are in one place:
`awards.services.award_record`, `proposals.selectors.nominees_ready_for_decision` and
`proposals.services.proposal_mark_decided`.
"""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from thidua.awards.models import AwardStatus
from thidua.awards.services import award_record
from thidua.core.errors import ValidationFailed
from thidua.core.formatting import format_date
from thidua.decisions.models import DecisionLine
from thidua.organization.models import Unit
from thidua.proposals.models import Nominee
from thidua.proposals.selectors import nominees_ready_for_decision
from thidua.proposals.services import proposal_mark_decided


def line_spec(nominee: Nominee) -> dict[str, Any]:
    """Return the keyword arguments of a decision line for a nominee."""
    return {
        "subject_kind": nominee.subject_kind,
        "award_code": nominee.award_code,
        "year": nominee.year,
        "person": nominee.person,
        "unit": nominee.unit,
        "household": nominee.household,
        "position": nominee.position,
        "achievement": nominee.achievement,
        "nominee": nominee,
    }


def attach_nominee(line: Any, nominee: Nominee) -> None:
    """Link a line to the nominee it comes from."""
    line.nominee = nominee
    line.source_ref = f"proposals.nominee:{nominee.pk}"


def ready_nominees(authority_unit: Unit) -> Any:
    """Return the nominees approved by the council and waiting for a decision of `authority_unit`."""
    return nominees_ready_for_decision(authority_unit=authority_unit)


def check_nominees(nominees: list[Nominee], *, authority_unit: Unit) -> None:
    """Refuse nominees that are not ready for a decision of `authority_unit`."""
    if not nominees:
        raise ValidationFailed(_("Choose at least one nominee."))
    ready = set(
        ready_nominees(authority_unit).filter(pk__in=[n.pk for n in nominees]).values_list("pk", flat=True)
    )
    missing = [n for n in nominees if n.pk not in ready]
    if missing:
        raise ValidationFailed(
            _("%(count)s nominee(s) are not approved by the council or are already decided.")
            % {"count": len(missing)},
            {"nominees": [str(n.pk) for n in missing]},
        )


def record_awards(*, actor: Any, decision: Any, lines: list[Any]) -> None:
    """Write every line of an issued decision into the award register; mark its proposals decided."""
    document = decision.document
    symbol = document.symbol
    for line in lines:
        line.award = award_record(
            actor=actor,
            subject_kind=line.subject_kind,
            person=line.person,
            unit=line.unit,
            household=line.household,
            award_code=line.award_code,
            year=line.year,
            decided_on=document.issued_on,
            authority_office=decision.authority_office,
            decision_symbol=symbol,
            source_ref=f"decisions.decision:{decision.pk}",
            prize_vnd=line.amount_vnd,
            achievement=line.achievement,
        )
    DecisionLine.objects.bulk_update(lines, ["award"], batch_size=500)
    proposals = {line.nominee.proposal_id: line.nominee.proposal for line in lines if line.nominee_id}
    reference = f"{symbol} ngày {format_date(document.issued_on)}"
    for proposal in proposals.values():
        proposal_mark_decided(actor=actor, proposal=proposal, decision_ref=reference, on=document.issued_on)


def revoked_on(line: Any) -> date | None:
    """Return the date the line's award was revoked, or None while it stands."""
    award = line.award
    if award is None or award.status != AwardStatus.REVOKED:
        return None
    return award.revoked_on or date.min

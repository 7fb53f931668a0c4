"""Put the nominees of proposals before the council on a session's agenda (proposals read-only)."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.errors import DomainError, ValidationFailed
from thidua.council.models import AgendaItem, CouncilSession, SessionStatus
from thidua.proposals.models import CouncilOutcome, Nominee, ProposalStatus


def nominees_awaiting(session: CouncilSession) -> QuerySet[Nominee]:
    """Return the nominees before the council's authority that no agenda of this session holds yet."""
    return (
        Nominee.objects.filter(
            proposal__authority_unit=session.council.authority_unit,
            proposal__status=ProposalStatus.TO_COUNCIL,
            council_outcome=CouncilOutcome.PENDING,
            forwarded_to__isnull=True,
        )
        .exclude(agenda_items__session=session)
        .select_related("proposal", "person", "unit", "household")
        .order_by("award_code", "proposal_id", "order", "pk")
    )


@transaction.atomic
def agenda_add_nominees(
    *, actor: Any, session: CouncilSession, nominees: Iterable[Nominee] | None = None
) -> list[AgendaItem]:
    """Add nominees (all those awaiting the council when none are given) to the agenda, by award."""
    session = CouncilSession.objects.select_for_update().select_related("council").get(pk=session.pk)
    if session.status == SessionStatus.CLOSED:
        raise DomainError(_("The session is closed; its agenda can no longer change."))
    awaiting = nominees_awaiting(session)
    if nominees is not None:
        wanted = {n.pk for n in nominees}
        chosen = [n for n in awaiting if n.pk in wanted]
        if len(chosen) != len(wanted):
            raise ValidationFailed(_("Only nominees of proposals before this council can be added."))
    else:
        chosen = list(awaiting)
    start = (session.items.aggregate(m=Max("order"))["m"] or 0) + 1
    items = AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                session=session, nominee=n, label=n.subject_name, award_code=n.award_code, order=start + i
            )
            for i, n in enumerate(chosen)
        ]
    )
    if items:
        audit_record(
            actor=actor,
            action="council.agenda_add_nominees",
            obj=session,
            after={"nominees": [n.pk for n in chosen]},
        )
    return items

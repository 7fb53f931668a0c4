"""Access gates for proposals and nominees; missing and forbidden look alike (NotFound).

Two parties see a proposal: the **proposing side** (memberships over the proposing unit) at every
status, and the **authority side** (memberships over the deciding unit, or in its standing body, such
as the Phòng/Sở Nội vụ) once it is submitted.
"""

from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.permissions import active_memberships
from thidua.core.errors import NotFound
from thidua.proposals.models import Nominee, Proposal, ProposalStatus
from thidua.proposals.workflow import APPRAISER_ROLES, COUNCIL_ROLES, DECIDER_ROLES, PROPOSER_ROLES

WRITER_ROLES = PROPOSER_ROLES | APPRAISER_ROLES | COUNCIL_ROLES | DECIDER_ROLES


def proposer_roles(user: Any, proposal: Proposal) -> set[str]:
    """Return the roles the user holds over the proposing unit."""
    path = proposal.proposing_unit.path
    return {m.role for m in active_memberships(user) if path.startswith(m.unit.path)}


def authority_roles(user: Any, proposal: Proposal) -> set[str]:
    """Return the roles the user holds over the deciding unit or in its standing body."""
    unit = proposal.authority_unit
    return {
        m.role
        for m in active_memberships(user)
        if unit.path.startswith(m.unit.path) or (m.unit.is_standing_body and m.unit.parent_id == unit.pk)
    }


def _side_q(user: Any, roles: frozenset[str] | None = None) -> tuple[Q, Q]:
    mine, authority = Q(pk__in=[]), Q(pk__in=[])
    for m in active_memberships(user):
        if roles is not None and m.role not in roles:
            continue
        mine |= Q(proposing_unit__path__startswith=m.unit.path)
        authority |= Q(authority_unit__path__startswith=m.unit.path)
        if m.unit.is_standing_body and m.unit.parent_id is not None:
            authority |= Q(authority_unit_id=m.unit.parent_id)
    return mine, authority


def proposals_in_scope(user: Any) -> QuerySet[Proposal]:
    """Return the proposals the user may see."""
    mine, authority = _side_q(user)
    return Proposal.objects.filter(mine | (authority & ~Q(status=ProposalStatus.DRAFT)))


def proposals_of_my_units(user: Any) -> QuerySet[Proposal]:
    """Return the proposals of units the user proposes for."""
    mine, _authority = _side_q(user, PROPOSER_ROLES)
    return Proposal.objects.filter(mine)


def proposals_to_appraise(user: Any) -> QuerySet[Proposal]:
    """Return the submitted proposals addressed to an authority the user works for."""
    _mine, authority = _side_q(user, WRITER_ROLES - {"UNIT_HEAD"})
    return Proposal.objects.filter(authority).exclude(status=ProposalStatus.DRAFT)


def _visible(user: Any, proposal: Proposal, *, for_write: bool) -> bool:
    mine = proposer_roles(user, proposal)
    theirs = authority_roles(user, proposal) if proposal.status != ProposalStatus.DRAFT else set()
    if for_write:
        return bool((mine & PROPOSER_ROLES) or (theirs & WRITER_ROLES))
    return bool(mine or theirs)


def access_proposal(user: Any, proposal_id: Any, *, for_write: bool = False) -> Proposal:
    """Return the proposal if the user may see it (and act on it, with `for_write`); else raise NotFound."""
    try:
        proposal = Proposal.objects.select_related(
            "proposing_unit", "authority_unit", "movement", "parent", "submission_document"
        ).get(pk=int(proposal_id))
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise NotFound("proposal") from None
    if not _visible(user, proposal, for_write=for_write):
        raise NotFound("proposal")
    return proposal


def access_nominee(user: Any, nominee_id: Any, *, for_write: bool = False) -> Nominee:
    """Return the nominee if the user may see its proposal (and act on it, with `for_write`)."""
    try:
        nominee = Nominee.objects.select_related(
            "proposal__proposing_unit", "proposal__authority_unit", "person", "unit", "household"
        ).get(pk=int(nominee_id))
    except (Nominee.DoesNotExist, ValueError, TypeError):
        raise NotFound("nominee") from None
    if not _visible(user, nominee.proposal, for_write=for_write):
        raise NotFound("nominee")
    return nominee

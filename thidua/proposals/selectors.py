"""Reads about proposals: lists per side, the proposal page, deadlines, what awaits a decision."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from thidua.organization.models import Unit, UnitKind
from thidua.proposals import rules, workflow
from thidua.proposals.models import CouncilOutcome, Nominee, Proposal, ProposalStatus
from thidua.proposals.permissions import (
    authority_roles,
    proposals_of_my_units,
    proposals_to_appraise,
    proposer_roles,
)
from thidua.proposals.services.checking import ProposalChecks, run_checks


def _with_counts(qs: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return qs.select_related("proposing_unit", "authority_unit").annotate(
        nominee_count=Count("nominees", filter=Q(nominees__forwarded_to__isnull=True))
    )


def proposal_list_mine(user: Any, *, year: int | None = None) -> QuerySet[Proposal]:
    """Return the proposals of the units the user proposes for, newest first."""
    qs = proposals_of_my_units(user)
    if year:
        qs = qs.filter(year=year)
    return _with_counts(qs).order_by("-year", "-created_at", "-id")


def proposal_list_to_appraise(user: Any, *, year: int | None = None) -> QuerySet[Proposal]:
    """Return the submitted proposals addressed to the user's authority, the most urgent first."""
    qs = proposals_to_appraise(user)
    if year:
        qs = qs.filter(year=year)
    return _with_counts(qs).order_by("due_on", "-created_at", "-id")


def default_authority(unit: Unit) -> Unit | None:
    """Return the nearest People's Committee above ``unit`` (whose chairman decides its awards)."""
    node = unit.parent
    while node is not None:
        if node.kind == UnitKind.PEOPLES_COMMITTEE:
            return node
        node = node.parent
    return None


@dataclass(frozen=True)
class DeadlineInfo:
    """The processing deadline as the page shows it."""

    due_on: date | None
    days_left: int | None  # working days; negative when overdue
    paused: bool  # returned for supplement: the clock waits
    running: bool

    @property
    def days_overdue(self) -> int:
        """Return the working days past the deadline (0 when not overdue)."""
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0

    @property
    def overdue(self) -> bool:
        """Tell whether the deadline has passed."""
        return self.days_left is not None and self.days_left < 0


def deadline_info(proposal: Proposal, *, on: date) -> DeadlineInfo:
    """Return the due date and the working days left on ``on``."""
    running = proposal.status in workflow.CLOCK_RUNNING
    paused = proposal.status == ProposalStatus.RETURNED
    if proposal.due_on is None:
        return DeadlineInfo(None, None, paused, running)
    calendar = rules.rules_for(proposal.authority_unit).calendar
    left = rules.working_days_left(calendar, on=on, due=proposal.due_on) if running else None
    return DeadlineInfo(proposal.due_on, left, paused, running)


def allowed_commands(user: Any, proposal: Proposal) -> list[str]:
    """Return the workflow commands the user may give on the proposal now."""
    return workflow.allowed_commands(
        proposal.status,
        proposer_roles=proposer_roles(user, proposal),
        authority_roles=authority_roles(user, proposal),
    )


def can_edit(user: Any, proposal: Proposal) -> bool:
    """Tell whether the user may change the list and the dossier now."""
    return proposal.status in workflow.EDITABLE and bool(
        proposer_roles(user, proposal) & workflow.PROPOSER_ROLES
    )


def nominee_rows(proposal: Proposal) -> QuerySet[Nominee]:
    """Return the proposal's nominees in list order, with subjects and dossier parts."""
    return (
        proposal.nominees.select_related("person__unit", "unit", "household__head", "forwarded_to")
        .prefetch_related("parts")
        .order_by("order", "id")
    )


def nominees_ready_for_decision(*, authority_unit: Unit) -> QuerySet[Nominee]:
    """Return the approved, undecided nominees of proposals to ``authority_unit`` that await a decision."""
    return (
        Nominee.objects.filter(
            proposal__authority_unit=authority_unit,
            proposal__status=ProposalStatus.COUNCIL_DONE,
            council_outcome=CouncilOutcome.APPROVED,
            decided=False,
            forwarded_to__isnull=True,
        )
        .select_related("proposal__proposing_unit", "person__unit", "unit", "household__head")
        .order_by("proposal__proposing_unit__sort_key", "proposal_id", "order", "id")
    )


def proposal_checks(proposal: Proposal, *, on: date) -> ProposalChecks:
    """Return the list checks as of ``on`` without storing anything (stored verdicts are kept)."""
    return run_checks(proposal, on=on, recheck=set(), store=False)


def proposals_due_within(*, on: date, days: int) -> list[tuple[Proposal, int]]:
    """Return the running proposals due within ``days`` working days of ``on`` (overdue included)."""
    out = []
    qs = Proposal.objects.filter(status__in=workflow.CLOCK_RUNNING, due_on__isnull=False).select_related(
        "authority_unit", "proposing_unit"
    )
    for proposal in qs.order_by("due_on", "id"):
        assert proposal.due_on is not None
        calendar = rules.rules_for(proposal.authority_unit).calendar
        left = rules.working_days_left(calendar, on=on, due=proposal.due_on)
        if left <= days:
            out.append((proposal, left))
    return out

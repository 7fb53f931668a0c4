"""Writes on proposals: create, submit, appraise, return and resubmit, council, decision, withdraw."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.errors import DomainError, NotFound, ValidationFailed
from thidua.documents.models import Document
from thidua.movements.models import Movement
from thidua.organization.models import Unit
from thidua.proposals import rules, workflow
from thidua.proposals.models import (
    CouncilOutcome,
    Proposal,
    ProposalKind,
    ProposalStatus,
    PublicNotice,
    SimplifiedCase,
    SupplementRequest,
)
from thidua.proposals.permissions import proposer_roles
from thidua.proposals.publicity import notice_needed

from ._common import clean_multiline, clean_text, lock, record, today, transition
from .checking import run_checks


@transaction.atomic
def proposal_create(
    *,
    actor: Any,
    proposing_unit: Unit,
    authority_unit: Unit,
    kind: str,
    year: int,
    title: str,
    movement: Movement | None = None,
    simplified: bool = False,
    simplified_case: str = "",
    submission_document: Document | None = None,
) -> Proposal:
    """Draft a proposal of ``proposing_unit`` to the authority whose head decides."""
    if (
        actor is not None
        and not proposer_roles(actor, Proposal(proposing_unit=proposing_unit)) & workflow.PROPOSER_ROLES
    ):
        raise NotFound("unit")
    errors: dict[str, list[str]] = {}
    title = clean_text(title)
    if not title:
        errors["title"] = [_("The title is missing.")]
    if kind not in ProposalKind.values:
        errors["kind"] = [_("Choose a kind.")]
    if not 2000 <= year <= 2100:
        errors["year"] = [_("The year is not plausible.")]
    if authority_unit.pk == proposing_unit.pk or not proposing_unit.path.startswith(authority_unit.path):
        errors["authority_unit"] = [_("The deciding authority must be a unit above the proposing unit.")]
    if simplified and simplified_case not in SimplifiedCase.values:
        errors["simplified_case"] = [_("Say which case of the simplified procedure applies.")]
    if errors:
        raise ValidationFailed(_("The proposal is not complete."), errors)
    proposal = Proposal.objects.create(
        proposing_unit=proposing_unit,
        authority_unit=authority_unit,
        movement=movement,
        kind=kind,
        year=year,
        title=title,
        simplified=simplified,
        simplified_case=simplified_case if simplified else "",
        submission_document=submission_document,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(actor=actor, action="proposal.create", obj=proposal, after=record(proposal))
    return proposal


def _refuse_incomplete(proposal: Proposal, on: date) -> None:
    """Check the list; refuse when it is empty, has duplicates, or misses required dossier parts."""
    result = run_checks(proposal, on=on)
    errors: dict[str, list[str]] = {}
    if not result.nominees:
        errors["nominees"] = [_("The list has no nominees.")]
    names = {n.pk: n.subject_name for n in result.nominees}
    for key, reasons in result.blocking_duplicates.items():
        errors.setdefault("duplicates", []).append(f"{names.get(key, key)}: {reasons[0].message}")
    if not proposal.simplified and result.missing:
        for m in result.missing:
            label = names.get(m.nominee_key, "")
            errors.setdefault("dossier", []).append(
                _("%(name)s: missing %(part)s (%(law)s)")
                % {"name": label, "part": m.kind, "law": m.citation.text}
            )
    if errors:
        raise ValidationFailed(_("The proposal cannot be sent yet."), errors)


def _set_deadline(proposal: Proposal) -> None:
    """Recompute the due date from the submission date and the supplement pauses."""
    if proposal.submitted_on is None:
        return
    pack = rules.rules_for(proposal.authority_unit)
    if not proposal.processing_days:
        proposal.processing_days = rules.processing_days(pack)
    pauses = list(proposal.supplements.values_list("requested_on", "resolved_on"))
    proposal.due_on = rules.due_date(
        pack.calendar,
        submitted_on=proposal.submitted_on,
        days=proposal.processing_days,
        pauses=pauses,
        clock_mode=pack.policy.supplement_clock_mode,
    )
    proposal.paused_days = rules.paused_working_days(pack.calendar, pauses)
    proposal.save(update_fields=["processing_days", "due_on", "paused_days", "updated_at"])


@transaction.atomic
def proposal_submit(*, actor: Any, proposal: Proposal, on: date | None = None) -> Proposal:
    """Send the proposal to the authority; refused when duplicates or required dossier parts remain."""
    on = today(on)
    proposal = lock(proposal)
    if proposal.status != ProposalStatus.DRAFT:
        raise DomainError(_("Only a draft can be submitted."))
    _refuse_incomplete(proposal, on)
    transition(actor=actor, proposal=proposal, command=workflow.Command.SUBMIT, on=on)
    proposal.submitted_on = on
    proposal.save(update_fields=["submitted_on", "updated_at"])
    _set_deadline(proposal)
    return proposal


@transaction.atomic
def proposal_accept_for_appraisal(*, actor: Any, proposal: Proposal, on: date | None = None) -> Proposal:
    """Take a submitted (or resubmitted) proposal up for appraisal."""
    proposal = lock(proposal)
    transition(actor=actor, proposal=proposal, command=workflow.Command.ACCEPT, on=today(on))
    return proposal


@transaction.atomic
def proposal_return_for_supplement(
    *, actor: Any, proposal: Proposal, reasons: str, on: date | None = None
) -> SupplementRequest:
    """Return the proposal with the reasons; the deadline clock waits until it comes back."""
    on = today(on)
    proposal = lock(proposal)
    transition(actor=actor, proposal=proposal, command=workflow.Command.RETURN, on=on, reason=reasons)
    request = SupplementRequest.objects.create(
        proposal=proposal,
        reasons=clean_multiline(reasons),
        requested_on=on,
        requested_by=actor if getattr(actor, "pk", None) else None,
    )
    proposal.due_on = None
    proposal.save(update_fields=["due_on", "updated_at"])
    return request


@transaction.atomic
def proposal_resubmit(*, actor: Any, proposal: Proposal, on: date | None = None) -> Proposal:
    """Send the supplemented proposal back; the clock runs again (restarting or resuming per policy)."""
    on = today(on)
    proposal = lock(proposal)
    if proposal.status != ProposalStatus.RETURNED:
        raise DomainError(_("Only a returned proposal can be resubmitted."))
    _refuse_incomplete(proposal, on)
    transition(actor=actor, proposal=proposal, command=workflow.Command.RESUBMIT, on=on)
    proposal.supplements.filter(resolved_on__isnull=True).update(resolved_on=on)
    _set_deadline(proposal)
    return proposal


@transaction.atomic
def proposal_send_to_council(*, actor: Any, proposal: Proposal, on: date | None = None) -> Proposal:
    """Put the appraised proposal before the council."""
    on = today(on)
    proposal = lock(proposal)
    result = run_checks(proposal, on=on, recheck=set())
    if result.blocking_duplicates:
        raise ValidationFailed(_("Remove the duplicate nominees first (one achievement, one award)."))
    transition(actor=actor, proposal=proposal, command=workflow.Command.SEND_TO_COUNCIL, on=on)
    return proposal


@transaction.atomic
def proposal_mark_council_done(*, actor: Any, proposal: Proposal, on: date | None = None) -> Proposal:
    """Close the council stage: to public notice when an approved award needs it, else council done."""
    on = today(on)
    proposal = lock(proposal)
    live = proposal.nominees.filter(forwarded_to__isnull=True)
    if live.filter(council_outcome=CouncilOutcome.PENDING).exists():
        raise DomainError(_("Some nominees have no council outcome yet."))
    approved = live.filter(council_outcome=CouncilOutcome.APPROVED).values_list("award_code", flat=True)
    pack = rules.rules_for(proposal.authority_unit)
    needed = notice_needed(approved, pack.policy)
    if needed is None:
        transition(actor=actor, proposal=proposal, command=workflow.Command.COUNCIL_DONE, on=on)
        return proposal
    transition(
        actor=actor,
        proposal=proposal,
        command=workflow.Command.OPEN_NOTICE,
        on=on,
        reason=f"{needed.award_code}: {needed.working_days} ngày làm việc ({needed.citation.text})",
    )
    PublicNotice.objects.update_or_create(proposal=proposal, defaults={"working_days": needed.working_days})
    return proposal


@transaction.atomic
def proposal_mark_decided(
    *, actor: Any, proposal: Proposal, decision_ref: str, on: date | None = None
) -> Proposal:
    """Record the decision (called by the decisions app); the approved nominees become decided."""
    on = today(on)
    proposal = lock(proposal)
    decision_ref = clean_text(decision_ref)
    if not decision_ref:
        raise ValidationFailed(_("Name the decision."))
    transition(actor=actor, proposal=proposal, command=workflow.Command.DECIDE, on=on, reason=decision_ref)
    proposal.decision_ref = decision_ref
    proposal.save(update_fields=["decision_ref", "updated_at"])
    proposal.nominees.filter(forwarded_to__isnull=True, council_outcome=CouncilOutcome.APPROVED).update(
        decided=True
    )
    return proposal


@transaction.atomic
def proposal_withdraw(
    *, actor: Any, proposal: Proposal, reason: str = "", on: date | None = None
) -> Proposal:
    """Take the proposal back before a decision."""
    proposal = lock(proposal)
    transition(actor=actor, proposal=proposal, command=workflow.Command.WITHDRAW, on=today(on), reason=reason)
    return proposal


@transaction.atomic
def proposal_flag_reminder(*, actor: Any, proposal: Proposal, on: date) -> Proposal:
    """Record that a deadline reminder went out for the proposal on ``on``."""
    proposal = lock(proposal)
    proposal.reminded_on = on
    proposal.save(update_fields=["reminded_on", "updated_at"])
    audit_record(
        actor=actor,
        action="proposal.remind",
        obj=proposal,
        after={"on": on.isoformat(), "due_on": proposal.due_on.isoformat() if proposal.due_on else None},
    )
    return proposal

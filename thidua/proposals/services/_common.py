"""Shared steps of the proposal services: locking, the transition table, events and audit rows."""

from datetime import date
from typing import Any

from django.db.models import FileField, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record, snapshot
from thidua.core.errors import DomainError, NotFound, ValidationFailed
from thidua.core.text import clean_text, collapse_spaces, nfc
from thidua.proposals import workflow
from thidua.proposals.models import Proposal, ProposalEvent
from thidua.proposals.permissions import authority_roles, proposer_roles
from thidua.proposals.signals import proposal_transitioned


def today(on: date | None) -> date:
    """Return ``on`` or, at the interface boundary, today's local date."""
    return on if on is not None else timezone.localdate()


def clean_multiline(value: str | None) -> str:
    """Return free text as stored: NFC, lines trimmed, runs of blank lines kept to one."""
    out: list[str] = []
    for line in (collapse_spaces(x) for x in nfc(value or "").splitlines()):
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def lock(proposal: Proposal) -> Proposal:
    """Return the proposal re-read under a row lock, with the units the rules need."""
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("proposing_unit", "authority_unit")
        .get(pk=proposal.pk)
    )


def roles(actor: Any, proposal: Proposal) -> tuple[set[str], set[str]]:
    """Return the actor's roles on the proposing side and on the authority side."""
    return proposer_roles(actor, proposal), authority_roles(actor, proposal)


def require_side(actor: Any, proposal: Proposal, side: workflow.Side, allowed: frozenset[str]) -> None:
    """Refuse an actor without one of ``allowed`` on ``side`` (actor None is the system)."""
    if actor is None:
        return
    mine, theirs = roles(actor, proposal)
    held = mine if side is workflow.Side.PROPOSER else theirs
    if not held & allowed:
        raise NotFound("proposal")


def require_editable(actor: Any, proposal: Proposal) -> None:
    """Refuse changes to the list or dossier unless the proposing unit holds the proposal."""
    require_side(actor, proposal, workflow.Side.PROPOSER, workflow.PROPOSER_ROLES)
    if proposal.status not in workflow.EDITABLE:
        raise DomainError(_("The proposal is with the authority; its list and dossier cannot change now."))


def transition(
    *, actor: Any, proposal: Proposal, command: str, on: date, reason: str = "", check_roles: bool = True
) -> ProposalEvent:
    """Apply ``command`` through the table: check it, change the status, write the event and audit rows."""
    t = workflow.find_transition(command, proposal.status)
    if t is None:
        raise DomainError(
            _("This cannot be done while the proposal is “%(status)s”.")
            % {"status": proposal.get_status_display()}
        )
    if check_roles and actor is not None:
        mine, theirs = roles(actor, proposal)
        if not workflow.may(t, proposer_roles=mine, authority_roles=theirs):
            raise NotFound("proposal")
    reason = clean_multiline(reason)
    if t.needs_reason and not reason:
        raise ValidationFailed(_("Give the reasons."), {"reason": [_("Give the reasons.")]})
    before = proposal.status
    proposal.status = t.target
    proposal.save()
    event = ProposalEvent.objects.create(
        proposal=proposal,
        command=str(t.command),
        from_status=before,
        to_status=t.target,
        actor=actor if getattr(actor, "pk", None) else None,
        occurred_at=timezone.now(),
        on=on,
        reason=reason,
    )
    audit_record(
        actor=actor,
        action=f"proposal.{t.command}",
        obj=proposal,
        before={"status": before},
        after={"status": proposal.status, "on": on.isoformat()},
        reason=reason,
    )
    proposal_transitioned.send(sender=Proposal, proposal=proposal, event=event)
    return event


def record(obj: Model) -> dict[str, Any]:
    """Return ``snapshot(obj)`` with stored files written as their names."""
    out = snapshot(obj, [f.name for f in obj._meta.concrete_fields if not isinstance(f, FileField)])
    for f in obj._meta.concrete_fields:
        if isinstance(f, FileField):
            out[f.attname] = getattr(obj, f.attname).name or ""
    return out


__all__ = [
    "clean_multiline",
    "clean_text",
    "lock",
    "record",
    "require_editable",
    "require_side",
    "roles",
    "today",
    "transition",
]

"""Writes on the public notice stage and on forwarding a proposal to the higher authority."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.errors import DomainError, ValidationFailed
from thidua.organization.models import Unit
from thidua.proposals import rules, workflow
from thidua.proposals.models import (
    CommentSource,
    CouncilOutcome,
    DossierPart,
    Nominee,
    NoticeComment,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    PublicNotice,
)

from ._common import clean_multiline, clean_text, lock, record, require_side, today, transition
from .checking import run_checks
from .proposals import _set_deadline


def _notice(proposal: Proposal) -> PublicNotice:
    try:
        return PublicNotice.objects.select_for_update().get(proposal=proposal)
    except PublicNotice.DoesNotExist:
        raise DomainError(_("This proposal has no public notice.")) from None


@transaction.atomic
def public_notice_open(*, actor: Any, proposal: Proposal, on: date | None = None) -> PublicNotice:
    """Publish the list: the window of working days starts the day after ``on``."""
    on = today(on)
    proposal = lock(proposal)
    notice = _notice(proposal)
    if notice.published:
        raise DomainError(_("The list is already published."))
    calendar = rules.rules_for(proposal.authority_unit).calendar
    transition(actor=actor, proposal=proposal, command=workflow.Command.PUBLISH_NOTICE, on=on)
    notice.published = True
    notice.starts_on = on
    notice.ends_on = calendar.add_working_days(on, notice.working_days).due
    notice.save()
    audit_record(actor=actor, action="notice.open", obj=notice, after=record(notice))
    return notice


@transaction.atomic
def public_notice_close(*, actor: Any, proposal: Proposal, on: date | None = None) -> PublicNotice:
    """Close the window once it has run its full length; the proposal is ready for the decision."""
    on = today(on)
    proposal = lock(proposal)
    notice = _notice(proposal)
    if not notice.published or notice.ends_on is None:
        raise DomainError(_("The list has not been published yet."))
    if on < notice.ends_on:
        raise DomainError(
            _("The public notice runs until %(date)s.") % {"date": notice.ends_on.strftime("%d/%m/%Y")}
        )
    transition(actor=actor, proposal=proposal, command=workflow.Command.CLOSE_NOTICE, on=on)
    notice.closed_on = on
    notice.save(update_fields=["closed_on"])
    audit_record(actor=actor, action="notice.close", obj=notice, after={"closed_on": on.isoformat()})
    return notice


@transaction.atomic
def notice_comment_add(*, actor: Any, proposal: Proposal, author_name: str, text: str) -> NoticeComment:
    """Record a comment received while the list is published."""
    proposal = lock(proposal)
    require_side(actor, proposal, workflow.Side.AUTHORITY, workflow.APPRAISER_ROLES)
    notice = _notice(proposal)
    if not notice.published or notice.closed_on is not None:
        raise DomainError(_("Comments are recorded only while the list is published."))
    author_name, text = clean_text(author_name), clean_multiline(text)
    if not author_name or not text:
        raise ValidationFailed(_("Give the name and the comment."))
    comment = NoticeComment.objects.create(
        notice=notice,
        author_name=author_name,
        text=text,
        created_at=timezone.now(),
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(actor=actor, action="notice.comment", obj=comment, after=record(comment))
    return comment


PUBLIC_NAME_MAX = 150
PUBLIC_CONTACT_MAX = 150
PUBLIC_TEXT_MAX = 4000


def notice_is_open(notice: PublicNotice, on: date) -> bool:
    """Tell whether the public may comment on the notice on `on` (published, in its window, not closed)."""
    return (
        notice.published
        and notice.closed_on is None
        and notice.starts_on is not None
        and notice.ends_on is not None
        and notice.starts_on <= on <= notice.ends_on
    )


@transaction.atomic
def notice_comment_submit_public(
    *, proposal: Proposal, author_name: str, contact: str, text: str, on: date
) -> NoticeComment:
    """Record a comment a citizen sends through the public portal while the list is published.

    There is no actor: the audit row has none. The comment goes to the authority's officers only.
    """
    notice = _notice(proposal)
    if not notice_is_open(notice, on):
        raise DomainError(_("This list is not open for comments: its public notice period is over."))
    author_name, contact, text = (
        clean_text(author_name or ""),
        clean_text(contact or ""),
        clean_multiline(text),
    )
    errors: dict[str, list[str]] = {}
    if not author_name:
        errors["author_name"] = [_("Give your name.")]
    elif len(author_name) > PUBLIC_NAME_MAX:
        errors["author_name"] = [_("The name is too long.")]
    if len(contact) > PUBLIC_CONTACT_MAX:
        errors["contact"] = [_("The contact is too long.")]
    if not text:
        errors["text"] = [_("Write your comment.")]
    elif len(text) > PUBLIC_TEXT_MAX:
        errors["text"] = [
            _("The comment is too long (at most %(count)s characters).") % {"count": PUBLIC_TEXT_MAX}
        ]
    if errors:
        raise ValidationFailed(_("Please correct the comment."), errors)
    comment = NoticeComment.objects.create(
        notice=notice,
        author_name=author_name,
        contact=contact,
        source=CommentSource.PUBLIC,
        text=text,
        created_at=timezone.now(),
        recorded_by=None,
    )
    audit_record(actor=None, action="notice.comment_public", obj=comment, after=record(comment))
    return comment


def _copy(nominee: Nominee, target: Proposal, order: int) -> Nominee:
    copy = Nominee.objects.create(
        proposal=target,
        subject_kind=nominee.subject_kind,
        person=nominee.person,
        unit=nominee.unit,
        household=nominee.household,
        position=nominee.position,
        award_code=nominee.award_code,
        year=nominee.year,
        period_start=nominee.period_start,
        period_end=nominee.period_end,
        achievement=nominee.achievement,
        order=order,
        copied_from=nominee,
    )
    for part in nominee.parts.all():
        _copy_part(part, target, copy)
    return copy


def _copy_part(part: DossierPart, target: Proposal, nominee: Nominee | None) -> None:
    DossierPart.objects.create(
        proposal=target,
        nominee=nominee,
        kind=part.kind,
        file=part.file.name,
        original_name=part.original_name,
        content_type=part.content_type,
        size=part.size,
        sha256=part.sha256,
        uploaded_by=part.uploaded_by,
        uploaded_at=part.uploaded_at,
    )


@transaction.atomic
def proposal_forward(
    *, actor: Any, proposal: Proposal, nominees: Sequence[Nominee], to_authority: Unit, on: date | None = None
) -> Proposal:
    """Send nominees beyond this authority's power to ``to_authority`` as a linked proposal with the dossier.

    When every remaining nominee goes up, the original becomes FORWARDED; otherwise it keeps its status and
    the rest of its list.
    """
    on = today(on)
    proposal = lock(proposal)
    chosen = list(
        Nominee.objects.select_for_update()
        .filter(pk__in=[n.pk for n in nominees], proposal=proposal, forwarded_to__isnull=True, decided=False)
        .exclude(council_outcome=CouncilOutcome.REJECTED)
        .order_by("order", "id")
    )
    if not chosen or len(chosen) != len({n.pk for n in nominees}):
        raise ValidationFailed(_("Choose nominees of this proposal that can still be forwarded."))
    here = proposal.authority_unit
    if to_authority.pk == here.pk or not here.path.startswith(to_authority.path):
        raise ValidationFailed(_("The higher authority must be a unit above this authority."))
    remaining = proposal.nominees.filter(forwarded_to__isnull=True).exclude(
        council_outcome=CouncilOutcome.REJECTED
    )
    whole = remaining.count() == len(chosen)
    command = workflow.Command.FORWARD if whole else workflow.Command.FORWARD_PART
    transition(actor=actor, proposal=proposal, command=command, on=on, reason=f"→ {to_authority.name}")
    target = Proposal.objects.create(
        proposing_unit=here,
        authority_unit=to_authority,
        movement=proposal.movement,
        kind=proposal.kind,
        year=proposal.year,
        title=f"Đề nghị cấp trên khen thưởng: {proposal.title}"[:255],
        status=ProposalStatus.SUBMITTED,
        simplified=proposal.simplified,
        simplified_case=proposal.simplified_case,
        submitted_on=on,
        parent=proposal,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    for order, nominee in enumerate(chosen, start=1):
        _copy(nominee, target, order)
    for part in proposal.parts.filter(nominee__isnull=True):
        _copy_part(part, target, None)
    Nominee.objects.filter(pk__in=[n.pk for n in chosen]).update(forwarded_to=target)
    ProposalEvent.objects.create(
        proposal=target,
        command=str(workflow.Command.SUBMIT),
        from_status=ProposalStatus.DRAFT,
        to_status=ProposalStatus.SUBMITTED,
        actor=actor if getattr(actor, "pk", None) else None,
        occurred_at=timezone.now(),
        on=on,
        reason=f"Chuyển từ hồ sơ #{proposal.pk} ({here.name})",
    )
    audit_record(
        actor=actor,
        action="proposal.forwarded_in",
        obj=target,
        after={**record(target), "nominees": [n.pk for n in chosen]},
    )
    _set_deadline(target)
    run_checks(target, on=on)
    if not whole:
        run_checks(proposal, on=on, recheck=set())
    return target

"""Writes on official documents: draft, update, issue (number, render, sign, deliver), remind, open, cancel.

Other apps call these after their own access checks; the document views call `access_document` first.
"""

import dataclasses
import hashlib
import logging
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record, changed, snapshot
from thidua.core.errors import DomainError, ValidationFailed
from thidua.core.text import clean_text, fold
from thidua.documents import signing, workflow
from thidua.documents.content import DocumentContent, Letterhead, letterhead_for, notation_for
from thidua.documents.models import (
    Delivery,
    Document,
    DocumentEvent,
    DocumentKind,
    SigningCapacity,
)
from thidua.documents.numbering import register_next_number, register_set_start
from thidua.documents.rendering import render_docx, render_pdf
from thidua.organization.models import Unit, UnitKind

__all__ = [
    "delivery_open",
    "document_cancel",
    "document_create_draft",
    "document_issue",
    "document_remind",
    "document_update_draft",
    "register_next_number",
    "register_set_start",
]

logger = logging.getLogger(__name__)

# Bodies whose letterhead stands alone; others print their governing body above their own name.
_STANDALONE = {UnitKind.PEOPLES_COMMITTEE, UnitKind.PEOPLES_COUNCIL, UnitKind.PARTY_COMMITTEE}
_EDITABLE = (
    "kind",
    "subject",
    "content",
    "place_name",
    "signer_name",
    "signer_title",
    "signing_capacity",
    "on_behalf_of",
    "drafting_unit",
    "source",
    "letterhead",
)


def default_letterhead(issuer: Unit) -> Letterhead:
    """Return the header lines for `issuer`, with its parent as governing body when it has one."""
    if issuer.kind in _STANDALONE or issuer.parent is None or issuer.parent.kind == UnitKind.OTHER:
        return letterhead_for(issuer.name)
    return letterhead_for(issuer.name, governing_name=issuer.parent.name)


def _snapshot(document: Document) -> dict[str, Any]:
    data = snapshot(
        document, [f.name for f in Document._meta.concrete_fields if f.name not in ("pdf", "docx")]
    )
    data["pdf"], data["docx"] = document.pdf.name or "", document.docx.name or ""
    return data


def _event(document: Document, *, command: str, before: str, actor: Any, note: str = "") -> None:
    DocumentEvent.objects.create(
        document=document,
        command=command,
        from_status=before,
        to_status=document.status,
        actor=actor if getattr(actor, "pk", None) else None,
        occurred_at=timezone.now(),
        note=note,
    )


def _transition(document: Document, command: str) -> str:
    try:
        return workflow.next_status(document.status, command)
    except workflow.WorkflowRefused:
        if command == "update":
            raise DomainError(_("This document is issued; later edits need a new document.")) from None
        raise DomainError(
            _("This cannot be done to a document that is %(status)s.")
            % {"status": document.get_status_display().lower()}
        ) from None


def _apply(document: Document, fields: dict[str, Any]) -> list[Unit] | None:
    """Set the editable fields on `document`, normalised; return the recipient units when given."""
    units = fields.pop("recipient_units", None)
    unknown = set(fields) - set(_EDITABLE)
    if unknown:
        raise ValueError(f"Cannot set {', '.join(sorted(unknown))} on a document.")
    for name, given in fields.items():
        value = given
        if name == "content":
            if not isinstance(given, DocumentContent):
                raise TypeError("content must be a DocumentContent.")
            value = given.to_dict()
        elif name == "letterhead":
            value = given.to_dict() if isinstance(given, Letterhead) else dict(given or {})
        elif isinstance(given, str):
            value = clean_text(given)
        setattr(document, name, value)
    return list(units) if units is not None else None


def _validate(document: Document) -> None:
    errors: dict[str, list[str]] = {}
    if document.kind not in DocumentKind.values:
        errors["kind"] = [_("Choose a document type.")]
    if not document.subject:
        errors["subject"] = [_("The subject is missing.")]
    if not document.place_name:
        errors["place_name"] = [_("The place name is missing.")]
    if not document.signer_name:
        errors["signer_name"] = [_("The signer is missing.")]
    if not document.signer_title:
        errors["signer_title"] = [_("The signer's title is missing.")]
    if document.signing_capacity not in SigningCapacity.values:
        errors["signing_capacity"] = [_("Choose a signing capacity.")]
    elif document.signing_capacity in {"TM", "KT", "TL", "TUQ"} and not document.on_behalf_of:
        errors["on_behalf_of"] = [_("Say on whose behalf the signer signs.")]
    if not document.issuer.abbreviation:
        errors["issuer"] = [_("The issuing body has no abbreviation for the document number.")]
    body = document.body
    if not (body.title or body.subtitle or body.body):
        errors["content"] = [_("The document has no text.")]
    if errors:
        raise ValidationFailed(_("The document is not complete."), errors)
    drafting_abbr = document.drafting_unit.abbreviation if document.drafting_unit else ""
    document.notation = notation_for(document.kind, document.issuer.abbreviation, drafting_abbr)


@transaction.atomic
def document_create_draft(
    *,
    actor: Any,
    issuer: Unit,
    kind: str,
    subject: str,
    content: DocumentContent,
    place_name: str,
    signer_name: str,
    signer_title: str,
    signing_capacity: str,
    on_behalf_of: str,
    recipient_units: Iterable[Unit],
    drafting_unit: Unit | None = None,
    source: str = "",
    letterhead: Letterhead | None = None,
) -> Document:
    """Create an unnumbered draft; the "Lưu" line names the drafting unit unless content sets it."""
    if not isinstance(content, DocumentContent):
        raise TypeError("content must be a DocumentContent.")
    if drafting_unit is not None and drafting_unit.abbreviation and content.archive == "VT":
        content = dataclasses.replace(content, archive=f"VT, {drafting_unit.abbreviation}")
    document = Document(issuer=issuer, created_by=actor if getattr(actor, "pk", None) else None)
    units = _apply(
        document,
        {
            "kind": kind,
            "subject": subject,
            "content": content,
            "place_name": place_name or issuer.place_name,
            "signer_name": signer_name,
            "signer_title": signer_title,
            "signing_capacity": signing_capacity,
            "on_behalf_of": on_behalf_of,
            "drafting_unit": drafting_unit,
            "source": source,
            "letterhead": letterhead or default_letterhead(issuer),
            "recipient_units": recipient_units,
        },
    )
    _validate(document)
    document.save()
    document.recipient_units.set(units or [])
    _event(document, command="create", before="", actor=actor)
    audit_record(actor=actor, action="document.create_draft", obj=document, after=_snapshot(document))
    return document


@transaction.atomic
def document_update_draft(*, actor: Any, document: Document, **fields: Any) -> Document:
    """Change a draft; refused once the document is issued (later edits need a new document)."""
    document = Document.objects.select_for_update(of=("self",)).select_related("issuer").get(pk=document.pk)
    _transition(document, "update")
    before = _snapshot(document)
    units = _apply(document, dict(fields))
    _validate(document)
    document.save()
    if units is not None:
        document.recipient_units.set(units)
    old, new = changed(before, _snapshot(document))
    audit_record(actor=actor, action="document.update_draft", obj=document, before=old, after=new)
    return document


def _file_stem(document: Document) -> str:
    notation = "".join(ch if ch.isalnum() else "-" for ch in fold(document.notation))
    return f"{document.number:02d}-{notation}-{document.year}"


@transaction.atomic
def document_issue(*, actor: Any, document: Document, issued_on: date) -> Document:
    """Number the draft in the issuer's register, freeze it, render and sign it, and deliver it."""
    document = (
        Document.objects.select_for_update(of=("self",))
        .select_related("issuer", "drafting_unit")
        .get(pk=document.pk)
    )
    before_status = document.status
    new_status = _transition(document, "issue")
    _validate(document)
    latest = (
        Document.objects.filter(issuer=document.issuer, year=issued_on.year, issued_on__isnull=False)
        .order_by("-issued_on")
        .values_list("issued_on", flat=True)
        .first()
    )
    if latest is not None and issued_on < latest:
        raise ValidationFailed(
            _("The register already has a document dated %(date)s; numbers follow the dates.")
            % {"date": latest.strftime("%d/%m/%Y")},
            {"issued_on": [_("The date is earlier than the last issued document.")]},
        )
    document.number = register_next_number(issuer=document.issuer, year=issued_on.year)
    document.year = issued_on.year
    document.issued_on = issued_on
    document.status = new_status
    document.issued_by = actor if getattr(actor, "pk", None) else None
    pdf = render_pdf(document)
    config = signing.signing_config()
    if config is not None:
        pdf = signing.sign_pdf(pdf, config=config, reason=document.symbol, location=document.place_name)
        info = signing.certificate_info(config)
        document.signed = True
        document.signature_note = (info.subject if info else "")[:255]
        document.signed_with_test_certificate = bool(info and info.self_signed)
    document.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    stem = _file_stem(document)
    document.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    document.docx.save(f"{stem}.docx", ContentFile(render_docx(document)), save=False)
    document.save()
    now = timezone.now()
    units = list(document.recipient_units.all())
    Delivery.objects.bulk_create([Delivery(document=document, unit=u, delivered_at=now) for u in units])
    _event(document, command="issue", before=before_status, actor=actor)
    audit_record(
        actor=actor,
        action="document.issue",
        obj=document,
        before={"status": before_status},
        after={
            "status": document.status,
            "number": document.number,
            "symbol": document.symbol,
            "issued_on": issued_on.isoformat(),
            "pdf_sha256": document.pdf_sha256,
            "signed": document.signed,
            "recipients": [u.pk for u in units],
        },
    )
    emails = [u.email for u in units if u.email]
    if emails:
        transaction.on_commit(lambda: _send_issue_mail(document.pk, emails, pdf, reminder=False))
    return document


def _send_issue_mail(document_id: int, emails: list[str], pdf: bytes | None, *, reminder: bool) -> None:
    """E-mail each recipient the document (the PDF attached); a failed send is logged, not raised."""
    document = Document.objects.select_related("issuer").get(pk=document_id)
    prefix = "Nhắc: chưa mở văn bản" if reminder else "Văn bản"
    subject = f"{prefix} số {document.symbol} ngày {document.issued_on:%d/%m/%Y}: {document.subject}"[:250]
    body = (
        f"{document.issuer.name} gửi văn bản số {document.symbol} ngày {document.issued_on:%d/%m/%Y} "
        f"về việc {document.subject}.\n\nXem và tải văn bản trong mục Văn bản đến của thidua "
        f"(/van-ban/{document.pk}/)."
    )
    for address in emails:
        message = EmailMessage(subject=subject, body=body, to=[address])
        if pdf:
            message.attach(f"{_file_stem(document)}.pdf", pdf, "application/pdf")
        try:
            message.send()
        except Exception:  # a mail server problem must not undo or hide an issued document
            logger.exception("Could not e-mail document %s to %s", document.pk, address)


@transaction.atomic
def delivery_open(*, user: Any, delivery: Delivery) -> bool:
    """Record that someone at the recipient unit opened the document; only the first opening counts."""
    now = timezone.now()
    updated = Delivery.objects.filter(pk=delivery.pk, first_opened_at__isnull=True).update(
        first_opened_at=now, first_opened_by=user if getattr(user, "pk", None) else None
    )
    if updated:
        delivery.refresh_from_db()
        audit_record(
            actor=user,
            action="document.delivery_open",
            obj=delivery,
            after={"document_id": delivery.document_id, "unit_id": delivery.unit_id},
        )
    return bool(updated)


@transaction.atomic
def document_remind(*, actor: Any, document: Document) -> int:
    """Remind every recipient unit that has not opened the document; return how many were reminded."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _transition(document, "remind")
    now = timezone.now()
    pending = list(
        Delivery.objects.select_for_update(of=("self",))
        .filter(document=document, first_opened_at__isnull=True)
        .select_related("unit")
    )
    for delivery in pending:
        delivery.reminders += 1
        delivery.last_reminded_at = now
    Delivery.objects.bulk_update(pending, ["reminders", "last_reminded_at"])
    if pending:
        _event(document, command="remind", before=document.status, actor=actor, note=f"{len(pending)}")
        audit_record(
            actor=actor,
            action="document.remind",
            obj=document,
            after={"units": [d.unit_id for d in pending]},
        )
        emails = [d.unit.email for d in pending if d.unit.email]
        if emails:
            transaction.on_commit(lambda: _send_issue_mail(document.pk, emails, None, reminder=True))
    return len(pending)


@transaction.atomic
def document_cancel(*, actor: Any, document: Document, reason: str) -> Document:
    """Cancel a draft or an issued document; an issued number stays used and is never given again."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    reason = clean_text(reason)
    if not reason:
        raise ValidationFailed(
            _("Give the reason for cancelling."), {"reason": [_("The reason is missing.")]}
        )
    before = document.status
    document.status = _transition(document, "cancel")
    document.save(update_fields=["status", "updated_at"])
    _event(document, command="cancel", before=before, actor=actor, note=reason)
    audit_record(
        actor=actor,
        action="document.cancel",
        obj=document,
        before={"status": before},
        after={"status": document.status},
        reason=reason,
    )
    return document

"""Drafting, numbering, issuing, delivering, reminding and cancelling documents."""

import hashlib
from datetime import date

import pytest
from django.core import mail

from thidua.core.errors import DomainError, ValidationFailed
from thidua.core.models import AuditEvent
from thidua.documents import services
from thidua.documents.content import DocumentContent
from thidua.documents.models import Delivery, DocumentEvent, DocumentStatus
from thidua.documents.selectors import deliveries_for, inbox_for

from .conftest import draft_for, short_content

pytestmark = pytest.mark.django_db

ON = date(2020, 12, 30)


def test_a_draft_has_a_notation_but_no_number(office):
    draft = draft_for(office)
    assert draft.status == DocumentStatus.DRAFT
    assert draft.number is None
    assert draft.symbol == "/UBND-NV"
    assert draft.body.archive == "VT, NV"
    assert draft.header.issuer == ("ỦY BAN NHÂN DÂN", "HUYỆN THỬ")


def test_first_document_of_the_year_is_number_one_and_the_next_is_two(
    office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.document_issue(actor=office.chairman, document=draft_for(office), issued_on=ON)
    second = services.document_issue(actor=office.chairman, document=draft_for(office), issued_on=ON)
    assert (first.number, first.symbol, first.year) == (1, "01/UBND-NV", 2020)
    assert second.number == 2
    next_year = services.document_issue(
        actor=office.chairman, document=draft_for(office), issued_on=date(2021, 1, 4)
    )
    assert next_year.number == 1


def test_issue_stores_pdf_and_docx_with_the_pdf_hash(office):
    document = services.document_issue(actor=office.chairman, document=draft_for(office), issued_on=ON)
    pdf = document.pdf.read()
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == document.pdf_sha256
    assert document.docx.read()[:2] == b"PK"
    assert document.signed is False


def test_issue_delivers_to_every_recipient_and_mails_those_with_an_address(
    office, django_capture_on_commit_callbacks
):
    w = office.world
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_issue(actor=office.chairman, document=draft_for(office), issued_on=ON)
    assert {d.unit for d in deliveries_for(document)} == {w.commune, w.other_commune}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["xamot@example.vn"]
    assert "01/UBND-NV" in mail.outbox[0].subject
    assert mail.outbox[0].attachments[0][2] == "application/pdf"
    assert [e.command for e in DocumentEvent.objects.filter(document=document)] == ["create", "issue"]
    assert AuditEvent.objects.filter(action="document.issue", object_id=str(document.pk)).exists()


def test_issued_document_cannot_be_edited(office):
    document = services.document_issue(actor=office.chairman, document=draft_for(office), issued_on=ON)
    with pytest.raises(DomainError, match="later edits need a new document"):
        services.document_update_draft(actor=office.world.chau, document=document, subject="Khác")


def test_draft_edits_change_the_notation_with_the_type(office):
    draft = draft_for(office)
    draft = services.document_update_draft(actor=office.world.chau, document=draft, kind="KH")
    assert draft.notation == "KH-UBND"
    assert AuditEvent.objects.filter(action="document.update_draft", object_id=str(draft.pk)).exists()


def test_a_draft_without_a_signer_is_refused(office):
    with pytest.raises(ValidationFailed) as info:
        draft_for(office, signer_name="  ")
    assert "signer_name" in info.value.errors


def test_a_document_cannot_be_dated_before_the_last_one_in_the_register(office):
    services.document_issue(actor=office.chairman, document=draft_for(office), issued_on=ON)
    with pytest.raises(ValidationFailed, match="numbers follow the dates"):
        services.document_issue(
            actor=office.chairman, document=draft_for(office), issued_on=date(2020, 12, 1)
        )


def test_register_can_continue_a_paper_register_before_the_first_issue(office):
    w = office.world
    services.register_set_start(
        actor=w.chau, issuer=w.district, year=2020, last_number=2376, reason="Sổ giấy năm 2020"
    )
    document = services.document_issue(actor=office.chairman, document=draft_for(office), issued_on=ON)
    assert document.symbol == "2377/UBND-NV"
    with pytest.raises(ValidationFailed, match="cannot be set"):
        services.register_set_start(actor=w.chau, issuer=w.district, year=2020, last_number=0, reason="Lỗi")
    assert AuditEvent.objects.filter(action="document_register.set_start").count() == 1


def test_cancelled_numbers_are_never_given_again(office):
    first = services.document_issue(actor=office.chairman, document=draft_for(office), issued_on=ON)
    services.document_cancel(actor=office.chairman, document=first, reason="Ban hành nhầm")
    second = services.document_issue(actor=office.chairman, document=draft_for(office), issued_on=ON)
    assert second.number == 2
    with pytest.raises(DomainError):
        services.document_issue(actor=office.chairman, document=first, issued_on=ON)


def test_first_opening_is_kept_and_later_openings_are_ignored(office):
    w = office.world
    document = services.document_issue(actor=office.chairman, document=draft_for(office), issued_on=ON)
    delivery = Delivery.objects.get(document=document, unit=w.commune)
    assert services.delivery_open(user=w.an, delivery=delivery) is True
    first_time = Delivery.objects.get(pk=delivery.pk).first_opened_at
    assert services.delivery_open(user=w.an, delivery=delivery) is False
    delivery.refresh_from_db()
    assert delivery.first_opened_at == first_time
    assert delivery.first_opened_by == w.an


def test_reminders_go_only_to_units_that_have_not_opened(office, django_capture_on_commit_callbacks):
    w = office.world
    document = services.document_issue(actor=office.chairman, document=draft_for(office), issued_on=ON)
    services.delivery_open(
        user=w.dung, delivery=Delivery.objects.get(document=document, unit=w.other_commune)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminded = services.document_remind(actor=office.chairman, document=document)
    assert reminded == 1
    pending = Delivery.objects.get(document=document, unit=w.commune)
    assert pending.reminders == 1 and pending.last_reminded_at is not None
    assert Delivery.objects.get(document=document, unit=w.other_commune).reminders == 0
    assert [m.to for m in mail.outbox] == [["xamot@example.vn"]]
    assert mail.outbox[0].subject.startswith("Nhắc")


def test_inbox_lists_unopened_documents_first(office):
    w = office.world
    older = services.document_issue(actor=office.chairman, document=draft_for(office), issued_on=ON)
    newer = services.document_issue(
        actor=office.chairman, document=draft_for(office, subject="Khác"), issued_on=ON
    )
    services.delivery_open(user=w.an, delivery=Delivery.objects.get(document=newer, unit=w.commune))
    assert [d.document for d in inbox_for(w.an)] == [older, newer]
    assert inbox_for(w.binh).count() == 0  # the school received nothing


def test_content_must_be_structured(office):
    with pytest.raises(TypeError):
        draft_for(office, content={"title": "x"})
    assert isinstance(draft_for(office, content=short_content("Khác")).body, DocumentContent)

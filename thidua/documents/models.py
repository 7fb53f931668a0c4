"""Official documents: the yearly number registers, documents, their state changes and deliveries."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.documents.content import DocumentContent, Letterhead, symbol
from thidua.organization.models import Unit


class DocumentKind(models.TextChoices):
    """Administrative document types of NĐ 30/2020 that thidua issues (abbreviations in content.py)."""

    CONG_VAN = "CONG_VAN", _("Official letter")  # công văn: no abbreviation, notation issuer–drafting unit
    NQ = "NQ", _("Resolution")  # nghị quyết (cá biệt), NQ
    QD = "QD", _("Decision")  # quyết định (cá biệt), QĐ: award decisions, council establishment
    CT = "CT", _("Directive")  # chỉ thị, CT: may launch a movement
    QC = "QC", _("Regulation (working rules)")  # quy chế, QC
    QYD = "QYD", _("Rule")  # quy định, QyĐ (mixed case)
    TB = "TB", _("Notice")  # thông báo, TB: results, cases not awarded
    HD = "HD", _("Guidance")  # hướng dẫn, HD
    CTR = "CTR", _("Programme")  # chương trình, CTr (mixed case)
    KH = "KH", _("Plan")  # kế hoạch, KH: launching plans
    BC = "BC", _("Report")  # báo cáo, BC: reviews (sơ kết, tổng kết)
    BB = "BB", _("Minutes")  # biên bản, BB: council and vote-count minutes
    TTR = "TTR", _("Proposal memo")  # tờ trình, TTr (mixed case): sent upward
    GM = "GM", _("Invitation")  # giấy mời, GM: council meetings


class DocumentStatus(models.TextChoices):
    """Where a document is in its life (transitions in workflow.py)."""

    DRAFT = "DRAFT", _("Draft")  # editable, no number
    ISSUED = "ISSUED", _("Issued")  # numbered, frozen, files stored, delivered
    CANCELLED = "CANCELLED", _("Cancelled")  # withdrawn; an issued number is never reused


class SigningCapacity(models.TextChoices):
    """How the signer signs (NĐ 30/2020 Điều 13)."""

    NONE = "NONE", _("In own name")  # the title alone, e.g. CHỦ TỊCH
    TM = "TM", _("On behalf of (TM.)")  # thay mặt a collective body
    KT = "KT", _("Signing for (KT.)")  # a deputy signing for the head
    TL = "TL", _("By order (TL.)")  # thừa lệnh
    TUQ = "TUQ", _("By delegation (TUQ.)")  # thừa ủy quyền, written and limited
    Q = "Q", _("Acting (Q.)")  # quyền: acting head


class DocumentRegister(BaseModel):
    """One yearly numbering series of an issuing body: numbers run from 1 on 1 January, never repeat.

    `scope` lets the head of agency keep several registers by type (documents.md §5); "ALL" is the one
    register every document of the body is numbered in.
    """

    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="document_registers")
    year = models.PositiveSmallIntegerField(_("year"))
    scope = models.CharField(_("register"), max_length=20, default="ALL")
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "scope"], name="documentregister_uniq"),
        ]
        verbose_name = _("document register")
        verbose_name_plural = _("document registers")

    def __str__(self) -> str:
        return f"{self.issuer_id}/{self.year}/{self.scope}: {self.last_number}"


def document_file_path(instance: "Document", filename: str) -> str:
    """Store issued files by issuer and year."""
    return f"documents/{instance.issuer_id}/{instance.year or 'draft'}/{filename}"


class Document(BaseModel):
    """An official document of an issuing body: drafted, then numbered, rendered, signed and delivered."""

    issuer = models.ForeignKey(
        Unit, verbose_name=_("issuing body"), on_delete=models.PROTECT, related_name="issued_documents"
    )
    drafting_unit = models.ForeignKey(
        Unit,
        verbose_name=_("drafting unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drafted_documents",
    )
    kind = models.CharField(_("document type"), max_length=10, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    notation = models.CharField(_("notation"), max_length=30)
    subject = models.CharField(_("subject"), max_length=500)
    place_name = models.CharField(_("place name"), max_length=120)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    letterhead = models.JSONField(_("letterhead"), default=dict, blank=True)
    content = models.JSONField(_("content"), default=dict)
    signer_name = models.CharField(_("signer"), max_length=100)
    signer_title = models.CharField(_("signer's title"), max_length=100)
    signing_capacity = models.CharField(
        _("signing capacity"), max_length=4, choices=SigningCapacity.choices, default=SigningCapacity.NONE
    )
    on_behalf_of = models.CharField(_("on behalf of"), max_length=150, blank=True)
    recipient_units = models.ManyToManyField(
        Unit, verbose_name=_("recipient units"), blank=True, related_name="received_documents"
    )
    source = models.CharField(_("source"), max_length=100, blank=True, db_index=True)
    pdf = models.FileField(_("PDF"), upload_to=document_file_path, blank=True)
    docx = models.FileField(_("DOCX"), upload_to=document_file_path, blank=True)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True)
    signed = models.BooleanField(_("digitally signed"), default=False)
    signature_note = models.CharField(_("signature note"), max_length=255, blank=True)
    signed_with_test_certificate = models.BooleanField(
        _("signed with a self-signed certificate"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number"],
                condition=Q(number__isnull=False),
                name="document_number_uniq",
            ),
            models.CheckConstraint(
                condition=~Q(status="ISSUED") | Q(number__isnull=False),
                name="document_issued_has_number",
            ),
        ]
        indexes = [models.Index(fields=["issuer", "year", "number"], name="document_register_idx")]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"{self.symbol} {self.subject[:80]}"

    @property
    def symbol(self) -> str:
        """Return số + ký hiệu, "2377/UBND-NV" ("/UBND-NV" while a draft)."""
        return symbol(self.number, self.notation)

    @property
    def body(self) -> DocumentContent:
        """Return the stored content as a `DocumentContent`."""
        return DocumentContent.from_dict(self.content or {})

    @property
    def header(self) -> Letterhead:
        """Return the stored letterhead."""
        return Letterhead.from_dict(self.letterhead or {})


class DocumentEvent(models.Model):
    """One state change of a document; the rows are its history."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    command = models.CharField(_("command"), max_length=20)
    from_status = models.CharField(_("from"), max_length=10, choices=DocumentStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=10, choices=DocumentStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    occurred_at = models.DateTimeField(_("occurred at"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("document event")
        verbose_name_plural = _("document events")

    def __str__(self) -> str:
        return f"{self.document_id}: {self.from_status or '∅'} → {self.to_status}"


class Delivery(models.Model):
    """An issued document sent to a recipient unit, and whether someone there has opened it."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="deliveries")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="document_deliveries")
    delivered_at = models.DateTimeField(_("delivered at"))
    first_opened_at = models.DateTimeField(_("first opened at"), null=True, blank=True)
    first_opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders"), default=0)

    class Meta:
        ordering = ["document", "unit__sort_key"]
        constraints = [models.UniqueConstraint(fields=["document", "unit"], name="delivery_uniq")]
        indexes = [models.Index(fields=["unit", "first_opened_at"], name="delivery_inbox_idx")]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.document_id} → {self.unit_id}"

    @property
    def is_opened(self) -> bool:
        """Tell whether someone at the unit has opened the document."""
        return self.first_opened_at is not None

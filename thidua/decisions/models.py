"""Award decisions (quyết định khen thưởng), their attached lists, and the certificate layouts."""

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import Award
from thidua.core.models import BaseModel
from thidua.documents.models import Document, SigningCapacity
from thidua.organization.models import Household, Person, Unit
from thidua.proposals.models import Nominee


def new_token() -> str:
    """Return a random URL-safe verification token (128 bits)."""
    return secrets.token_urlsafe(16)


class DecisionStatus(models.TextChoices):
    """Where a decision is in its life (transitions in workflow.py)."""

    DRAFT = "DRAFT", _("Draft")  # lines and text editable, no number
    ISSUED = "ISSUED", _("Issued")  # numbered, frozen, written into the award register
    CANCELLED = "CANCELLED", _("Cancelled")  # a draft abandoned; issued decisions are revoked per award


class SubjectKind(models.TextChoices):
    """Who receives the award on a line (same values as the award register)."""

    INDIVIDUAL = "INDIVIDUAL", _("Individual")  # cá nhân
    COLLECTIVE = "COLLECTIVE", _("Collective")  # tập thể
    HOUSEHOLD = "HOUSEHOLD", _("Household")  # hộ gia đình
    VILLAGE = "VILLAGE", _("Village")  # thôn, tổ dân phố
    COMMUNE = "COMMUNE", _("Commune")  # xã, phường, đặc khu


class Decision(BaseModel):
    """A decision of an awarding authority conferring awards on the people and bodies of its lines.

    `decided_on` is the date the decision is signed: it selects the base salary and coefficients of the
    prize money. `legal_bases` holds one "Căn cứ …" line per text line.
    """

    authority_unit = models.ForeignKey(
        Unit, verbose_name=_("deciding authority"), on_delete=models.PROTECT, related_name="award_decisions"
    )
    authority_office = models.CharField(_("awarding office"), max_length=30)
    drafting_unit = models.ForeignKey(
        Unit,
        verbose_name=_("drafting unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drafted_award_decisions",
    )
    authority_title = models.CharField(_("issuing authority line"), max_length=300)
    title = models.CharField(_("subject"), max_length=300)
    achievement_year = models.PositiveSmallIntegerField(_("achievement year"))
    decided_on = models.DateField(_("decision date"))
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    document = models.OneToOneField(
        Document,
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_decision",
    )
    signer_name = models.CharField(_("signer"), max_length=100)
    signer_title = models.CharField(_("signer's title"), max_length=100)
    signing_capacity = models.CharField(
        _("signing capacity"), max_length=4, choices=SigningCapacity.choices, default=SigningCapacity.NONE
    )
    on_behalf_of = models.CharField(_("on behalf of"), max_length=150, blank=True)
    legal_bases = models.TextField(_("legal bases"), blank=True)
    proposed_by = models.CharField(_("proposed by"), max_length=300, blank=True)
    executors = models.TextField(_("responsible for implementation"), blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    fund = models.CharField(_("reward fund"), max_length=200, blank=True)
    verification_token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    appendix_pdf = models.FileField(_("attached list (PDF)"), upload_to="decisions/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-decided_on", "-pk"]
        indexes = [
            models.Index(fields=["authority_unit", "status"], name="decision_authority_idx"),
            # The public check by number: decisions issued on a given day.
            models.Index(fields=["decided_on", "status"], name="decision_date_idx"),
        ]
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")

    def __str__(self) -> str:
        return f"{self.symbol or _('draft')} {self.title}"

    @property
    def symbol(self) -> str:
        """Return số + ký hiệu once issued ("12/QĐ-UBND"), else an empty string."""
        if self.document_id is None or self.document is None or self.document.number is None:
            return ""
        return self.document.symbol

    @property
    def issued_on(self) -> Any:
        """Return the issue date of the document, if issued."""
        return self.document.issued_on if self.document_id and self.document else None

    @property
    def legal_basis_lines(self) -> list[str]:
        """Return the legal bases, one per non-empty line."""
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]

    @property
    def recipient_lines(self) -> list[str]:
        """Return the "Nơi nhận" lines (without the "Lưu" line)."""
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class DecisionLine(BaseModel):
    """One award on a decision: who receives what, for which year, and the prize money frozen on it.

    The line carries its own copy of the names (as printed) so the list and the certificates stay as
    issued even if the registry changes later.
    """

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    order = models.PositiveIntegerField(_("order"), default=0)
    subject_kind = models.CharField(_("subject"), max_length=12, choices=SubjectKind.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="decision_lines"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="decision_lines"
    )
    household = models.ForeignKey(
        Household, null=True, blank=True, on_delete=models.PROTECT, related_name="decision_lines"
    )
    display_name = models.CharField(_("name"), max_length=255)
    honorific = models.CharField(_("honorific"), max_length=10, blank=True)
    unit_name = models.CharField(_("unit"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    unit_sort_key = models.CharField(max_length=600, editable=False, default="")
    name_sort_key = models.CharField(max_length=600, editable=False, default="")
    award_code = models.CharField(_("award"), max_length=20)
    year = models.PositiveSmallIntegerField(_("achievement year"))
    achievement = models.TextField(_("achievement"), blank=True)
    coefficient = models.DecimalField(_("coefficient"), max_digits=6, decimal_places=3, default=0)
    base_salary = models.PositiveIntegerField(_("base salary"), default=0)
    amount_vnd = models.PositiveBigIntegerField(_("prize money"), default=0)
    prize = models.JSONField(_("prize calculation"), default=dict, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=40, blank=True)
    verification_token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    source_ref = models.CharField(_("source"), max_length=100, blank=True)
    nominee = models.ForeignKey(
        Nominee, null=True, blank=True, on_delete=models.SET_NULL, related_name="decision_lines"
    )
    award = models.OneToOneField(
        Award, null=True, blank=True, on_delete=models.PROTECT, related_name="decision_line"
    )

    class Meta:
        ordering = ["decision", "unit_sort_key", "name_sort_key", "pk"]
        indexes = [
            models.Index(fields=["decision", "unit_sort_key", "name_sort_key"], name="decisionline_list_idx")
        ]
        verbose_name = _("decision line")
        verbose_name_plural = _("decision lines")

    def __str__(self) -> str:
        return f"{self.display_name}: {self.award_code}"

    @property
    def paid(self) -> bool:
        """Tell whether the line is paid (several titles for one period pay only the highest)."""
        return bool(self.prize.get("paid", True)) if self.prize else True


class DecisionEvent(models.Model):
    """One state change of a decision; the rows are its history."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="events")
    command = models.CharField(_("command"), max_length=20)
    from_status = models.CharField(_("from"), max_length=10, choices=DecisionStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=10, choices=DecisionStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    occurred_at = models.DateTimeField(_("occurred at"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("decision event")
        verbose_name_plural = _("decision events")

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.from_status or '∅'} → {self.to_status}"


class CertificateLayout(BaseModel):
    """Where each field of a certificate is printed, in millimetres from the top-left of the sheet.

    With `print_background` the whole certificate is drawn (motto, heading, border) for plain paper;
    without it only the variable fields are printed, for pre-printed blanks (phôi bằng). `positions`
    maps a field name (layout.FIELDS) to {"x": mm, "y": mm, "size": pt}; missing fields use the defaults.
    """

    name = models.CharField(_("name"), max_length=120)
    owner_unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="certificate_layouts"
    )
    award_codes = models.CharField(
        _("award codes"),
        max_length=300,
        blank=True,
        help_text=_("Comma-separated award codes this layout prints; empty for every award."),
    )
    page_width_mm = models.DecimalField(_("page width (mm)"), max_digits=6, decimal_places=1, default=297)
    page_height_mm = models.DecimalField(_("page height (mm)"), max_digits=6, decimal_places=1, default=210)
    offset_x_mm = models.DecimalField(_("shift right (mm)"), max_digits=5, decimal_places=1, default=0)
    offset_y_mm = models.DecimalField(_("shift down (mm)"), max_digits=5, decimal_places=1, default=0)
    positions = models.JSONField(_("field positions"), default=dict, blank=True)
    print_background = models.BooleanField(_("print the whole certificate (plain paper)"), default=True)

    class Meta:
        ordering = ["owner_unit", "name"]
        verbose_name = _("certificate layout")
        verbose_name_plural = _("certificate layouts")

    def __str__(self) -> str:
        return self.name

    @property
    def codes(self) -> list[str]:
        """Return the award codes as a list (empty: every award)."""
        return [c.strip().upper() for c in self.award_codes.split(",") if c.strip()]

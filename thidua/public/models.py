"""The online public service: procedures, citizens' accounts, applications (hồ sơ) and their files.

An application is the citizen's side of a commendation dossier. Once the receiving desk accepts it, it
becomes a proposal in the pipeline of the proposals app (same workflow, same checks); the application
follows the proposal's transitions and projects them onto the national portal's status codes
(documents.md §9.6).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.models import BaseModel
from thidua.organization.models import Unit
from thidua.proposals.models import DossierPartKind


class ProcedureLevel(models.TextChoices):
    """Which level of government runs the procedure."""

    COMMUNE = "XA", _("Commune level")  # cấp xã
    PROVINCE = "TINH", _("Province level")  # cấp tỉnh


class OnlineLevel(models.TextChoices):
    """How much of the procedure is online (NĐ 42/2022)."""

    FULL = "FULL", _("Fully online")  # toàn trình
    PARTIAL = "PARTIAL", _("Partly online")  # một phần


class DeadlineUnit(models.TextChoices):
    """Whether the published deadline counts working days or calendar days."""

    WORKING_DAYS = "WORKING_DAYS", _("working days")
    CALENDAR_DAYS = "CALENDAR_DAYS", _("calendar days")


class SubjectKind(models.TextChoices):
    """Who the commendation is for (same values as the proposals app)."""

    INDIVIDUAL = "INDIVIDUAL", _("Individual")
    HOUSEHOLD = "HOUSEHOLD", _("Household")
    COLLECTIVE = "COLLECTIVE", _("Collective")


class Procedure(BaseModel):
    """An administrative procedure offered online (thủ tục hành chính), as its administrator publishes it."""

    code = models.CharField(_("procedure code"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    level = models.CharField(_("level"), max_length=4, choices=ProcedureLevel.choices)
    online_level = models.CharField(_("online service"), max_length=8, choices=OnlineLevel.choices)
    authority_unit = models.ForeignKey(
        Unit, verbose_name=_("deciding authority"), on_delete=models.PROTECT, related_name="+"
    )
    intake_unit = models.ForeignKey(
        Unit,
        verbose_name=_("receiving desk"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The one-stop desk under the authority that receives the dossiers and proposes."),
    )
    award_code = models.CharField(_("award"), max_length=20)
    subject_kind = models.CharField(_("for"), max_length=12, choices=SubjectKind.choices)
    simplified = models.BooleanField(_("simplified procedure"), default=True)
    simplified_case = models.CharField(_("simplified procedure case"), max_length=30, blank=True)
    deadline_value = models.PositiveSmallIntegerField(_("deadline"))
    deadline_unit = models.CharField(
        _("deadline unit"), max_length=14, choices=DeadlineUnit.choices, default=DeadlineUnit.WORKING_DAYS
    )
    deadline_start = models.CharField(
        _("the deadline runs from"), max_length=200, default="kể từ ngày nhận đủ hồ sơ hợp lệ"
    )
    fee_vnd = models.PositiveIntegerField(_("fee (VND)"), default=0)
    description = models.TextField(_("who may apply and the conditions"), blank=True)
    legal_bases = models.TextField(_("legal bases"), blank=True, help_text=_("One text per line."))
    external = models.BooleanField(_("citizen-facing"), default=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="procedure_code_from_unique"),
        ]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def legal_basis_lines(self) -> list[str]:
        """Return the legal bases, one per non-empty line."""
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]


class CopyKind(models.TextChoices):
    """What form a document of the dossier takes."""

    ORIGINAL = "ORIGINAL", _("original")  # bản chính
    COPY = "COPY", _("copy")  # bản sao
    EITHER = "EITHER", _("original or copy")


class ProcedureComponent(models.Model):
    """A document the dossier of a procedure must (or may) contain (thành phần hồ sơ)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="components")
    name = models.CharField(_("document"), max_length=300)
    copy_kind = models.CharField(_("form"), max_length=8, choices=CopyKind.choices, default=CopyKind.ORIGINAL)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    required = models.BooleanField(_("required"), default=True)
    dossier_kind = models.CharField(
        _("dossier part"), max_length=24, choices=DossierPartKind.choices, default=DossierPartKind.OTHER
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["procedure", "order", "id"]
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")

    def __str__(self) -> str:
        return self.name


class CitizenAccount(BaseModel):
    """A citizen's or an organisation's account on the portal (no staff rights of any kind).

    Identified by a verified e-mail address or phone number; `identity_provider` and `identity_subject`
    leave room for the national e-ID (VNeID) later.
    """

    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"), null=True, blank=True, unique=True)
    phone = models.CharField(_("phone"), max_length=15, null=True, blank=True, unique=True)
    password = models.CharField(max_length=200)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    last_login_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    identity_provider = models.CharField(max_length=30, blank=True)
    identity_subject = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=False) | Q(phone__isnull=False), name="citizen_has_contact"
            )
        ]
        verbose_name = _("citizen account")
        verbose_name_plural = _("citizen accounts")

    def __str__(self) -> str:
        return self.full_name

    @property
    def login(self) -> str:
        """Return the e-mail or phone the account signs in with."""
        return self.email or self.phone or ""


class VerificationCode(models.Model):
    """A one-time code sent to a citizen's e-mail or phone (stored hashed)."""

    account = models.ForeignKey(CitizenAccount, on_delete=models.CASCADE, related_name="codes")
    purpose = models.CharField(max_length=10)  # "verify" or "reset"
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.account_id}: {self.purpose}"


class Status(models.IntegerChoices):
    """The national portal's status codes (documents.md §9.6) plus 0 for a draft not yet sent."""

    DRAFT = 0, _("Draft")
    NEW = 1, _("Submitted, awaiting acceptance")  # Mới đăng ký
    ACCEPTED = 2, pgettext_lazy("dossier status", "Accepted")  # Được tiếp nhận
    REFUSED = 3, _("Not accepted")  # Không được tiếp nhận
    PROCESSING = 4, _("Being processed")  # Đang xử lý
    SUPPLEMENT = 5, _("Supplement requested")  # Yêu cầu bổ sung giấy tờ
    PAYMENT = 6, _("Payment required")  # Yêu cầu thực hiện nghĩa vụ tài chính
    WITHDRAWN = 7, _("Withdrawn by the applicant")  # Công dân yêu cầu rút hồ sơ
    STOPPED = 8, _("Processing stopped")  # Dừng xử lý
    DONE = 9, _("Processed")  # Đã xử lý xong
    DELIVERED = 10, _("Result delivered")  # Đã trả kết quả


class Application(BaseModel):
    """An online application for a commendation (hồ sơ trực tuyến)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="applications")
    account = models.ForeignKey(CitizenAccount, on_delete=models.PROTECT, related_name="applications")
    code = models.CharField(_("dossier code"), max_length=60, null=True, blank=True, unique=True)
    status = models.PositiveSmallIntegerField(_("status"), choices=Status.choices, default=Status.DRAFT)
    # The applicant, as the form was filled.
    applicant_name = models.CharField(_("applicant"), max_length=150)
    applicant_phone = models.CharField(_("phone"), max_length=15, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    applicant_address = models.CharField(_("address"), max_length=300, blank=True)
    organisation_name = models.CharField(_("on behalf of (organisation)"), max_length=255, blank=True)
    # Who is proposed and why.
    subject_name = models.CharField(_("full name of the person proposed"), max_length=150)
    subject_sex = models.CharField(_("sex"), max_length=1, blank=True)
    subject_birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    subject_address = models.CharField(_("place of residence"), max_length=300, blank=True)
    subject_relation = models.CharField(_("relation to the applicant"), max_length=100, blank=True)
    achievement = models.TextField(_("what happened (the achievement)"))
    act_date = models.DateField(_("date of the act"), null=True, blank=True)
    act_place = models.CharField(_("place of the act"), max_length=300, blank=True)
    # Processing.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    due_on = models.DateField(_("result due on"), null=True, blank=True)
    receipt_pdf = models.FileField(upload_to="public/receipts/", blank=True)
    receipt_number = models.PositiveIntegerField(default=0)
    proposal = models.OneToOneField(
        "proposals.Proposal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="application",
    )
    nominee = models.ForeignKey(
        "proposals.Nominee", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_line = models.ForeignKey(
        "decisions.DecisionLine", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result_note = models.TextField(_("result"), blank=True)
    refusal_reason = models.TextField(_("reason for not accepting"), blank=True)
    refusal_pdf = models.FileField(upload_to="public/slips/", blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["account", "-created_at"], name="application_account_idx"),
            models.Index(fields=["procedure", "status"], name="application_status_idx"),
        ]
        verbose_name = _("online application")
        verbose_name_plural = _("online applications")

    def __str__(self) -> str:
        return self.code or f"#{self.pk}"

    @property
    def editable(self) -> bool:
        """Tell whether the applicant may still change the form (a draft)."""
        return self.status == Status.DRAFT


def _file_path(instance: "ApplicationFile", filename: str) -> str:
    return f"public/files/{instance.sha256[:2]}/{instance.sha256}{instance.extension}"


class ApplicationFile(models.Model):
    """A document the applicant uploaded, checked on arrival."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    component = models.ForeignKey(
        ProcedureComponent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    supplement = models.ForeignKey(
        "SupplementRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="files"
    )
    file = models.FileField(upload_to=_file_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["application", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class SupplementRequest(models.Model):
    """A request for supplements sent to the applicant (Mẫu 02); the clock waits until it is answered."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="supplements")
    reasons = models.TextField(_("what is missing"))
    requested_at = models.DateTimeField(_("requested at"))
    received_at = models.DateTimeField(_("supplement received at"), null=True, blank=True)
    applicant_note = models.TextField(_("applicant's note"), blank=True)
    slip_pdf = models.FileField(upload_to="public/slips/", blank=True)

    class Meta:
        ordering = ["application", "requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.requested_at:%d/%m/%Y}"


class Reschedule(models.Model):
    """A new appointment date given before the old one lapsed, with the apology slip (Mẫu 04)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reschedules")
    old_due_on = models.DateField(_("former due date"))
    new_due_on = models.DateField(_("new due date"))
    reason = models.TextField(_("reason"))
    issued_at = models.DateTimeField(_("issued at"))
    actor = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    slip_pdf = models.FileField(upload_to="public/slips/", blank=True)

    class Meta:
        ordering = ["application", "issued_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.old_due_on} → {self.new_due_on}"


class ApplicationEvent(models.Model):
    """One step of the processing (the processing control sheet, Mẫu 05)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.PositiveSmallIntegerField(choices=Status.choices)
    to_status = models.PositiveSmallIntegerField(choices=Status.choices)
    occurred_at = models.DateTimeField()
    by_applicant = models.BooleanField(default=False)
    actor = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class DossierCounter(models.Model):
    """A serial of a receiving authority: dossier codes per day ("code"), receipts per year ("receipt")."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)
    day = models.DateField()  # the day for dossier codes; 1 January of the year for receipts
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "kind", "day"], name="dossier_counter_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.kind} {self.day}: {self.last}"

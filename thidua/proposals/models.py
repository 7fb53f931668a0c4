"""Proposals for commendation (hồ sơ đề nghị khen thưởng), their nominees, dossier parts and events."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.organization.models import Household, Person, Unit


class ProposalKind(models.TextChoices):
    """Why the proposal is made (Luật Điều 8 award bases, as offices name their rounds)."""

    YEAR_END = "YEAR_END", _("Year-end review")  # tổng kết năm: regular merit awards
    MOVEMENT = "MOVEMENT", _("Movement review")  # sơ kết / tổng kết of a movement
    AD_HOC = "AD_HOC", _("Ad hoc")  # đột xuất: an exceptional act
    THEMATIC = "THEMATIC", _("Thematic")  # chuyên đề: a thematic campaign


class ProposalStatus(models.TextChoices):
    """Where a proposal is in its workflow (see workflow.py)."""

    DRAFT = "DRAFT", _("Draft")  # the proposing unit prepares it
    SUBMITTED = "SUBMITTED", _("Submitted")  # sent to the authority, not yet taken up
    UNDER_APPRAISAL = "UNDER_APPRAISAL", _("Under appraisal")  # the authority's officer checks it
    RETURNED = "RETURNED", _("Returned for supplement")  # sent back with reasons; the clock pauses
    RESUBMITTED = "RESUBMITTED", _("Resubmitted")  # the supplement came back
    TO_COUNCIL = "TO_COUNCIL", _("Before the council")  # on the council's agenda
    COUNCIL_DONE = "COUNCIL_DONE", _("Council done")  # every nominee has a council outcome
    PUBLIC_NOTICE = "PUBLIC_NOTICE", _("Public notice")  # the list is published for comments
    DECIDED = "DECIDED", _("Decided")  # the decision is issued
    FORWARDED = "FORWARDED", _("Forwarded")  # sent on to the higher authority as a linked proposal
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")  # the proposing unit took it back


class SimplifiedCase(models.TextChoices):
    """The cases of the simplified procedure (Luật Điều 85; NĐ 98 Điều 40)."""

    POLITICAL_TASK = "POLITICAL_TASK", _("Serving a political task")  # k1 a
    EXCEPTIONAL = "EXCEPTIONAL", _("Exceptional achievement")  # đột xuất
    DISCOVERED_BY_HEAD = "DISCOVERED_BY_HEAD", _("Discovered by the head of the unit")
    DEDICATION_SERVICE_FOREIGN = (
        "DEDICATION_SERVICE_FOREIGN",
        _("Dedication, long service or foreign relations"),
    )  # cống hiến, niên hạn, đối ngoại
    STATE_SECRET = "STATE_SECRET", _("Involving state secrets")


class SubjectKind(models.TextChoices):
    """What a nominee is (same values as the award register's SubjectKind)."""

    INDIVIDUAL = "INDIVIDUAL", _("Individual")  # cá nhân
    COLLECTIVE = "COLLECTIVE", _("Collective")  # tập thể
    HOUSEHOLD = "HOUSEHOLD", _("Household")  # hộ gia đình
    VILLAGE = "VILLAGE", _("Village")  # thôn, tổ dân phố
    COMMUNE = "COMMUNE", _("Commune")  # xã, phường, đặc khu


class CouncilOutcome(models.TextChoices):
    """What the council decided for a nominee."""

    PENDING = "PENDING", _("Pending")  # not voted on yet
    APPROVED = "APPROVED", _("Approved")  # the vote reached the threshold
    REJECTED = "REJECTED", _("Rejected")  # the vote failed


class Proposal(BaseModel):
    """A unit's proposal (tờ trình) to the authority whose head decides the awards."""

    proposing_unit = models.ForeignKey(
        Unit, verbose_name=_("proposing unit"), on_delete=models.PROTECT, related_name="+"
    )
    authority_unit = models.ForeignKey(
        Unit, verbose_name=_("deciding authority"), on_delete=models.PROTECT, related_name="+"
    )
    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ProposalKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    simplified = models.BooleanField(_("simplified procedure"), default=False)
    simplified_case = models.CharField(
        _("simplified procedure case"), max_length=30, choices=SimplifiedCase.choices, blank=True
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    processing_days = models.PositiveSmallIntegerField(_("processing time (working days)"), default=0)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(_("days the clock was paused"), default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("forwarded from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwarded_children",
    )
    submission_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("submission document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_ref = models.CharField(_("decision"), max_length=120, blank=True)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["authority_unit", "status"], name="proposal_authority_status_idx"),
            models.Index(fields=["proposing_unit", "year"], name="proposal_unit_year_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(simplified=False) | ~Q(simplified_case=""), name="proposal_simplified_has_case"
            ),
        ]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return self.title


class Nominee(models.Model):
    """One line of a proposal: a subject, the award sought and the achievement behind it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="nominees")
    subject_kind = models.CharField(_("subject"), max_length=12, choices=SubjectKind.choices)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    award_code = models.CharField(_("award"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year of the achievement"))
    period_start = models.DateField(_("achievement period from"), null=True, blank=True)
    period_end = models.DateField(_("achievement period to"), null=True, blank=True)
    achievement = models.TextField(_("achievement summary"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    verdict = models.JSONField(_("eligibility"), default=dict, blank=True)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    authority_offices = models.JSONField(_("offices that may decide"), default=list, blank=True)
    council_outcome = models.CharField(
        _("council outcome"), max_length=10, choices=CouncilOutcome.choices, default=CouncilOutcome.PENDING
    )
    votes_summary = models.CharField(_("votes"), max_length=255, blank=True)
    decided = models.BooleanField(_("decided"), default=False)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    forwarded_to = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["proposal", "order", "id"]
        indexes = [
            models.Index(fields=["person", "award_code", "year"], name="nominee_person_award_idx"),
            models.Index(fields=["unit", "award_code", "year"], name="nominee_unit_award_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        subject_kind="INDIVIDUAL",
                        person__isnull=False,
                        unit__isnull=True,
                        household__isnull=True,
                    )
                    | Q(
                        subject_kind="HOUSEHOLD",
                        household__isnull=False,
                        person__isnull=True,
                        unit__isnull=True,
                    )
                    | Q(
                        subject_kind__in=["COLLECTIVE", "VILLAGE", "COMMUNE"],
                        unit__isnull=False,
                        person__isnull=True,
                        household__isnull=True,
                    )
                ),
                name="nominee_subject_matches_kind",
            ),
        ]
        verbose_name = _("nominee")
        verbose_name_plural = _("nominees")

    def __str__(self) -> str:
        return f"{self.subject_name} – {self.award_code} {self.year}"

    @property
    def subject(self) -> Any:
        """Return the person, unit or household proposed."""
        return self.person or self.unit or self.household

    @property
    def subject_name(self) -> str:
        """Return the name written on the list."""
        subject = self.subject
        if subject is None:
            return ""
        return getattr(subject, "full_name", None) or getattr(subject, "name", None) or str(subject)

    @property
    def verdict_kind(self) -> str:
        """Return "eligible", "not_eligible", "needs_review" or "" when not checked."""
        return str(self.verdict.get("verdict", "")) if self.verdict else ""


class DossierPartKind(models.TextChoices):
    """Components of a dossier (Luật Điều 84; regulations.md §10.2)."""

    ACHIEVEMENT_REPORT = "ACHIEVEMENT_REPORT", _("Achievement report")  # báo cáo thành tích
    SUMMARY_REPORT = "SUMMARY_REPORT", _("Achievement summary")  # báo cáo tóm tắt (simplified procedure)
    EVALUATION_MINUTES = "EVALUATION_MINUTES", _("Evaluation meeting minutes")  # biên bản bình xét
    INITIATIVE_RECOGNITION = "INITIATIVE_RECOGNITION", _("Initiative recognition")  # công nhận sáng kiến
    OTHER = "OTHER", _("Other")


def _dossier_path(instance: "DossierPart", filename: str) -> str:
    return f"proposals/dossier/{instance.sha256[:2]}/{instance.sha256}{filename[filename.rfind('.') :]}"


class DossierPart(models.Model):
    """A file of the dossier: for one nominee, or for the whole proposal (nominee empty)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="parts")
    nominee = models.ForeignKey(
        Nominee, null=True, blank=True, on_delete=models.CASCADE, related_name="parts"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=DossierPartKind.choices)
    file = models.FileField(_("file"), upload_to=_dossier_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["proposal", "nominee", "kind", "uploaded_at", "id"]
        verbose_name = _("dossier part")
        verbose_name_plural = _("dossier parts")

    def __str__(self) -> str:
        return self.original_name


class ProposalEvent(models.Model):
    """One transition of a proposal's workflow."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    command = models.CharField(max_length=30)
    from_status = models.CharField(max_length=16, choices=ProposalStatus.choices)
    to_status = models.CharField(max_length=16, choices=ProposalStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    occurred_at = models.DateTimeField()
    on = models.DateField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["proposal", "occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.command}: {self.from_status} → {self.to_status}"


class SupplementRequest(models.Model):
    """A request for more documents; the deadline clock waits from `requested_on` to `resolved_on`."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supplements")
    reasons = models.TextField(_("reasons"))
    requested_on = models.DateField(_("requested on"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["proposal", "requested_on", "id"]
        verbose_name = _("supplement request")
        verbose_name_plural = _("supplement requests")

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.requested_on}"


class PublicNotice(models.Model):
    """The publication of a proposal's list for comments (công khai), in working days."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="notice")
    working_days = models.PositiveSmallIntegerField(_("window (working days)"))
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.starts_on} – {self.ends_on}"


class CommentSource(models.TextChoices):
    """How a comment on a published list arrived."""

    STAFF = "STAFF", _("Recorded by staff")  # by letter, in person, by telephone
    PUBLIC = "PUBLIC", _("Public portal")  # sent by a citizen through the portal


class NoticeComment(models.Model):
    """A comment received while a list was published."""

    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(_("from"), max_length=150)
    contact = models.CharField(_("contact"), max_length=150, blank=True)
    source = models.CharField(
        _("received through"), max_length=6, choices=CommentSource.choices, default=CommentSource.STAFF
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("received at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["notice", "created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"

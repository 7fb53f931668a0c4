"""The award register: awards, evaluations, initiatives, research, discipline, flags and revocations.

The register is the memory the eligibility engine reads: every chain ("3 consecutive CSTĐCS") and every
blocker (discipline, investigation) is computed from these rows, never from numbers typed into a proposal.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.organization.models import Household, Person, Unit


class SubjectKind(models.TextChoices):
    """What receives an award (đối tượng khen thưởng, glossary §3)."""

    INDIVIDUAL = "INDIVIDUAL", _("Individual")  # cá nhân: a Person
    COLLECTIVE = "COLLECTIVE", _("Collective")  # tập thể: a Unit
    HOUSEHOLD = "HOUSEHOLD", _("Household")  # hộ gia đình: a Household
    VILLAGE = "VILLAGE", _("Village or residential group")  # thôn, tổ dân phố: a village Unit
    COMMUNE = "COMMUNE", _("Commune")  # xã, phường, đặc khu: the commune's People's Committee unit


UNIT_SUBJECTS = (SubjectKind.COLLECTIVE, SubjectKind.VILLAGE, SubjectKind.COMMUNE)


class AwardStatus(models.TextChoices):
    """Whether an award still stands."""

    VALID = "VALID", _("Valid")  # in force; counts in chains
    REVOKED = "REVOKED", _("Revoked")  # cancelled under Luật Điều 93; kept, struck through, never counted


class AwardBasis(models.TextChoices):
    """Why an award was given (loại hình khen thưởng, Luật Điều 8); ad-hoc awards do not ground merit ones."""

    MERIT = "merit", _("Merit")  # công trạng (thường xuyên, tổng kết)
    AD_HOC = "ad_hoc", _("Ad hoc")  # đột xuất
    THEMATIC = "thematic", _("Thematic movement")  # phong trào theo đợt, chuyên đề
    DEDICATION = "dedication", _("Dedication")  # cống hiến
    LONG_SERVICE = "long_service", _("Length of service")  # niên hạn
    FOREIGN = "foreign", _("Foreign relations")  # đối ngoại


class Award(BaseModel):
    """One title or form conferred on one subject for the achievements of one evaluation year."""

    subject_kind = models.CharField(_("subject"), max_length=12, choices=SubjectKind.choices)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    award_code = models.CharField(_("award"), max_length=20)
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    basis = models.CharField(_("basis"), max_length=12, choices=AwardBasis.choices, default=AwardBasis.MERIT)
    decided_on = models.DateField(_("decision date"))
    authority_office = models.CharField(_("awarding office"), max_length=20, blank=True)
    decision_symbol = models.CharField(_("decision number"), max_length=60)
    source_ref = models.CharField(_("source"), max_length=80, blank=True)
    prize_vnd = models.PositiveBigIntegerField(_("prize money (VND)"), default=0)
    achievement = models.TextField(_("achievement"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=AwardStatus.choices, default=AwardStatus.VALID
    )
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "award_code", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, unit__isnull=True, household__isnull=True)
                    | Q(person__isnull=True, unit__isnull=False, household__isnull=True)
                    | Q(person__isnull=True, unit__isnull=True, household__isnull=False)
                ),
                name="award_exactly_one_subject",
            ),
            models.CheckConstraint(
                condition=(
                    Q(subject_kind=SubjectKind.INDIVIDUAL, person__isnull=False)
                    | Q(subject_kind__in=list(UNIT_SUBJECTS), unit__isnull=False)
                    | Q(subject_kind=SubjectKind.HOUSEHOLD, household__isnull=False)
                ),
                name="award_subject_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(status=AwardStatus.VALID, revoked_on__isnull=True)
                | Q(status=AwardStatus.REVOKED, revoked_on__isnull=False),
                name="award_revoked_on_iff_revoked",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "year"], name="award_person_year_idx"),
            models.Index(fields=["unit", "year"], name="award_unit_year_idx"),
            models.Index(fields=["award_code", "year"], name="award_code_year_idx"),
            models.Index(fields=["household", "year"], name="award_household_year_idx"),
            # The register's order (Meta.ordering): the API's and the screens' lists read it in order and
            # stop after one page; a filter on the year reads only that year's entries.
            models.Index(fields=["-year", "award_code", "id"], name="award_list_order_idx"),
        ]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return f"{self.award_code} {self.year} – {self.subject_name}"

    @property
    def subject(self) -> Person | Unit | Household:
        """Return the person, unit or household that received the award."""
        subject = self.person or self.unit or self.household
        assert subject is not None  # guaranteed by award_exactly_one_subject
        return subject

    @property
    def subject_name(self) -> str:
        """Return the name of the subject as written on lists."""
        if self.person_id:
            return self.person.full_name  # type: ignore[union-attr]
        if self.unit_id:
            return self.unit.name  # type: ignore[union-attr]
        return str(self.household)

    @property
    def is_revoked(self) -> bool:
        """Tell whether the award was cancelled."""
        return self.status == AwardStatus.REVOKED


class Rating(models.TextChoices):
    """Annual evaluation result (đánh giá, xếp loại); the values are the engine's codes."""

    HTXS = "HTXS", _("Completed tasks excellently")  # hoàn thành xuất sắc nhiệm vụ
    HTT = "HTT", _("Completed tasks well")  # hoàn thành tốt nhiệm vụ
    HT = "HT", _("Completed tasks")  # hoàn thành nhiệm vụ
    KHT = "KHT", _("Did not complete tasks")  # không hoàn thành nhiệm vụ


COMPLETED_RATINGS = frozenset({Rating.HTXS, Rating.HTT, Rating.HT})  # HTNV: "hoàn thành nhiệm vụ trở lên"


class Evaluation(BaseModel):
    """A person's rating for one evaluation year."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    rating = models.CharField(_("rating"), max_length=4, choices=Rating.choices)
    source = models.CharField(_("source"), max_length=80, blank=True)

    class Meta:
        ordering = ["person", "-year"]
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="evaluation_person_year_uniq")]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.rating}"


class UnitEvaluation(BaseModel):
    """A collective's own rating for one evaluation year (TTLĐTT and TTLĐXS read it)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    rating = models.CharField(_("rating"), max_length=4, choices=Rating.choices)
    source = models.CharField(_("source"), max_length=80, blank=True)

    class Meta:
        ordering = ["unit", "-year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unitevaluation_unit_year_uniq")]
        verbose_name = _("collective evaluation")
        verbose_name_plural = _("collective evaluations")

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.rating}"


class Scope(models.TextChoices):
    """Scope at which an initiative or research project is recognised; values are the engine's codes."""

    CO_SO = "co_so", _("Grassroots")  # cơ sở
    TINH = "tinh", _("Ministry, sector or province")  # bộ, ngành, tỉnh
    TOAN_QUOC = "toan_quoc", _("Nationwide")  # toàn quốc


class Initiative(BaseModel):
    """A sáng kiến recognised by a competent level (Luật Điều 3), counted in the year it belongs to."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="initiatives")
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    title = models.CharField(_("title"), max_length=500)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.CO_SO)
    recognised_by = models.CharField(_("recognised by"), max_length=255, blank=True)
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)

    class Meta:
        ordering = ["person", "-year", "id"]
        indexes = [models.Index(fields=["person", "year"], name="initiative_person_year_idx")]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return self.title


class ResearchRecord(BaseModel):
    """An accepted and applied research project, đề tài or đề án (an alternative to a sáng kiến)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="research_records")
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    title = models.CharField(_("title"), max_length=500)
    level = models.CharField(_("level"), max_length=10, choices=Scope.choices, default=Scope.CO_SO)

    class Meta:
        ordering = ["person", "-year", "id"]
        indexes = [models.Index(fields=["person", "year"], name="research_person_year_idx")]
        verbose_name = _("research project")
        verbose_name_plural = _("research projects")

    def __str__(self) -> str:
        return self.title


class DisciplineForm(models.TextChoices):
    """Disciplinary measures, mildest first; values are the engine's codes (regulations.md §5)."""

    KHIEN_TRACH = "khien_trach", _("Reprimand")  # khiển trách
    CANH_CAO = "canh_cao", _("Warning")  # cảnh cáo
    HA_BAC_LUONG = "ha_bac_luong", _("Salary step reduction")  # hạ bậc lương
    GIANG_CHUC = "giang_chuc", _("Demotion")  # giáng chức
    CACH_CHUC = "cach_chuc", _("Dismissal from post")  # cách chức
    BUOC_THOI_VIEC = "buoc_thoi_viec", _("Forced resignation")  # buộc thôi việc


class DisciplineRecord(BaseModel):
    """A disciplinary measure in force from `effective_from` to `effective_to` (open: not yet ended)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="discipline_records")
    form = models.CharField(_("form"), max_length=16, choices=DisciplineForm.choices)
    decision_symbol = models.CharField(_("decision number"), max_length=60, blank=True)
    effective_from = models.DateField(_("from"))
    effective_to = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["person", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="discipline_dates_ordered",
            )
        ]
        verbose_name = _("discipline record")
        verbose_name_plural = _("discipline records")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_form_display()}"

    def overlaps(self, start: date, end: date) -> bool:
        """Tell whether the measure was in force at some time between `start` and `end`."""
        return self.effective_from <= end and (self.effective_to is None or self.effective_to >= start)


class FlagKind(models.TextChoices):
    """Temporary conditions that block any award while they last (NĐ 152 Điều 4)."""

    INVESTIGATION = "INVESTIGATION", _("Under investigation or inspection")  # đang bị điều tra, thanh tra
    PENDING_COMPLAINT = "PENDING_COMPLAINT", _("Complaint pending verification")  # đơn thư đang xác minh
    DISCIPLINE_PENDING = "DISCIPLINE_PENDING", _("Discipline being considered")  # đang xem xét kỷ luật


class PersonFlag(BaseModel):
    """A dated interval during which a person may not be awarded."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(_("kind"), max_length=20, choices=FlagKind.choices)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["person", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="personflag_dates_ordered",
            )
        ]
        verbose_name = _("person flag")
        verbose_name_plural = _("person flags")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"

    def is_active_on(self, on: date) -> bool:
        """Tell whether the flag applies on `on`."""
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


class RevocationReason(models.TextChoices):
    """The four grounds of Luật 06/2022/QH15 Điều 93 khoản 2 (legal text in `REVOCATION_TEXT`)."""

    A = "a", _("a) Cheating in declaring achievements")  # gian dối khi kê khai thành tích
    B = "b", _("b) False certification or forged documents")  # xác nhận sai, làm giả hồ sơ
    C = "c", _("c) Appraisal or proposal in breach of the law")  # thẩm định, xét, đề nghị trái luật
    D = "d", _("d) A finding that the criteria were not met in the period")  # kết luận, bản án có thẩm quyền


# The wording follows Luật Thi đua, khen thưởng 06/2022/QH15 Điều 93 k2 as summarised in regulations.md §13;
# the official text is still to be checked against vbpl.vn (regulations.md §18 item 7).
REVOCATION_TEXT: dict[str, str] = {
    RevocationReason.A: (
        "Cá nhân, tập thể, hộ gia đình gian dối trong việc kê khai thành tích để được khen thưởng."
    ),
    RevocationReason.B: (
        "Cơ quan, tổ chức, cá nhân xác nhận sai sự thật, làm giả hồ sơ, giấy tờ cho người khác "
        "để đề nghị khen thưởng."
    ),
    RevocationReason.C: (
        "Người có trách nhiệm trong việc thẩm định, xét, đề nghị khen thưởng làm trái quy định của pháp luật."
    ),
    RevocationReason.D: (
        "Có kết luận, quyết định, bản án của cơ quan có thẩm quyền xác định hành vi vi phạm mà hành vi đó "
        "không đáp ứng tiêu chuẩn khen thưởng trong thời gian thành tích được ghi nhận để khen thưởng."
    ),
}
REVOCATION_BASIS = "Điều 93 khoản 2 Luật Thi đua, khen thưởng số 06/2022/QH15"


class Revocation(BaseModel):
    """The cancellation of an award, with its decision and what was recovered (Luật Điều 93)."""

    award = models.OneToOneField(Award, on_delete=models.PROTECT, related_name="revocation")
    reason = models.CharField(_("reason"), max_length=1, choices=RevocationReason.choices)
    decision_symbol = models.CharField(_("decision number"), max_length=60)
    decided_on = models.DateField(_("decision date"))
    money_recovered_vnd = models.PositiveBigIntegerField(_("money recovered (VND)"), default=0)
    items_recovered = models.CharField(_("items recovered"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("revocation")
        verbose_name_plural = _("revocations")

    def __str__(self) -> str:
        return f"{self.decision_symbol} ({self.reason})"

    @property
    def legal_text(self) -> str:
        """Return the Vietnamese text of the ground of Điều 93 k2."""
        return REVOCATION_TEXT[self.reason]


class RecheckStatus(models.TextChoices):
    """Whether staff have looked at an award flagged after a revocation."""

    OPEN = "OPEN", _("To re-check")  # a later award relied on the revoked one
    CLOSED = "CLOSED", _("Re-checked")  # staff have reviewed it (awards are never revoked automatically)


class AwardRecheck(BaseModel):
    """A later award whose chain relied on a revoked award, flagged for staff to review (CHAIN.REVOKED)."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="rechecks")
    revocation = models.ForeignKey(Revocation, on_delete=models.CASCADE, related_name="rechecks")
    reasons = models.JSONField(_("reasons"), default=list)
    status = models.CharField(
        _("status"), max_length=6, choices=RecheckStatus.choices, default=RecheckStatus.OPEN
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["award", "revocation"], name="awardrecheck_award_revocation_uniq")
        ]
        verbose_name = _("award re-check")
        verbose_name_plural = _("award re-checks")

    def __str__(self) -> str:
        return f"{self.award} ← {self.revocation}"

    def reason_messages(self) -> list[str]:
        """Return the Vietnamese messages stored with the flag."""
        return [str(r.get("message", "")) for r in self.reasons if isinstance(r, dict)]


def subject_filter(subject: Any) -> dict[str, Any]:
    """Return the lookup that selects rows of `subject` (a Person, Unit or Household)."""
    if isinstance(subject, Person):
        return {"person": subject}
    if isinstance(subject, Unit):
        return {"unit": subject}
    if isinstance(subject, Household):
        return {"household": subject}
    raise TypeError(f"Not an award subject: {subject!r}")

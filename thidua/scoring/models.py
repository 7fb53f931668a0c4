"""Clusters (cụm/khối), their scorecards, the scores of member units and the published ranking."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.organization.models import Unit
from thidua.scoring.calculation import DEFAULT_TIE_RULES, EntryScores


class ClusterKind(models.TextChoices):
    """How a cluster groups its members (glossary §2)."""

    GEOGRAPHIC = "GEOGRAPHIC", _("Geographic cluster")  # cụm: localities, e.g. communes
    SECTORAL = "SECTORAL", _("Sectoral bloc")  # khối: bodies of similar function, e.g. Sở, ngành


class Cluster(BaseModel):
    """An emulation cluster or bloc organised by `owner` (e.g. UBND tỉnh through Sở Nội vụ)."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=12, choices=ClusterKind.choices)
    owner = models.ForeignKey(
        Unit, verbose_name=_("organised by"), on_delete=models.PROTECT, related_name="owned_clusters"
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("emulation cluster")
        verbose_name_plural = _("emulation clusters")

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    """A member's part in the cluster for one year (rotates yearly)."""

    HEAD = "HEAD", _("Cluster head")  # cụm/khối trưởng: verifies the members' scores at HEAD level
    DEPUTY = "DEPUTY", _("Deputy head")  # cụm/khối phó: verifies the head's own scores
    MEMBER = "MEMBER", _("Member")  # thành viên


class ClusterMembership(BaseModel):
    """Make `unit` a member of `cluster` in `year` with a role."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cluster_memberships")
    year = models.PositiveSmallIntegerField(_("year"))
    role = models.CharField(_("role"), max_length=8, choices=MemberRole.choices, default=MemberRole.MEMBER)

    class Meta:
        ordering = ["cluster", "-year", "role", "unit__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit", "year"], name="clustermembership_uniq"),
            models.UniqueConstraint(
                fields=["cluster", "year"], condition=Q(role="HEAD"), name="clustermembership_one_head"
            ),
            models.UniqueConstraint(
                fields=["cluster", "year"], condition=Q(role="DEPUTY"), name="clustermembership_one_deputy"
            ),
        ]
        verbose_name = _("cluster membership")
        verbose_name_plural = _("cluster memberships")

    def __str__(self) -> str:
        return f"{self.cluster} {self.year}: {self.unit} ({self.role})"


def _covenant_path(instance: "Covenant", filename: str) -> str:
    return f"scoring/covenants/{instance.cluster_id}/{instance.year}/{filename}"


class Covenant(BaseModel):
    """The emulation covenant (giao ước thi đua) the members signed for `year`."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="covenants")
    year = models.PositiveSmallIntegerField(_("year"))
    signed_on = models.DateField(_("signed on"))
    text = models.TextField(_("commitments"), blank=True)
    file = models.FileField(_("signed copy"), upload_to=_covenant_path, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cluster", "year"], name="covenant_uniq")]
        verbose_name = _("emulation covenant")
        verbose_name_plural = _("emulation covenants")

    def __str__(self) -> str:
        return f"{self.cluster} {self.year}"


class ScorecardStatus(models.TextChoices):
    """Where a scorecard is in its year (see `workflow.py`)."""

    DRAFT = "DRAFT", _("Draft")  # the owner is building the criteria
    OPEN = "OPEN", _("Self-assessment")  # members score themselves
    VERIFYING = "VERIFYING", _("Verification")  # the head and Home Affairs check the scores
    PUBLISHED = "PUBLISHED", _("Published")  # results final and locked


def _default_tie_rules() -> list[str]:
    return [str(r) for r in DEFAULT_TIE_RULES]


def _default_award_plan() -> list[list[Any]]:
    # regulations.md §17 co_tinh_per_cluster = 1; the Bằng khen count is local practice.
    return [["CO_TINH", 1], ["BK_TINH", 2]]


class Scorecard(BaseModel):
    """The table of criteria a cluster scores its members with in one year (versioned)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="scorecards")
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=ScorecardStatus.choices, default=ScorecardStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    bonus_cap = models.DecimalField(
        _("bonus cap"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        max_digits=7,
        decimal_places=2,
    )
    tie_rules = models.JSONField(_("tie rules"), default=_default_tie_rules)
    award_plan = models.JSONField(_("awards offered by rank"), default=_default_award_plan)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "cluster__name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year", "version"], name="scorecard_version_uniq")
        ]
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")

    def __str__(self) -> str:
        return f"{self.title} ({self.year}, v{self.version})"

    @property
    def is_published(self) -> bool:
        """Tell whether the results are locked."""
        return self.status == ScorecardStatus.PUBLISHED


class ScorecardEvent(models.Model):
    """One state change of a scorecard; together they are its history."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="events")
    command = models.CharField(_("command"), max_length=24)
    from_status = models.CharField(_("from"), max_length=10, choices=ScorecardStatus.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=ScorecardStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    occurred_at = models.DateTimeField(_("occurred at"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("scorecard event")
        verbose_name_plural = _("scorecard events")

    def __str__(self) -> str:
        return f"{self.scorecard_id}: {self.from_status} → {self.to_status}"


class CriterionGroup(BaseModel):
    """A numbered group of criteria (e.g. "I. Phát triển kinh tế")."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ["scorecard", "number"]
        constraints = [models.UniqueConstraint(fields=["scorecard", "number"], name="criteriongroup_uniq")]
        verbose_name = _("criterion group")
        verbose_name_plural = _("criterion groups")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class CriterionKind(models.TextChoices):
    """How a criterion counts (glossary §2: bonus / penalty points)."""

    BASE = "BASE", _("Scored criterion")  # counts up to its maximum
    BONUS = "BONUS", _("Bonus points")  # điểm thưởng, added up to the bonus cap
    PENALTY = "PENALTY", _("Penalty points")  # điểm trừ, removed


class CriterionSource(models.TextChoices):
    """Where a criterion's score comes from."""

    MANUAL = "MANUAL", _("Scored by the unit")  # the unit enters its score with evidence
    TARGET = "TARGET", _("Derived from a target")  # computed from the completion of a socio-economic target


class Formula(models.TextChoices):
    """How a target's completion becomes points (see `calculation.points_from_completion`)."""

    LINEAR = "LINEAR", _("Proportional, capped at the maximum")  # max × min(ratio, 1)
    THRESHOLD = "THRESHOLD", _("Full at 100 %, zero under a floor")  # floor in formula_params
    STEP = "STEP", _("Bands")  # bands in formula_params
    PASS_FAIL = "PASS_FAIL", _("Pass or fail")  # threshold in formula_params


class Criterion(BaseModel):
    """One scored item of a scorecard, with its maximum points."""

    group = models.ForeignKey(CriterionGroup, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("criterion"), max_length=500)
    max_points = models.DecimalField(
        _("maximum points"), validators=[MinValueValidator(Decimal(0))], max_digits=7, decimal_places=2
    )
    kind = models.CharField(
        _("kind"), max_length=8, choices=CriterionKind.choices, default=CriterionKind.BASE
    )
    source = models.CharField(
        _("source"), max_length=8, choices=CriterionSource.choices, default=CriterionSource.MANUAL
    )
    # A targets indicator code, kept as text so scorecards do not depend on the targets tables.
    indicator_code = models.CharField(_("indicator code"), max_length=40, blank=True)
    formula = models.CharField(_("formula"), max_length=10, choices=Formula.choices, default=Formula.LINEAR)
    formula_params = models.JSONField(_("formula parameters"), default=dict, blank=True)
    guidance = models.TextField(_("guidance and evidence required"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["group__number", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["group", "code"], name="criterion_code_uniq")]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ScoreEntry(BaseModel):
    """A unit's score on one criterion: its own, the cluster head's and the verified one, with reasons."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="entries")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="score_entries")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="entries")
    self_score = models.DecimalField(_("self score"), null=True, blank=True, max_digits=7, decimal_places=2)
    self_note = models.TextField(_("explanation"), blank=True)
    # For target criteria: the completion ratio the self score was computed from (1 = 100 %).
    target_ratio = models.DecimalField(
        _("target completion"), null=True, blank=True, max_digits=12, decimal_places=6
    )
    head_score = models.DecimalField(
        _("cluster head's score"), null=True, blank=True, max_digits=7, decimal_places=2
    )
    head_reason = models.TextField(_("cluster head's reason"), blank=True)
    head_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    head_at = models.DateTimeField(null=True, blank=True)
    verified_score = models.DecimalField(
        _("verified score"), null=True, blank=True, max_digits=7, decimal_places=2
    )
    verified_reason = models.TextField(_("Home Affairs reason"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "unit", "criterion"], name="scoreentry_uniq")
        ]
        indexes = [models.Index(fields=["scorecard", "unit"])]
        verbose_name = _("score entry")
        verbose_name_plural = _("score entries")

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.criterion_id}: {self.effective_score}"

    @property
    def effective_score(self) -> Decimal | None:
        """Return the most-verified score (Home Affairs, else head, else self)."""
        return self.scores().effective

    def scores(self) -> EntryScores:
        """Return the entry as the pure calculation sees it (needs `criterion` loaded)."""
        return EntryScores(
            kind=self.criterion.kind,
            max_points=self.criterion.max_points,
            self_score=self.self_score,
            head_score=self.head_score,
            verified_score=self.verified_score,
        )


def _evidence_path(instance: "Evidence", filename: str) -> str:
    return f"scoring/evidence/{instance.sha256[:2]}/{instance.sha256}{filename[filename.rfind('.') :]}"


class Evidence(models.Model):
    """A file proving a self score (minutes, reports, photos)."""

    entry = models.ForeignKey(ScoreEntry, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=_evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name


class ScoreSubmission(models.Model):
    """Record that a unit submitted its self-assessment; its self scores are then locked."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="submissions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="score_submissions")
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scorecard", "unit"], name="scoresubmission_uniq")]
        verbose_name = _("score submission")
        verbose_name_plural = _("score submissions")

    def __str__(self) -> str:
        return f"{self.scorecard_id}/{self.unit_id}"


class ClusterRanking(models.Model):
    """One unit's place in the cluster's results for a scorecard."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="rankings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cluster_rankings")
    base_total = models.DecimalField(_("base total"), max_digits=7, decimal_places=2)
    bonus_total = models.DecimalField(_("bonus"), max_digits=7, decimal_places=2)
    penalty_total = models.DecimalField(_("penalties"), max_digits=7, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=7, decimal_places=2)
    at_maximum = models.PositiveSmallIntegerField(_("criteria at maximum"), default=0)
    rank = models.PositiveIntegerField(_("rank"))
    tied = models.BooleanField(_("shared rank"), default=False)
    submitted = models.BooleanField(_("submitted"), default=False)
    acclaimed = models.BooleanField(_("acclaimed"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["scorecard", "rank", "unit__sort_key"]
        constraints = [models.UniqueConstraint(fields=["scorecard", "unit"], name="clusterranking_uniq")]
        verbose_name = _("cluster ranking")
        verbose_name_plural = _("cluster rankings")

    def __str__(self) -> str:
        return f"{self.rank}. {self.unit_id} ({self.total})"

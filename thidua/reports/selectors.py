"""Reads for the reports: the yearly statistics of the award register, a movement's progress, targets
against plan by unit, and the series the dashboard charts draw.

Every figure over awards is computed by the database (GROUP BY with conditional counts and sums); Python
only relabels the few grouped rows. Revoked awards (`Award.status == REVOKED`, Luật Điều 93) never count:
each query filters `status = VALID`; the year report states how many revoked awards it left out.

An award belongs to the unit of its subject: a person's *current* unit (`Person.unit_path`, as the
register lists them), the collective itself, or a household's village. A scope is a list of unit paths
(the subtrees of the user's memberships, or one unit chosen inside them).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from thidua.awards.models import Award, AwardStatus, SubjectKind
from thidua.movements.models import Movement, Review, ReviewKind
from thidua.movements.selectors import RegistrationProgress, registration_progress
from thidua.organization.models import Ethnicity, Sex, Unit
from thidua.proposals.checks import SHARE_GROUPS
from thidua.proposals.rules import priority_thresholds
from thidua.regulations import Office
from thidua.regulations.catalogue import award as catalogue_award
from thidua.regulations.citations import Confidence, law
from thidua.regulations.kinds import AwardKind, AwardLevel
from thidua.regulations.policy import Threshold
from thidua.regulations.versions import RegulationError
from thidua.scoring.models import Cluster, ClusterRanking, Scorecard, ScorecardStatus
from thidua.scoring.selectors import latest_published_scorecard
from thidua.targets.calculation import assess
from thidua.targets.models import Indicator, Target
from thidua.targets.selectors import TargetRow, figures_for, latest_actual, targets_of, year_actual
from thidua.targets.sentences import as_sentence, clause

# -- scope ---------------------------------------------------------------------------------------------


def subject_path_q(paths: Iterable[str]) -> Q:
    """Return a filter on awards whose subject lies in one of the subtrees `paths` (nothing when empty)."""
    q = Q(pk__in=[])
    for p in paths:
        q |= (
            Q(person__unit_path__startswith=p)
            | Q(unit__path__startswith=p)
            | Q(household__village__path__startswith=p)
        )
    return q


def valid_awards(paths: Iterable[str]) -> QuerySet[Award]:
    """Return the awards in force (not revoked) of the subjects in the subtrees `paths`."""
    return Award.objects.filter(subject_path_q(paths), status=AwardStatus.VALID)


def _subject_path() -> Coalesce:
    return Coalesce("person__unit_path", "unit__path", "household__village__path", output_field=CharField())


# -- the year report -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of a breakdown: a key, its label, the number of awards and the prize money (VND)."""

    key: str
    label: str
    count: int
    prize_vnd: int = 0


@dataclass(frozen=True)
class AwardLine:
    """Awards of one code: by subject, and the prize money."""

    code: str
    name: str
    kind: str  # AwardKind value, "" when the code is not in the catalogue
    level: str  # AwardLevel value, "" when unknown
    individuals: int
    collectives: int  # collectives, villages and communes
    households: int
    prize_vnd: int

    @property
    def count(self) -> int:
        return self.individuals + self.collectives + self.households


@dataclass(frozen=True)
class ShareLine:
    """A priority share among the year's individual awards, against the configured threshold."""

    group: str  # "direct_workers", "women", "ethnic_minorities"
    part: int
    whole: int
    threshold: Threshold | None

    @property
    def ratio(self) -> Decimal:
        return Decimal(self.part) / Decimal(self.whole) if self.whole else Decimal(0)

    @property
    def met(self) -> bool | None:
        """True or False against the threshold; None when none is set (report only)."""
        return None if self.threshold is None else self.threshold.met(self.part, self.whole)


# Luật Thi đua, khen thưởng 06/2022/QH15 Điều 5 (principles) asks for priority to people who work
# directly, to remote areas and to gender equality; it sets no numeric quota (shared/domain/regulations.md
# §14). The figures come from THIDUA_PRIORITY_THRESHOLDS, the same setting the proposal list checks use.
SHARE_BASIS = law(5, tag=Confidence.SECONDARY)


@dataclass(frozen=True)
class YearReport:
    """The statistics offices report every year (báo cáo thống kê khen thưởng), for one year and scope."""

    year: int
    root: Unit
    office: str  # "" for every awarding office
    total: int
    prize_vnd: int
    revoked_excluded: int
    by_award: list[AwardLine]
    by_kind: list[Line]  # danh hiệu thi đua / hình thức khen thưởng
    by_level: list[Line]
    by_office: list[Line]
    by_subject: list[Line]
    by_unit: list[Line]
    individuals: int
    women: int
    men: int
    kinh: int
    minorities: int
    ethnicity_unknown: int
    direct_workers: int
    by_ethnicity: list[Line]
    shares: list[ShareLine] = field(default_factory=list)

    @property
    def share_basis(self) -> str:
        return SHARE_BASIS.text


KIND_LABELS = {AwardKind.TITLE.value: "Danh hiệu thi đua", AwardKind.FORM.value: "Hình thức khen thưởng"}
LEVEL_LABELS = {
    AwardLevel.STATE.value: "Khen thưởng cấp Nhà nước",
    AwardLevel.PROVINCE.value: "Cấp bộ, ban, ngành, tỉnh",
    AwardLevel.SECTOR.value: "Bộ, ngành, đoàn thể trung ương (kỷ niệm chương)",
    AwardLevel.LOCAL.value: "Cấp cơ sở (xã, đơn vị, sở)",
}
SUBJECT_ORDER = [s.value for s in SubjectKind]
COLLECTIVE_KINDS = {SubjectKind.COLLECTIVE, SubjectKind.VILLAGE, SubjectKind.COMMUNE}


def _catalogue(code: str) -> tuple[str, str, str]:
    try:
        entry = catalogue_award(code)
    except RegulationError:
        return code, "", ""
    return entry.name, entry.kind.value, entry.level.value


def _office_label(code: str) -> str:
    try:
        return Office(code).label
    except ValueError:
        return code or "—"


def report_years(paths: Sequence[str]) -> list[int]:
    """Return the years with awards in the subtrees, newest first (for the year filter)."""
    qs = Award.objects.filter(subject_path_q(paths)).values_list("year", flat=True).distinct()
    return sorted(set(qs[:200]), reverse=True)


def year_report(
    *, root: Unit, year: int, office: str = "", top_units: Sequence[Unit] | None = None
) -> YearReport:
    """Compute the year report of the awards to subjects in `root`'s subtree for evaluation year `year`.

    `office` limits it to one awarding office (`Award.authority_office`). `top_units` are the units the
    "by unit" breakdown groups by (default: `root`'s children); awards of subjects directly in `root`
    form their own line. Two aggregate queries over the awards (and one over the 54 ethnic groups),
    whatever the number of awards: Python only adds up the few hundred grouped rows.
    """
    base = Award.objects.filter(subject_path_q([root.path]), year=year)
    if office:
        base = base.filter(authority_office=office)

    # 1. status × code × subject kind × office × ethnic group, with the people's counts per group:
    # every breakdown but the units' comes from these rows.
    rows = list(
        base.values("status", "award_code", "subject_kind", "authority_office", "person__ethnicity_id")
        .annotate(
            n=Count("id"),
            money=Coalesce(Sum("prize_vnd"), 0),
            women=Count("id", filter=Q(person__sex=Sex.FEMALE)),
            direct=Count("id", filter=Q(person__is_direct_worker=True)),
        )
        .order_by()
    )
    revoked = sum(int(r["n"]) for r in rows if r["status"] != AwardStatus.VALID)
    grouped = [r for r in rows if r["status"] == AwardStatus.VALID]
    valid = base.filter(status=AwardStatus.VALID)
    per_code: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per_office: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_subject: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for g in grouped:
        n, money = int(g["n"]), int(g["money"])
        bucket = per_code[g["award_code"]]
        kind = g["subject_kind"]
        col = (
            "individuals"
            if kind == SubjectKind.INDIVIDUAL
            else "households"
            if kind == SubjectKind.HOUSEHOLD
            else "collectives"
        )
        bucket[col] += n
        bucket["money"] += money
        per_office[g["authority_office"]][0] += n
        per_office[g["authority_office"]][1] += money
        per_subject[kind][0] += n
        per_subject[kind][1] += money
    by_award: list[AwardLine] = []
    for code, b in per_code.items():
        name, kind, level = _catalogue(code)
        by_award.append(
            AwardLine(
                code, name, kind, level, b["individuals"], b["collectives"], b["households"], b["money"]
            )
        )
    level_rank = {lv: i for i, lv in enumerate(LEVEL_LABELS)}
    by_award.sort(key=lambda a: (level_rank.get(a.level, 9), a.kind != AwardKind.TITLE, a.code))
    by_kind = _sum_lines(by_award, lambda a: a.kind, KIND_LABELS)
    by_level = _sum_lines(by_award, lambda a: a.level, LEVEL_LABELS)
    by_office = [
        Line(code, _office_label(code), v[0], v[1])
        for code, v in sorted(per_office.items(), key=lambda kv: (-kv[1][0], kv[0]))
    ]
    subject_labels = dict(SubjectKind.choices)
    by_subject = [
        Line(k, str(subject_labels[k]), per_subject[k][0], per_subject[k][1])
        for k in SUBJECT_ORDER
        if k in per_subject
    ]

    # 2. by unit: one CASE over the subject's path.
    units = list(top_units) if top_units is not None else list(root.children.order_by("sort_key"))
    by_unit = _by_unit(valid, root, units)

    # 3. individuals: sex, ethnic groups, direct workers, from the grouped rows.
    ethnicities = {e.pk: e for e in Ethnicity.objects.all()}
    people: dict[str, int] = defaultdict(int)
    per_ethnicity: dict[int | None, int] = defaultdict(int)
    for g in grouped:
        if g["subject_kind"] != SubjectKind.INDIVIDUAL:
            continue
        n, eth = int(g["n"]), ethnicities.get(g["person__ethnicity_id"])
        people["total"] += n
        people["women"] += int(g["women"])
        people["direct"] += int(g["direct"])
        key = "unknown" if eth is None else ("minorities" if eth.is_minority else "kinh")
        people[key] += n
        per_ethnicity[eth.pk if eth is not None else None] += n
    by_ethnicity = [
        Line(
            ethnicities[k].code_1979 if k is not None else "",
            ethnicities[k].name if k is not None else "—",
            n,
        )
        for k, n in per_ethnicity.items()
    ]
    by_ethnicity.sort(key=lambda line: (-line.count, line.key))
    individuals = int(people["total"])
    thresholds = priority_thresholds()
    parts = {
        "direct_workers": people["direct"],
        "women": people["women"],
        "ethnic_minorities": people["minorities"],
    }
    shares = [ShareLine(g, int(parts[g]), individuals, thresholds.get(g)) for g in SHARE_GROUPS]
    return YearReport(
        year=year,
        root=root,
        office=office,
        total=sum(a.count for a in by_award),
        prize_vnd=sum(a.prize_vnd for a in by_award),
        revoked_excluded=revoked,
        by_award=by_award,
        by_kind=by_kind,
        by_level=by_level,
        by_office=by_office,
        by_subject=by_subject,
        by_unit=by_unit,
        individuals=individuals,
        women=int(people["women"]),
        men=individuals - int(people["women"]),
        kinh=int(people["kinh"]),
        minorities=int(people["minorities"]),
        ethnicity_unknown=int(people["unknown"]),
        direct_workers=int(people["direct"]),
        by_ethnicity=by_ethnicity,
        shares=shares,
    )


def _sum_lines(awards: list[AwardLine], key: object, labels: dict[str, str]) -> list[Line]:
    sums: dict[str, list[int]] = {}
    for a in awards:
        k = key(a)  # type: ignore[operator]
        s = sums.setdefault(k, [0, 0])
        s[0] += a.count
        s[1] += a.prize_vnd
    order = list(labels)
    return [
        Line(k, labels.get(k, k or "—"), v[0], v[1])
        for k, v in sorted(sums.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
    ]


def _by_unit(valid: QuerySet[Award], root: Unit, units: list[Unit]) -> list[Line]:
    if not units:
        own = valid.aggregate(n=Count("id"), money=Coalesce(Sum("prize_vnd"), 0))
        return [Line(str(root.pk), root.name, int(own["n"]), int(own["money"]))] if own["n"] else []
    bucket = Case(
        *(When(subject_path__startswith=u.path, then=Value(u.pk)) for u in units),
        default=Value(0),
        output_field=IntegerField(),
    )
    rows = (
        valid.annotate(subject_path=_subject_path())
        .annotate(bucket=bucket)
        .values("bucket")
        .annotate(n=Count("id"), money=Coalesce(Sum("prize_vnd"), 0))
        .order_by()
    )
    found = {int(r["bucket"]): (int(r["n"]), int(r["money"])) for r in rows}
    lines = [Line(str(u.pk), u.name, *found[u.pk]) for u in units if u.pk in found]
    lines.sort(key=lambda line: -line.count)
    if 0 in found:
        lines.append(Line(str(root.pk), root.name, *found[0]))
    return lines


# -- the dashboard's series ----------------------------------------------------------------------------


def awards_by_year_and_kind(paths: Sequence[str], years: Sequence[int]) -> dict[int, dict[str, int]]:
    """Return {year: {AwardKind value: count}} of the valid awards in the subtrees (one query)."""
    out: dict[int, dict[str, int]] = {y: {k.value: 0 for k in AwardKind} for y in years}
    rows = (
        valid_awards(paths)
        .filter(year__in=list(years))
        .values("year", "award_code")
        .annotate(n=Count("id"))
        .order_by()
    )
    for r in rows:
        _name, kind, _level = _catalogue(r["award_code"])
        out[r["year"]][kind or AwardKind.FORM.value] += int(r["n"])
    return out


def latest_award_year(paths: Sequence[str], *, up_to: int) -> int | None:
    """Return the latest evaluation year up to `up_to` that has valid awards in the subtrees."""
    return valid_awards(paths).filter(year__lte=up_to).aggregate(y=Max("year"))["y"]


def priority_shares(paths: Sequence[str], year: int) -> list[ShareLine]:
    """Return the priority shares among the individual awards of `year` in the subtrees (one query)."""
    people = (
        valid_awards(paths)
        .filter(year=year, subject_kind=SubjectKind.INDIVIDUAL)
        .aggregate(
            total=Count("id"),
            women=Count("id", filter=Q(person__sex=Sex.FEMALE)),
            ethnic_minorities=Count("id", filter=Q(person__ethnicity__is_minority=True)),
            direct_workers=Count("id", filter=Q(person__is_direct_worker=True)),
        )
    )
    thresholds = priority_thresholds()
    return [ShareLine(g, int(people[g]), int(people["total"]), thresholds.get(g)) for g in SHARE_GROUPS]


# -- targets against plan by unit ----------------------------------------------------------------------


@dataclass(frozen=True)
class TargetLine:
    """One unit's target against its plan, computed by the targets calculation."""

    row: TargetRow

    @property
    def unit(self) -> Unit:
        return self.row.target.unit

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator


def targets_against_plan(
    units: QuerySet[Unit] | Iterable[Unit], *, year: int, indicator: Indicator | None = None
) -> list[TargetLine]:
    """Return each unit's targets for `year` with completion and change against the previous year.

    Two queries (targets with their units and indicators, then their actuals), whatever the number of
    units. The figures are those of the targets app: the year's actual, else the latest period's.
    """
    qs = targets_of(units, year=year)
    if indicator is not None:
        qs = qs.filter(indicator=indicator)
    return [TargetLine(_target_row(t)) for t in qs]


def _target_row(target: Target) -> TargetRow:
    actuals = list(target.actuals.all())
    final = year_actual(actuals)
    shown = final or latest_actual(actuals)
    words = None
    if final is not None:
        words = clause(target.indicator.wording, figures_for(target, final), year=target.year)
    return TargetRow(target=target, actual=shown, assessment=assess(figures_for(target, shown)), clause=words)


def target_years(units: QuerySet[Unit]) -> list[int]:
    """Return the years with targets for `units`, newest first."""
    return sorted(
        set(Target.objects.filter(unit__in=units).values_list("year", flat=True).distinct()), reverse=True
    )


# -- a movement's progress -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ClusterResult:
    """The published ranking of one cluster for the movement's year."""

    cluster: Cluster
    year: int
    rows: list[ClusterRanking]


@dataclass(frozen=True)
class MovementProgress:
    """How far a movement has come: registrations, reviews, the launcher's targets, cluster rankings."""

    movement: Movement
    registrations: RegistrationProgress
    reviews: list[Review]
    targets: list[TargetRow]
    targets_year: int
    rankings: list[ClusterResult]

    @property
    def units_registered(self) -> int:
        """Return the units that sent their registration (accepted or waiting)."""
        return self.registrations.sent + self.registrations.accepted

    @property
    def reviews_done(self) -> int:
        """Return the reviews whose report was issued."""
        return sum(1 for r in self.reviews if r.report_document_id is not None)

    @property
    def final_review_done(self) -> bool:
        return any(r.kind == ReviewKind.FINAL and r.report_document_id is not None for r in self.reviews)

    @property
    def sentences(self) -> list[str]:
        return [as_sentence(r.clause) for r in self.targets if r.clause]


def movement_progress(movement: Movement) -> MovementProgress:
    """Collect a movement's progress; cluster rankings appear only once published.

    The targets are the launcher's for the movement's year or, before any is planned, for the year
    before (the figures the movement was launched on).
    """
    reviews = list(movement.reviews.order_by("held_on", "pk"))
    targets_year = movement.year
    targets = [_target_row(t) for t in targets_of([movement.launcher], year=targets_year)]
    if not targets:
        targets_year = movement.year - 1
        targets = [_target_row(t) for t in targets_of([movement.launcher], year=targets_year)]
    rankings: list[ClusterResult] = []
    clusters = Cluster.objects.filter(owner__path__startswith=movement.launcher.path, is_active=True)
    for cluster in clusters.order_by("name"):
        scorecard = latest_published_scorecard(cluster=cluster, year=movement.year)
        if scorecard is None:
            continue
        rows = list(scorecard.rankings.select_related("unit").order_by("rank", "unit__sort_key"))
        rankings.append(ClusterResult(cluster, scorecard.year, rows))
    return MovementProgress(
        movement=movement,
        registrations=registration_progress(movement),
        reviews=reviews,
        targets=targets,
        targets_year=targets_year,
        rankings=rankings,
    )


def published_rankings(paths: Sequence[str], *, year: int | None = None) -> list[ClusterResult]:
    """Return the latest published ranking of each active cluster owned in the subtrees (newest year)."""
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(cluster__owner__path__startswith=p)
    qs = Scorecard.objects.filter(q, status=ScorecardStatus.PUBLISHED, cluster__is_active=True)
    if year is not None:
        qs = qs.filter(year=year)
    latest = qs.select_related("cluster").order_by("-year", "-version", "cluster__name").first()
    if latest is None:
        return []
    rows = list(latest.rankings.select_related("unit").order_by("rank", "unit__sort_key"))
    return [ClusterResult(latest.cluster, latest.year, rows)]

"""Reads of the scoring app. Callers pass objects they fetched through the access gates."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from thidua.organization.models import Unit
from thidua.scoring import calculation
from thidua.scoring.models import (
    Cluster,
    ClusterMembership,
    ClusterRanking,
    Covenant,
    Criterion,
    CriterionGroup,
    Evidence,
    Scorecard,
    ScorecardStatus,
    ScoreEntry,
    ScoreSubmission,
)


def cluster_list(scope: QuerySet[Cluster], *, active_only: bool = False) -> QuerySet[Cluster]:
    """Return the clusters of `scope` with their member counts, by name."""
    qs = scope.annotate(unit_count=Count("memberships__unit", distinct=True))
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.order_by("name")


def cluster_years(cluster: Cluster) -> list[int]:
    """Return the years the cluster has members or scorecards, newest first."""
    years = set(cluster.memberships.values_list("year", flat=True))
    years |= set(cluster.scorecards.values_list("year", flat=True))
    return sorted(years, reverse=True)


def cluster_members(cluster: Cluster, year: int) -> list[ClusterMembership]:
    """Return the year's members: head, deputy, then members in Vietnamese order."""
    order = {"HEAD": 0, "DEPUTY": 1, "MEMBER": 2}
    rows = list(cluster.memberships.filter(year=year).select_related("unit"))
    return sorted(rows, key=lambda m: (order.get(m.role, 3), m.unit.sort_key))


def cluster_covenant(cluster: Cluster, year: int) -> Covenant | None:
    """Return the covenant signed for `year`, if any."""
    return cluster.covenants.filter(year=year).first()


def cluster_scorecards(cluster: Cluster) -> QuerySet[Scorecard]:
    """Return the cluster's scorecards, newest year and version first."""
    return cluster.scorecards.order_by("-year", "-version")


def scorecard_groups(scorecard: Scorecard) -> list[CriterionGroup]:
    """Return the groups with their criteria loaded (`group.criteria.all()` needs no query)."""
    criteria = Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk"))
    return list(scorecard.groups.prefetch_related(criteria).order_by("number"))


@dataclass
class SheetRow:
    """One criterion on a unit's sheet, with its entry (if any) and evidence."""

    criterion: Criterion
    entry: ScoreEntry | None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def head_changed(self) -> bool:
        """Tell whether the head's score differs from the self score."""
        e = self.entry
        return e is not None and e.head_score is not None and e.head_score != (e.self_score or 0)

    @property
    def verified_changed(self) -> bool:
        """Tell whether the verified score differs from the score it checked."""
        e = self.entry
        if e is None or e.verified_score is None:
            return False
        checked = e.head_score if e.head_score is not None else e.self_score
        return e.verified_score != (checked or 0)


def unit_sheet(scorecard: Scorecard, unit: Unit) -> list[tuple[CriterionGroup, list[SheetRow]]]:
    """Return the unit's scoring sheet: every criterion by group, with entry and evidence."""
    entries = {
        e.criterion_id: e
        for e in ScoreEntry.objects.filter(scorecard=scorecard, unit=unit).prefetch_related("evidence")
    }
    out = []
    for group in scorecard_groups(scorecard):
        rows = []
        for criterion in group.criteria.all():
            entry = entries.get(criterion.pk)
            rows.append(SheetRow(criterion, entry, list(entry.evidence.all()) if entry else []))
        out.append((group, rows))
    return out


@dataclass
class MemberProgress:
    """How far a member unit has got with its self-assessment."""

    membership: ClusterMembership
    scored: int
    required: int
    submission: ScoreSubmission | None


def scorecard_progress(scorecard: Scorecard) -> list[MemberProgress]:
    """Return each member's progress: base manual criteria scored out of those required, and submission."""
    required_q = Q(criterion__kind="BASE", criterion__source="MANUAL", self_score__isnull=False)
    scored = dict(
        ScoreEntry.objects.filter(scorecard=scorecard)
        .filter(required_q)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    required = Criterion.objects.filter(group__scorecard=scorecard, kind="BASE", source="MANUAL").count()
    submissions = {s.unit_id: s for s in scorecard.submissions.all()}
    return [
        MemberProgress(m, scored.get(m.unit_id, 0), required, submissions.get(m.unit_id))
        for m in cluster_members(scorecard.cluster, scorecard.year)
    ]


def unit_totals(scorecard: Scorecard, unit: Unit) -> dict[str, Decimal]:
    """Return the unit's self total and its current (most-verified) total, for the sheet's footer."""
    entries = list(ScoreEntry.objects.filter(scorecard=scorecard, unit=unit).select_related("criterion"))
    own = [calculation.EntryScores(e.criterion.kind, e.criterion.max_points, e.self_score) for e in entries]
    return {
        "self": calculation.unit_total(unit.pk, own, bonus_cap=scorecard.bonus_cap).total,
        "current": calculation.unit_total(
            unit.pk, [e.scores() for e in entries], bonus_cap=scorecard.bonus_cap
        ).total,
    }


def ranking_rows(scorecard: Scorecard) -> list[ClusterRanking]:
    """Return the computed ranking, best first, with units loaded."""
    return list(scorecard.rankings.select_related("unit").order_by("rank", "unit__sort_key"))


def latest_published_scorecard(*, cluster: Cluster, year: int) -> Scorecard | None:
    """Return the newest published version of the cluster's scorecard for `year`."""
    return (
        Scorecard.objects.filter(cluster=cluster, year=year, status=ScorecardStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )


def top_ranked_units(*, cluster: Cluster, year: int, n: int) -> list[tuple[Unit, Decimal, int]]:
    """Return up to `n` leading units of the published results as (unit, total, rank).

    Units sharing the n-th place are all included, so the list may be longer than `n`.
    Nothing is returned before publication.
    """
    scorecard = latest_published_scorecard(cluster=cluster, year=year)
    if scorecard is None or n <= 0:
        return []
    rows = ranking_rows(scorecard)
    if len(rows) <= n:
        return [(r.unit, r.total, r.rank) for r in rows]
    cut = rows[n - 1].rank
    return [(r.unit, r.total, r.rank) for r in rows if r.rank <= cut]


@dataclass(frozen=True)
class SuggestedNominee:
    """A unit the results suggest for an award; the commendation pipeline decides."""

    unit: Unit
    award_code: str
    rank: int
    total: Decimal
    acclaimed: bool
    tied: bool  # shares its rank across the boundary between two awards: the meeting must choose


def suggested_nominees(scorecard: Scorecard) -> list[SuggestedNominee]:
    """Propose award codes down the ranking from the scorecard's award plan (e.g. CO_TINH 1, BK_TINH 2).

    The acclaimed unit comes first for the first award. Places go in rank order; units sharing a rank
    that straddles a boundary all get the higher award and are marked `tied`.
    """
    rows = sorted(ranking_rows(scorecard), key=lambda r: (not r.acclaimed, r.rank, r.unit.sort_key))
    out: list[SuggestedNominee] = []
    position = 0
    for code, places in scorecard.award_plan:
        end = position + int(places)
        while position < min(end, len(rows)):
            row = rows[position]
            out.append(SuggestedNominee(row.unit, code, row.rank, row.total, row.acclaimed, row.tied))
            position += 1
        # Anyone sharing the last given rank comes along, so equal results are never split.
        while (
            position < len(rows)
            and out
            and rows[position].rank == out[-1].rank
            and not rows[position].acclaimed
        ):
            row = rows[position]
            out.append(SuggestedNominee(row.unit, code, row.rank, row.total, row.acclaimed, True))
            position += 1
    return out

"""Writes about results: compute the ranking from the most-verified scores, publish it and lock everything."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.errors import ValidationFailed
from thidua.organization.models import Unit
from thidua.scoring import calculation, workflow
from thidua.scoring.models import (
    ClusterMembership,
    ClusterRanking,
    Criterion,
    Scorecard,
    ScoreEntry,
    ScoreSubmission,
)
from thidua.scoring.permissions import is_cluster_manager
from thidua.scoring.services._common import authorise, lock_scorecard
from thidua.scoring.services.scorecards import transition


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _ranked(scorecard: Scorecard) -> list[calculation.Ranked]:
    members = dict(
        ClusterMembership.objects.filter(cluster=scorecard.cluster, year=scorecard.year).values_list(
            "unit_id", "unit__sort_key"
        )
    )
    criteria = dict(Criterion.objects.filter(group__scorecard=scorecard).values_list("pk", "kind").order_by())
    maxima = dict(Criterion.objects.filter(group__scorecard=scorecard).values_list("pk", "max_points"))
    by_unit: dict[int, list[calculation.EntryScores]] = {unit_id: [] for unit_id in members}
    # Scores are read as text and parsed here: Django's per-value Decimal converters cost more than the
    # whole calculation on a large cluster (see bench/bench_scoring.py).
    as_text = {
        name: Cast(name, output_field=CharField()) for name in ("self_score", "head_score", "verified_score")
    }
    rows = (
        ScoreEntry.objects.filter(scorecard=scorecard)
        .annotate(s=as_text["self_score"], h=as_text["head_score"], v=as_text["verified_score"])
        .values_list("unit_id", "criterion_id", "s", "h", "v")
        .order_by()
    )
    for unit_id, criterion_id, own, head, verified in rows.iterator(chunk_size=5000):
        entries = by_unit.get(unit_id)
        if entries is not None:  # entries of a unit no longer a member are left out
            entries.append(
                calculation.EntryScores(
                    criteria[criterion_id],
                    maxima[criterion_id],
                    _decimal(own),
                    _decimal(head),
                    _decimal(verified),
                )
            )
    results = calculation.totals(by_unit, bonus_cap=scorecard.bonus_cap)
    return calculation.rank(results, scorecard.tie_rules, display_key=lambda r: members.get(r.unit, ""))


@transaction.atomic
def ranking_compute(*, scorecard: Scorecard, actor: Any = None) -> list[ClusterRanking]:
    """Replace the scorecard's ranking with one computed from the most-verified scores of every member."""
    scorecard = lock_scorecard(scorecard)
    authorise(actor, is_cluster_manager(actor, scorecard.cluster, year=scorecard.year))
    submitted = set(ScoreSubmission.objects.filter(scorecard=scorecard).values_list("unit_id", flat=True))
    ranked = _ranked(scorecard)
    ClusterRanking.objects.filter(scorecard=scorecard).delete()
    rows = ClusterRanking.objects.bulk_create(
        ClusterRanking(
            scorecard=scorecard,
            unit_id=r.result.unit,
            base_total=r.result.base_total,
            bonus_total=r.result.bonus_total,
            penalty_total=r.result.penalty_total,
            total=r.result.total,
            at_maximum=r.result.at_maximum,
            rank=r.rank,
            tied=r.tied,
            submitted=r.result.unit in submitted,
        )
        for r in ranked
    )
    audit_record(
        actor=actor,
        action="scorecard.rank",
        obj=scorecard,
        after={"units": len(rows), "leader": rows[0].unit_id if rows else None},
    )
    return rows


@transaction.atomic
def ranking_publish(
    *, actor: Any, scorecard: Scorecard, acclaimed: Sequence[Unit] | None = None, note: str = ""
) -> Scorecard:
    """Publish the results: recompute the ranking, mark the acclaimed units, and lock the scorecard.

    Without `acclaimed`, the single leader is acclaimed; a shared first place is left to the members' meeting.
    """
    scorecard = lock_scorecard(scorecard)
    authorise(actor, is_cluster_manager(actor, scorecard.cluster, year=scorecard.year))
    if scorecard.status != workflow.State.VERIFYING:
        raise ValidationFailed(_("Results can only be published after verification."))
    rows = ranking_compute(scorecard=scorecard, actor=actor)
    if acclaimed is None:
        leaders = [r for r in rows if r.rank == 1]
        chosen = {leaders[0].unit_id} if len(leaders) == 1 else set()
    else:
        chosen = {u.pk for u in acclaimed}
        if not chosen <= {r.unit_id for r in rows}:
            raise ValidationFailed(_("Only ranked members can be acclaimed."))
    now = timezone.now()
    ClusterRanking.objects.filter(scorecard=scorecard).update(published_at=now)
    ClusterRanking.objects.filter(scorecard=scorecard, unit_id__in=chosen).update(acclaimed=True)
    transition(actor=actor, scorecard=scorecard, command=workflow.Command.PUBLISH, note=note)
    scorecard.published_at = now
    scorecard.save(update_fields=["published_at", "updated_at"])
    audit_record(
        actor=actor,
        action="scorecard.acclaim",
        obj=scorecard,
        after={"acclaimed": sorted(chosen)},
        reason=note,
    )
    return scorecard

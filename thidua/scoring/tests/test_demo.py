"""The demo hook builds a usable cluster on a small world."""

import pytest

from thidua.organization.models import UnitKind
from thidua.organization.services import unit_create
from thidua.scoring import services
from thidua.scoring.demo import load_demo_clusters
from thidua.scoring.models import ClusterMembership, Criterion, ScorecardStatus, ScoreEntry, ScoreSubmission

pytestmark = pytest.mark.django_db


def test_demo_cluster_has_members_scores_and_a_rankable_scorecard():
    pc = UnitKind.PEOPLES_COMMITTEE
    province = unit_create(actor=None, code="T", name="Ủy ban nhân dân tỉnh Mẫu", kind=pc)
    communes = [
        unit_create(actor=None, code=f"X{i}", name=f"Ủy ban nhân dân xã Mẫu {i}", kind=pc, parent=province)
        for i in range(1, 5)
    ]
    demo = load_demo_clusters(owner=province, units=communes, year=2025)
    assert demo.scorecard.status == ScorecardStatus.OPEN
    roles = dict(ClusterMembership.objects.filter(cluster=demo.cluster).values_list("unit__code", "role"))
    assert roles == {"X1": "HEAD", "X2": "DEPUTY", "X3": "MEMBER", "X4": "MEMBER"}
    criteria = Criterion.objects.filter(group__scorecard=demo.scorecard)
    assert criteria.count() == 8 and demo.scorecard.groups.count() == 3
    assert set(criteria.values_list("kind", flat=True)) == {"BASE", "BONUS", "PENALTY"}
    assert criteria.filter(source="TARGET", indicator_code="THU_NGAN_SACH").count() == 1
    assert ScoreEntry.objects.filter(scorecard=demo.scorecard, self_score__isnull=False).count() >= 4 * 7
    assert ScoreSubmission.objects.filter(scorecard=demo.scorecard).count() == 3
    assert demo.cluster.covenants.get().signed_on.year == 2025
    services.scorecard_start_verification(actor=None, scorecard=demo.scorecard)
    rows = services.ranking_compute(scorecard=demo.scorecard)
    assert sorted(r.unit.code for r in rows) == ["X1", "X2", "X3", "X4"] and rows[0].rank == 1

"""Stories about organising a cluster and building its scorecard."""

from datetime import date
from decimal import Decimal

import pytest

from thidua.core.errors import NotFound, ValidationFailed
from thidua.core.models import AuditEvent
from thidua.scoring import services
from thidua.scoring.models import ClusterMembership, Criterion, MemberRole, ScorecardEvent, ScorecardStatus
from thidua.scoring.tests.world import YEAR, build_scorecard, build_scoring_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_scoring_world()


def test_a_cluster_has_one_head_per_year_and_roles_rotate(world):
    with pytest.raises(ValidationFailed, match="already holds"):
        services.membership_set(
            actor=world.nga, cluster=world.cluster, unit=world.c, year=YEAR, role=MemberRole.HEAD
        )
    added = services.membership_copy_year(
        actor=world.nga, cluster=world.cluster, from_year=YEAR, to_year=YEAR + 1
    )
    assert added == 3
    services.membership_set(
        actor=world.nga, cluster=world.cluster, unit=world.c, year=YEAR + 1, role=MemberRole.HEAD
    )
    roles = dict(
        ClusterMembership.objects.filter(cluster=world.cluster, year=YEAR + 1).values_list(
            "unit__code", "role"
        )
    )
    assert roles == {"XA": "MEMBER", "XB": "MEMBER", "XC": "HEAD"}
    assert ClusterMembership.objects.get(cluster=world.cluster, year=YEAR, unit=world.a).role == "HEAD"


def test_a_member_officer_cannot_organise_the_cluster_they_compete_in(world):
    # An's commune sits under the district that owns the cluster, but it is a member: recusal.
    with pytest.raises(NotFound):
        services.scorecard_create(actor=world.an, cluster=world.cluster, year=YEAR, title="Tự làm bảng điểm")
    with pytest.raises(NotFound):
        services.membership_set(
            actor=world.an, cluster=world.cluster, unit=world.a, year=YEAR + 1, role=MemberRole.HEAD
        )
    with pytest.raises(NotFound):
        services.cluster_update(actor=world.dung, cluster=world.cluster, name="Đổi tên")


def test_covenant_is_recorded_with_nfc_text(world):
    decomposed = "Cam ke\u0302\u0301t thi đua"
    covenant = services.covenant_record(
        actor=world.nga, cluster=world.cluster, year=YEAR, signed_on=date(2025, 1, 15), text=decomposed
    )
    assert covenant.text == "Cam kết thi đua"
    assert AuditEvent.objects.filter(action="cluster.covenant", object_id=str(covenant.pk)).exists()


def test_the_builder_validates_criteria(world):
    _sc, crit = build_scorecard(world, open_it=False)
    group = crit["1.1"].group
    with pytest.raises(ValidationFailed, match="already used"):
        services.criterion_add(actor=world.nga, group=group, code="1.1", name="Trùng mã", max_points="5")
    with pytest.raises(ValidationFailed):
        services.criterion_add(actor=world.nga, group=group, code="1.9", name="Âm điểm", max_points="-1")
    with pytest.raises(ValidationFailed, match="indicator code"):
        services.criterion_add(
            actor=world.nga, group=group, code="1.8", name="Chỉ tiêu", max_points="5", source="TARGET"
        )
    with pytest.raises(ValidationFailed, match="parameters"):
        services.criterion_add(
            actor=world.nga,
            group=group,
            code="1.7",
            name="Theo bậc",
            max_points="5",
            source="TARGET",
            indicator_code="X",
            formula="STEP",
            formula_params={},
        )
    updated = services.criterion_update(actor=world.nga, criterion=crit["1.2"], max_points="15")
    assert updated.max_points == Decimal("15.00")


def test_criteria_are_frozen_once_the_scorecard_opens(world):
    sc, crit = build_scorecard(world)
    assert sc.status == ScorecardStatus.OPEN
    with pytest.raises(ValidationFailed, match="draft"):
        services.criterion_update(actor=world.nga, criterion=crit["1.1"], max_points="50")
    with pytest.raises(ValidationFailed, match="draft"):
        services.group_add(actor=world.nga, scorecard=sc, name="Nhóm mới")
    event = ScorecardEvent.objects.get(scorecard=sc)
    assert (event.from_status, event.to_status, event.actor) == ("DRAFT", "OPEN", world.nga)


def test_next_year_starts_from_a_copy_of_last_years_scorecard(world):
    last, _crit = build_scorecard(world)
    services.membership_copy_year(actor=world.nga, cluster=world.cluster, from_year=YEAR, to_year=YEAR + 1)
    copy = services.scorecard_copy(actor=world.nga, source=last, year=YEAR + 1)
    assert copy.status == ScorecardStatus.DRAFT and copy.based_on == last and copy.version == 1
    assert copy.bonus_cap == Decimal(5)
    codes = sorted(Criterion.objects.filter(group__scorecard=copy).values_list("code", flat=True))
    assert codes == ["1.1", "1.2", "1.3", "P1", "T1"]
    target = Criterion.objects.get(group__scorecard=copy, code="1.3")
    assert (target.source, target.indicator_code) == ("TARGET", "THU_NGAN_SACH")
    # Changing the copy leaves last year's scorecard alone.
    services.criterion_update(actor=world.nga, criterion=target, max_points="12")
    assert Criterion.objects.get(group__scorecard=last, code="1.3").max_points == Decimal(10)


def test_a_second_scorecard_in_the_same_year_is_a_new_version(world):
    first, _ = build_scorecard(world, open_it=False)
    second = services.scorecard_create(actor=world.nga, cluster=world.cluster, year=YEAR, title="Bản sửa đổi")
    assert (first.version, second.version) == (1, 2)


def test_opening_needs_a_scored_criterion(world):
    sc = services.scorecard_create(actor=world.nga, cluster=world.cluster, year=YEAR, title="Trống")
    with pytest.raises(ValidationFailed, match="at least one"):
        services.scorecard_open(actor=world.nga, scorecard=sc)


def test_settings_reject_unknown_tie_rules(world):
    with pytest.raises(ValidationFailed):
        services.scorecard_create(
            actor=world.nga, cluster=world.cluster, year=YEAR, title="X", tie_rules=["COIN_TOSS"]
        )

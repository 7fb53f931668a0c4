"""The cast of the scoring stories: a district that runs a cluster of three communes.

Officer Nga (Phòng Nội vụ) manages the cluster; commune A heads it this year (officer An), commune B is the
deputy (unit head Bình), commune C is a member (officer Cường); Dũng works in another district.
"""

from dataclasses import dataclass
from decimal import Decimal

from thidua.accounts.models import Role, User
from thidua.organization.models import Unit, UnitKind
from thidua.organization.services import unit_create
from thidua.scoring import services
from thidua.scoring.models import Cluster, ClusterKind, Criterion, MemberRole, Scorecard
from thidua.testing.cast import make_user

YEAR = 2025


@dataclass
class ScoringWorld:
    district: Unit
    home_affairs: Unit
    a: Unit
    b: Unit
    c: Unit
    other_district: Unit
    nga: User  # emulation officer of Phòng Nội vụ: manages the cluster
    an: User  # emulation officer of commune A, the head
    binh: User  # unit head of commune B, the deputy
    cuong: User  # emulation officer of commune C, a member
    dung: User  # emulation officer of another district: an outsider
    cluster: Cluster


def build_scoring_world() -> ScoringWorld:
    """Create the units, users and the cluster with its members for YEAR."""
    pc = UnitKind.PEOPLES_COMMITTEE
    district = unit_create(actor=None, code="H1", name="Ủy ban nhân dân huyện Thử", kind=pc)
    nv = unit_create(
        actor=None, code="H1-NV", name="Phòng Nội vụ", kind=UnitKind.SPECIALISED_OFFICE, parent=district
    )
    a = unit_create(actor=None, code="XA", name="Ủy ban nhân dân xã An Bình", kind=pc, parent=district)
    b = unit_create(actor=None, code="XB", name="Ủy ban nhân dân xã Bản Bo", kind=pc, parent=district)
    c = unit_create(actor=None, code="XC", name="Ủy ban nhân dân xã Chiềng", kind=pc, parent=district)
    other = unit_create(actor=None, code="H2", name="Ủy ban nhân dân huyện Khác", kind=pc)
    cluster = services.cluster_create(
        actor=None, name="Cụm thi đua số 1", kind=ClusterKind.GEOGRAPHIC, owner=district
    )
    for unit, role in ((a, MemberRole.HEAD), (b, MemberRole.DEPUTY), (c, MemberRole.MEMBER)):
        services.membership_set(actor=None, cluster=cluster, unit=unit, year=YEAR, role=role)
    return ScoringWorld(
        district=district,
        home_affairs=nv,
        a=a,
        b=b,
        c=c,
        other_district=other,
        nga=make_user("nga", nv, Role.EMULATION_OFFICER, "Officer Nga"),
        an=make_user("an", a, Role.EMULATION_OFFICER, "Officer An"),
        binh=make_user("binh", b, Role.UNIT_HEAD, "Head Bình"),
        cuong=make_user("cuong", c, Role.EMULATION_OFFICER, "Officer Cường"),
        dung=make_user("dung", other, Role.EMULATION_OFFICER, "Outsider Dũng"),
        cluster=cluster,
    )


def build_scorecard(world: ScoringWorld, *, open_it: bool = True) -> tuple[Scorecard, dict[str, Criterion]]:
    """Create a small scorecard: two base criteria, a bonus, a penalty and a target-derived one."""
    sc = services.scorecard_create(
        actor=world.nga, cluster=world.cluster, year=YEAR, title="Bảng điểm cụm số 1", bonus_cap=Decimal(5)
    )
    g1 = services.group_add(actor=world.nga, scorecard=sc, name="Phát triển kinh tế")
    g2 = services.group_add(actor=world.nga, scorecard=sc, name="Điểm thưởng, điểm trừ")
    crit = {
        "1.1": services.criterion_add(
            actor=world.nga, group=g1, code="1.1", name="Hoàn thành kế hoạch vốn", max_points="10"
        ),
        "1.2": services.criterion_add(
            actor=world.nga, group=g1, code="1.2", name="Cải cách hành chính", max_points="20"
        ),
        "1.3": services.criterion_add(
            actor=world.nga,
            group=g1,
            code="1.3",
            name="Thu ngân sách",
            max_points="10",
            source="TARGET",
            indicator_code="THU_NGAN_SACH",
            formula="LINEAR",
        ),
        "T1": services.criterion_add(
            actor=world.nga, group=g2, code="T1", name="Mô hình mới", max_points="5", kind="BONUS"
        ),
        "P1": services.criterion_add(
            actor=world.nga, group=g2, code="P1", name="Vi phạm kỷ luật", max_points="10", kind="PENALTY"
        ),
    }
    if open_it:
        sc = services.scorecard_open(actor=world.nga, scorecard=sc)
    return sc, crit

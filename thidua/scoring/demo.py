"""Demo data for the scoring screens: one geographic cluster of communes with a small scorecard.

`thidua.demo` calls `load_demo_clusters` after it has built the units; everything goes through the services,
so the audit log records it like any other write.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from thidua.organization.models import Unit
from thidua.scoring import services
from thidua.scoring.models import Cluster, ClusterKind, MemberRole, Scorecard

# (group, [(code, wording, max points, kind, source)])
DEMO_CRITERIA: list[tuple[str, list[tuple[str, str, str, str, str]]]] = [
    (
        "Thực hiện nhiệm vụ phát triển kinh tế – xã hội",
        [
            ("1.1", "Thu ngân sách nhà nước trên địa bàn đạt và vượt dự toán", "15", "BASE", "TARGET"),
            ("1.2", "Xây dựng nông thôn mới, giảm nghèo bền vững", "20", "BASE", "MANUAL"),
            ("1.3", "Cải cách hành chính, chuyển đổi số", "15", "BASE", "MANUAL"),
        ],
    ),
    (
        "Văn hóa – xã hội, quốc phòng – an ninh",
        [
            ("2.1", "Giáo dục, y tế, văn hóa cơ sở", "20", "BASE", "MANUAL"),
            ("2.2", "Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội", "15", "BASE", "MANUAL"),
            ("2.3", "Công tác thi đua, khen thưởng", "15", "BASE", "MANUAL"),
        ],
    ),
    (
        "Điểm thưởng, điểm trừ",
        [
            ("3.1", "Mô hình mới, cách làm hay được cấp trên ghi nhận", "5", "BONUS", "MANUAL"),
            ("3.2", "Chậm gửi báo cáo, vi phạm kỷ luật, kỷ cương", "10", "PENALTY", "MANUAL"),
        ],
    ),
]


@dataclass(frozen=True)
class DemoClusters:
    """What the demo created."""

    cluster: Cluster
    scorecard: Scorecard


@transaction.atomic
def load_demo_clusters(*, owner: Unit, units: Sequence[Unit], year: int, seed: int = 2025) -> DemoClusters:
    """Create a geographic cluster of `units` organised by `owner`, with an open scorecard and self-scores.

    The first unit heads the cluster and the second is its deputy. Every unit scores itself; all but the
    last submit, so the demo shows both a finished and an unfinished self-assessment.
    """
    if len(units) < 2:
        raise ValueError("a demo cluster needs at least two units")
    rng = random.Random(seed)
    cluster = services.cluster_create(
        actor=None,
        name="Cụm thi đua các xã",
        kind=ClusterKind.GEOGRAPHIC,
        owner=owner,
        description="Cụm thi đua theo địa bàn, thành lập theo kế hoạch thi đua của Ủy ban nhân dân.",
    )
    for i, unit in enumerate(units):
        role = MemberRole.HEAD if i == 0 else MemberRole.DEPUTY if i == 1 else MemberRole.MEMBER
        services.membership_set(actor=None, cluster=cluster, unit=unit, year=year, role=role)
    services.covenant_record(
        actor=None,
        cluster=cluster,
        year=year,
        signed_on=date(year, 1, 15),
        text="Các đơn vị thành viên cam kết thực hiện thắng lợi nhiệm vụ phát triển kinh tế – xã hội năm "
        f"{year}; thi đua hoàn thành vượt mức các chỉ tiêu được giao.",
    )
    scorecard = services.scorecard_create(
        actor=None,
        cluster=cluster,
        year=year,
        title=f"Bảng điểm thi đua cụm xã năm {year}",
        bonus_cap=Decimal(5),
    )
    criteria = []
    for group_name, rows in DEMO_CRITERIA:
        group = services.group_add(actor=None, scorecard=scorecard, name=group_name)
        for code, name, max_points, kind, source in rows:
            extra = {
                "indicator_code": "THU_NGAN_SACH",
                "formula": "THRESHOLD",
                "formula_params": {"floor": "0.5"},
            }
            criteria.append(
                services.criterion_add(
                    actor=None,
                    group=group,
                    code=code,
                    name=name,
                    max_points=max_points,
                    kind=kind,
                    source=source,
                    **(extra if source == "TARGET" else {}),
                )
            )
    scorecard = services.scorecard_open(actor=None, scorecard=scorecard, note="Mở chấm điểm (dữ liệu mẫu).")
    for i, unit in enumerate(units):
        for criterion in criteria:
            if criterion.source == "TARGET":
                continue
            if criterion.kind == "BASE":
                share = Decimal(rng.randint(60, 100)) / 100
                score = (criterion.max_points * share).quantize(Decimal("0.5"))
            else:
                score = Decimal(rng.choice([0, 0, 1, 2]))
            services.score_self_assess(
                actor=None, scorecard=scorecard, unit=unit, criterion=criterion, score=score, note=""
            )
        if i < len(units) - 1:
            services.score_submit(actor=None, scorecard=scorecard, unit=unit)
    scorecard.refresh_from_db()
    return DemoClusters(cluster=cluster, scorecard=scorecard)

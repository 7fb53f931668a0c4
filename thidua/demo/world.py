"""Build the demo world: the setting of dispatch 2377/UBND-NV (Tân Uyên, Lai Châu, 2020) and the same area
after the July 2025 reform. Everything is written through the services, so the audit log records it."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from thidua.accounts.models import Role, User
from thidua.accounts.services import membership_grant, user_create
from thidua.awards.demo import load_demo_history
from thidua.council.demo import load_demo_council
from thidua.demo.movement_2021 import COMMUNES, build_movement
from thidua.demo.names import DIRECT_POSITIONS, GROUPS, POSITIONS
from thidua.exemplars.demo import load_demo_exemplars
from thidua.organization.models import AdminUnit, Ethnicity, LineageKind, Person, Sex, Unit, UnitKind
from thidua.organization.services import (
    household_create,
    person_create,
    unit_create,
    unit_link_lineage,
    unit_update,
)
from thidua.public.demo import load_demo_procedures
from thidua.scoring.demo import load_demo_clusters
from thidua.targets.demo import load_demo_targets
from thidua.targets.selectors import opening_assessment_paragraph

DEMO_PASSWORD = "thidua-demo-2026"  # noqa: S105 - printed for the demo logins; never used in production
DISTRICT_FROM = date(2004, 1, 1)  # huyện Tân Uyên was formed in 2008; the demo only needs 2020 onwards
DISTRICT_TO = date(2025, 6, 30)
REFORM = date(2025, 7, 1)

# Former communes of huyện Tân Uyên: (code, name, unit code prefix, new commune code)
OLD_COMMUNES = [
    ("03598", "thị trấn Tân Uyên", "TT-TU", "03598"),
    ("03601", "xã Mường Khoa", "X-MK", "03601"),
    ("03602", "xã Phúc Khoa", "X-PK", "03601"),
    ("03604", "xã Thân Thuộc", "X-TT", "03598"),
    ("03605", "xã Trung Đồng", "X-TD", "03598"),
    ("03607", "xã Hố Mít", "X-HM", "03616"),
    ("03610", "xã Nậm Cần", "X-NC", "03598"),
    ("03613", "xã Nậm Sỏ", "X-NS", "03613"),
    ("03616", "xã Pắc Ta", "X-PT", "03616"),
    ("03622", "xã Tà Mít", "X-TM", "03613"),
]
NEW_COMMUNES = [
    ("03598", "xã Tân Uyên", "XTU"),
    ("03601", "xã Mường Khoa", "XMK"),
    ("03613", "xã Nậm Sỏ", "XNS"),
    ("03616", "xã Pắc Ta", "XPT"),
]


@dataclass(frozen=True)
class DemoLogin:
    """A demo account and what it is for."""

    username: str
    full_name: str
    role: str
    unit_code: str


DEMO_LOGINS = [
    DemoLogin("quantri", "Quản trị hệ thống", Role.ADMINISTRATOR, "LC"),
    DemoLogin("thamdinh", "Lê Thị Hằng", Role.REVIEWER, "LC-SNV"),
    DemoLogin("canbo", "Nguyễn Thị Thu Trang", Role.EMULATION_OFFICER, "TU-UBND"),
    DemoLogin("chutich", "Bùi Huy Phương", Role.SIGNATORY, "TU-UBND"),
    DemoLogin("thuky", "Đỗ Văn Long", Role.COUNCIL_SECRETARY, "TU-UBND"),
    DemoLogin("uyvien", "Lò Văn Thanh", Role.COUNCIL_MEMBER, "TU-UBND"),
    DemoLogin("hieutruong", "Tòng Thị Ngọc", Role.UNIT_HEAD, "TT-TU-THCS"),
    DemoLogin("canbo.muongkhoa", "Lường Văn Chung", Role.EMULATION_OFFICER, "X-MK-UBND"),
    DemoLogin("canbo.xatanuyen", "Vàng Thị Mai", Role.EMULATION_OFFICER, "XTU-UBND"),
    DemoLogin("chutich.xa", "Lò Văn Hùng", Role.SIGNATORY, "XTU-UBND"),
    DemoLogin("uyvien.xa1", "Nguyễn Thị Lan", Role.COUNCIL_MEMBER, "XTU-UBND"),
    DemoLogin("uyvien.xa2", "Tòng Văn Sơn", Role.COUNCIL_MEMBER, "XTU-UBND"),
    DemoLogin("thuky.xa", "Lường Thị Hương", Role.COUNCIL_SECRETARY, "XTU-UBND"),
]
# The commune council of xã Tân Uyên from 1 July 2025: chair, vice-chair, members; the secretary sits too.
COUNCIL_XTU = ["chutich.xa", "canbo.xatanuyen", "uyvien.xa1", "uyvien.xa2"]
# Schools, health stations and villages carried on under the commune that succeeded theirs.
CARRIED_OVER = ("THCS", "TH", "TYT", "B1", "B2")


def _admin(code: str, *, current: bool) -> AdminUnit | None:
    qs = AdminUnit.objects.filter(code=code)
    qs = qs.filter(valid_from__isnull=False) if current else qs.filter(valid_from__isnull=True)
    return qs.first()


class _Builder:
    def __init__(self, actor: Any, rng: random.Random, progress: Callable[[str], None]) -> None:
        self.actor = actor
        self.rng = rng
        self.progress = progress
        self.units: dict[str, Unit] = {}
        self.ethnicities = {e.name: e for e in Ethnicity.objects.all()}
        self.used_ids: set[str] = set()

    def unit(self, code: str, name: str, kind: str, parent: str | None, **fields: Any) -> Unit:
        unit = unit_create(
            actor=self.actor,
            code=code,
            name=name,
            kind=kind,
            parent=self.units[parent] if parent else None,
            reason="demo",
            **fields,
        )
        self.units[code] = unit
        return unit

    def person(
        self,
        unit_code: str,
        *,
        name: tuple[str, str, str] | None = None,
        sex: str | None = None,
        ethnicity: str | None = None,
        position: str = "",
        born: date | None = None,
    ) -> Person:
        rng = self.rng
        group = None
        if name is None:
            weights = [g[1] for g in GROUPS]
            group = rng.choices(GROUPS, weights=weights)[0]
            sex = sex or rng.choice([Sex.MALE, Sex.FEMALE])
            family = rng.choice(group[2])
            middle = rng.choice(group[3] if sex == Sex.MALE else group[4])
            given = rng.choice(group[5] if sex == Sex.MALE else group[6])
            name = (family, middle, given)
            ethnicity = ethnicity or group[0]
        position = position or rng.choice(POSITIONS)
        born = born or date(rng.randint(1962, 2000), rng.randint(1, 12), rng.randint(1, 28))
        id_number = None
        while id_number is None or id_number in self.used_ids:
            # 012 is the province code of Lai Châu in the citizen ID number scheme.
            id_number = (
                f"012{'0' if sex == Sex.MALE else '1'}{born.year % 100:02d}{rng.randint(0, 999999):06d}"
            )
        self.used_ids.add(id_number)
        return person_create(
            actor=self.actor,
            unit=self.units[unit_code],
            family_name=name[0],
            middle_name=name[1],
            given_name=name[2],
            sex=sex or Sex.MALE,
            date_of_birth=born,
            ethnicity=self.ethnicities.get(ethnicity or "Kinh"),
            id_number=id_number,
            position=position,
            is_direct_worker=position in DIRECT_POSITIONS,
            joined_on=date(2015, 1, 1),
            reason="demo",
        )


@transaction.atomic
def build_demo_world(
    *, seed: int = 2377, people_per_unit: int = 6, progress: Callable[[str], None] = print
) -> dict[str, Any]:
    """Create the demo units, people, households and logins. Expects administrative units to be imported."""
    if Unit.objects.exists():
        raise RuntimeError(
            "The database already has units; the demo world loads into an empty registry only."
        )
    rng = random.Random(seed)
    b = _Builder(None, rng, progress)
    lai_chau = _admin("12", current=True)
    progress("Đơn vị cấp tỉnh")
    b.unit("LC", "Tỉnh Lai Châu", UnitKind.OTHER, None, admin_unit=lai_chau, place_name="Lai Châu")
    b.unit(
        "LC-UBND",
        "Ủy ban nhân dân tỉnh Lai Châu",
        UnitKind.PEOPLES_COMMITTEE,
        "LC",
        abbreviation="UBND",
        admin_unit=lai_chau,
        place_name="Lai Châu",
    )
    b.unit(
        "LC-SNV",
        "Sở Nội vụ tỉnh Lai Châu",
        UnitKind.SPECIALISED_OFFICE,
        "LC-UBND",
        abbreviation="SNV",
        is_standing_body=True,
        place_name="Lai Châu",
    )
    b.unit(
        "LC-BTDKT",
        "Ban Thi đua - Khen thưởng tỉnh Lai Châu",
        UnitKind.SPECIALISED_OFFICE,
        "LC-SNV",
        abbreviation="BTĐKT",
        valid_to=date(2025, 2, 28),
        place_name="Lai Châu",
    )

    progress("Huyện Tân Uyên (2020)")
    district = _admin("111", current=False)
    common = {"valid_from": DISTRICT_FROM, "valid_to": DISTRICT_TO, "place_name": "Tân Uyên"}
    b.unit(
        "TU-HU",
        "Huyện ủy Tân Uyên",
        UnitKind.PARTY_COMMITTEE,
        "LC",
        abbreviation="HU",
        admin_unit=district,
        **common,
    )
    b.unit(
        "TU-HDND",
        "Hội đồng nhân dân huyện Tân Uyên",
        UnitKind.PEOPLES_COUNCIL,
        "LC",
        abbreviation="HĐND",
        admin_unit=district,
        **common,
    )
    b.unit(
        "TU-UBND",
        "Ủy ban nhân dân huyện Tân Uyên",
        UnitKind.PEOPLES_COMMITTEE,
        "LC",
        abbreviation="UBND",
        admin_unit=district,
        **common,
    )
    offices = [
        ("TU-NV", "Phòng Nội vụ huyện Tân Uyên", "NV", UnitKind.SPECIALISED_OFFICE),
        ("TU-VP", "Văn phòng HĐND và UBND huyện Tân Uyên", "VP", UnitKind.SPECIALISED_OFFICE),
        ("TU-TCKH", "Phòng Tài chính - Kế hoạch huyện Tân Uyên", "TCKH", UnitKind.SPECIALISED_OFFICE),
        ("TU-GDDT", "Phòng Giáo dục và Đào tạo huyện Tân Uyên", "GDĐT", UnitKind.SPECIALISED_OFFICE),
        ("TU-VHTT", "Phòng Văn hóa và Thông tin huyện Tân Uyên", "VHTT", UnitKind.SPECIALISED_OFFICE),
        (
            "TU-NN",
            "Phòng Nông nghiệp và Phát triển nông thôn huyện Tân Uyên",
            "NN",
            UnitKind.SPECIALISED_OFFICE,
        ),
        ("TU-TTYT", "Trung tâm Y tế huyện Tân Uyên", "TTYT", UnitKind.HEALTH_STATION),
        ("TU-CTTDT", "Cổng Thông tin điện tử huyện Tân Uyên", "CTTĐT", UnitKind.AGENCY),
        ("TU-MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Tân Uyên", "MTTQ", UnitKind.MASS_ORGANISATION),
        ("TU-HTX-CHE", "Hợp tác xã Chè Thân Thuộc", "HTX", UnitKind.COOPERATIVE),
        ("TU-DN-CHE", "Công ty Cổ phần Chè Tân Uyên", "CT", UnitKind.ENTERPRISE),
        ("TU-HTX-NN", "Hợp tác xã Nông nghiệp Mường Khoa", "HTX", UnitKind.COOPERATIVE),
    ]
    for code, name, abbr, kind in offices:
        b.unit(code, name, kind, "TU-UBND", abbreviation=abbr, **common)

    for admin_code, name, prefix, _new in OLD_COMMUNES:
        admin = _admin(admin_code, current=False)
        place = name.split(" ", 1)[1] if name.startswith("xã ") else "Tân Uyên"
        c = {"valid_from": DISTRICT_FROM, "valid_to": DISTRICT_TO, "place_name": place}
        b.unit(
            f"{prefix}-UBND",
            f"Ủy ban nhân dân {name}",
            UnitKind.PEOPLES_COMMITTEE,
            "TU-UBND",
            abbreviation="UBND",
            admin_unit=admin,
            **c,
        )
        level = "THCS" if prefix == "TT-TU" else "PTDTBT THCS"
        b.unit(f"{prefix}-THCS", f"Trường {level} {name}", UnitKind.SCHOOL, f"{prefix}-UBND", **c)
        b.unit(f"{prefix}-TH", f"Trường Tiểu học {name}", UnitKind.SCHOOL, f"{prefix}-UBND", **c)
        b.unit(f"{prefix}-TYT", f"Trạm Y tế {name}", UnitKind.HEALTH_STATION, f"{prefix}-UBND", **c)
        for v in (1, 2):
            village = "Tổ dân phố" if prefix == "TT-TU" else "Bản"
            b.unit(f"{prefix}-B{v}", f"{village} {v:02d}, {name}", UnitKind.VILLAGE, f"{prefix}-UBND", **c)

    progress("Các xã sau ngày 01/07/2025")
    for admin_code, name, prefix in NEW_COMMUNES:
        admin = _admin(admin_code, current=True)
        b.unit(
            f"{prefix}-UBND",
            f"Ủy ban nhân dân {name}",
            UnitKind.PEOPLES_COMMITTEE,
            "LC-UBND",
            abbreviation="UBND",
            admin_unit=admin,
            valid_from=REFORM,
            place_name=name.split(" ", 1)[1],
        )
        b.unit(
            f"{prefix}-VP",
            f"Văn phòng HĐND và UBND {name}",
            UnitKind.SPECIALISED_OFFICE,
            f"{prefix}-UBND",
            abbreviation="VP",
            valid_from=REFORM,
            place_name=name.split(" ", 1)[1],
        )
    basis = "Nghị quyết 1670/NQ-UBTVQH15 ngày 16/06/2025"
    for new_code, _name, prefix in NEW_COMMUNES:
        preds = [b.units[f"{p}-UBND"] for _c, _n, p, n in OLD_COMMUNES if n == new_code]
        unit_link_lineage(
            actor=None,
            predecessors=preds,
            successor=b.units[f"{prefix}-UBND"],
            kind=LineageKind.MERGE,
            effective_on=REFORM,
            legal_basis=basis,
        )
    unit_link_lineage(
        actor=None,
        predecessors=[b.units["TU-UBND"]],
        successor=b.units["XTU-UBND"],
        kind=LineageKind.TRANSFER,
        effective_on=REFORM,
        legal_basis="Luật 72/2025/QH15",
    )

    progress("Cá nhân")
    b.person(
        "TU-UBND",
        name=("Bùi", "Huy", "Phương"),
        sex=Sex.MALE,
        ethnicity="Kinh",
        position="Chủ tịch UBND huyện",
        born=date(1972, 5, 14),
    )
    for pos, nm, sx, eth in [
        ("Phó Chủ tịch UBND huyện", ("Lò", "Văn", "Hùng"), Sex.MALE, "Thái"),
        ("Phó Chủ tịch UBND huyện", ("Nguyễn", "Thị", "Lan"), Sex.FEMALE, "Kinh"),
    ]:
        b.person("TU-UBND", name=nm, sex=sx, ethnicity=eth, position=pos)
    b.person(
        "TU-NV",
        name=("Nguyễn", "Thị Thu", "Trang"),
        sex=Sex.FEMALE,
        ethnicity="Kinh",
        position="Chuyên viên phụ trách thi đua - khen thưởng",
    )
    people_units = [
        code
        for code, u in b.units.items()
        if u.kind not in {UnitKind.OTHER, UnitKind.VILLAGE} and code not in {"LC-BTDKT"}
    ]
    for code in people_units:
        for _ in range(people_per_unit):
            b.person(code)
    # Villagers: farmers of the bản, heads of the households below.
    villages = [code for code, u in b.units.items() if u.kind == UnitKind.VILLAGE]
    for code in villages:
        for _ in range(people_per_unit):
            head = b.person(code, position="Nông dân")
            household_create(actor=None, village=b.units[code], head=head, address=b.units[code].name)

    progress("Tài khoản demo")
    logins = []
    for login in DEMO_LOGINS:
        user = user_create(
            actor=None, username=login.username, password=DEMO_PASSWORD, full_name=login.full_name
        )
        membership_grant(actor=None, user=user, unit=b.units[login.unit_code], role=login.role)
        logins.append(login)
    progress("Chỉ tiêu kinh tế - xã hội năm 2020")
    county = b.units["TU-UBND"]
    load_demo_targets(unit=county, year=2020)
    figures = opening_assessment_paragraph(county, 2020)
    progress("Phát động thi đua năm 2021 (Công văn 2377/UBND-NV)")
    movement = build_movement(units=b.units, figures=figures)
    progress("Cụm thi đua các xã")
    load_demo_clusters(owner=county, units=[b.units[f"{c}-UBND"] for c in COMMUNES], year=2021)
    progress("Sắp xếp lại đơn vị từ 01/07/2025")
    _carry_over_units(b)
    progress("Sổ khen thưởng 2021–2025")
    load_demo_history(units=b.units, up_to_year=2025)
    progress("Hội đồng Thi đua - Khen thưởng xã Tân Uyên")
    users = {u.username: u for u in User.objects.filter(username__in=[*COUNCIL_XTU, "thuky.xa"])}
    load_demo_council(
        authority_unit=b.units["XTU-UBND"], users=[users[n] for n in COUNCIL_XTU], secretary=users["thuky.xa"]
    )
    progress("Dịch vụ công trực tuyến của xã Tân Uyên")
    load_demo_procedures(authority=b.units["XTU-UBND"], intake=b.units["XTU-VP"])
    progress("Điển hình tiên tiến, người tốt việc tốt")
    load_demo_exemplars(units=b.units)
    return {"units": len(b.units), "people": Person.objects.count(), "logins": logins, "movement": movement}


def _carry_over_units(b: _Builder) -> None:
    """Put each former commune's schools, health station and villages under the commune that succeeded it."""
    new_by_code = {code: prefix for code, _name, prefix in NEW_COMMUNES}
    for _code, _name, prefix, new_code in OLD_COMMUNES:
        successor = b.units[f"{new_by_code[new_code]}-UBND"]
        for suffix in CARRIED_OVER:
            unit = b.units[f"{prefix}-{suffix}"]
            b.units[unit.code] = unit_update(
                actor=None,
                unit=unit,
                parent=successor,
                valid_to=None,
                reason="Sắp xếp đơn vị hành chính 2025",
            )


def demo_logins_text() -> str:
    """Describe the demo logins for the console."""
    lines = [f"Demo logins (password: {DEMO_PASSWORD}):"]
    roles = dict(Role.choices)
    for login in DEMO_LOGINS:
        unit = Unit.objects.filter(code=login.unit_code).first()
        lines.append(
            f"  {login.username:<18} {roles[login.role]!s:<40} {unit.name if unit else login.unit_code}"
        )
    return "\n".join(lines)


def users_exist() -> bool:
    """Tell whether any account exists."""
    return User.objects.exists()

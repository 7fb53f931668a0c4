"""Fixtures of the targets stories: the shared cast, and a small Tân Uyên with three former communes."""

from dataclasses import dataclass
from datetime import date

import pytest

from thidua.accounts.models import Role, User
from thidua.organization.models import Unit, UnitKind
from thidua.organization.services import unit_create
from thidua.targets.models import Aggregation, Direction, Indicator, IndicatorKind
from thidua.targets.services import indicator_create
from thidua.testing.cast import build_world, make_user


@pytest.fixture
def world():
    return build_world()


@dataclass
class TanUyen:
    """UBND huyện Tân Uyên with three commune People's Committees, an office and a school."""

    district: Unit
    town: Unit
    muong_khoa: Unit
    nam_so: Unit
    pac_ta: Unit
    office: Unit
    school: Unit
    officer: User


@pytest.fixture
def tan_uyen() -> TanUyen:
    def committee(code: str, name: str, parent: Unit | None) -> Unit:
        return unit_create(
            actor=None,
            code=code,
            name=f"Ủy ban nhân dân {name}",
            kind=UnitKind.PEOPLES_COMMITTEE,
            parent=parent,
            valid_from=date(2008, 1, 1),
            valid_to=date(2025, 6, 30),
        )

    district = committee("TU-UBND", "huyện Tân Uyên", None)
    town = committee("TT-TU-UBND", "thị trấn Tân Uyên", district)
    mk = committee("X-MK-UBND", "xã Mường Khoa", district)
    ns = committee("X-NS-UBND", "xã Nậm Sỏ", district)
    pt = committee("X-PT-UBND", "xã Pắc Ta", district)
    office = unit_create(
        actor=None,
        code="TU-NV",
        name="Phòng Nội vụ huyện Tân Uyên",
        kind=UnitKind.SPECIALISED_OFFICE,
        parent=district,
    )
    school = unit_create(
        actor=None, code="TT-TU-THCS", name="Trường THCS thị trấn Tân Uyên", kind=UnitKind.SCHOOL, parent=town
    )
    officer = make_user("canbo", district, Role.EMULATION_OFFICER, "Nguyễn Thị Thu Trang")
    return TanUyen(district, town, mk, ns, pt, office, school, officer)


@pytest.fixture
def area() -> Indicator:
    return indicator_create(
        actor=None,
        code="DT",
        name="Diện tích gieo trồng",
        phrase="diện tích gieo trồng",
        value_verb="là",
        unit_of_measure="ha",
        sentence_style="value_vs_plan",
        display_order=20,
    )


@pytest.fixture
def poverty() -> Indicator:
    return indicator_create(
        actor=None,
        code="HN",
        name="Tỷ lệ hộ nghèo",
        unit_of_measure="%",
        direction=Direction.LOWER,
        kind=IndicatorKind.RATE,
        aggregation=Aggregation.WEIGHTED,
        decimals=2,
        sentence_style="rate_reduction",
        short_name="tỷ lệ nghèo",
        display_order=10,
    )


@pytest.fixture
def schools() -> Indicator:
    return indicator_create(
        actor=None,
        code="TCQG",
        name="Trường đạt chuẩn quốc gia",
        unit_of_measure="trường",
        kind=IndicatorKind.RATIO,
        sentence_style="ratio",
        display_order=30,
    )

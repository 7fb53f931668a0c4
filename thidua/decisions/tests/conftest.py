"""The cast of the decision stories: commune Một decides for its school's teachers and the school."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from thidua.accounts.models import Role, User
from thidua.decisions import services
from thidua.decisions.models import Decision
from thidua.organization.models import Person, Sex, Unit, UnitKind
from thidua.organization.services import person_create, unit_create
from thidua.testing.cast import World, build_world, make_user


@dataclass
class Commune:
    """The cast's world with a commune that decides, its office, a signatory and a few teachers."""

    world: World
    office: Unit  # Văn phòng HĐND và UBND xã: the drafting unit
    chairman: User  # signatory of the commune
    teachers: list[Person]


@pytest.fixture
def commune(settings, tmp_path) -> Commune:
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    Unit.objects.filter(pk=world.commune.pk).update(abbreviation="UBND", place_name="Một")
    world.commune.refresh_from_db()
    office = unit_create(
        actor=None,
        code="XA-VP",
        name="Văn phòng HĐND và UBND xã Một",
        kind=UnitKind.SPECIALISED_OFFICE,
        parent=world.commune,
        abbreviation="VP",
    )
    chairman = make_user("phuong", world.commune, Role.SIGNATORY, "Bùi Huy Phương")
    teachers = [world.teacher]
    for family, middle, given, sex in (
        ("Lê", "Thị", "Ánh", Sex.FEMALE),
        ("Trần", "Văn", "Bảo", Sex.MALE),
        ("Đỗ", "Thị", "Ánh", Sex.FEMALE),
    ):
        teachers.append(
            person_create(
                actor=None,
                unit=world.school,
                family_name=family,
                middle_name=middle,
                given_name=given,
                sex=sex,
                position="Giáo viên",
            )
        )
    return Commune(world=world, office=office, chairman=chairman, teachers=teachers)


def draft(commune: Commune, *, decided_on: date = date(2026, 8, 1), **fields) -> Decision:
    """Draft an empty decision of the commune, prepared by officer An."""
    data: dict[str, Any] = {
        "actor": commune.world.an,
        "authority_unit": commune.world.commune,
        "title": "Về việc khen thưởng thành tích năm học 2025 - 2026",
        "decided_on": decided_on,
        "achievement_year": 2026,
        "signer_name": "Bùi Huy Phương",
        "signer_title": "Chủ tịch",
        "drafting_unit": commune.office,
        "fund": "Quỹ thi đua, khen thưởng xã Một",
    }
    data.update(fields)
    return services.decision_create(**data)


def person_line(person: Person, award_code: str, **extra) -> dict:
    return {"subject_kind": "INDIVIDUAL", "person": person, "award_code": award_code, **extra}

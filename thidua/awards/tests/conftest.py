"""Fixtures of the award-register stories: the cast and a helper that writes through services."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from thidua.accounts.models import Role, User
from thidua.awards import services
from thidua.awards.models import Award, Scope, SubjectKind
from thidua.organization.models import Person, Sex, Unit
from thidua.organization.services import person_create
from thidua.testing.cast import World, build_world, make_user

# Who decided a year's titles: the district chairman until 30/06/2025, the commune chairman after.
DECIDED = {
    2021: (date(2022, 1, 14), "CT_UBND_HUYEN"),
    2022: (date(2023, 1, 13), "CT_UBND_HUYEN"),
    2023: (date(2024, 1, 12), "CT_UBND_HUYEN"),
    2024: (date(2025, 1, 15), "CT_UBND_HUYEN"),
    2025: (date(2026, 1, 15), "CT_UBND_XA"),
    2026: (date(2026, 12, 10), "CT_UBND_XA"),
}


@pytest.fixture
def world() -> World:
    return build_world()


@dataclass
class Register:
    """Write a person's history through the services, as an officer would."""

    actor: User
    count: int = 0

    def person(
        self, unit: Unit, given: str = "Hoa", *, joined: date = date(2015, 1, 1), sex: str = Sex.FEMALE
    ) -> Person:
        self.count += 1
        return person_create(
            actor=self.actor,
            unit=unit,
            family_name="Lò",
            middle_name="Thị",
            given_name=given,
            sex=sex,
            date_of_birth=date(1985, 3, self.count % 28 + 1),
            id_number=f"0121850{self.count:05d}",
            joined_on=joined,
        )

    def title(self, subject: Any, code: str, year: int, **kw: Any) -> Award:
        decided, office = DECIDED[year]
        self.count += 1
        if isinstance(subject, Person):
            target: dict[str, Any] = {"subject_kind": SubjectKind.INDIVIDUAL, "person": subject}
        else:
            target = {"subject_kind": SubjectKind.COLLECTIVE, "unit": subject}
        fields: dict[str, Any] = {
            "award_code": code,
            "year": year,
            "decided_on": decided,
            "authority_office": office,
            "decision_symbol": f"{self.count}/QĐ-UBND",
            "source_ref": "test",
        }
        fields.update(kw)
        return services.award_record(actor=self.actor, **target, **fields)

    def year(self, person: Person, year: int, rating: str = "HTXS", *, cstdcs: bool = True) -> None:
        services.evaluation_set(actor=self.actor, person=person, year=year, rating=rating)
        if rating in ("HTXS", "HTT"):
            self.title(person, "LDTT", year)
        if cstdcs:
            self.title(person, "CSTDCS", year)

    def initiative(self, person: Person, year: int, scope: str = Scope.CO_SO) -> None:
        services.initiative_record(
            actor=self.actor,
            person=person,
            year=year,
            title=f"Sáng kiến đổi mới phương pháp dạy học năm {year}",
            scope=scope,
            recognised_by="Hội đồng sáng kiến tỉnh Lai Châu"
            if scope == Scope.TINH
            else "Hội đồng sáng kiến cơ sở",
        )


@pytest.fixture
def reg(world: World) -> Register:
    return Register(world.an)


@pytest.fixture
def reviewer(world: World) -> User:
    return make_user("reviewer", world.district, Role.REVIEWER, "Reviewer Giang")

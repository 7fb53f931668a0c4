"""The small cast of the test stories: officer An, unit head Bình, council member Châu, outsider Dũng."""

from dataclasses import dataclass
from datetime import date

from thidua.accounts.models import Membership, Role, User
from thidua.organization.models import Person, Sex, Unit, UnitKind
from thidua.organization.services import person_create, unit_create

PASSWORD = "mat-khau-thu-nghiem"  # noqa: S105 - test-only


@dataclass
class World:
    """A commune with a school, a second commune, and users in both."""

    district: Unit
    commune: Unit
    school: Unit
    other_commune: Unit
    an: User  # emulation officer of the commune
    binh: User  # head of the school
    chau: User  # council member of the district
    dung: User  # officer of the other commune: an outsider to the first
    teacher: Person
    outsider_person: Person


def make_user(username: str, unit: Unit, role: str, full_name: str = "") -> User:
    """Create a user holding `role` in `unit`."""
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=full_name or username)
    Membership.objects.create(user=user, unit=unit, role=role)
    return user


def build_world() -> World:
    """Create the cast and their units."""
    district = unit_create(
        actor=None, code="H", name="Ủy ban nhân dân huyện Thử", kind=UnitKind.PEOPLES_COMMITTEE
    )
    commune = unit_create(
        actor=None, code="XA", name="Ủy ban nhân dân xã Một", kind=UnitKind.PEOPLES_COMMITTEE, parent=district
    )
    school = unit_create(
        actor=None, code="XA-TH", name="Trường Tiểu học xã Một", kind=UnitKind.SCHOOL, parent=commune
    )
    other = unit_create(
        actor=None, code="XB", name="Ủy ban nhân dân xã Hai", kind=UnitKind.PEOPLES_COMMITTEE, parent=district
    )
    teacher = person_create(
        actor=None,
        unit=school,
        family_name="Nguyễn",
        middle_name="Văn",
        given_name="An",
        sex=Sex.MALE,
        date_of_birth=date(1980, 5, 2),
        position="Giáo viên",
    )
    outsider_person = person_create(
        actor=None, unit=other, family_name="Trần", middle_name="Thị", given_name="Bình", sex=Sex.FEMALE
    )
    return World(
        district=district,
        commune=commune,
        school=school,
        other_commune=other,
        an=make_user("an", commune, Role.EMULATION_OFFICER, "Officer An"),
        binh=make_user("binh", school, Role.UNIT_HEAD, "Head Bình"),
        chau=make_user("chau", district, Role.COUNCIL_MEMBER, "Member Châu"),
        dung=make_user("dung", other, Role.EMULATION_OFFICER, "Outsider Dũng"),
        teacher=teacher,
        outsider_person=outsider_person,
    )

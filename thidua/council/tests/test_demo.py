"""The demo hook seats a council for an authority, once."""

import pytest

from thidua.accounts.models import Role
from thidua.council.demo import load_demo_council
from thidua.council.models import MemberRole
from thidua.testing.cast import build_world, make_user

pytestmark = pytest.mark.django_db


def test_the_demo_council_has_a_chair_members_and_a_secretary():
    world = build_world()
    users = [make_user(f"demo{i}", world.commune, Role.COUNCIL_MEMBER, f"Demo {i}") for i in range(4)]
    secretary = make_user("thuky", world.commune, Role.COUNCIL_SECRETARY, "Thư ký")
    council = load_demo_council(authority_unit=world.commune, users=users, secretary=secretary)
    assert council.name == "Hội đồng Thi đua - Khen thưởng xã Một"
    roles = {m.user.username: m.role for m in council.members.select_related("user")}
    assert roles == {
        "demo0": MemberRole.CHAIR,
        "demo1": MemberRole.VICE_CHAIR,
        "demo2": MemberRole.MEMBER,
        "demo3": MemberRole.MEMBER,
        "thuky": MemberRole.SECRETARY,
    }
    assert load_demo_council(authority_unit=world.commune, users=users, secretary=secretary) == council
    assert council.members.count() == 5

"""The council of the commune in the test world: chair Hòa, members, secretary Thu, officer An."""

from dataclasses import dataclass, field
from datetime import date

import pytest

from thidua.accounts.models import Role, User
from thidua.council import services
from thidua.council.models import Council, CouncilMember, CouncilSession, MemberRole
from thidua.testing.cast import World, build_world, make_user

HELD_ON = date(2026, 1, 20)


@dataclass
class CouncilWorld:
    """The test world with a five-member commune council and a planned session."""

    world: World
    council: Council
    session: CouncilSession
    members: list[CouncilMember] = field(default_factory=list)
    secretary: User | None = None

    @property
    def officer(self) -> User:
        return self.world.an

    def user(self, i: int) -> User:
        return self.members[i].user


def make_council(
    world: World, *, n: int = 5, overrides: dict | None = None, held_on: date = HELD_ON
) -> CouncilWorld:
    """Seat `n` members (the last one is the secretary) and plan a session."""
    council = services.council_create(
        actor=world.an,
        authority_unit=world.commune,
        name="Hội đồng Thi đua - Khen thưởng xã Một",
        voting_overrides=overrides or {},
    )
    roles = [MemberRole.CHAIR, MemberRole.VICE_CHAIR] + [MemberRole.MEMBER] * (n - 3) + [MemberRole.SECRETARY]
    members = []
    for i, role in enumerate(roles):
        user = make_user(f"tv{i}", world.commune, Role.COUNCIL_MEMBER, f"Thành viên {i}")
        members.append(
            services.member_add(
                actor=world.an, council=council, user=user, role=role, valid_from=date(2025, 7, 1)
            )
        )
    session = services.session_create(actor=world.an, council=council, held_on=held_on, place="Hội trường xã")
    return CouncilWorld(world, council, session, members, members[-1].user)


@pytest.fixture
def cw(db) -> CouncilWorld:
    return make_council(build_world())


def open_items(cw: CouncilWorld, labels: list[str], award_code: str = "") -> list:
    """Put labelled items on the agenda and open the session if needed."""
    items = [
        services.agenda_add_item(actor=cw.officer, session=cw.session, label=lb, award_code=award_code)
        for lb in labels
    ]
    cw.session.refresh_from_db()
    if cw.session.status == "PLANNED":
        services.session_open(actor=cw.officer, session=cw.session)
    return items

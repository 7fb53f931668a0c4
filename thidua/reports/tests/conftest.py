"""The demo world with a few extra register rows, so every breakdown of the year report has something."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.management import call_command

from thidua.accounts.models import User
from thidua.awards.models import Award, SubjectKind
from thidua.awards.services import award_record, award_revoke
from thidua.demo.world import DEMO_PASSWORD, build_demo_world
from thidua.organization.models import Household, Unit

YEAR = 2025


@dataclass
class World:
    """The demo world plus what the tests added."""

    revoked: Award
    household_award: Award
    giay_khen: Award


def login(client, username: str) -> User:
    """Log a demo user in through the login form's backend."""
    assert client.login(username=username, password=DEMO_PASSWORD)
    return User.objects.get(username=username)


@pytest.fixture
def world(db) -> World:
    call_command("import_admin_units", verbosity=0)
    build_demo_world(people_per_unit=2, progress=lambda _s: None)
    household = Household.objects.filter(village__code="TT-TU-B1").first()
    assert household is not None
    household_award = award_record(
        actor=None,
        subject_kind=SubjectKind.HOUSEHOLD,
        household=household,
        award_code="GDVH",
        year=YEAR,
        decided_on=date(YEAR + 1, 1, 20),
        authority_office="CT_UBND_XA",
        decision_symbol="20/QĐ-UBND",
        source_ref="test",
    )
    giay_khen = award_record(
        actor=None,
        subject_kind=SubjectKind.COLLECTIVE,
        unit=Unit.objects.get(code="X-MK-THCS"),
        award_code="GIAY_KHEN",
        year=YEAR,
        decided_on=date(YEAR + 1, 1, 22),
        authority_office="CT_UBND_XA",
        decision_symbol="21/QĐ-UBND",
        source_ref="test",
        prize_vnd=4_680_000,
    )
    ldtt = Award.objects.filter(year=YEAR, award_code="LDTT", person__unit__code="TT-TU-TH")
    victim = ldtt.order_by("pk")[0]
    award_revoke(
        actor=None,
        award=victim,
        reason="a",
        decision_symbol="30/QĐ-UBND",
        decided_on=date(YEAR + 1, 3, 1),
    )
    victim.refresh_from_db()
    return World(revoked=victim, household_award=household_award, giay_khen=giay_khen)

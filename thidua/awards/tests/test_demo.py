"""The demo hook gives a small Tân Uyên a plausible history, with one teacher ready for CSTĐ tỉnh."""

from datetime import date

import pytest

from thidua.awards import selectors
from thidua.awards.demo import load_demo_history
from thidua.awards.models import Award, Evaluation
from thidua.organization.models import Sex, UnitKind
from thidua.organization.services import person_create, unit_create
from thidua.regulations import Office, Outcome, VerdictKind, can_decide

pytestmark = pytest.mark.django_db


def _units():
    district = unit_create(
        actor=None, code="TU-UBND", name="Ủy ban nhân dân huyện Tân Uyên", kind=UnitKind.PEOPLES_COMMITTEE
    )
    town = unit_create(
        actor=None,
        code="TT-TU-UBND",
        name="Ủy ban nhân dân thị trấn Tân Uyên",
        kind=UnitKind.PEOPLES_COMMITTEE,
        parent=district,
    )
    school = unit_create(
        actor=None, code="TT-TU-THCS", name="Trường THCS thị trấn Tân Uyên", kind=UnitKind.SCHOOL, parent=town
    )
    commune = unit_create(
        actor=None,
        code="X-MK-UBND",
        name="Ủy ban nhân dân xã Mường Khoa",
        kind=UnitKind.PEOPLES_COMMITTEE,
        parent=district,
    )
    for unit, names in ((school, ("Ngọc", "Hà", "Thảo", "Vân")), (commune, ("Chung", "Pồ", "Sinh"))):
        for i, given in enumerate(names):
            person_create(
                actor=None,
                unit=unit,
                family_name="Lò",
                middle_name="Văn",
                given_name=given,
                sex=Sex.MALE,
                date_of_birth=date(1980 + i, 1, 1),
                joined_on=date(2015, 1, 1),
            )
    return {u.code: u for u in (district, town, school, commune)}


def test_the_demo_history_gives_evaluations_titles_and_an_eligible_teacher():
    summary = load_demo_history(units=_units())

    assert summary["people"] == 7
    assert Evaluation.objects.count() == 7 * 5 == summary["evaluations"]
    star = summary["star"]
    assert star.unit.code == "TT-TU-THCS"
    years = sorted(Award.objects.filter(person=star, award_code="CSTDCS").values_list("year", flat=True))
    assert years[-3:] == [2023, 2024, 2025]
    verdict = selectors.eligibility_for_person(
        person=star, award_code="CSTD_TINH", year=2025, on=date(2026, 3, 2)
    )
    assert verdict.verdict is VerdictKind.ELIGIBLE
    assert any("cho thành tích năm 2025" in s for s in selectors.on_track(star, on=date(2026, 3, 2)))


def test_every_demo_decision_was_within_the_deciding_offices_power():
    load_demo_history(units=_units())
    for award in Award.objects.filter(decided_on__gte=date(2024, 1, 1)):
        verdict = can_decide(Office(award.authority_office), award.award_code, award.decided_on)
        assert verdict.verdict is not VerdictKind.NOT_ELIGIBLE, (award, verdict.codes(Outcome.NOT_MET))
    before = {a.decided_on for a in Award.objects.filter(authority_office="CT_UBND_HUYEN")}
    assert before and max(before) <= date(2025, 6, 30)
    assert set(Award.objects.filter(year=2025).values_list("authority_office", flat=True)) == {"CT_UBND_XA"}


def test_loading_the_demo_history_twice_changes_nothing():
    units = _units()
    load_demo_history(units=units)
    count = Award.objects.count()
    load_demo_history(units=units)
    assert Award.objects.count() == count

"""Reading the register: verdicts from the engine, timelines, lineage, and what a person is on track for."""

from datetime import date

import pytest

from thidua.awards import selectors, services
from thidua.awards.cases import collective_counts, province_code_for, rules_for
from thidua.awards.models import Award, FlagKind, Scope
from thidua.organization.models import AdminUnit, DivisionType, LineageKind, UnitKind
from thidua.organization.services import unit_create, unit_link_lineage
from thidua.regulations import Outcome, VerdictKind, load_rule_pack

pytestmark = pytest.mark.django_db
CSTD_TINH_NAME = "Chiến sĩ thi đua bộ, ban, ngành, tỉnh"


def test_two_cstdcs_years_put_a_teacher_on_track_for_the_provincial_title(reg, world):
    person = reg.person(world.school)
    reg.year(person, 2024)
    reg.year(person, 2025)

    sentences = selectors.on_track(person, on=date(2026, 3, 1))

    assert (
        f"2 năm liên tục CSTĐCS (2024, 2025) — đủ điều kiện xét {CSTD_TINH_NAME} nếu năm 2026 "
        "đạt CSTĐCS và có sáng kiến cấp tỉnh (Điều 22 Luật 06/2022/QH15)."
    ) in sentences


def test_a_provincial_initiative_already_recorded_is_not_asked_for_again(reg, world):
    person = reg.person(world.school)
    reg.year(person, 2024)
    reg.year(person, 2025)
    reg.initiative(person, 2025, Scope.TINH)

    sentences = selectors.on_track(person, on=date(2026, 3, 1))

    assert any(
        s.endswith(f"{CSTD_TINH_NAME} nếu năm 2026 đạt CSTĐCS (Điều 22 Luật 06/2022/QH15).")
        for s in sentences
    )


def test_three_cstdcs_years_and_a_provincial_initiative_are_eligible_now(reg, world):
    person = reg.person(world.school)
    for year in (2023, 2024, 2025):
        reg.year(person, year)
    reg.initiative(person, 2024, Scope.TINH)

    sentences = selectors.on_track(person, on=date(2026, 2, 1))

    assert (
        f"3 năm liên tục CSTĐCS (2023, 2024, 2025) — đủ điều kiện xét {CSTD_TINH_NAME} "
        "cho thành tích năm 2025 (Điều 22 Luật 06/2022/QH15)."
    ) in sentences
    verdict = selectors.eligibility_for_person(
        person=person, award_code="CSTD_TINH", year=2025, on=date(2026, 2, 1)
    )
    assert verdict.verdict is VerdictKind.ELIGIBLE


def test_two_htxs_years_with_two_initiatives_are_eligible_for_the_provincial_certificate(reg, world):
    person = reg.person(world.school)
    for year in (2024, 2025):
        services.evaluation_set(actor=world.an, person=person, year=year, rating="HTXS")
        reg.initiative(person, year)

    sentences = selectors.on_track(person, on=date(2026, 2, 1))

    assert any(
        s.startswith("2 năm liên tục HTXS (2024, 2025) — đủ điều kiện xét Bằng khen") for s in sentences
    )


def test_an_investigation_replaces_the_prospects_with_a_warning(reg, world):
    person = reg.person(world.school)
    reg.year(person, 2024)
    reg.year(person, 2025)
    services.person_flag_record(
        actor=world.an, person=person, kind=FlagKind.INVESTIGATION, valid_from=date(2026, 1, 10)
    )

    sentences = selectors.on_track(person, on=date(2026, 3, 1))

    assert len(sentences) == 1 and sentences[0].startswith("Lưu ý: Đang bị điều tra")
    verdict = selectors.eligibility_for_person(
        person=person, award_code="CSTDCS", year=2025, on=date(2026, 3, 1)
    )
    assert "BLK.INVESTIGATION" in verdict.codes(Outcome.NOT_MET)


def test_discipline_blocks_the_year_it_overlaps(reg, world):
    person = reg.person(world.school)
    services.evaluation_set(actor=world.an, person=person, year=2025, rating="HTXS")
    services.discipline_record(
        actor=world.an,
        person=person,
        form="khien_trach",
        effective_from=date(2025, 3, 1),
        effective_to=date(2025, 9, 1),
    )
    verdict = selectors.eligibility_for_person(
        person=person, award_code="LDTT", year=2025, on=date(2026, 1, 10)
    )
    assert "BLK.DISCIPLINE_PERIOD" in verdict.codes(Outcome.NOT_MET)


def test_a_newcomer_recruited_late_in_the_year_is_not_considered_for_ldtt(reg, world):
    person = reg.person(world.school, joined=date(2025, 8, 1))
    services.evaluation_set(actor=world.an, person=person, year=2025, rating="HTT")
    verdict = selectors.eligibility_for_person(
        person=person, award_code="LDTT", year=2025, on=date(2026, 1, 10)
    )
    assert "BLK.RECRUITED_LT_6M" in verdict.codes(Outcome.NOT_MET)


def test_collective_counts_come_from_members_evaluations_and_awards(reg, world):
    members = [reg.person(world.school, g) for g in ("An", "Bình", "Chi", "Dung")]
    reg.year(members[0], 2025)  # LĐTT and CSTĐCS
    reg.year(members[1], 2025, "HTT", cstdcs=False)
    reg.year(members[2], 2025, "HTT", cstdcs=False)
    services.evaluation_set(actor=world.an, person=members[3], year=2025, rating="HT")
    services.discipline_record(
        actor=world.an,
        person=members[3],
        form="canh_cao",
        effective_from=date(2025, 5, 1),
        effective_to=date(2025, 11, 1),
    )
    services.unit_evaluation_set(actor=world.an, unit=world.school, year=2025, rating="HTT")

    counts = collective_counts(world.school, "TTLDTT", 2025, rules=load_rule_pack())

    assert counts is not None
    assert (counts.members, counts.members_completed, counts.members_ldtt, counts.members_cstdcs) == (
        4,
        4,
        3,
        1,
    )
    assert counts.members_disciplined == 1
    verdict = selectors.eligibility_for_unit(
        unit=world.school, award_code="TTLDTT", year=2025, on=date(2026, 1, 15)
    )
    assert verdict.verdict is VerdictKind.NOT_ELIGIBLE
    assert "BLK.MEMBER_DISCIPLINED" in verdict.codes(Outcome.NOT_MET)
    assert "RATIO.TTLDTT.LDTT" in verdict.codes(Outcome.MET)


def test_a_merged_units_history_keeps_its_predecessors_awards(reg, world):
    successor = unit_create(
        actor=None,
        code="XM",
        name="Ủy ban nhân dân xã Mới",
        kind=UnitKind.PEOPLES_COMMITTEE,
        valid_from=date(2025, 7, 1),
    )
    old = reg.title(world.commune, "TTLDTT", 2024)
    unit_link_lineage(
        actor=None,
        predecessors=[world.commune, world.other_commune],
        successor=successor,
        kind=LineageKind.MERGE,
        effective_on=date(2025, 7, 1),
    )
    own = reg.title(successor, "TTLDTT", 2025)

    timeline = selectors.unit_timeline(successor)

    assert [y.year for y in timeline] == [2025, 2024]
    assert timeline[0].awards[0].award == own and timeline[0].awards[0].predecessor is None
    assert timeline[1].awards[0].award == old and timeline[1].awards[0].predecessor == world.commune
    assert set(selectors.awards_for(unit=successor)) == {own, old}
    assert list(selectors.awards_for(unit=successor, with_predecessors=False)) == [own]


def test_the_person_timeline_lists_years_newest_first_with_everything_recorded(reg, world):
    person = reg.person(world.school)
    reg.year(person, 2024)
    reg.initiative(person, 2024)
    services.research_record(
        actor=world.an, person=person, year=2024, title="Đề tài giáo dục", level=Scope.CO_SO
    )
    services.evaluation_set(actor=world.an, person=person, year=2025, rating="HT")

    timeline = selectors.person_timeline(person)

    assert [y.year for y in timeline] == [2025, 2024]
    assert timeline[0].rating == "HT" and not timeline[0].awards
    assert sorted(a.award.award_code for a in timeline[1].awards) == ["CSTDCS", "LDTT"]
    assert len(timeline[1].initiatives) == 1 and len(timeline[1].research) == 1


def test_the_province_pack_follows_the_unit_up_to_its_province():
    province = AdminUnit.objects.create(code="12", name="Tỉnh Lai Châu", division_type=DivisionType.TINH)
    commune = AdminUnit.objects.create(
        code="03598", name="Xã Tân Uyên", division_type=DivisionType.XA, parent=province
    )
    top = unit_create(
        actor=None, code="P", name="Ủy ban nhân dân xã Tân Uyên", kind=UnitKind.PEOPLES_COMMITTEE
    )
    top.admin_unit = commune
    top.save()
    school = unit_create(actor=None, code="P-S", name="Trường", kind=UnitKind.SCHOOL, parent=top)
    assert province_code_for(school) == "12"
    assert rules_for(school).province_code == "12"
    assert province_code_for(None) is None


def test_the_register_list_only_shows_awards_in_scope(reg, world):
    mine = reg.person(world.school)
    theirs = reg.person(world.other_commune)
    reg.year(mine, 2025, cstdcs=False)
    reg.year(theirs, 2025, cstdcs=False)
    from thidua.awards.permissions import register_units

    listed = list(selectors.award_list(register_units(world.an), year=2025))
    assert [a.person for a in listed] == [mine]
    assert Award.objects.count() == 2


def test_a_whole_list_gets_the_same_verdicts_as_one_by_one(reg, world):
    hoa, lan, mai = (reg.person(world.school, g) for g in ("Hoa", "Lan", "Mai"))
    for year in (2023, 2024, 2025):
        reg.year(hoa, year)
    reg.initiative(hoa, 2024, Scope.TINH)
    reg.year(lan, 2025, "HTT", cstdcs=False)
    services.discipline_record(actor=world.an, person=mai, form="canh_cao", effective_from=date(2025, 2, 1))
    on = date(2026, 2, 1)
    items = [(hoa, "CSTD_TINH", 2025), (lan, "CSTDCS", 2025), (mai, "LDTT", 2025), (hoa, "BK_TINH", 2025)]

    together = selectors.eligibility_for_people(items=items, on=on)

    one_by_one = [
        selectors.eligibility_for_person(person=p, award_code=c, year=y, on=on) for p, c, y in items
    ]
    assert together == one_by_one
    assert [v.verdict for v in together[:3]] == [
        VerdictKind.ELIGIBLE,
        VerdictKind.NOT_ELIGIBLE,
        VerdictKind.NOT_ELIGIBLE,
    ]

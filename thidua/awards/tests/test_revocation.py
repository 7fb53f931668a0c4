"""Revocation (Luật Điều 93): the award is struck, money and items recorded, later chains flagged."""

from datetime import date

import pytest

from thidua.awards import selectors, services
from thidua.awards.models import Award, AwardRecheck, AwardStatus, RecheckStatus, Revocation, Scope
from thidua.core.errors import ValidationFailed
from thidua.core.models import AuditEvent
from thidua.regulations import Outcome, VerdictKind

pytestmark = pytest.mark.django_db
ON = date(2026, 12, 20)


def _chain_person(reg, world):
    person = reg.person(world.school, "Hoa")
    for year in (2024, 2025, 2026):
        reg.year(person, year)
    reg.initiative(person, 2025, Scope.TINH)
    return person


def test_revoking_a_2024_cstdcs_makes_the_2026_provincial_nominee_not_eligible(reg, world):
    person = _chain_person(reg, world)
    before = selectors.eligibility_for_person(person=person, award_code="CSTD_TINH", year=2026, on=ON)
    assert before.verdict is VerdictKind.ELIGIBLE
    assert "CHAIN.OK" in before.codes(Outcome.MET)

    cstdcs_2024 = Award.objects.get(person=person, award_code="CSTDCS", year=2024)
    revocation = services.award_revoke(
        actor=world.an,
        award=cstdcs_2024,
        reason="a",
        decision_symbol="45/QĐ-UBND",
        decided_on=date(2026, 12, 1),
        money_recovered_vnd=0,
        items_recovered="Bằng chứng nhận, khung",
    )

    after = selectors.eligibility_for_person(person=person, award_code="CSTD_TINH", year=2026, on=ON)
    assert after.verdict is VerdictKind.NOT_ELIGIBLE
    broken = [r for r in after.reasons if r.code == "CHAIN.REVOKED"]
    assert len(broken) == 1
    assert "2024" in broken[0].message
    assert broken[0].outcome is Outcome.NOT_MET
    assert broken[0].citation.article == 93
    cstdcs_2024.refresh_from_db()
    assert cstdcs_2024.status == AwardStatus.REVOKED
    assert cstdcs_2024.revoked_on == date(2026, 12, 1)
    assert revocation.legal_text.startswith("Cá nhân, tập thể, hộ gia đình gian dối")
    assert AuditEvent.objects.filter(action="award.revoke", object_id=str(cstdcs_2024.pk)).exists()


def test_a_provincial_title_that_relied_on_the_revoked_year_is_flagged_for_review(reg, world):
    person = _chain_person(reg, world)
    provincial = reg.title(
        person, "CSTD_TINH", 2026, decided_on=date(2027, 3, 1), authority_office="CT_UBND_TINH"
    )
    cstdcs_2024 = Award.objects.get(person=person, award_code="CSTDCS", year=2024)

    dependents = selectors.dependents_of(cstdcs_2024)
    assert [d.award for d in dependents] == [provincial]
    assert "CHAIN.REVOKED" in [r.code for r in dependents[0].reasons]

    revocation = services.award_revoke(
        actor=world.an,
        award=cstdcs_2024,
        reason="d",
        decision_symbol="7/QĐ-UBND",
        decided_on=date(2027, 4, 1),
    )
    flag = AwardRecheck.objects.get()
    assert flag.award == provincial and flag.revocation == revocation
    assert flag.status == RecheckStatus.OPEN
    assert any("2024" in m for m in flag.reason_messages())
    provincial.refresh_from_db()
    assert provincial.status == AwardStatus.VALID  # flagged for staff, never revoked automatically
    # The timeline shows the flag next to the provincial title.
    year_2026 = next(y for y in selectors.person_timeline(person) if y.year == 2026)
    flagged = next(t for t in year_2026.awards if t.award == provincial)
    assert flagged.rechecks == [flag]

    services.award_recheck_close(actor=world.an, recheck=flag, note="Đề nghị cấp tỉnh xem xét hủy bỏ.")
    assert selectors.open_rechecks(person=person).count() == 0


def test_revoking_an_ldtt_flags_the_schools_collective_title_when_the_ratio_falls(reg, world):
    members = [reg.person(world.school, g) for g in ("An", "Bình", "Chi")]
    for m in members[:2]:
        reg.year(m, 2024, "HTT", cstdcs=False)
    services.evaluation_set(actor=world.an, person=members[2], year=2024, rating="HT")
    services.unit_evaluation_set(actor=world.an, unit=world.school, year=2024, rating="HTT")
    collective = reg.title(world.school, "TTLDTT", 2024)
    ldtt = Award.objects.get(person=members[0], award_code="LDTT")

    dependents = selectors.dependents_of(ldtt)

    assert [d.award for d in dependents] == [collective]
    assert "RATIO.TTLDTT.LDTT" in [r.code for r in dependents[0].reasons]


def test_an_award_that_nothing_built_on_has_no_dependents(reg, world):
    person = reg.person(world.school)
    reg.year(person, 2025, cstdcs=False)
    ldtt = Award.objects.get(person=person)
    assert selectors.dependents_of(ldtt) == []


def test_an_award_cannot_be_revoked_twice_or_without_a_legal_ground(reg, world):
    person = reg.person(world.school)
    reg.year(person, 2025)
    award = Award.objects.get(person=person, award_code="CSTDCS")
    with pytest.raises(ValidationFailed) as bad:
        services.award_revoke(
            actor=world.an, award=award, reason="e", decision_symbol="", decided_on=date(2025, 1, 1)
        )
    assert set(bad.value.errors) == {"reason", "decision_symbol", "decided_on"}
    services.award_revoke(
        actor=world.an, award=award, reason="b", decision_symbol="3/QĐ-UBND", decided_on=date(2026, 2, 1)
    )
    with pytest.raises(ValidationFailed):
        services.award_revoke(
            actor=world.an, award=award, reason="b", decision_symbol="4/QĐ-UBND", decided_on=date(2026, 2, 2)
        )
    assert Revocation.objects.count() == 1


def test_more_money_than_the_prize_cannot_be_recovered(reg, world):
    person = reg.person(world.school)
    services.evaluation_set(actor=world.an, person=person, year=2025, rating="HTXS")
    award = reg.title(person, "CSTDCS", 2025, prize_vnd=2_340_000)
    with pytest.raises(ValidationFailed) as bad:
        services.award_revoke(
            actor=world.an,
            award=award,
            reason="a",
            decision_symbol="9/QĐ-UBND",
            decided_on=date(2026, 3, 1),
            money_recovered_vnd=2_340_001,
        )
    assert "money_recovered_vnd" in bad.value.errors
    revocation = services.award_revoke(
        actor=world.an,
        award=award,
        reason="a",
        decision_symbol="9/QĐ-UBND",
        decided_on=date(2026, 3, 1),
        money_recovered_vnd=2_340_000,
    )
    assert revocation.money_recovered_vnd == 2_340_000

"""Prize money on a decision comes from the regulations engine on the decision date."""

from datetime import date

import pytest

from thidua.decisions import services
from thidua.decisions.prizes import PrizeInput, compute_prizes
from thidua.regulations import SubjectKind, load_rule_pack, prize_money

from .conftest import draft, person_line

pytestmark = pytest.mark.django_db


def _bk_tinh_amount(commune, on: date) -> tuple[int, int]:
    decision = draft(commune, decided_on=on)
    (line,) = services.decision_add_lines(
        actor=commune.world.an, decision=decision, lines=[person_line(commune.world.teacher, "BK_TINH")]
    )
    return line.amount_vnd, line.base_salary


def test_decision_of_1_august_2026_uses_the_2_530_000_base_salary(commune):
    amount, base = _bk_tinh_amount(commune, date(2026, 8, 1))
    assert base == 2_530_000
    assert amount == 3_800_000
    engine = prize_money("BK_TINH", SubjectKind.INDIVIDUAL, date(2026, 8, 1), rules=load_rule_pack())
    assert amount == engine.amount


def test_decision_of_1_june_2026_uses_the_2_340_000_base_salary(commune):
    amount, base = _bk_tinh_amount(commune, date(2026, 6, 1))
    assert base == 2_340_000
    assert amount == 3_510_000


def test_changing_the_decision_date_reprices_every_line(commune):
    decision = draft(commune, decided_on=date(2026, 6, 1))
    services.decision_add_lines(
        actor=commune.world.an, decision=decision, lines=[person_line(commune.world.teacher, "LDTT")]
    )
    services.decision_update(actor=commune.world.an, decision=decision, decided_on=date(2026, 8, 1))
    line = decision.lines.get()
    engine = prize_money("LDTT", SubjectKind.INDIVIDUAL, date(2026, 8, 1), rules=load_rule_pack())
    assert (line.base_salary, line.amount_vnd) == (2_530_000, engine.amount)
    assert line.prize["on"] == "2026-08-01"


def test_two_titles_for_one_year_pay_only_the_higher(commune):
    decision = draft(commune)
    teacher = commune.world.teacher
    services.decision_add_lines(
        actor=commune.world.an,
        decision=decision,
        lines=[person_line(teacher, "LDTT"), person_line(teacher, "CSTDCS")],
    )
    ldtt, cstdcs = decision.lines.order_by("order")
    assert ldtt.amount_vnd == 0 and not ldtt.paid
    assert ldtt.prize["reasons"][0]["code"] == "MULTI.SAME_PERIOD_HIGHEST"
    assert cstdcs.amount_vnd == 2_530_000


def test_pure_pricing_keeps_the_order_of_its_inputs():
    inputs = [
        PrizeInput(subject_key="a", subject_kind="COLLECTIVE", award_code="TTLDTT", year=2026),
        PrizeInput(subject_key="b", subject_kind="INDIVIDUAL", award_code="LDTT", year=2026),
    ]
    out = compute_prizes(inputs, date(2026, 8, 1), rules=load_rule_pack())
    assert [p["coefficient"] for p in out] == ["0.8", "0.3"]
    assert all(p["base_salary"] == 2_530_000 for p in out)


def test_a_higher_title_added_later_stops_the_earlier_one_being_paid(commune):
    decision = draft(commune)
    teacher = commune.world.teacher
    (ldtt,) = services.decision_add_lines(
        actor=commune.world.an, decision=decision, lines=[person_line(teacher, "LDTT")]
    )
    assert ldtt.amount_vnd == 760_000
    services.decision_add_lines(
        actor=commune.world.an, decision=decision, lines=[person_line(teacher, "CSTDCS")]
    )
    ldtt.refresh_from_db()
    assert ldtt.amount_vnd == 0 and not ldtt.paid
    assert sum(line.amount_vnd for line in decision.lines.all()) == 2_530_000

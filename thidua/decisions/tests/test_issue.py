"""Stories of issuing a decision: numbering, freezing, the award register, permissions, cancelling."""

from datetime import date

import pytest

from thidua.awards.models import Award
from thidua.core.errors import DomainError, ValidationFailed
from thidua.core.models import AuditEvent
from thidua.decisions import services
from thidua.decisions.models import DecisionEvent, DecisionStatus

from .conftest import draft, person_line

pytestmark = pytest.mark.django_db


def _with_lines(commune, **kwargs):
    decision = draft(commune, **kwargs)
    t = commune.teachers
    services.decision_add_lines(
        actor=commune.world.an,
        decision=decision,
        lines=[
            person_line(t[0], "LDTT"),
            person_line(t[1], "CSTDCS", achievement="Đạt danh hiệu Chiến sĩ thi đua cơ sở năm 2026"),
            {"subject_kind": "COLLECTIVE", "unit": commune.world.school, "award_code": "TTLDTT"},
        ],
    )
    return decision


def test_issuing_numbers_the_decision_and_writes_every_line_into_the_award_register(commune):
    decision = _with_lines(commune)
    issued = services.decision_issue(actor=commune.chairman, decision=decision, issued_on=date(2026, 8, 3))
    assert issued.status == DecisionStatus.ISSUED
    assert issued.symbol == "01/QĐ-UBND"
    assert issued.document.status == "ISSUED" and issued.document.pdf and issued.document.docx
    assert issued.appendix_pdf.read()[:4] == b"%PDF"
    awards = Award.objects.filter(source_ref=f"decisions.decision:{issued.pk}").order_by("award_code")
    assert [(a.award_code, a.decision_symbol, a.authority_office) for a in awards] == [
        ("CSTDCS", "01/QĐ-UBND", "CT_UBND_XA"),
        ("LDTT", "01/QĐ-UBND", "CT_UBND_XA"),
        ("TTLDTT", "01/QĐ-UBND", "CT_UBND_XA"),
    ]
    lines = {line.award_code: line for line in issued.lines.all()}
    assert all(line.award is not None and line.award.prize_vnd == line.amount_vnd for line in lines.values())
    assert lines["TTLDTT"].award.unit == commune.world.school
    assert sorted(line.certificate_number for line in lines.values()) == [
        "01.001/QĐ-UBND",
        "01.002/QĐ-UBND",
        "01.003/QĐ-UBND",
    ]
    assert list(DecisionEvent.objects.filter(decision=issued).values_list("command", flat=True)) == [
        "create",
        "issue",
    ]
    assert AuditEvent.objects.filter(action="decision.issue", object_id=str(issued.pk)).exists()
    # The decision reaches the school, whose people and collective are awarded.
    assert list(issued.document.recipient_units.all()) == [commune.world.school]


def test_issuing_prices_the_lines_on_the_issue_date(commune):
    decision = _with_lines(commune, decided_on=date(2026, 6, 1))
    assert {line.base_salary for line in decision.lines.all()} == {2_340_000}
    issued = services.decision_issue(actor=commune.chairman, decision=decision, issued_on=date(2026, 8, 1))
    assert issued.decided_on == date(2026, 8, 1)
    assert {line.base_salary for line in issued.lines.all()} == {2_530_000}
    text = issued.document.content["body"]
    assert any("mức lương cơ sở 2.530.000 đồng" in block["text"] for block in text)


def test_an_issued_decision_is_frozen(commune):
    decision = _with_lines(commune)
    issued = services.decision_issue(actor=commune.chairman, decision=decision, issued_on=date(2026, 8, 3))
    with pytest.raises(DomainError):
        services.decision_add_lines(
            actor=commune.world.an, decision=issued, lines=[person_line(commune.teachers[2], "LDTT")]
        )
    with pytest.raises(DomainError):
        services.decision_issue(actor=commune.chairman, decision=issued, issued_on=date(2026, 8, 4))
    with pytest.raises(DomainError):
        services.decision_cancel(actor=commune.chairman, decision=issued, reason="Nhầm")


def test_a_council_member_may_neither_draft_nor_issue(commune):
    decision = _with_lines(commune)
    with pytest.raises(DomainError):
        services.decision_issue(actor=commune.world.chau, decision=decision, issued_on=date(2026, 8, 3))
    with pytest.raises(DomainError):
        draft(commune, actor=commune.world.binh)  # a school head drafts no decisions


def test_a_decision_without_lines_cannot_be_issued(commune):
    with pytest.raises(ValidationFailed):
        services.decision_issue(actor=commune.chairman, decision=draft(commune), issued_on=date(2026, 8, 3))


def test_cancelling_a_draft_needs_a_reason(commune):
    decision = _with_lines(commune)
    with pytest.raises(ValidationFailed):
        services.decision_cancel(actor=commune.world.an, decision=decision, reason="  ")
    cancelled = services.decision_cancel(
        actor=commune.world.an, decision=decision, reason="Lập lại danh sách"
    )
    assert cancelled.status == DecisionStatus.CANCELLED
    assert cancelled.events.last().note == "Lập lại danh sách"


def test_an_award_that_does_not_fit_the_subject_is_refused(commune):
    decision = draft(commune)
    with pytest.raises(ValidationFailed):
        services.decision_add_lines(
            actor=commune.world.an,
            decision=decision,
            lines=[{"subject_kind": "COLLECTIVE", "unit": commune.world.school, "award_code": "CSTDCS"}],
        )
    assert not decision.lines.exists()

"""The attached list and the payment list: the official order, unit subtotals, totals in words."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from thidua.decisions import selectors, services
from thidua.decisions.rendering.appendix import appendix_context, attached_to_line
from thidua.decisions.rendering.payments import payment_context, payment_xlsx
from thidua.organization.models import Sex, UnitKind
from thidua.organization.services import person_create, unit_create

from .conftest import draft, person_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(commune):
    """Teachers of the school and of an earlier-sorting kindergarten, the school itself, on one decision."""
    kindergarten = unit_create(
        actor=None,
        code="XA-MN",
        name="Trường Mầm non xã Một",
        kind=UnitKind.SCHOOL,
        parent=commune.world.commune,
    )
    nurse = person_create(
        actor=None, unit=kindergarten, family_name="Vàng", middle_name="Thị", given_name="Yến", sex=Sex.FEMALE
    )
    decision = draft(commune)
    services.decision_add_lines(
        actor=commune.world.an,
        decision=decision,
        lines=[
            *[person_line(t, "LDTT") for t in commune.teachers],
            {"subject_kind": "COLLECTIVE", "unit": commune.world.school, "award_code": "TTLDTT"},
            person_line(nurse, "LDTT"),
        ],
    )
    return decision


def test_the_list_goes_by_unit_then_collective_then_given_name(listed):
    names = [(line.unit_name, line.display_name) for line in selectors.decision_lines(listed)]
    assert names == [
        ("Trường Mầm non xã Một", "Vàng Thị Yến"),
        ("Trường Tiểu học xã Một", "Trường Tiểu học xã Một"),
        ("Trường Tiểu học xã Một", "Nguyễn Văn An"),
        ("Trường Tiểu học xã Một", "Đỗ Thị Ánh"),  # Ánh after An; Đỗ before Lê
        ("Trường Tiểu học xã Một", "Lê Thị Ánh"),
        ("Trường Tiểu học xã Một", "Trần Văn Bảo"),
    ]


def test_the_attached_list_numbers_lines_across_units_and_totals_in_words(listed):
    context = appendix_context(listed)
    sections = context["groups"]
    assert [(s.numeral, s.unit_name) for s in sections] == [
        ("I", "Trường Mầm non xã Một"),
        ("II", "Trường Tiểu học xã Một"),
    ]
    assert [row.stt for s in sections for row in s.rows] == [1, 2, 3, 4, 5, 6]
    assert sections[1].rows[0].where == ""  # the collective is not "of" itself
    assert sections[1].rows[1].name == "Ông Nguyễn Văn An"
    totals = context["totals"]
    # 5 LĐTT at 0,3 × 2.530.000 (rounded up to 760.000) and a TTLĐTT at 0,8 (2.024.000 → 2.030.000).
    assert totals.total_vnd == 5 * 760_000 + 2_030_000
    assert totals.words == "Năm triệu tám trăm ba mươi nghìn đồng"
    assert context["attached_to"].startswith("(Kèm theo Quyết định số ")


def test_the_attached_list_names_the_decision_once_issued(commune, listed):
    issued = services.decision_issue(actor=commune.chairman, decision=listed, issued_on=date(2026, 8, 3))
    assert attached_to_line(issued, electronic=False) == (
        "(Kèm theo Quyết định số 01/QĐ-UBND ngày 03 tháng 8 năm 2026 của Chủ tịch Ủy ban nhân dân xã Một)"
    )
    assert "số      /QĐ-UBND ngày    tháng" in attached_to_line(issued, electronic=True)


def test_the_payment_list_has_a_subtotal_per_unit_and_can_be_cut_to_one_unit(listed):
    context = payment_context(listed)
    assert [s.total_vnd for s in context["sections"]] == [760_000, 2_030_000 + 4 * 760_000]
    assert context["total_vnd"] == 5_830_000
    assert context["fund"] == "Quỹ thi đua, khen thưởng xã Một"
    one = payment_context(listed, unit_name="Trường Mầm non xã Một")
    assert one["total_vnd"] == 760_000 and one["count"] == 1


def test_the_payment_workbook_adds_up_with_formulas(listed):
    wb = load_workbook(io.BytesIO(payment_xlsx(listed)))
    ws = wb.active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = rows.index(
        [
            "STT",
            "Họ và tên / Tên tập thể",
            "Chức vụ, đơn vị",
            "Danh hiệu, hình thức",
            "Số tiền (đồng)",
            "Ký nhận",
        ]
    )
    body = rows[header + 1 :]
    amounts = [r[4] for r in body if isinstance(r[0], int)]
    assert sum(amounts) == 5_830_000
    subtotals = [r[4] for r in body if r[1] == "Cộng"]
    assert all(str(s).startswith("=SUM(E") for s in subtotals) and len(subtotals) == 2
    assert body[-2][1] == "Tổng cộng" and body[-2][4].startswith("=E")
    assert body[-1][1] == "Bằng chữ: Năm triệu tám trăm ba mươi nghìn đồng."

"""Authority matrix: regulations.md §3.1 and §16 T15–T16 (the switch on 1 July 2025)."""

from datetime import date

import pytest

from thidua.regulations import Office, VerdictKind, authorities_for, can_decide

BEFORE, AFTER = date(2025, 6, 30), date(2025, 7, 1)


@pytest.mark.parametrize(
    ("office", "code", "on", "expected", "source"),
    [
        (Office.CT_UBND_HUYEN, "THON_VH", BEFORE, True, "Luật Điều 80 k2"),
        (Office.CT_UBND_HUYEN, "THON_VH", date(2025, 7, 15), False, "T15: district abolished"),
        (Office.CT_UBND_XA, "THON_VH", date(2025, 7, 15), True, "T15: NĐ 129/2025"),
        (Office.CT_UBND_XA, "THON_VH", date(2025, 3, 1), False, "T16: before NĐ 129/2025"),
        (Office.CT_UBND_XA, "CSTDCS", BEFORE, False, "Luật Điều 80 k3"),
        (Office.CT_UBND_XA, "CSTDCS", AFTER, True, "NĐ 129/2025"),
        (Office.CT_UBND_XA, "TTLDTT", AFTER, True, "NĐ 129/2025"),
        (Office.CT_UBND_XA, "LDTT", BEFORE, True, "Luật Điều 80 k3"),
        (Office.CT_UBND_XA, "GDVH", BEFORE, True, "Luật Điều 80 k3"),
        (Office.CT_UBND_HUYEN, "CSTDCS", AFTER, False, "district abolished"),
        (Office.THU_TRUONG_SO, "CSTDCS", AFTER, True, "Luật Điều 80 k1"),
        (Office.CT_HDQT, "GIAY_KHEN", AFTER, True, "Luật Điều 80 k4"),
        (Office.CT_HDQT, "LDTT", AFTER, False, "Luật Điều 80 k4"),
        (Office.CT_UBND_TINH, "BK_TINH", AFTER, True, "Luật Điều 79 [U]"),
        (Office.THU_TUONG, "BK_TTG", AFTER, True, "Luật Điều 78"),
        (Office.CT_UBND_TINH, "BK_TTG", AFTER, False, "proposal only at province level"),
    ],
)
def test_can_decide(office, code, on, expected, source):
    verdict = can_decide(office, code, on)
    assert verdict.ok is expected, source


def test_authorities_for_cstdcs_after_the_reform():
    offices = {g.office for g in authorities_for("CSTDCS", date(2026, 1, 10))}
    assert offices == {Office.THU_TRUONG_SO, Office.CT_UBND_XA, Office.GD_DN}


def test_authorities_for_cstdcs_before_the_reform():
    offices = {g.office for g in authorities_for("CSTDCS", date(2025, 1, 10))}
    assert offices == {Office.THU_TRUONG_SO, Office.CT_UBND_HUYEN, Office.GD_DN}


def test_district_failure_message_explains_the_abolition():
    verdict = can_decide(Office.CT_UBND_HUYEN, "THON_VH", date(2025, 7, 15))
    assert verdict.reasons[0].code == "AUTH.NOT_COMPETENT"
    assert "01/07/2025" in verdict.reasons[0].message


def test_decisions_before_2024_need_review():
    assert can_decide(Office.CT_UBND_XA, "LDTT", date(2023, 5, 1)).verdict is VerdictKind.NEEDS_REVIEW

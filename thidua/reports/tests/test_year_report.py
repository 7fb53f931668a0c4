"""The year report's figures against an independent count over the demo world's register."""

import io
import shutil
import subprocess
from collections import Counter
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thidua.awards.models import Award, AwardStatus
from thidua.organization.models import Unit
from thidua.reports.selectors import year_report

from .conftest import YEAR, login

pytestmark = pytest.mark.django_db


def _path(a: Any) -> str:
    if a.person_id:
        return a.person.unit.path
    if a.unit_id:
        return a.unit.path
    return a.household.village.path


def _expected(root: Unit, year: int, office: str = "") -> dict:
    """Count with plain Python over every award of the register (the selectors are not used)."""
    everything = Award.objects.select_related(
        "person__unit", "person__ethnicity", "unit", "household__village"
    ).order_by("pk")
    inside: list[Any] = [
        a
        for a in everything
        if a.year == year and _path(a).startswith(root.path) and (not office or a.authority_office == office)
    ]
    valid: list[Any] = [a for a in inside if a.status == AwardStatus.VALID]
    people: list[Any] = [a for a in valid if a.person_id]
    children = list(Unit.objects.filter(parent=root))
    by_unit: Counter = Counter()
    for a in valid:
        owner = next((c.pk for c in children if _path(a).startswith(c.path)), root.pk)
        by_unit[owner] += 1
    return {
        "total": len(valid),
        "money": sum(a.prize_vnd for a in valid),
        "revoked": len(inside) - len(valid),
        "by_code": Counter(a.award_code for a in valid),
        "by_subject": Counter(a.subject_kind for a in valid),
        "by_office": Counter(a.authority_office for a in valid),
        "individuals": len(people),
        "women": sum(1 for a in people if a.person.sex == "F"),
        "minorities": sum(1 for a in people if a.person.ethnicity and a.person.ethnicity.is_minority),
        "kinh": sum(1 for a in people if a.person.ethnicity and not a.person.ethnicity.is_minority),
        "direct": sum(1 for a in people if a.person.is_direct_worker),
        "by_ethnicity": Counter(a.person.ethnicity.name if a.person.ethnicity else "—" for a in people),
        "by_unit": by_unit,
    }


@pytest.mark.parametrize("root_code", ["LC", "XTU-UBND", "TT-TU-THCS"])
def test_year_report_equals_an_independent_count(world, root_code):
    root = Unit.objects.get(code=root_code)
    report = year_report(root=root, year=YEAR)
    exp = _expected(root, YEAR)
    assert exp["total"] > 0
    assert report.total == exp["total"]
    assert report.prize_vnd == exp["money"]
    assert report.revoked_excluded == exp["revoked"]
    assert {a.code: a.count for a in report.by_award} == dict(exp["by_code"])
    assert {line.key: line.count for line in report.by_subject} == dict(exp["by_subject"])
    assert {line.key: line.count for line in report.by_office} == dict(exp["by_office"])
    assert report.individuals == exp["individuals"]
    assert report.women == exp["women"] and report.men == exp["individuals"] - exp["women"]
    assert report.minorities == exp["minorities"] and report.kinh == exp["kinh"]
    assert report.direct_workers == exp["direct"]
    assert {line.label: line.count for line in report.by_ethnicity} == dict(exp["by_ethnicity"])
    assert {int(line.key): line.count for line in report.by_unit} == dict(exp["by_unit"])
    shares = {s.group: (s.part, s.whole) for s in report.shares}
    assert shares == {
        "direct_workers": (exp["direct"], exp["individuals"]),
        "women": (exp["women"], exp["individuals"]),
        "ethnic_minorities": (exp["minorities"], exp["individuals"]),
    }
    assert sum(line.count for line in report.by_level) == exp["total"]
    assert sum(line.count for line in report.by_kind) == exp["total"]


def test_revoked_awards_are_left_out_and_counted_apart(world):
    root = Unit.objects.get(code="LC")
    report = year_report(root=root, year=YEAR)
    assert report.revoked_excluded == 1
    ldtt = next(a for a in report.by_award if a.code == "LDTT")
    valid_ldtt = Award.objects.filter(year=YEAR, award_code="LDTT", status=AwardStatus.VALID).count()
    assert ldtt.count == valid_ldtt == Award.objects.filter(year=YEAR, award_code="LDTT").count() - 1


def test_office_filter_and_names_from_the_catalogue(world):
    root = Unit.objects.get(code="LC")
    report = year_report(root=root, year=YEAR, office="CT_UBND_XA")
    exp = _expected(root, YEAR, office="CT_UBND_XA")
    assert report.total == exp["total"] and set(exp["by_office"]) == {"CT_UBND_XA"}
    names = {a.code: a.name for a in report.by_award}
    assert names["LDTT"] == "Lao động tiên tiến" and names["GDVH"] == "Gia đình văn hóa"
    assert next(a for a in report.by_award if a.code == "GIAY_KHEN").prize_vnd == 4_680_000


def test_thresholds_come_from_the_office_settings(world, settings):
    settings.THIDUA_PRIORITY_THRESHOLDS = {"women": ">=30", "direct_workers": ">=99"}
    report = year_report(root=Unit.objects.get(code="LC"), year=YEAR)
    shares = {s.group: s for s in report.shares}
    exp = _expected(Unit.objects.get(code="LC"), YEAR)
    assert shares["women"].met is (exp["women"] * 100 >= 30 * exp["individuals"])
    assert shares["direct_workers"].met is (exp["direct"] * 100 >= 99 * exp["individuals"])
    assert shares["ethnic_minorities"].met is None  # report only
    assert "Điều 5" in report.share_basis


def test_commune_officer_sees_only_the_commune_subtree(client, world):
    login(client, "canbo.xatanuyen")
    xtu = Unit.objects.get(code="XTU-UBND")
    response = client.get(reverse("reports:year"), {"year": YEAR})
    assert response.status_code == 200
    assert response.context["report"].root == xtu
    assert response.context["report"].total == _expected(xtu, YEAR)["total"]
    district = Unit.objects.get(code="TU-UBND")
    assert client.get(reverse("reports:year"), {"year": YEAR, "unit": district.pk}).status_code == 404
    other = Unit.objects.get(code="XMK-UBND")
    assert client.get(reverse("reports:year_file", args=["xlsx"]), {"unit": other.pk}).status_code == 404
    school = Unit.objects.get(code="TT-TU-THCS")  # carried over under the commune in 2025
    response = client.get(reverse("reports:year"), {"year": YEAR, "unit": school.pk})
    assert response.status_code == 200
    assert response.context["report"].total == _expected(school, YEAR)["total"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by make setup")
def test_excel_and_pdf_carry_the_figures(client, world):
    login(client, "quantri")
    root = Unit.objects.get(code="LC")
    exp = _expected(root, YEAR)
    response = client.get(reverse("reports:year_file", args=["xlsx"]), {"year": YEAR, "unit": root.pk})
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1:] for row in wb["Tổng hợp"].iter_rows(values_only=True) if row and row[0]}
    assert summary["Tổng số khen thưởng"][:2] == (exp["total"], exp["money"])
    assert summary["  Nữ"][0] == exp["women"]
    assert summary["Khen thưởng đã bị hủy bỏ (không tính)"][0] == 1
    by_award = {row[0]: row for row in wb["Theo danh hiệu"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert by_award["LDTT"][5] == exp["by_code"]["LDTT"]
    assert by_award["GIAY_KHEN"][6] == 4_680_000

    response = client.get(reverse("reports:year_file", args=["pdf"]), {"year": YEAR, "unit": root.pk})
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],  # noqa: S607
        input=response.content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert f"BÁO CÁO THỐNG KÊ KHEN THƯỞNG NĂM {YEAR}" in text
    assert "Tổng số khen thưởng" in text
    total_line = next(line for line in text.splitlines() if "Tổng số khen thưởng" in line)
    assert str(exp["total"]) in total_line.split()
    assert "Lao động tiên tiến" in text and "Gia đình văn hóa" in text


def test_excel_defuses_text_that_looks_like_a_formula(world):
    from thidua.reports.exports import year_report_xlsx

    unit = Unit.objects.get(code="TT-TU-THCS")
    Unit.objects.filter(pk=unit.pk).update(name="=HYPERLINK(1)")
    report = year_report(root=Unit.objects.get(code="XTU-UBND"), year=YEAR)
    wb = load_workbook(io.BytesIO(year_report_xlsx(report)))
    names = [row[0] for row in wb["Theo đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(1)" in names


def test_year_page_shows_figures_and_charts(client, world):
    login(client, "quantri")
    root = Unit.objects.get(code="LC")
    html = client.get(reverse("reports:year"), {"year": YEAR, "unit": root.pk}).content.decode()
    exp = _expected(root, YEAR)
    assert f'data-testid="year-total">{exp["total"]}<' in html
    assert html.count('role="img"') == 3

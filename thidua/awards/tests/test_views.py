"""The register screens: who sees what, records by hand, the revoke form, imports and the export."""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from thidua.awards.models import Award, AwardRecheck, AwardStatus, Evaluation, Scope
from thidua.testing.cast import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_register_lists_awards_in_scope_and_filters_them(client, reg, world):
    hoa = reg.person(world.school, "Hoa")
    reg.year(hoa, 2024)
    reg.year(reg.person(world.other_commune, "Mai"), 2024, cstdcs=False)
    page = _login(client, world.an).get("/so-khen-thuong/", {"year": 2024, "award": "CSTDCS"})
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('data-testid="register-row"') == 1
    assert "Chiến sĩ thi đua cơ sở" in html and hoa.full_name in html


def test_the_person_timeline_shows_years_and_the_on_track_box(client, reg, world):
    hoa = reg.person(world.school, "Hoa")
    reg.year(hoa, 2024)
    reg.year(hoa, 2025)
    reg.initiative(hoa, 2025, Scope.TINH)
    page = _login(client, world.an).get(f"/so-khen-thuong/ca-nhan/{hoa.pk}/")
    html = page.content.decode()
    assert 'data-testid="person-timeline"' in html and 'data-testid="on-track"' in html
    assert html.index('data-year="2025"') < html.index('data-year="2024"')
    assert "Chiến sĩ thi đua bộ, ban, ngành, tỉnh" in html


def test_people_outside_the_scope_are_not_found(client, reg, world):
    hoa = reg.person(world.school, "Hoa")
    assert _login(client, world.dung).get(f"/so-khen-thuong/ca-nhan/{hoa.pk}/").status_code == 404
    assert client.get(f"/so-khen-thuong/don-vi/{world.school.pk}/").status_code == 404


def test_a_unit_head_reads_the_register_but_cannot_write_it(client, reg, world):
    hoa = reg.person(world.school, "Hoa")
    _login(client, world.binh)
    assert client.get(f"/so-khen-thuong/ca-nhan/{hoa.pk}/").status_code == 200
    assert client.get(f"/so-khen-thuong/ca-nhan/{hoa.pk}/ghi/danh-gia/").status_code == 404


def test_a_reviewer_records_an_evaluation_by_hand(client, reg, world, reviewer):
    hoa = reg.person(world.school, "Hoa")
    form = _login(client, reviewer).get(f"/so-khen-thuong/ca-nhan/{hoa.pk}/ghi/danh-gia/")
    assert form.status_code == 200 and 'data-testid="record-form"' in form.content.decode()
    response = client.post(
        f"/so-khen-thuong/ca-nhan/{hoa.pk}/ghi/danh-gia/", {"year": "2025", "rating": "HTXS"}
    )
    assert response.status_code == 302
    assert Evaluation.objects.get(person=hoa, year=2025).rating == "HTXS"


def test_an_award_with_an_incompetent_office_is_refused_on_the_form(client, reg, world):
    hoa = reg.person(world.school, "Hoa")
    form = {
        "award_code": "CSTDCS",
        "year": "2025",
        "basis": "merit",
        "decision_symbol": "5/QĐ-UBND",
        "decided_on": "10/02/2026",
        "authority_office": "CT_UBND_HUYEN",
        "prize_vnd": "2.340.000",
    }
    page = _login(client, world.an).post(f"/so-khen-thuong/ca-nhan/{hoa.pk}/ghi/khen-thuong/", form)
    assert page.status_code == 200 and not Award.objects.exists()
    form["authority_office"] = "CT_UBND_XA"
    assert client.post(f"/so-khen-thuong/ca-nhan/{hoa.pk}/ghi/khen-thuong/", form).status_code == 302
    assert Award.objects.get().prize_vnd == 2_340_000


def test_the_revoke_form_lists_dependents_and_revokes(client, reg, world):
    hoa = reg.person(world.school, "Hoa")
    for year in (2024, 2025, 2026):
        reg.year(hoa, year)
    reg.initiative(hoa, 2025, Scope.TINH)
    provincial = reg.title(
        hoa, "CSTD_TINH", 2026, decided_on=date(2027, 3, 1), authority_office="CT_UBND_TINH"
    )
    cstdcs = Award.objects.get(person=hoa, award_code="CSTDCS", year=2024)
    _login(client, world.an)

    page = client.get(f"/so-khen-thuong/khen-thuong/{cstdcs.pk}/thu-hoi/")
    html = page.content.decode()
    assert html.count('data-testid="dependent"') == 1
    assert "gian dối trong việc kê khai thành tích" in html

    response = client.post(
        f"/so-khen-thuong/khen-thuong/{cstdcs.pk}/thu-hoi/",
        {
            "reason": "a",
            "decision_symbol": "45/QĐ-UBND",
            "decided_on": "01/04/2027",
            "money_recovered_vnd": "",
        },
    )
    assert response.status_code == 302
    cstdcs.refresh_from_db()
    assert cstdcs.status == AwardStatus.REVOKED
    assert AwardRecheck.objects.get().award == provincial
    timeline = client.get(f"/so-khen-thuong/ca-nhan/{hoa.pk}/").content.decode()
    assert 'data-testid="revocation"' in timeline and 'data-testid="recheck-flag"' in timeline


def test_the_awards_import_screen_checks_a_file(client, reg, world):
    hoa = reg.person(world.school, "Hoa")
    wb = Workbook()
    wb.active.append(
        ["Số định danh", "Danh hiệu/Hình thức", "Năm", "Số quyết định", "Ngày quyết định", "Cấp khen"]
    )
    wb.active.append([hoa.id_number, "LDTT", 2024, "1/QĐ-UBND", "15/01/2025", "CT_UBND_HUYEN"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "khen-thuong.xlsx"
    page = _login(client, world.an).post(
        "/so-khen-thuong/nhap-excel/khen-thuong/", {"file": buf, "dry_run": "on"}
    )
    assert page.status_code == 200 and 'data-testid="import-report"' in page.content.decode()
    assert not Award.objects.exists()


def test_the_export_and_the_template_download(client, reg, world):
    reg.year(reg.person(world.school, "Hoa"), 2024)
    _login(client, world.an)
    export = client.get("/so-khen-thuong/xuat-excel/", {"year": 2024})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")
    assert client.get("/so-khen-thuong/nhap-excel/danh-gia/mau.xlsx").status_code == 200


def test_the_unit_timeline_shows_its_own_awards(client, reg, world):
    reg.title(world.school, "TTLDTT", 2025)
    page = _login(client, world.an).get(f"/so-khen-thuong/don-vi/{world.school.pk}/")
    assert 'data-testid="unit-timeline"' in page.content.decode()
    assert "Tập thể lao động tiên tiến" in page.content.decode()

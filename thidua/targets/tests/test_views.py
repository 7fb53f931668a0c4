"""The targets screens through Django's test client: scope, forms, chart, import and roll-up."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook

from thidua.accounts.models import Role
from thidua.targets.demo import load_demo_targets
from thidua.targets.models import Target, TargetActual
from thidua.targets.permissions import access_target, can_manage_indicators, can_write_targets
from thidua.targets.services import target_set
from thidua.testing.cast import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def demo(tan_uyen):
    load_demo_targets(unit=tan_uyen.district)
    return tan_uyen


def test_the_year_screen_shows_table_chart_and_the_seed_sentences(client, demo):
    _login(client, demo.officer)
    response = client.get(reverse("targets:overview"), {"unit": demo.district.pk, "year": 2020})
    html = response.content.decode()
    assert response.status_code == 200
    for testid in ("targets-table", "targets-chart", "target-sentence", "targets-paragraph"):
        assert f'data-testid="{testid}"' in html
    assert (
        "Thu ngân sách nhà nước trên địa bàn 105.920 triệu đồng, đạt 203,7% KH, tăng 65,8% so với năm 2019"
        in html
    )
    assert "26/34 trường, đạt 76,5%" in html
    assert '<title id="targets-chart-title">' in html
    assert 'width="300.0"' in html  # the larger figure fills the bar; numbers in SVG keep a decimal point


def test_without_a_unit_the_first_unit_in_scope_and_the_latest_year_are_shown(client, demo):
    _login(client, demo.officer)
    html = client.get(reverse("targets:overview")).content.decode()
    assert "Ủy ban nhân dân huyện Tân Uyên" in html and "2020" in html and "105.920" in html


def test_an_outsider_cannot_see_the_districts_targets(client, demo, world):
    _login(client, world.dung)
    assert client.get(reverse("targets:overview"), {"unit": demo.district.pk}).status_code == 404
    target = Target.objects.filter(unit=demo.district).first()
    assert client.get(reverse("targets:actual", args=[target.pk])).status_code == 404


def test_a_council_member_sees_but_cannot_write(client, demo):
    member = make_user("uyvien", demo.district, Role.COUNCIL_MEMBER)
    _login(client, member)
    html = client.get(reverse("targets:overview"), {"unit": demo.district.pk}).content.decode()
    assert 'data-testid="targets-table"' in html and "target-plan-link" not in html
    assert client.get(reverse("targets:plan")).status_code == 404
    target = Target.objects.filter(unit=demo.district).first()
    assert client.get(reverse("targets:actual", args=[target.pk])).status_code == 404
    assert not can_write_targets(member, demo.district)
    assert can_write_targets(demo.officer, demo.town)
    assert access_target(member, target.pk) == target
    assert not can_manage_indicators(demo.officer)


def test_an_officer_sets_a_plan_with_a_vietnamese_decimal(client, tan_uyen, poverty):
    _login(client, tan_uyen.officer)
    response = client.post(
        reverse("targets:plan"),
        {
            "unit": tan_uyen.town.pk,
            "indicator": poverty.pk,
            "year": 2021,
            "planned": "7,72",
            "previous_actual": "9,37",
        },
    )
    assert response.status_code == 302
    target = Target.objects.get(unit=tan_uyen.town, year=2021)
    assert target.planned == Decimal("7.72") and target.previous_actual == Decimal("9.37")


def test_a_bad_plan_is_shown_back_with_the_reason(client, tan_uyen, poverty):
    _login(client, tan_uyen.officer)
    response = client.post(
        reverse("targets:plan"),
        {"unit": tan_uyen.town.pk, "indicator": poverty.pk, "year": 2021, "planned": "7.72"},
    )
    assert response.status_code == 200 and not Target.objects.exists()
    response = client.post(
        reverse("targets:plan"),
        {"unit": tan_uyen.town.pk, "indicator": poverty.pk, "year": 2021, "planned": "120"},
    )
    assert response.status_code == 200 and not Target.objects.exists()


def test_an_officer_reports_an_actual_for_a_quarter(client, tan_uyen, area):
    target = target_set(actor=None, unit=tan_uyen.town, indicator=area, year=2021, planned=300)
    _login(client, tan_uyen.officer)
    url = reverse("targets:actual", args=[target.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"period": "QUARTER:2", "value": "150,5", "reported_on": "05/07/2021"})
    assert response.status_code == 302
    actual = TargetActual.objects.get()
    assert (actual.period_kind, actual.period_index, actual.value) == ("QUARTER", 2, Decimal("150.5"))
    assert actual.reported_on == date(2021, 7, 5) and actual.reported_by == tan_uyen.officer
    html = client.get(reverse("targets:overview"), {"unit": tan_uyen.town.pk, "year": 2021}).content.decode()
    assert "Quý 2" in html and "50,2%" in html


def test_the_import_screen_checks_then_records(client, tan_uyen, area):
    target_set(actor=None, unit=tan_uyen.town, indicator=area, year=2021, planned=300)
    _login(client, tan_uyen.officer)
    html = client.get(reverse("targets:import")).content.decode()
    assert 'data-testid="import-progress"' in html
    template = client.get(reverse("targets:import_template"), {"year": 2021})
    assert template.status_code == 200 and template["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )

    def upload(dry_run):
        wb = Workbook()
        wb.active.append(["Mã đơn vị", "Mã chỉ tiêu", "Năm", "Kỳ", "Giá trị"])
        wb.active.append(["TT-TU-UBND", "DT", 2021, "Năm", "312"])
        buf = io.BytesIO()
        wb.save(buf)
        buf.seek(0)
        buf.name = "so-lieu.xlsx"
        data = {"file": buf}
        if dry_run:
            data["dry_run"] = "on"
        return client.post(reverse("targets:import"), data)

    assert 'data-testid="import-report"' in upload(True).content.decode()
    assert not TargetActual.objects.exists()
    upload(False)
    assert TargetActual.objects.get().value == Decimal("312")


def test_the_rollup_screen_lists_contributions_and_missing_communes(client, demo):
    _login(client, demo.officer)
    html = client.get(reverse("targets:rollup"), {"unit": demo.district.pk, "year": 2020}).content.decode()
    assert 'data-testid="rollup-total"' in html
    assert "55.050" in html  # 41.250 + 8.930 + 4.870
    assert 'data-testid="rollup-missing"' in html and "xã Pắc Ta" in html


def test_pages_need_a_login(client):
    response = client.get(reverse("targets:overview"))
    assert response.status_code == 302

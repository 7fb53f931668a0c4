"""Browser stories in Chromium: each demo role logs in and sees only what its units allow."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from thidua.demo.world import DEMO_PASSWORD, build_demo_world
from thidua.organization.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (login, a unit the role must see, a unit it must not see)
EXPECTATIONS = [
    ("quantri", "Sở Nội vụ tỉnh Lai Châu", None),
    ("thamdinh", "Ban Thi đua - Khen thưởng tỉnh Lai Châu", "Ủy ban nhân dân huyện Tân Uyên"),
    ("canbo", "Phòng Nội vụ huyện Tân Uyên", "Sở Nội vụ tỉnh Lai Châu"),
    ("chutich", "Phòng Nội vụ huyện Tân Uyên", "Ủy ban nhân dân xã Tân Uyên"),
    ("thuky", "Phòng Tài chính - Kế hoạch huyện Tân Uyên", "Huyện ủy Tân Uyên"),
    ("uyvien", "Hợp tác xã Chè Thân Thuộc", "Ủy ban nhân dân tỉnh Lai Châu"),
    ("hieutruong", "Trường THCS thị trấn Tân Uyên", "Trường Tiểu học thị trấn Tân Uyên"),
    ("canbo.muongkhoa", "Ủy ban nhân dân xã Mường Khoa", "Ủy ban nhân dân xã Phúc Khoa"),
    ("canbo.xatanuyen", "Trường THCS thị trấn Tân Uyên", "Trường Tiểu học xã Mường Khoa"),
    ("chutich.xa", "Văn phòng HĐND và UBND xã Tân Uyên", "Ủy ban nhân dân xã Nậm Sỏ"),
]


@pytest.fixture
def demo_world():
    call_command("import_admin_units", verbosity=0)
    build_demo_world(people_per_unit=1, progress=lambda _s: None)


def _login(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("current-user")).to_be_visible()


def _unit_visible(page: Page, base: str, name: str) -> bool:
    page.goto(f"{base}/don-vi/?q={name}")
    table = page.get_by_test_id("unit-table")
    return table.get_by_role("link", name=name, exact=True).count() > 0


def test_each_demo_role_sees_only_its_units(page: Page, live_server, demo_world):
    for username, visible, hidden in EXPECTATIONS:
        page.context.clear_cookies()
        _login(page, live_server.url, username)
        assert _unit_visible(page, live_server.url, visible), (username, visible)
        if hidden:
            assert not _unit_visible(page, live_server.url, hidden), (username, hidden)


def test_outsider_gets_not_found_for_another_units_person_by_url(page: Page, live_server, demo_world):
    teacher = Person.objects.filter(unit__code="TT-TU-THCS")[0]
    _login(page, live_server.url, "canbo.muongkhoa")
    response = page.goto(f"{live_server.url}/ca-nhan/{teacher.pk}/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text(re.compile("Không tìm thấy|Not found"))
    page.context.clear_cookies()
    _login(page, live_server.url, "hieutruong")
    response = page.goto(f"{live_server.url}/ca-nhan/{teacher.pk}/")
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_have_text(teacher.full_name)


def test_search_as_you_type_finds_people_without_accents(page: Page, live_server, demo_world):
    _login(page, live_server.url, "canbo")
    page.goto(f"{live_server.url}/ca-nhan/")
    page.fill("#q", "bui huy phuong")
    expect(page.get_by_test_id("person-table").get_by_role("link", name="Bùi Huy Phương")).to_be_visible()
    expect(page.get_by_test_id("person-table").locator("tbody tr")).to_have_count(1)

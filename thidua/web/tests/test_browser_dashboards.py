"""Browser stories: every demo role opens its dashboard and sees its charts, on a desktop and a phone."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, ViewportSize, expect

from thidua.demo.world import DEMO_LOGINS, DEMO_PASSWORD, build_demo_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}


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


def _charts_drawn(page: Page, role: str) -> None:
    expect(page.get_by_test_id(f"dashboard-role-{role.lower()}")).to_be_visible()
    charts = page.get_by_test_id("dashboard-charts").locator("svg[role=img]")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 2
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 20
        assert page.viewport_size is None or box["x"] + box["width"] <= page.viewport_size["width"] + 1


def test_each_demo_role_sees_its_dashboard_charts(page: Page, live_server, demo_world):
    for demo in DEMO_LOGINS:
        page.context.clear_cookies()
        page.set_viewport_size(DESKTOP)
        _login(page, live_server.url, demo.username)
        _charts_drawn(page, demo.role)
        page.set_viewport_size(PHONE)
        page.reload()
        _charts_drawn(page, demo.role)
        # The awards chart counts something for the units whose staff hold awards.
        if demo.username in {"canbo", "hieutruong", "canbo.xatanuyen", "quantri"}:
            bars = page.get_by_test_id("chart-awards-by-year").locator("rect.bar")
            assert bars.count() > 0, demo.username


def test_the_year_report_opens_from_the_navigation_and_downloads(page: Page, live_server, demo_world):
    _login(page, live_server.url, "canbo.xatanuyen")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/bao-cao/")
    page.get_by_test_id("report-year-link").click()
    expect(page.get_by_test_id("year-total")).to_be_visible()
    expect(page.locator("svg[role=img]").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_test_id("year-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")

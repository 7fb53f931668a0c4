"""Browser story in Chromium: a citizen reports a good deed without JavaScript; staff publish it."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from thidua.exemplars import services
from thidua.exemplars.models import GoodDeedNomination, NominationStatus
from thidua.exemplars.tests.conftest import AT, ON, full_consent, jpeg_with_gps, make_story
from thidua.testing.cast import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_nominates_without_javascript_and_staff_publish_it(
    browser: Browser, page: Page, live_server, world
):
    base = live_server.url
    yesterday = (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")
    citizen = browser.new_context(java_script_enabled=False, locale="vi-VN")
    public = citizen.new_page()

    public.goto(f"{base}/dien-hinh/de-xuat/")
    public.fill("#id_nominator_name", "Lò Thị Hoa")
    public.fill("#id_nominator_phone", "0912345678")
    public.select_option("#id_relation", "BENEFICIARY")
    public.fill("#id_nominee_name", "Vàng A Dế")
    public.fill("#id_what_happened", "Anh Dế lội suối cứu con tôi bị ngã xuống nước.")
    public.fill("#id_happened_on", yesterday)
    public.select_option("#id_unit", str(world.commune.pk))
    public.fill("#id_statements-0-author_name", "Lường Văn Tú")
    public.fill("#id_statements-0-text", "Tôi là trưởng bản, tôi chứng kiến.")
    expect(public.locator("#id_website")).to_be_hidden()
    public.get_by_role("button", name="Send the report").or_(
        public.locator("button[type=submit]")
    ).first.click()
    expect(public).to_have_url(f"{base}/dien-hinh/de-xuat/cam-on/")
    assert GoodDeedNomination.objects.get().status == NominationStatus.PENDING

    public.goto(f"{base}/dien-hinh/nguoi-tot-viec-tot/")
    expect(public.locator("main")).not_to_contain_text("Vàng A Dế")

    # The commune's emulation officer moderates (with JavaScript, as staff usually browse).
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("#id_username", world.an.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("current-user")).to_be_visible()
    page.goto(f"{base}/dien-hinh/quan-ly/de-xuat/")
    page.get_by_test_id("nomination-table").get_by_role("link", name="Vàng A Dế").click()
    form = page.get_by_test_id("approve-form")
    form.locator("#id_title").fill("Lội suối cứu cháu bé")
    form.locator("#id_has_consent").check()
    form.locator("#id_consent-given_by").select_option("PERSON")
    form.locator("#id_consent-giver_name").fill("Vàng A Dế")
    form.locator("#id_consent-given_on").fill(yesterday)
    form.locator("#id_consent-method").select_option("IN_PERSON")
    form.locator("#id_consent-covers_name").check()
    form.locator("#id_consent-covers_text").check()
    form.locator("#id_publish").check()
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("story-status")).to_be_visible()
    assert GoodDeedNomination.objects.get().status == NominationStatus.APPROVED

    public.goto(f"{base}/dien-hinh/nguoi-tot-viec-tot/")
    link = public.get_by_role("link", name="Lội suối cứu cháu bé")
    expect(link).to_be_visible()
    expect(public.locator("main")).to_contain_text("Vàng A Dế")
    link.click()
    expect(public.locator("h1")).to_have_text("Lội suối cứu cháu bé")
    expect(public.get_by_test_id("story-subject")).to_have_text("Vàng A Dế")
    expect(public.locator("main")).not_to_contain_text("0912345678")
    citizen.close()


AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"


def _axe_violations(page: Page) -> list[str]:
    # The portal's shared footer is checked where it is defined (public/base.html), not here.
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run({exclude: [['.public-footer']]},"
        " {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']})"
    )
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make setup")
def test_public_pages_pass_axe_without_javascript_on_a_phone(browser: Browser, live_server, world):
    story = make_story(world, movement=None)
    services.photo_add(actor=world.an, story=story, data=jpeg_with_gps(), alt_text="Thầy An trên lớp")
    services.consent_record(actor=world.an, story=story, consent=full_consent(), on=ON)
    services.story_publish(actor=world.an, story=story, at=AT)
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="vi-VN")
    page = context.new_page()
    urls = [
        "/dien-hinh/",
        "/dien-hinh/?year=2025",
        "/dien-hinh/nguoi-tot-viec-tot/",
        f"/dien-hinh/{story.slug}/",
        "/dien-hinh/de-xuat/",
        "/dien-hinh/de-xuat/cam-on/",
    ]
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        assert _axe_violations(page) == [], url
    # A nomination sent back with errors is accessible too.
    page.goto(f"{live_server.url}/dien-hinh/de-xuat/")
    page.locator("button[type=submit]").click()
    assert _axe_violations(page) == []
    context.close()

"""Browser story in Chromium: launch → issue → recipient opens → registers → targets → cluster scored →
ranking published → review report downloaded."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from thidua.demo.world import DEMO_PASSWORD, build_demo_world
from thidua.documents.models import Delivery
from thidua.movements.models import Movement, Registration, RegistrationStatus
from thidua.scoring.models import Scorecard, ScorecardStatus
from thidua.targets.models import Target

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_world():
    call_command("import_admin_units", verbosity=0)
    build_demo_world(people_per_unit=1, progress=lambda _s: None)


def _login(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("current-user")).to_be_visible()


def test_a_movement_from_launch_to_review_report(page: Page, live_server, demo_world):
    base = live_server.url
    # 1. The district officer drafts a movement.
    _login(page, base, "canbo")
    page.goto(f"{base}/phong-trao/them/")
    page.fill("#id_title", "Thi đua chuyển đổi số năm 2021")
    page.select_option("#id_kind", "THEMATIC")
    page.fill("#id_year", "2021")
    page.fill("#id_starts_on", "05/01/2021")
    page.fill("#id_ends_on", "31/12/2021")
    page.fill("#id_theme", "Chuyển đổi số vì Nhân dân phục vụ")
    page.fill("#id_theme_lead", "UBND huyện phát động phong trào thi đua")
    page.fill("#id_items", "Đẩy mạnh dịch vụ công trực tuyến.\n\nSố hóa hồ sơ, tài liệu.")
    page.select_option("#id_drafting_unit", label="Phòng Nội vụ huyện Tân Uyên")
    page.select_option("#id_signer", label="Bùi Huy Phương")
    page.get_by_test_id("save-movement").click()
    expect(page.get_by_test_id("content-items").locator("li")).to_have_count(2)
    movement = Movement.objects.get(title="Thi đua chuyển đổi số năm 2021")

    # Participants and recipients: the commune of Mường Khoa takes part and receives the document.
    page.get_by_test_id("edit-participants").click()
    page.select_option("#id_p-units", label="Ủy ban nhân dân xã Mường Khoa")
    page.fill("#id_r-0-text", "UBND xã Mường Khoa;")
    page.select_option("#id_r-0-units", label="Ủy ban nhân dân xã Mường Khoa")
    page.get_by_test_id("save-participants").click()

    # 2. Launch: the next number of the district's 2021 register.
    page.fill("#id_issued_on", "05/01/2021")
    page.get_by_test_id("launch").click()
    expect(page.get_by_test_id("launch-document")).to_contain_text("01/UBND-NV")
    doc = Movement.objects.get(pk=movement.pk).launch_document
    assert doc is not None

    # 3. The commune officer finds it in the inbox and opens it.
    _login(page, base, "canbo.muongkhoa")
    page.goto(f"{base}/van-ban/den/")
    page.get_by_test_id("inbox-table").get_by_role("link", name="01/UBND-NV").first.click()
    expect(page.get_by_test_id("document-title")).to_be_visible()
    assert Delivery.objects.get(document=doc, unit__code="X-MK-UBND").first_opened_at is not None

    # 4. The commune registers: 20 LĐTT for its members.
    registration = Registration.objects.get(movement=movement, unit__code="X-MK-UBND")
    page.goto(f"{base}/phong-trao/dang-ky/{registration.pk}/")
    page.fill("#id_commitment", "Hoàn thành 100% thủ tục hành chính trực tuyến toàn trình.")
    page.select_option("#id_l-0-award_code", "LDTT")
    page.select_option("#id_l-0-subject", "MEMBERS")
    page.fill("#id_l-0-count", "20")
    page.get_by_test_id("send-registration").click()
    expect(page.get_by_test_id("registration-status")).to_have_text(re.compile("Đã gửi|Sent"))

    # 5. The commune reports a target actual.
    target = (
        Target.objects.filter(unit__code="X-MK-UBND", year=2020).order_by("indicator__display_order").first()
    )
    assert target is not None
    page.goto(f"{base}/chi-tieu/{target.pk}/thuc-hien/")
    page.fill("#id_value", "1234")
    page.get_by_test_id("target-actual-form").get_by_role("button").click()
    expect(page.get_by_test_id("targets-table")).to_contain_text("1.234")

    # 6. The district officer accepts the registration.
    _login(page, base, "canbo")
    page.goto(f"{base}/phong-trao/dang-ky/{registration.pk}/")
    page.get_by_test_id("accept-registration").click()
    expect(page.get_by_test_id("registration-status")).to_have_text(re.compile("Đã chấp nhận|Accepted"))
    # …and sees that the commune opened the document.
    page.goto(f"{base}/van-ban/{doc.pk}/")
    expect(page.get_by_test_id("delivery-table")).to_contain_text("Mường Khoa")

    # 7. The cluster of communes is verified, ranked and published.
    scorecard = Scorecard.objects.get(year=2021)
    page.goto(f"{base}/cham-diem/bang-diem/{scorecard.pk}/")
    page.get_by_test_id("scorecard-actions").get_by_role("button").last.click()
    page.goto(f"{base}/cham-diem/bang-diem/{scorecard.pk}/xep-hang/")
    page.get_by_test_id("ranking-compute").click()
    expect(page.get_by_test_id("ranking-table").locator("tbody tr")).to_have_count(10)
    expect(page.get_by_test_id("ranking-chart")).to_be_visible()
    page.goto(f"{base}/cham-diem/bang-diem/{scorecard.pk}/cong-bo/")
    page.check("#confirm")
    page.get_by_test_id("publish-confirm").click()
    scorecard.refresh_from_db()
    assert scorecard.status == ScorecardStatus.PUBLISHED

    # 8. The final review report is drafted from the figures, issued and downloaded.
    page.goto(f"{base}/phong-trao/{movement.pk}/")
    page.select_option("#review-kind", "FINAL")
    page.fill("#review-held", "15/12/2021")
    page.get_by_test_id("create-review").click()
    expect(page.locator("#id_summary")).to_contain_text("20 Lao động tiên tiến")
    page.fill("#id_issued_on", "16/12/2021")
    page.get_by_test_id("issue-review").click()
    expect(page.get_by_test_id("review-issued")).to_contain_text("BC-UBND")
    with page.expect_download() as info:
        page.get_by_test_id("review-pdf").click()
    pdf = info.value
    assert pdf.path().read_bytes()[:5] == b"%PDF-"
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.ACCEPTED

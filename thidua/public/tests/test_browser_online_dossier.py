"""Browser story in Chromium: a citizen applies online for a Giấy khen for her neighbour's brave act, gets a
dossier code and a receipt with the due date, supplies what the desk asks for, follows the status, downloads
the decision and the certificate, and checks the certificate's QR address before and after a revocation.

The desk, the council and the chairman act through their services with explicit dates (their screens have
their own browser stories); everything the citizen does goes through the portal's pages.
"""

import re
import subprocess
from datetime import date

import pytest
from django.core import mail
from playwright.sync_api import expect

from thidua.awards import services as award_services
from thidua.decisions.rendering.certificates import verification_url
from thidua.proposals import services as proposal_services
from thidua.public.models import Application
from thidua.public.services import applications as services
from thidua.public.tests.conftest import at, build_desk, minimal_pdf
from thidua.public.tests.test_applications import decide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pdf_text(path):
    out = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, check=True)  # noqa: S603, S607
    return out.stdout.decode()


def test_a_citizen_applies_online_and_receives_the_result(page, live_server, tmp_path, settings):
    settings.THIDUA_PUBLIC_BASE_URL = live_server.url
    desk = build_desk(deadline=3)
    base = live_server.url
    summary = tmp_path / "bao-cao-tom-tat.pdf"
    summary.write_bytes(minimal_pdf("Bao cao tom tat"))
    witness = tmp_path / "xac-nhan-truong-ban.pdf"
    witness.write_bytes(minimal_pdf("Xac nhan truong ban"))

    # 1. Lan finds the procedure and opens an account on the way.
    page.goto(f"{base}/cong-dan/")
    page.get_by_role("link", name="Tất cả dịch vụ công trực tuyến").click()
    page.get_by_role("link", name=re.compile("thành tích đột xuất")).click()
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.get_by_role("link", name="Đăng ký tài khoản").click()
    page.fill("#id_full_name", "Lò Thị Lan")
    page.fill("#id_login", "lan@example.vn")
    page.fill("#id_password", "mat-khau-cong-dan-2026")
    page.get_by_role("button", name="Đăng ký").click()
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.fill("#id_code", code)
    page.get_by_role("button", name="Xác nhận").click()
    page.get_by_role("button", name="Bắt đầu lập hồ sơ").click()

    # 2. The form, saved as a draft first, then the summary attached and the dossier sent.
    page.fill("#id_applicant_phone", "0912345678")
    page.fill("#id_subject_name", "Tòng Văn Dũng")
    page.select_option("#id_subject_sex", "M")
    page.fill("#id_subject_address", "Bản Nà Ún, xã Tân Uyên")
    page.fill("#id_subject_relation", "Hàng xóm")
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp")).to_be_visible()
    page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.get_by_text("Mô tả sự việc.")).to_be_visible()
    page.fill("#id_achievement", "Lao xuống suối Nậm Mu lúc nước lũ, cứu hai cháu nhỏ bị nước cuốn.")
    page.fill("#id_act_date", "15/08/2026")
    page.fill("#id_act_place", "Suối Nậm Mu")
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.select_option("#id_component", label="Báo cáo tóm tắt thành tích")
    page.set_input_files("#id_file", str(summary))
    page.get_by_role("button", name="Đính kèm", exact=True).click()
    expect(page.get_by_role("link", name="bao-cao-tom-tat.pdf")).to_be_visible()
    page.get_by_role("button", name="Gửi hồ sơ").click()
    application = Application.objects.get()
    expect(page.get_by_test_id("dossier-code")).to_have_text(application.code)
    expect(page.get_by_test_id("status")).to_have_text("Mới đăng ký")

    # 3. The desk accepts it on Friday 21/08/2026 at 10:00: three working days, Saturday 22/08 worked.
    services.application_accept(actor=desk.cast.an, application=application, now=at(2026, 8, 21, 10))
    page.reload()
    expect(page.get_by_test_id("due-on")).to_have_text("25/08/2026")
    with page.expect_download() as receipt:
        page.get_by_test_id("receipt").click()
    text = _pdf_text(receipt.value.path())
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert application.code in text and "ngày 25/08/2026" in text

    # 4. The desk asks for the village head's confirmation; Lan supplies it.
    application.refresh_from_db()
    proposal = application.proposal
    proposal_services.proposal_accept_for_appraisal(
        actor=desk.cast.an, proposal=proposal, on=date(2026, 8, 24)
    )
    proposal_services.proposal_return_for_supplement(
        actor=desk.cast.an,
        proposal=proposal,
        reasons="Bổ sung xác nhận của trưởng bản Nà Ún.",
        on=date(2026, 8, 24),
    )
    page.reload()
    expect(page.get_by_test_id("status")).to_have_text("Yêu cầu bổ sung giấy tờ")
    expect(page.get_by_test_id("supplement-reasons")).to_contain_text("trưởng bản Nà Ún")
    page.set_input_files("#id_file", str(witness))
    page.get_by_role("button", name="Đính kèm", exact=True).click()
    page.fill("#id_note", "Đã có xác nhận của trưởng bản.")
    page.get_by_test_id("send-supplement").click()
    expect(page.get_by_test_id("status")).to_have_text("Đang xử lý")

    # 5. Anyone with the code can follow it (no names on that page).
    page.goto(f"{base}/dich-vu-cong/tra-cuu/")
    page.fill("#id_ma", application.code)
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_test_id("track-status")).to_have_text("Đang xử lý")
    expect(page.get_by_text("Tòng Văn Dũng")).to_have_count(0)

    # 6. The council approves and the chairman signs; Lan downloads the decision and the certificate.
    application.refresh_from_db()
    decision = decide(desk, application)
    page.goto(f"{base}/dich-vu-cong/tai-khoan/")
    page.get_by_role("link", name=application.code).click()
    expect(page.get_by_test_id("status")).to_have_text("Đã xử lý xong")
    with page.expect_download() as decision_file:
        page.get_by_test_id("decision-pdf").click()
    assert decision.symbol.split("/")[0] in _pdf_text(decision_file.value.path())
    with page.expect_download() as certificate:
        page.get_by_test_id("certificate-pdf").click()
    assert "Tòng Văn Dũng" in _pdf_text(certificate.value.path())
    page.reload()
    expect(page.get_by_test_id("status")).to_have_text("Đã trả kết quả")

    # 7. The certificate's QR code opens the verification page: valid, then revoked.
    application.refresh_from_db()
    line = application.decision_line
    url = verification_url(line.verification_token)
    assert url.startswith(base)
    page.goto(url)
    expect(page.get_by_test_id("verify-status")).to_contain_text("Còn hiệu lực")
    award_services.award_revoke(
        actor=desk.cast.an,
        award=line.award,
        reason="b",
        decision_symbol="15/QĐ-UBND",
        decided_on=date(2026, 10, 1),
    )
    page.reload()
    expect(page.get_by_test_id("verify-status")).to_contain_text("thu hồi")

"""The portal's pages through the test client: caching, the citizen's session, the form, the desk."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from thidua.public.models import Application, ApplicationFile, CitizenAccount, Status
from thidua.public.services import applications as services
from thidua.public.tests.conftest import PASSWORD, at, minimal_pdf
from thidua.public.tests.test_applications import submitted
from thidua.testing.cast import PASSWORD as STAFF_PASSWORD

pytestmark = pytest.mark.django_db


def citizen_client(account: CitizenAccount) -> Client:
    client = Client()
    response = client.post(reverse("public:login"), {"login": account.login, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_public_pages_are_cacheable_and_carry_no_token(client, desk):
    for url in [
        reverse("public:home"),
        reverse("public:procedures"),
        reverse("public:procedure", args=[desk.procedure.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
        assert b"csrfmiddlewaretoken" not in response.content
        assert "Set-Cookie" not in response.headers
    page = client.get(reverse("public:procedure", args=[desk.procedure.pk])).content.decode()
    assert "Báo cáo tóm tắt thành tích" in page and "03 ngày làm việc" not in page


def test_sign_up_confirm_and_sign_in(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("public:register"),
            {"full_name": "Lò Thị Lan", "login": "lan@example.vn", "password": PASSWORD, "website": ""},
        )
    assert response.status_code == 302 and response["Location"] == reverse("public:verify_account")
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    response = client.post(reverse("public:verify_account"), {"code": code})
    assert response.status_code == 302
    page = client.get(reverse("public:account"))
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    assert "Hồ sơ của tôi" in page.content.decode()


def test_the_account_pages_need_a_citizen_session_not_a_staff_one(client, desk):
    response = client.get(reverse("public:account"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("public:login"))
    client.login(username="an", password=STAFF_PASSWORD)
    assert client.get(reverse("public:account")).status_code == 302


def test_the_citizen_fills_attaches_and_sends_through_the_pages(desk, lan):
    client = citizen_client(lan)
    response = client.post(reverse("public:apply", args=[desk.procedure.pk]))
    application = Application.objects.get()
    assert response["Location"] == reverse("public:application", args=[application.pk])
    url = reverse("public:application", args=[application.pk])
    form = {
        "applicant_name": "Lò Thị Lan",
        "applicant_phone": "0912345678",
        "applicant_email": "lan@example.vn",
        "subject_name": "Tòng Văn Dũng",
        "subject_sex": "M",
        "achievement": "Cứu hai cháu nhỏ bị nước lũ cuốn trôi.",
        "act_date": "15/08/2026",
        "save": "1",
    }
    assert client.post(url, form).status_code == 302
    page = client.post(url, {**form, "submit": "1"}, follow=True).content.decode()
    assert "Đính kèm “Báo cáo tóm tắt thành tích”" in page  # refused: the summary is missing
    bad = SimpleUploadedFile("bao-cao.pdf", b"\x7fELF" + b"\x00" * 100)
    page = client.post(
        reverse("public:file_upload", args=[application.pk]),
        {"component": desk.summary.pk, "file": bad},
        follow=True,
    ).content.decode()
    assert "bao-cao.pdf" in page and not ApplicationFile.objects.exists()
    good = SimpleUploadedFile("bao-cao.pdf", minimal_pdf())
    client.post(
        reverse("public:file_upload", args=[application.pk]), {"component": desk.summary.pk, "file": good}
    )
    assert ApplicationFile.objects.count() == 1
    page = client.post(url, {**form, "submit": "1"}, follow=True).content.decode()
    application.refresh_from_db()
    assert application.status == Status.NEW and application.code in page


def test_another_citizen_gets_404(desk, lan):
    application = submitted(desk, lan)
    from thidua.public.tests.conftest import verified_citizen

    other = citizen_client(verified_citizen("0987654321", "Vàng A Páo"))
    assert other.get(reverse("public:application", args=[application.pk])).status_code == 404
    assert other.get(reverse("public:receipt", args=[application.pk])).status_code == 404


def test_the_desk_accepts_and_outsiders_get_404(client, desk, lan):
    application = submitted(desk, lan)
    client.login(username="dung", password=STAFF_PASSWORD)
    assert client.get(reverse("public:desk_detail", args=[application.pk])).status_code == 404
    assert application.code not in client.get(reverse("public:desk")).content.decode()
    client.login(username="an", password=STAFF_PASSWORD)
    assert application.code in client.get(reverse("public:desk")).content.decode()
    response = client.post(
        reverse("public:desk_detail", args=[application.pk]),
        {"accept": "1", "proposing_unit": desk.desk.pk, "person": ""},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED and application.proposal is not None
    receipt = client.get(reverse("public:desk_receipt", args=[application.pk]))
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")


def test_tracking_page(client, desk, lan):
    application = submitted(desk, lan)
    services.application_accept(actor=desk.cast.an, application=application, now=at(2026, 8, 21, 10))
    page = client.get(reverse("public:track"), {"ma": application.code.lower()})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Được tiếp nhận" in text and "25/08/2026" in text
    assert "Tòng Văn Dũng" not in text and "Lò Thị Lan" not in text
    assert client.get(reverse("public:track"), {"ma": "XX-000000-0000"}).status_code == 404


def test_tracking_is_throttled(client, desk, settings):
    from thidua.public.views import applications as views

    for _ in range(views.TRACK_LIMIT):
        client.get(reverse("public:track"), {"ma": "XX-1"})
    assert client.get(reverse("public:track"), {"ma": "XX-1"}).status_code == 429


def test_the_desk_edits_the_procedures_catalogue(client, desk):
    client.login(username="an", password=STAFF_PASSWORD)
    url = reverse("public:desk_procedure_edit", args=[desk.procedure.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "code": "VD-XA-GK-DX",
        "name": "Tặng Giấy khen của Chủ tịch UBND xã về thành tích đột xuất",
        "level": "XA",
        "online_level": "FULL",
        "authority_unit": desk.cast.commune.pk,
        "intake_unit": desk.desk.pk,
        "award_code": "GIAY_KHEN",
        "subject_kind": "INDIVIDUAL",
        "simplified": "on",
        "simplified_case": "EXCEPTIONAL",
        "deadline_value": "7",
        "deadline_unit": "WORKING_DAYS",
        "deadline_start": "kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee_vnd": "0",
        "external": "on",
        "valid_from": "01/07/2025",
        "order": "1",
        "components-TOTAL_FORMS": "3",
        "components-INITIAL_FORMS": "2",
        "components-MIN_NUM_FORMS": "0",
        "components-MAX_NUM_FORMS": "1000",
        "components-0-id": desk.summary.pk,
        "components-0-name": "Báo cáo tóm tắt thành tích",
        "components-0-copy_kind": "ORIGINAL",
        "components-0-copies": "1",
        "components-0-required": "on",
        "components-0-dossier_kind": "SUMMARY_REPORT",
        "components-0-order": "1",
        "components-1-id": desk.photos.pk,
        "components-1-name": "Ảnh về sự việc",
        "components-1-copy_kind": "EITHER",
        "components-1-copies": "1",
        "components-1-dossier_kind": "OTHER",
        "components-1-order": "2",
        "components-1-DELETE": "on",
        "components-2-name": "Giấy xác nhận của trưởng bản",
        "components-2-copy_kind": "ORIGINAL",
        "components-2-copies": "1",
        "components-2-dossier_kind": "OTHER",
        "components-2-order": "3",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    desk.procedure.refresh_from_db()
    assert desk.procedure.deadline_value == 7
    assert list(desk.procedure.components.values_list("name", flat=True)) == [
        "Báo cáo tóm tắt thành tích",
        "Giấy xác nhận của trưởng bản",
    ]
    client.logout()
    client.login(username="dung", password=STAFF_PASSWORD)
    assert client.get(url).status_code == 404


def test_the_home_dashboard_counts_dossiers_waiting_at_the_desk(client, desk, lan):
    from thidua.reports.dashboard import online_applications_waiting

    submitted(desk, lan)
    submitted(desk, lan)
    items = online_applications_waiting(desk.cast.an)
    assert [(i.key, i.count) for i in items] == [("online_dossiers", 2)]
    assert [(i.key, i.count) for i in online_applications_waiting(desk.cast.dung)] == [("online_dossiers", 0)]
    assert online_applications_waiting(desk.cast.binh) == []
    client.login(username="an", password=STAFF_PASSWORD)
    assert "Hồ sơ trực tuyến chờ tiếp nhận" in client.get("/").content.decode()


def test_the_slips_download_for_the_applicant_and_the_desk_only(client, desk, lan):
    from datetime import date

    from thidua.proposals import services as proposal_services

    application = submitted(desk, lan)
    services.application_accept(actor=desk.cast.an, application=application, now=at(2026, 8, 21, 10))
    application.refresh_from_db()
    proposal_services.proposal_return_for_supplement(
        actor=desk.cast.an, proposal=application.proposal, reasons="Bổ sung xác nhận.", on=date(2026, 8, 24)
    )
    request = application.supplements.get()
    mine = citizen_client(lan)
    page = mine.get(reverse("public:application", args=[application.pk])).content.decode()
    assert reverse("public:supplement_slip", args=[application.pk, request.pk]) in page
    slip = mine.get(reverse("public:supplement_slip", args=[application.pk, request.pk]))
    assert slip.status_code == 200 and slip.content.startswith(b"%PDF")
    assert mine.get(reverse("public:refusal_slip", args=[application.pk])).status_code == 404
    client.login(username="an", password=STAFF_PASSWORD)
    assert (
        client.get(reverse("public:desk_supplement_slip", args=[application.pk, request.pk])).status_code
        == 200
    )
    client.login(username="dung", password=STAFF_PASSWORD)
    assert (
        client.get(reverse("public:desk_supplement_slip", args=[application.pk, request.pk])).status_code
        == 404
    )


def test_the_desk_gives_a_new_date_and_the_applicant_downloads_the_apology(client, desk, lan):
    from django.utils import timezone

    application = submitted(desk, lan)
    services.application_accept(actor=desk.cast.an, application=application, now=timezone.now())
    application.refresh_from_db()
    later = application.due_on.replace(year=application.due_on.year + 1)
    client.login(username="an", password=STAFF_PASSWORD)
    response = client.post(
        reverse("public:desk_detail", args=[application.pk]),
        {
            "reschedule": "1",
            "hen-lai-new_due_on": later.strftime("%d/%m/%Y"),
            "hen-lai-reason": "Chờ xác minh.",
        },
    )
    assert response.status_code == 302
    entry = application.reschedules.get()
    page = citizen_client(lan).get(reverse("public:application", args=[application.pk])).content.decode()
    assert later.strftime("%d/%m/%Y") in page
    slip = citizen_client(lan).get(reverse("public:apology_slip", args=[application.pk, entry.pk]))
    assert slip.status_code == 200 and slip.content.startswith(b"%PDF")


def test_the_desk_downloads_the_dossier_log_book(client, desk, lan):
    import io

    from openpyxl import load_workbook

    first = submitted(desk, lan)
    services.application_accept(actor=desk.cast.an, application=first, now=at(2026, 8, 21, 10))
    second = submitted(desk, lan, when=at(2026, 8, 21, 9))
    services.application_refuse(
        actor=desk.cast.an, application=second, reason="=Ngoài địa bàn", now=at(2026, 8, 21)
    )
    submitted(desk, lan, when=at(2026, 9, 2, 9))  # outside the period
    client.login(username="an", password=STAFF_PASSWORD)
    response = client.get(reverse("public:desk_logbook"), {"tu": "01/08/2026", "den": "31/08/2026"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert [r[1] for r in rows] == [first.code, second.code]
    assert rows[0][7] == "21/08/2026" and rows[0][8] == "25/08/2026" and rows[0][9] == "Được tiếp nhận"
    assert rows[1][12] == "'=Ngoài địa bàn"  # defused
    bad = client.get(reverse("public:desk_logbook"), {"tu": "31/08/2026", "den": "01/08/2026"})
    assert bad.status_code == 302
    client.login(username="binh", password=STAFF_PASSWORD)
    assert client.get(reverse("public:desk_logbook")).status_code == 404

"""The online application from the citizen's draft to the result, through the proposals pipeline."""

import re
import subprocess
import unicodedata
from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.accounts.models import Role
from thidua.core.errors import DomainError, NotFound, ValidationFailed
from thidua.decisions import services as decision_services
from thidua.proposals import services as proposal_services
from thidua.proposals.models import DossierPart, ProposalStatus
from thidua.public import selectors
from thidua.public.models import ApplicationEvent, ApplicationFile, Status
from thidua.public.services import applications as services
from thidua.public.services.accounts import account_register
from thidua.public.tests.conftest import at, pdf_upload, verified_citizen
from thidua.testing.cast import make_user

pytestmark = pytest.mark.django_db

FORM = {
    "applicant_name": "Lò Thị Lan",
    "applicant_phone": "0912345678",
    "applicant_email": "lan@example.vn",
    "applicant_address": "Bản Nà Ún, xã Tân Uyên",
    "subject_name": "Tòng Văn Dũng",
    "subject_sex": "M",
    "subject_birth_date": date(1990, 3, 2),
    "subject_address": "Bản Nà Ún, xã Tân Uyên",
    "subject_relation": "Hàng xóm",
    "achievement": "Lao xuống suối Nậm Mu   lúc nước lũ\n\n\ncứu hai cháu nhỏ bị nước cuốn.",
    "act_date": date(2026, 8, 15),
    "act_place": "Suối Nậm Mu",
}


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)  # noqa: S607
    return out.stdout.decode()


def submitted(desk, lan, *, when=None):
    application = services.application_start(account=lan, procedure=desk.procedure, now=at(2026, 8, 20))
    services.application_save(account=lan, application=application, fields=FORM, now=at(2026, 8, 20))
    services.file_attach(
        account=lan, application=application, upload=pdf_upload(), component=desk.summary, now=at(2026, 8, 20)
    )
    return services.application_submit(account=lan, application=application, now=when or at(2026, 8, 20, 10))


def test_a_draft_is_kept_incomplete_and_refused_on_submission_until_complete(desk, lan):
    application = services.application_start(account=lan, procedure=desk.procedure, now=at(2026, 8, 20))
    assert application.status == Status.DRAFT and application.applicant_email == "lan@example.vn"
    services.application_save(
        account=lan,
        application=application,
        fields={"subject_name": "  Tòng  Văn Dũng "},
        now=at(2026, 8, 20),
    )
    with pytest.raises(ValidationFailed) as refused:
        services.application_submit(account=lan, application=application, now=at(2026, 8, 20))
    assert set(refused.value.errors) == {"achievement", "subject_sex", "files"}
    assert "Báo cáo tóm tắt thành tích" in refused.value.errors["files"][0]
    application.refresh_from_db()
    assert application.code is None and application.subject_name == "Tòng Văn Dũng"


def test_form_text_is_stored_as_nfc_with_blank_lines_collapsed(desk, lan):
    application = services.application_start(account=lan, procedure=desk.procedure, now=at(2026, 8, 20))
    services.application_save(
        account=lan,
        application=application,
        fields={**FORM, "subject_name": unicodedata.normalize("NFD", "Tòng Văn Dũng")},
        now=at(2026, 8, 20),
    )
    application.refresh_from_db()
    assert application.subject_name == unicodedata.normalize("NFC", "Tòng Văn Dũng")
    assert application.achievement == "Lao xuống suối Nậm Mu lúc nước lũ\n\ncứu hai cháu nhỏ bị nước cuốn."


def test_a_future_date_is_refused(desk, lan):
    application = services.application_start(account=lan, procedure=desk.procedure, now=at(2026, 8, 20))
    with pytest.raises(ValidationFailed) as refused:
        services.application_save(
            account=lan, application=application, fields={"act_date": date(2026, 9, 1)}, now=at(2026, 8, 20)
        )
    assert "act_date" in refused.value.errors


def test_an_unconfirmed_account_cannot_apply(desk):
    account = account_register(
        full_name="Vàng A Páo", login="0987654321", password="mat-khau-cong-dan-2026", now=at(2026, 8, 20)
    )
    with pytest.raises(DomainError):
        services.application_start(account=account, procedure=desk.procedure, now=at(2026, 8, 20))


def test_submission_gives_a_dossier_code_with_a_daily_serial(desk, lan):
    first = submitted(desk, lan)
    assert first.status == Status.NEW
    assert first.code == "C-260820-0001"
    second = submitted(desk, lan)
    assert second.code == "C-260820-0002"
    next_day = submitted(desk, lan, when=at(2026, 8, 21, 8))
    assert next_day.code == "C-260821-0001"
    assert [e.to_status for e in first.events.all()] == [Status.NEW]


def test_the_code_format_is_configuration(desk, lan, settings):
    settings.THIDUA_DOSSIER_CODE_FORMAT = "000.00.{unit}-{date:%y%m%d}-{serial:04d}"
    assert submitted(desk, lan).code == "000.00.C-260820-0001"


def test_acceptance_makes_a_proposal_and_a_receipt_due_in_working_days(
    desk, lan, django_capture_on_commit_callbacks
):
    application = submitted(desk, lan)
    with django_capture_on_commit_callbacks(execute=True):
        # Friday 21/08/2026 before 15:00; Saturday 22/08 is a worked swap day: 22, 24, 25 → Tuesday 25/08.
        services.application_accept(actor=desk.cast.an, application=application, now=at(2026, 8, 21, 10))
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    assert application.received_on == date(2026, 8, 21)
    assert application.due_on == date(2026, 8, 25)
    proposal = application.proposal
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.processing_days == 3 and proposal.due_on == application.due_on
    assert proposal.proposing_unit == desk.desk and proposal.authority_unit == desk.cast.commune
    assert proposal.simplified and proposal.simplified_case == "EXCEPTIONAL"
    nominee = application.nominee
    assert nominee.person.full_name == "Tòng Văn Dũng" and nominee.award_code == "GIAY_KHEN"
    assert nominee.person.unit == desk.desk
    assert list(DossierPart.objects.filter(proposal=proposal).values_list("kind", flat=True)) == [
        "SUMMARY_REPORT"
    ]
    # The receipt is a real A5 PDF with the code and the due date, and it was e-mailed.
    with application.receipt_pdf.open("rb") as handle:
        data = handle.read()
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],  # noqa: S607
        input=data,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "C-260820-0001" in text and "ngày 25/08/2026" in text
    assert "03 ngày làm việc" in text
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()  # noqa: S607
    assert re.search(r"Page size:\s+419\.\d+ x 595\.\d+ pts", info)  # A5
    receipts = [m for m in mail.outbox if "25/08/2026" in m.subject]
    assert receipts and receipts[0].to == ["lan@example.vn"]
    assert receipts[0].attachments[0][0] == "giay-tiep-nhan-C-260820-0001.pdf"


def test_a_dossier_accepted_after_three_pm_counts_from_the_next_working_day(desk, lan):
    application = submitted(desk, lan)
    services.application_accept(actor=desk.cast.an, application=application, now=at(2026, 8, 21, 15, 30))
    application.refresh_from_db()
    # Received Saturday 22/08 (worked swap day): 24, 25, 26.
    assert application.received_on == date(2026, 8, 22)
    assert application.due_on == date(2026, 8, 26)


def test_only_the_authoritys_desk_may_accept(desk, lan):
    application = submitted(desk, lan)
    with pytest.raises(NotFound):
        services.application_accept(actor=desk.cast.dung, application=application, now=at(2026, 8, 21, 10))
    with pytest.raises(NotFound):
        services.application_accept(actor=desk.cast.binh, application=application, now=at(2026, 8, 21, 10))


def test_refusal_tells_the_applicant_why(desk, lan, django_capture_on_commit_callbacks):
    application = submitted(desk, lan)
    with pytest.raises(ValidationFailed):
        services.application_refuse(
            actor=desk.cast.an, application=application, reason="  ", now=at(2026, 8, 21)
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_refuse(
            actor=desk.cast.an,
            application=application,
            reason="Sự việc xảy ra ngoài địa bàn xã.",
            now=at(2026, 8, 21),
        )
    application.refresh_from_db()
    assert application.status == Status.REFUSED and application.proposal is None
    refusal = [m for m in mail.outbox if "ngoài địa bàn" in m.body]
    assert refusal and refusal[0].attachments[0][0] == f"phieu-tu-choi-{application.code}.pdf"
    with application.refusal_pdf.open("rb") as handle:
        text = _text(handle.read())
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text and "ngoài địa bàn xã" in text
    with pytest.raises(DomainError):
        services.application_accept(actor=desk.cast.an, application=application, now=at(2026, 8, 21))


def test_a_supplement_pauses_the_clock_and_restarts_it_with_a_new_receipt(
    desk, lan, django_capture_on_commit_callbacks
):
    application = submitted(desk, lan)
    services.application_accept(actor=desk.cast.an, application=application, now=at(2026, 8, 21, 10))
    application.refresh_from_db()
    first_receipt = application.receipt_number
    proposal = application.proposal
    proposal_services.proposal_accept_for_appraisal(
        actor=desk.cast.an, proposal=proposal, on=date(2026, 8, 24)
    )
    application.refresh_from_db()
    assert application.status == Status.PROCESSING
    with django_capture_on_commit_callbacks(execute=True):
        proposal_services.proposal_return_for_supplement(
            actor=desk.cast.an,
            proposal=proposal,
            reasons="Bổ sung xác nhận của trưởng bản Nà Ún vào báo cáo.",
            on=date(2026, 8, 24),
        )
    application.refresh_from_db()
    assert application.status == Status.SUPPLEMENT and application.due_on is None
    request = application.supplements.get()
    assert "trưởng bản" in request.reasons
    with request.slip_pdf.open("rb") as handle:
        slip = _text(handle.read())
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in slip and "trưởng bản Nà Ún" in slip
    assert "Officer An" in slip  # the officer who returned it signs the guidance
    assert any("trưởng bản" in m.body and m.to == ["lan@example.vn"] for m in mail.outbox)
    with pytest.raises(ValidationFailed):
        services.supplement_send(account=lan, application=application, note="", now=at(2026, 8, 26, 9))
    services.file_attach(
        account=lan,
        application=application,
        upload=pdf_upload("xac-nhan-truong-ban.pdf", "Xac nhan"),
        component=desk.summary,
        now=at(2026, 8, 26, 9),
    )
    services.supplement_send(
        account=lan, application=application, note="Đã có xác nhận.", now=at(2026, 8, 26, 9)
    )
    application.refresh_from_db()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RESUBMITTED
    assert application.status == Status.PROCESSING
    # Restart: three working days from Wednesday 26/08 → 27, 28, then Monday 31/08 is the swap day off → 01/09
    # and 02/09 are National Day → Thursday 03/09.
    assert application.due_on == date(2026, 9, 3)
    assert proposal.due_on == application.due_on  # the desk's reminders fall on the applicant's date
    assert application.receipt_number == first_receipt + 1
    assert DossierPart.objects.filter(proposal=proposal).count() == 2
    assert ApplicationFile.objects.get(original_name="xac-nhan-truong-ban.pdf").supplement == request


def decide(desk, application):
    cast = desk.cast
    proposal = application.proposal
    proposal_services.proposal_accept_for_appraisal(actor=cast.an, proposal=proposal, on=date(2026, 8, 24))
    proposal_services.proposal_send_to_council(actor=cast.an, proposal=proposal, on=date(2026, 8, 24))
    proposal_services.nominee_set_council_outcome(
        actor=cast.chau, nominee=application.nominee, outcome="APPROVED", votes_summary="5/5"
    )
    proposal_services.proposal_mark_council_done(actor=cast.chau, proposal=proposal, on=date(2026, 8, 25))
    chairman = make_user("hung", cast.commune, Role.SIGNATORY, "Lò Văn Hùng")
    decision = decision_services.decision_draft_from_nominees(
        actor=cast.an,
        authority_unit=cast.commune,
        nominees=[application.nominee],
        decided_on=date(2026, 8, 25),
        signer_name="Lò Văn Hùng",
        title="Về việc tặng Giấy khen cho cá nhân có thành tích đột xuất",
    )
    return decision_services.decision_issue(actor=chairman, decision=decision, issued_on=date(2026, 8, 25))


def test_the_decision_settles_the_dossier_and_the_result_is_delivered_online(
    desk, lan, django_capture_on_commit_callbacks
):
    application = submitted(desk, lan)
    services.application_accept(actor=desk.cast.an, application=application, now=at(2026, 8, 21, 10))
    application.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(desk, application)
    application.refresh_from_db()
    assert application.status == Status.DONE
    assert application.decision_line.decision == decision
    assert decision.symbol in application.result_note
    assert any("Result of dossier" in m.subject or "Kết quả" in m.subject for m in mail.outbox)
    result = selectors.result_of(application)
    assert result is not None and result.has_certificate
    certificate = selectors.certificate_pdf(result)
    text = subprocess.run(
        ["pdftotext", "-", "-"],  # noqa: S607
        input=certificate,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "Tòng Văn Dũng" in text
    assert selectors.decision_pdf(result).startswith(b"%PDF")
    services.result_delivered(account=lan, application=application, now=at(2026, 8, 26))
    application.refresh_from_db()
    assert application.status == Status.DELIVERED and application.delivered_at is not None
    statuses = list(
        ApplicationEvent.objects.filter(application=application).values_list("to_status", flat=True)
    )
    assert statuses == [Status.NEW, Status.ACCEPTED, Status.PROCESSING, Status.DONE, Status.DELIVERED]


def test_withdrawal_withdraws_the_proposal(desk, lan):
    application = submitted(desk, lan)
    services.application_accept(actor=desk.cast.an, application=application, now=at(2026, 8, 21, 10))
    services.application_withdraw(
        account=lan, application=application, reason="Gia đình không muốn.", now=at(2026, 8, 22)
    )
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert application.proposal.status == ProposalStatus.WITHDRAWN


def test_another_citizen_cannot_touch_the_dossier(desk, lan):
    application = submitted(desk, lan)
    other = verified_citizen("0987654321", "Vàng A Páo")
    assert selectors.application_of(other, application.pk) is None
    with pytest.raises(NotFound):
        services.application_withdraw(account=other, application=application, reason="", now=at(2026, 8, 22))
    with pytest.raises(NotFound):
        services.file_attach(
            account=other, application=application, upload=pdf_upload(), component=None, now=at(2026, 8, 22)
        )


def test_a_refused_upload_leaves_nothing_behind(desk, lan, settings):
    application = services.application_start(account=lan, procedure=desk.procedure, now=at(2026, 8, 20))
    program = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")
    with pytest.raises(ValidationFailed) as refused:
        services.file_attach(
            account=lan, application=application, upload=program, component=desk.summary, now=at(2026, 8, 20)
        )
    assert "bao-cao.pdf" in str(refused.value)
    assert not ApplicationFile.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_tracking_by_code_shows_the_status_and_no_names(desk, lan):
    application = submitted(desk, lan)
    found = selectors.application_by_code(" c-260820-0001 ")
    assert found is not None and found.code == application.code and found.status == Status.NEW
    assert "Dũng" not in repr(found) and "Lan" not in repr(found)
    assert selectors.application_by_code("C-260820-0099") is None


def _zip_bomb() -> bytes:
    """A docx-like file of about 200 KB holding one part of 200 MB of zeros, written in a stream."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(200):
                part.write(b"\0" * 1024 * 1024)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("anh.gif", lambda: b"GIF89a" + b"\x00" * 64, "anh.gif"),
        ("bao-cao.pdf", lambda: b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1), "10 MB"),
        ("bao-cao.pdf", lambda: b"MZ\x90\x00" + b"\x00" * 200, "bao-cao.pdf"),
        ("bao-cao.docx", _zip_bomb, "bao-cao.docx"),
    ],
    ids=["wrong type", "oversized", "program renamed to pdf", "zip bomb"],
)
def test_every_kind_of_bad_upload_is_refused_and_nothing_is_stored(desk, lan, settings, name, make, says):
    application = services.application_start(account=lan, procedure=desk.procedure, now=at(2026, 8, 20))
    upload = SimpleUploadedFile(name, make())
    with pytest.raises(ValidationFailed) as refused:
        services.file_attach(
            account=lan, application=application, upload=upload, component=desk.summary, now=at(2026, 8, 20)
        )
    assert says in str(refused.value)
    assert not ApplicationFile.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_household_procedure_proposes_the_household_from_its_village(desk, lan):
    from thidua.organization.models import Household, UnitKind
    from thidua.organization.services import unit_create

    village = unit_create(
        actor=None, code="C-NAUN", name="Bản Nà Ún", kind=UnitKind.VILLAGE, parent=desk.cast.commune
    )
    desk.procedure.subject_kind = "HOUSEHOLD"
    desk.procedure.name = "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã cho hộ gia đình"
    desk.procedure.save()
    application = submitted(desk, lan)
    with pytest.raises(ValidationFailed) as refused:
        services.application_accept(actor=desk.cast.an, application=application, now=at(2026, 8, 21, 10))
    assert "proposing_unit" in refused.value.errors
    services.application_accept(
        actor=desk.cast.an, application=application, now=at(2026, 8, 21, 10), proposing_unit=village
    )
    application.refresh_from_db()
    nominee = application.nominee
    household = Household.objects.get()
    assert nominee.subject_kind == "HOUSEHOLD" and nominee.household == household
    assert household.village == village and household.head.full_name == "Tòng Văn Dũng"
    assert application.proposal.proposing_unit == village and application.status == Status.ACCEPTED


def test_a_collective_procedure_is_not_accepted_online_yet(desk, lan):
    desk.procedure.subject_kind = "COLLECTIVE"
    desk.procedure.save()
    application = submitted(desk, lan)
    with pytest.raises(DomainError):
        services.application_accept(actor=desk.cast.an, application=application, now=at(2026, 8, 21, 10))


def test_a_late_result_gets_an_apology_and_a_new_date_before_the_due_date(
    desk, lan, django_capture_on_commit_callbacks
):
    application = submitted(desk, lan)
    services.application_accept(actor=desk.cast.an, application=application, now=at(2026, 8, 21, 10))
    application.refresh_from_db()
    assert application.due_on == date(2026, 8, 25)
    with pytest.raises(ValidationFailed) as refused:
        services.application_reschedule(
            actor=desk.cast.an,
            application=application,
            new_due_on=date(2026, 8, 25),
            reason="",
            now=at(2026, 8, 24),
        )
    assert set(refused.value.errors) == {"new_due_on", "reason"}
    with pytest.raises(NotFound):
        services.application_reschedule(
            actor=desk.cast.dung,
            application=application,
            new_due_on=date(2026, 9, 4),
            reason="x",
            now=at(2026, 8, 24),
        )
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.application_reschedule(
            actor=desk.cast.an,
            application=application,
            new_due_on=date(2026, 9, 4),
            reason="Chờ ý kiến xác minh của Công an xã.",
            now=at(2026, 8, 24),
        )
    application.refresh_from_db()
    assert application.due_on == date(2026, 9, 4) and entry.old_due_on == date(2026, 8, 25)
    with entry.slip_pdf.open("rb") as handle:
        text = _text(handle.read())
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text and "ngày 04/09/2026" in text
    assert "Công an xã" in text
    sent = [m for m in mail.outbox if "04/09/2026" in m.subject]
    assert sent and sent[0].attachments[0][0] == f"phieu-xin-loi-hen-lai-{application.code}.pdf"
    assert application.events.last().note.startswith("New due date 04/09/2026")
    # After the due date has passed, the apology comes too late.
    with pytest.raises(DomainError):
        services.application_reschedule(
            actor=desk.cast.an,
            application=application,
            new_due_on=date(2026, 9, 30),
            reason="x",
            now=at(2026, 9, 7),
        )

"""Browser story in Chromium: the 2026 year-end round of xã Tân Uyên, from a proposal to the register.

The school proposes 12 LĐTT, 2 CSTĐCS and its collective for TTLĐTT from an Excel list; the system refuses
the list while a report is missing; the commune officer returns it for a missing report; the school
resubmits; the council votes by secret ballot (one member absent) and by paper; the chairman issues the
decision; certificates and the payment list come out; the register shows the awards; and the school's
proposal for a Bằng khen tỉnh goes on to the province.

The demo register already holds the school's 2025 titles (decided on 15/01/2026), so the round is the next
one: achievements of 2026, council on 10/12/2026, decision on 15/01/2027 (base salary 2,530,000 đ).
"""

import io
import re
import subprocess
from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook
from playwright.sync_api import FilePayload, Page, expect

from thidua.awards.models import Award, Rating, Scope
from thidua.awards.services import evaluation_set, initiative_record, unit_evaluation_set
from thidua.council.models import AgendaItem, Council, CouncilSession, Poll, PollMethod, PollResult
from thidua.decisions.models import Decision, DecisionStatus
from thidua.decisions.selectors import certificate_lines
from thidua.demo.world import DEMO_PASSWORD, build_demo_world
from thidua.organization.models import Person, Sex, Unit
from thidua.organization.services import person_create
from thidua.proposals.models import CouncilOutcome, Nominee, Proposal, ProposalStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2026
BASE_SALARY = 2_530_000  # from 01/07/2026 (NĐ 161/2026)
SCHOOL = "Trường THCS thị trấn Tân Uyên"
COMMUNE = "Ủy ban nhân dân xã Tân Uyên"
PROVINCE = "Ủy ban nhân dân tỉnh Lai Châu"
# Thirteen more teachers, so the school has fifteen: (family, middle, given, sex, born)
TEACHERS = [
    ("Nguyễn", "Thị", "Hoa", Sex.FEMALE, date(1985, 3, 12)),
    ("Lò", "Văn", "Quý", Sex.MALE, date(1979, 7, 2)),
    ("Tòng", "Thị", "Xuân", Sex.FEMALE, date(1990, 11, 23)),
    ("Đặng", "Văn", "Tài", Sex.MALE, date(1983, 1, 30)),
    ("Vàng", "Thị", "Dợ", Sex.FEMALE, date(1992, 5, 17)),
    ("Hoàng", "Minh", "Đức", Sex.MALE, date(1987, 9, 9)),
    ("Lường", "Thị", "Ánh", Sex.FEMALE, date(1988, 4, 4)),
    ("Phan", "Thanh", "Bình", Sex.MALE, date(1981, 12, 1)),
    ("Giàng", "A", "Chứ", Sex.MALE, date(1994, 6, 20)),
    ("Trần", "Thị Thu", "Hương", Sex.FEMALE, date(1986, 8, 15)),
    ("Lê", "Văn", "Khánh", Sex.MALE, date(1984, 2, 28)),
    ("Bạc", "Thị", "Lả", Sex.FEMALE, date(1991, 10, 5)),
    ("Vũ", "Đức", "Mạnh", Sex.MALE, date(1980, 3, 3)),
]


@pytest.fixture
def demo_world():
    call_command("import_admin_units", verbosity=0)
    build_demo_world(people_per_unit=2, progress=lambda _s: None)
    # The province's People's Committee is above the commune, so a proposal can be forwarded to it.
    assert Unit.objects.get(code="XTU-UBND").parent.code == "LC-UBND"
    school = Unit.objects.get(code="TT-TU-THCS")
    for i, (family, middle, given, sex, born) in enumerate(TEACHERS):
        person_create(
            actor=None,
            unit=school,
            family_name=family,
            middle_name=middle,
            given_name=given,
            sex=sex,
            date_of_birth=born,
            id_number=f"012{'0' if sex == Sex.MALE else '1'}{born.year % 100:02d}{970001 + i:06d}",
            position="Giáo viên",
            is_direct_worker=True,
            joined_on=date(2015, 8, 15),
            reason="demo",
        )
    teachers = list(Person.objects.filter(unit=school).order_by("id"))
    assert len(teachers) >= 15
    star, second = teachers[0], teachers[2]
    # The school's evaluation meeting for 2026: twelve teachers complete their tasks well or excellently.
    for person in teachers[:12]:
        rating = Rating.HTXS if person in (star, second) else Rating.HTT
        evaluation_set(actor=None, person=person, year=YEAR, rating=rating, source="demo")
    for person in teachers[12:]:
        evaluation_set(actor=None, person=person, year=YEAR, rating=Rating.HT, source="demo")
    unit_evaluation_set(actor=None, unit=school, year=YEAR, rating=Rating.HTT, source="demo")
    for year, title in (
        (2025, "Dạy học dự án môn Ngữ văn gắn với văn hóa các dân tộc Tân Uyên"),
        (2026, "Chuyển đổi số trong kiểm tra, đánh giá học sinh trung học cơ sở"),
    ):
        initiative_record(
            actor=None,
            person=star,
            year=year,
            title=title,
            scope=Scope.CO_SO,
            recognised_by="Hội đồng sáng kiến xã Tân Uyên",
            recognised_on=date(year, 11, 25),
        )
    return {"school": school, "teachers": teachers, "star": star, "second": second}


def _login(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("current-user")).to_be_visible()


def _pdf(name: str) -> bytes:
    body = f"% {name}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"
    return b"%PDF-1.4\n" + body.encode() + b"%%EOF\n"


def _attach(page: Page, kind: str, name: str, nominee: Nominee | None = None) -> None:
    form = page.get_by_test_id("dossier-upload")
    form.locator("#id_kind").select_option(kind)
    form.locator("#id_nominee").select_option(str(nominee.pk) if nominee else "")
    form.locator("#id_file").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": _pdf(name)}
    )
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def _command(page: Page, command: str, reason: str = "") -> None:
    if reason:
        page.get_by_test_id("return-reason").fill(reason)
    with page.expect_navigation():
        page.get_by_test_id(f"command-{command}").click()


def _status(page: Page, pattern: str) -> None:
    expect(page.get_by_test_id("proposal-status")).to_have_text(re.compile(pattern))


def _nominee_sheet(teachers: list[Person], ldtt: list[Person], cstdcs: list[Person]) -> bytes:
    """The list as the school types it: one row per person and award, the collective without a name."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Số định danh", "Đơn vị", "Chức vụ", "Hình thức/Danh hiệu",
                  "Năm", "Tóm tắt thành tích"])  # fmt: skip
    rows = [(p, "Lao động tiên tiến") for p in ldtt] + [(p, "Chiến sĩ thi đua cơ sở") for p in cstdcs]
    for number, (p, award) in enumerate(rows, start=1):
        sheet.append(
            [
                number,
                p.full_name,
                p.date_of_birth.strftime("%d/%m/%Y") if p.date_of_birth else "",
                p.id_number,
                "TT-TU-THCS",
                p.position or "Giáo viên",
                award,
                YEAR,
                f"Hoàn thành tốt nhiệm vụ năm học 2025-2026; {award.lower()} năm {YEAR}.",
            ]
        )
    sheet.append(
        [len(rows) + 1, "", "", "", "TT-TU-THCS", "", "Tập thể lao động tiên tiến", YEAR,
         "Tập thể hoàn thành tốt nhiệm vụ, trên 50% cá nhân đạt Lao động tiên tiến."]
    )  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _pdf_pages(data: bytes, tmp_path) -> int:
    path = tmp_path / "file.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    match = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
    assert match is not None, out
    return int(match.group(1))


def _download(page: Page, testid: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_test_id(testid).click()
    return info.value.path().read_bytes()


def _vote(page: Page, base: str, username: str, poll: Poll, no_to: set[int]) -> None:
    _login(page, base, username)
    page.goto(f"{base}/hoi-dong/bieu-quyet/{poll.pk}/phieu/")
    for item in poll.items.all():
        choice = "NO" if item.nominee_id in no_to else "YES"
        page.check(f"input[name=item_{item.pk}][value={choice}]")
    page.get_by_test_id("ballot-submit").click()
    expect(page.get_by_test_id("ballot-done")).to_have_text(re.compile("Bạn đã bỏ phiếu|You have voted"))


def _paper_poll(page: Page, base: str, session: CouncilSession, award_code: str, yes: int, no: int) -> Poll:
    """Open a paper poll on every pending item of one award, enter the counts and close it."""
    page.goto(f"{base}/hoi-dong/phien-hop/{session.pk}/")
    form = page.get_by_test_id("poll-open-form")
    form.locator("#id_method").select_option(PollMethod.PAPER)
    items = list(session.items.filter(award_code=award_code))
    for item in items:
        form.locator(f"input[name=items][value='{item.pk}']").check()
    with page.expect_navigation():
        page.get_by_test_id("poll-open").click()
    poll = Poll.objects.get(session=session, award_code=award_code)
    page.get_by_test_id("go-paper").click()
    for item in items:
        for field, value in (("ballots_issued", 4), ("ballots_returned", 4), ("yes", yes), ("no", no)):
            page.fill(f"#id_i{item.pk}_{field}", str(value))
    with page.expect_navigation():
        page.get_by_test_id("paper-submit").click()
    with page.expect_navigation():
        page.get_by_test_id("poll-close").click()
    expect(page.get_by_test_id("result-row")).to_have_count(len(items))
    return poll


def test_a_commune_year_end_round_from_proposal_to_register(page: Page, live_server, demo_world, tmp_path):
    base = live_server.url
    school, teachers, star, second = (demo_world[k] for k in ("school", "teachers", "star", "second"))
    ldtt = teachers[:12]
    cstdcs = [star, second]
    rejected = ldtt[-1]  # two council members vote against this one
    late_report = ldtt[5]  # the school forgets this teacher's report at first

    # 1. The head of the school drafts the year-end proposal to the commune's People's Committee.
    _login(page, base, "hieutruong")
    page.goto(f"{base}/de-nghi/them/")
    page.select_option("#id_proposing_unit", label=SCHOOL)
    page.select_option("#id_authority_unit", label=COMMUNE)
    page.select_option("#id_kind", "YEAR_END")
    page.fill("#id_year", str(YEAR))
    page.fill("#id_title", f"Tờ trình đề nghị công nhận danh hiệu thi đua năm {YEAR}")
    with page.expect_navigation():
        page.get_by_test_id("save-proposal").click()
    proposal = Proposal.objects.get(proposing_unit=school, year=YEAR)
    assert proposal.authority_unit.name == COMMUNE
    _status(page, "Dự thảo|Draft")

    # 2. The nominee list comes from Excel: checked first, then imported whole.
    page.get_by_test_id("import-nominees").click()
    sheet: FilePayload = {
        "name": "danh-sach-de-nghi-2026.xlsx",
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "buffer": _nominee_sheet(teachers, ldtt, cstdcs),
    }
    page.set_input_files("#id_file", sheet)
    expect(page.locator("#id_dry_run")).to_be_checked()
    page.get_by_test_id("import-submit").click()
    expect(page.get_by_test_id("import-report")).to_contain_text("15")
    assert not proposal.nominees.exists()
    page.set_input_files("#id_file", sheet)
    page.uncheck("#id_dry_run")
    page.get_by_test_id("import-submit").click()
    expect(page.get_by_test_id("import-report").locator(".alert-success")).to_be_visible()
    nominees = list(proposal.nominees.order_by("order"))
    assert [n.award_code for n in nominees] == ["LDTT"] * 12 + ["CSTDCS"] * 2 + ["TTLDTT"]
    assert nominees[-1].unit == school and nominees[-1].person is None
    page.goto(f"{base}/de-nghi/{proposal.pk}/")
    expect(page.get_by_test_id("nominees").locator("tbody tr")).to_have_count(15)
    ldtt_verdicts = page.get_by_test_id("nominee-verdict").first
    expect(ldtt_verdicts).to_have_attribute("data-verdict", re.compile("^(eligible|needs_review)$"))

    # 3. The dossier: the minutes of the evaluation meeting, a report per nominee, the initiatives.
    _attach(page, "EVALUATION_MINUTES", "bien-ban-binh-xet-2026.pdf")
    for n in nominees:
        if n.person != late_report:
            _attach(page, "ACHIEVEMENT_REPORT", f"bao-cao-thanh-tich-{n.order:02d}.pdf", n)
        if n.award_code == "CSTDCS":
            _attach(page, "INITIATIVE_RECOGNITION", f"cong-nhan-sang-kien-{n.order:02d}.pdf", n)
    missing = page.get_by_test_id("missing-parts")
    expect(missing.locator("li")).to_have_count(1)
    expect(missing).to_contain_text(late_report.full_name)
    # The system refuses to send a list with a missing report…
    _command(page, "submit")
    expect(page.locator(".alert-danger").first).to_be_visible()
    _status(page, "Dự thảo|Draft")
    # …until it is attached.
    late = next(n for n in nominees if n.person == late_report)
    _attach(page, "ACHIEVEMENT_REPORT", "bao-cao-thanh-tich-06.pdf", late)
    expect(missing.locator("li.text-success")).to_have_count(1)
    _command(page, "submit")
    _status(page, "Đã gửi|Submitted")

    # 4. The commune officer takes it up and returns it: the collective's report is an unsigned draft.
    _login(page, base, "canbo.xatanuyen")
    page.goto(f"{base}/de-nghi/")
    page.get_by_test_id("to-appraise").get_by_role("link", name=proposal.title).first.click()
    _command(page, "accept")
    _status(page, "Đang thẩm định|Under appraisal")
    reason = f"Thiếu báo cáo thành tích của tập thể {SCHOOL} có chữ ký của Hiệu trưởng, đóng dấu."
    _command(page, "return", reason)
    _status(page, "Trả lại để bổ sung|Returned for supplement")
    proposal.refresh_from_db()
    assert proposal.due_on is None  # the clock waits while the school supplements

    # 5. The school sees the reason, attaches the signed report and sends the proposal back.
    _login(page, base, "hieutruong")
    page.goto(f"{base}/de-nghi/{proposal.pk}/")
    expect(page.get_by_test_id("supplement")).to_contain_text("Thiếu báo cáo thành tích của tập thể")
    _attach(page, "ACHIEVEMENT_REPORT", "bao-cao-thanh-tich-tap-the-da-ky.pdf", nominees[-1])
    assert nominees[-1].parts.filter(kind="ACHIEVEMENT_REPORT").count() == 2
    _command(page, "resubmit")
    _status(page, "Đã gửi lại|Resubmitted")
    expect(page.get_by_test_id("supplement")).to_have_class(re.compile("alert-secondary"))

    # 6. The officer appraises it again and puts it before the council.
    _login(page, base, "canbo.xatanuyen")
    page.goto(f"{base}/de-nghi/{proposal.pk}/")
    _command(page, "accept")
    _command(page, "send_to_council")
    _status(page, "Trình Hội đồng|Before the council")

    # 7. The secretary plans the session, marks uyvien.xa2 absent and puts the nominees on the agenda.
    council = Council.objects.get(authority_unit__code="XTU-UBND")
    _login(page, base, "thuky.xa")
    page.goto(f"{base}/hoi-dong/{council.pk}/")
    page.fill("#id_s-held_on", "10/12/2026")
    page.fill("#id_s-place", "Hội trường UBND xã Tân Uyên")
    with page.expect_navigation():
        page.get_by_test_id("session-form").locator("button[type=submit]").click()
    session = CouncilSession.objects.get(council=council)
    expect(page.get_by_test_id("attendance").locator("li")).to_have_count(5)
    absent = council.members.get(user__username="uyvien.xa2")
    attendance = page.get_by_test_id("attendance-form")
    attendance.locator("xpath=..").locator("summary").click()
    attendance.locator(f"input[name=absent][value='{absent.pk}']").check()
    with page.expect_navigation():
        attendance.locator("button[type=submit]").click()
    expect(page.get_by_test_id("attendance").locator(".text-bg-secondary")).to_have_count(1)
    with page.expect_navigation():
        page.get_by_test_id("session-open").click()
    with page.expect_navigation():
        page.get_by_test_id("agenda-add-nominees").click()
    expect(page.get_by_test_id("agenda-item")).to_have_count(15)

    # 8. A secret electronic ballot on the twelve LĐTT nominees.
    form = page.get_by_test_id("poll-open-form")
    form.locator("#id_method").select_option(PollMethod.SECRET)
    for item in AgendaItem.objects.filter(session=session, award_code="LDTT"):
        form.locator(f"input[name=items][value='{item.pk}']").check()
    with page.expect_navigation():
        page.get_by_test_id("poll-open").click()
    secret = Poll.objects.get(session=session, award_code="LDTT")
    assert secret.method == PollMethod.SECRET and secret.items.count() == 12
    rejected_nominee = next(n for n in nominees if n.person == rejected and n.award_code == "LDTT")
    for username, no_to in (
        ("chutich.xa", set()),
        ("canbo.xatanuyen", {rejected_nominee.pk}),
        ("uyvien.xa1", {rejected_nominee.pk}),
        ("thuky.xa", set()),
    ):
        _vote(page, base, username, secret, no_to)
    # The absent member is not on the roll; a second ballot is not offered.
    _login(page, base, "uyvien.xa2")
    page.goto(f"{base}/hoi-dong/bieu-quyet/{secret.pk}/phieu/")
    expect(page.get_by_test_id("ballot-form")).to_have_count(0)
    _login(page, base, "thuky.xa")
    page.goto(f"{base}/hoi-dong/bieu-quyet/{secret.pk}/phieu/")
    expect(page.get_by_test_id("ballot-done")).to_be_visible()
    page.goto(f"{base}/hoi-dong/bieu-quyet/{secret.pk}/")
    expect(page.get_by_test_id("turnout")).to_contain_text("4")
    assert not PollResult.objects.filter(poll=secret).exists()  # hidden until the poll closes
    with page.expect_navigation():
        page.get_by_test_id("poll-close").click()
    expect(page.get_by_test_id("result-row")).to_have_count(12)
    results = {r.item.nominee_id: r for r in PollResult.objects.filter(poll=secret).select_related("item")}
    assert results[rejected_nominee.pk].counted_yes == 2 and not results[rejected_nominee.pk].passed
    assert all(r.passed and r.counted_yes == 4 for k, r in results.items() if k != rejected_nominee.pk)
    assert {r.denominator for r in results.values()} == {5}  # all members, the absent one included

    # 9. Paper ballots for CSTĐCS and for the collective; the secretary enters the counts.
    _paper_poll(page, base, session, "CSTDCS", yes=4, no=0)
    _paper_poll(page, base, session, "TTLDTT", yes=3, no=1)
    page.goto(f"{base}/hoi-dong/phien-hop/{session.pk}/")
    with page.expect_navigation():
        page.get_by_test_id("session-close").click()
    expect(page.get_by_test_id("session-status")).to_have_text(re.compile("Đã kết thúc|Closed"))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.COUNCIL_DONE  # local titles need no public notice
    outcomes = dict(proposal.nominees.values_list("pk", "council_outcome"))
    assert outcomes.pop(rejected_nominee.pk) == CouncilOutcome.REJECTED
    assert set(outcomes.values()) == {CouncilOutcome.APPROVED}
    _login(page, base, "hieutruong")
    page.goto(f"{base}/de-nghi/{proposal.pk}/")
    _status(page, "Hội đồng đã xét|Council done")

    # 10. The chairman drafts the decision from the council's outcomes and issues it on 15/01/2027.
    _login(page, base, "chutich.xa")
    commune = Unit.objects.get(code="XTU-UBND")
    page.goto(f"{base}/quyet-dinh/tu-hoi-dong/?authority={commune.pk}")
    ready = page.get_by_test_id("ready-nominees").locator("tbody tr")
    expect(ready).to_have_count(14)
    page.fill("#id_title", f"Về việc công nhận danh hiệu thi đua năm {YEAR}")
    page.fill("#id_decided_on", "15/01/2027")
    page.fill("#id_achievement_year", str(YEAR))
    page.fill("#id_signer_name", "Lò Văn Hùng")
    page.fill("#id_signer_title", "Chủ tịch")
    page.select_option("#id_signing_capacity", "NONE")
    page.fill("#id_fund", "Quỹ thi đua, khen thưởng xã Tân Uyên")
    with page.expect_navigation():
        page.get_by_test_id("draft-from-nominees").click()
    decision = Decision.objects.get(authority_unit=commune)
    expect(page.get_by_test_id("decision-status")).to_have_text(re.compile("Dự thảo|Draft"))
    expect(page.get_by_test_id("decision-line")).to_have_count(14)
    page.fill("#id_issued_on", "15/01/2027")
    with page.expect_navigation():
        page.get_by_test_id("issue-button").click()
    expect(page.get_by_test_id("decision-status")).to_have_text(re.compile("Đã ban hành|Issued"))
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED and decision.decided_on == date(2027, 1, 15)
    lines = list(decision.lines.all())
    assert {line.base_salary for line in lines} == {BASE_SALARY}
    # LĐTT 0,3 × 2.530.000 = 759.000 → 760.000 (rounded up to 10.000 đ); CSTĐCS 1,0 → 2.530.000;
    # TTLĐTT 0,8 → 2.024.000 → 2.030.000; a CSTĐCS holder's LĐTT of the same year pays nothing.
    ldtt_paid = 760_000
    expected = {("LDTT", p.pk): 0 if p in cstdcs else ldtt_paid for p in ldtt if p != rejected} | {
        ("CSTDCS", p.pk): BASE_SALARY for p in cstdcs
    }
    paid = {(line.award_code, line.person_id): line.amount_vnd for line in lines if line.person_id}
    assert paid == expected
    collective = next(line for line in lines if line.unit_id == school.pk)
    assert collective.award_code == "TTLDTT" and collective.amount_vnd == 2_030_000
    total = sum(line.amount_vnd for line in lines)
    expect(page.get_by_test_id("decision-total")).to_have_text(f"{total:,}".replace(",", "."))
    expect(page.get_by_test_id("decision-total-words")).to_contain_text("2.530.000")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED and decision.symbol in proposal.decision_ref

    # 11. Certificates (one page each) and the payment list come out.
    certificates = _download(page, "certificates-pdf")
    assert certificates[:5] == b"%PDF-"
    # LĐTT and TTLĐTT are named in the decision only; each CSTĐCS gets a printed certificate.
    printed = certificate_lines(decision)
    assert {line.person_id for line in printed} == {p.pk for p in cstdcs}
    assert _pdf_pages(certificates, tmp_path) == len(printed) == 2
    payments_pdf = _download(page, "payment-list")
    assert payments_pdf[:5] == b"%PDF-"
    payments = load_workbook(io.BytesIO(_download(page, "payment-list-xlsx")), read_only=True)
    rows = list(payments.worksheets[0].iter_rows(values_only=True))
    amounts = [row[4] for row in rows if len(row) > 4 and isinstance(row[4], int)]
    # Only lines that pay money are listed (12: the two unpaid LĐTT are left out); sums are live formulas.
    assert len(amounts) == 12 and sum(amounts) == total

    # 12. The register: one award per approved line; a teacher's page shows the new LĐTT.
    awards = Award.objects.filter(source_ref=f"decisions.decision:{decision.pk}")
    assert awards.count() == len(lines) == 14
    assert not Award.objects.filter(person=rejected, year=YEAR).exists()
    teacher = ldtt[1]
    _login(page, base, "hieutruong")
    page.goto(f"{base}/so-khen-thuong/ca-nhan/{teacher.pk}/")
    year_2026 = page.get_by_test_id("person-timeline").locator(f"[data-year='{YEAR}']")
    expect(year_2026.get_by_test_id("timeline-award")).to_have_count(1)
    expect(year_2026.get_by_test_id("timeline-award")).to_contain_text("Lao động tiên tiến")
    expect(year_2026).to_contain_text(decision.symbol)

    # 13. The school proposes its star teacher for a Bằng khen tỉnh; the commune forwards it to the province.
    page.goto(f"{base}/de-nghi/them/")
    page.select_option("#id_authority_unit", label=COMMUNE)
    page.fill("#id_year", str(YEAR))
    page.fill("#id_title", f"Tờ trình đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm {YEAR}")
    with page.expect_navigation():
        page.get_by_test_id("save-proposal").click()
    upward = Proposal.objects.get(proposing_unit=school, year=YEAR, title__contains="Bằng khen")
    page.get_by_test_id("add-nominee").click()
    page.select_option("#id_subject_kind", "INDIVIDUAL")
    page.select_option("#id_person", str(star.pk))
    page.select_option("#id_award_code", "BK_TINH")
    page.fill("#id_year", str(YEAR))
    page.fill("#id_achievement", "Hai năm liên tục Chiến sĩ thi đua cơ sở, hai sáng kiến được công nhận.")
    with page.expect_navigation():
        page.get_by_test_id("save-nominee").click()
    bk = upward.nominees.get()
    # The register now holds her CSTĐCS 2025 and 2026 (the second from this decision): she qualifies.
    verdict = page.get_by_test_id("nominee-verdict")
    expect(verdict).to_have_attribute("data-verdict", "eligible")
    expect(verdict).to_contain_text("Hai năm liên tục đạt Chiến sĩ thi đua cơ sở (2025, 2026)")
    assert "CT_UBND_XA" not in bk.authority_offices  # beyond the commune chairman's power
    _attach(page, "EVALUATION_MINUTES", "bien-ban-binh-xet-bang-khen.pdf")
    _attach(page, "ACHIEVEMENT_REPORT", "bao-cao-thanh-tich-bang-khen.pdf", bk)
    _command(page, "submit")
    _status(page, "Đã gửi|Submitted")

    _login(page, base, "canbo.xatanuyen")
    page.goto(f"{base}/de-nghi/{upward.pk}/")
    _command(page, "accept")
    page.get_by_test_id("command-forward").click()
    form = page.get_by_test_id("forward-form")
    expect(form.locator(f"input[name=nominees][value='{bk.pk}']")).to_be_checked()
    page.select_option("#id_to_authority", label=PROVINCE)
    with page.expect_navigation():
        page.get_by_test_id("forward-submit").click()
    _status(page, "Đã trình cấp trên|Forwarded")
    expect(page.get_by_test_id("forwarded-child")).to_contain_text(PROVINCE)
    child = Proposal.objects.get(parent=upward)
    assert child.authority_unit.code == "LC-UBND" and child.status == ProposalStatus.SUBMITTED
    assert child.parts.count() == 2  # the dossier travels with the nominee

    # 14. The province's reviewer finds it among the proposals to appraise.
    _login(page, base, "thamdinh")
    page.goto(f"{base}/de-nghi/")
    link = page.get_by_test_id("to-appraise").get_by_role("link", name=child.title)
    expect(link).to_have_count(1)
    link.click()
    _status(page, "Đã gửi|Submitted")
    expect(page.get_by_test_id("nominees")).to_contain_text(star.full_name)
    expect(page.get_by_test_id("proposal-actions")).to_be_visible()

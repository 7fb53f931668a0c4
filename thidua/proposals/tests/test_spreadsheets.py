"""Importing and exporting a nominee list: per-row errors, dry run, all or nothing, and a round trip."""

import io
import unicodedata

import pytest
from openpyxl import Workbook, load_workbook

from thidua.core.models import AuditEvent
from thidua.proposals import spreadsheets
from thidua.proposals.models import Nominee, SubjectKind

from .conftest import ON, draft

pytestmark = pytest.mark.django_db
HEAD = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Số định danh",
    "Đơn vị",
    "Chức vụ",
    "Hình thức/Danh hiệu",
    "Năm",
    "Tóm tắt thành tích",
]
LIMIT = 10 * 1024 * 1024


def _book(rows, head=HEAD) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(head)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _import(cast, proposal, data: bytes, *, dry_run=False):
    return spreadsheets.import_nominees(
        io.BytesIO(data),
        actor=cast.binh,
        proposal=proposal,
        size=len(data),
        max_bytes=LIMIT,
        dry_run=dry_run,
        on=ON,
    )


def _good_rows(cast):
    t = cast.teachers
    return [
        [
            1,
            t[0].full_name,
            "15/01/1980",
            t[0].id_number,
            "C-THCS",
            "Giáo viên",
            "LDTT",
            2026,
            "Hoàn thành tốt.",
        ],
        [2, t[1].full_name, "15/01/1981", "", "", "Tổ trưởng", "Chiến sĩ thi đua cơ sở", 2026, "Sáng kiến."],
        [3, "", "", "", "C-THCS", "", "Tập thể lao động tiên tiến", 2026, "Tập thể trường."],
    ]


def test_a_clean_list_is_imported_and_checked(cast):
    proposal = draft(cast)
    report = _import(cast, proposal, _book(_good_rows(cast)))
    assert report.is_clean, report.issues
    assert report.created == 3
    lines = list(proposal.nominees.order_by("order"))
    assert [(n.subject_kind, n.award_code) for n in lines] == [
        (SubjectKind.INDIVIDUAL, "LDTT"),
        (SubjectKind.INDIVIDUAL, "CSTDCS"),
        (SubjectKind.COLLECTIVE, "TTLDTT"),
    ]
    assert all(n.verdict.get("verdict") and n.checked_at for n in lines)
    assert AuditEvent.objects.filter(action="nominee.import").count() == 1


def test_importing_a_list_with_bad_rows_gives_per_row_errors_and_changes_nothing(cast):
    proposal = draft(cast)
    t = cast.teachers
    rows = [
        *_good_rows(cast),
        [4, "Không Có Ai", "", "", "", "", "LDTT", 2026, ""],  # unknown person
        [5, t[2].full_name, "", t[2].id_number, "", "", "DANH_HIEU_LA", 2026, ""],  # unknown award
        [6, cast.outsider.full_name, "", "", "M", "", "LDTT", 2026, ""],  # not in the subtree
        [7, t[0].full_name, "", t[0].id_number, "", "", "LDTT", 2026, ""],  # repeats row 2
        [8, t[3].full_name, "", t[3].id_number, "", "", "LDTT", "năm ngoái", ""],  # bad year
        [9, t[3].full_name, "", t[3].id_number, "", "", "=A1", 2026, ""],  # formula
        [10, t[3].full_name, "", t[3].id_number, "", "", "TTLDTT", 2026, ""],  # award for collectives
    ]
    before = AuditEvent.objects.count()
    report = _import(cast, proposal, _book(rows))
    assert not report.is_clean and report.created == 0
    rows_with_errors = {i.row for i in report.errors}
    assert rows_with_errors == {5, 6, 7, 8, 9, 10, 11}
    messages = {i.row: i.message for i in report.errors}
    assert "repeats row 2" in messages[8] or "lặp" in messages[8].lower()
    assert Nominee.objects.filter(proposal=proposal).count() == 0
    assert AuditEvent.objects.count() == before


def test_a_dry_run_checks_without_adding(cast):
    proposal = draft(cast)
    report = _import(cast, proposal, _book(_good_rows(cast)), dry_run=True)
    assert report.is_clean and report.rows_total == 3 and report.created == 0
    assert not proposal.nominees.exists()


def test_files_that_are_not_workbooks_or_too_large_are_refused(cast):
    proposal = draft(cast)
    report = _import(cast, proposal, b"STT;Ho va ten\n1;An\n")
    assert report.errors[0].row == 0
    big = _book(_good_rows(cast))
    report = spreadsheets.import_nominees(
        io.BytesIO(big),
        actor=cast.binh,
        proposal=proposal,
        size=len(big),
        max_bytes=100,
        dry_run=False,
        on=ON,
    )
    assert report.errors and "MB" in report.errors[0].message
    report = _import(
        cast, proposal, _book([[1, "An", "", "", "", "", "LDTT", 2026, ""]], head=["STT", "Tên"])
    )
    assert report.errors[0].row == 1  # missing columns


def test_decomposed_names_are_noted_and_matched(cast):
    proposal = draft(cast)
    t = cast.teachers[1]
    nfd = unicodedata.normalize("NFD", t.full_name)
    report = _import(cast, proposal, _book([[1, nfd, "15/01/1981", "", "", "", "LDTT", 2026, ""]]))
    assert report.is_clean and report.created == 1
    assert any(not i.is_error for i in report.issues)


def test_an_export_can_be_imported_again(cast):
    proposal = draft(cast)
    _import(cast, proposal, _book(_good_rows(cast)))
    data = spreadsheets.export_nominees(
        proposal.nominees.select_related("person__unit", "unit").order_by("order")
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == HEAD
    assert sheet.max_row == 4
    other = draft(cast, title="Bản sao")
    report = _import(cast, other, data)
    assert report.is_clean and report.created == 3

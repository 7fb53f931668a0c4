"""Importing earlier awards and evaluations from Excel, and exporting the register in the same layout."""

import io
import unicodedata
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from thidua.awards import selectors, services
from thidua.awards.models import Award, Evaluation, SubjectKind
from thidua.awards.permissions import register_units
from thidua.awards.spreadsheets import export_awards, import_awards, import_evaluations

pytestmark = pytest.mark.django_db
LIMIT = 5 * 1024 * 1024
HEAD = ["Số định danh", "Họ và tên", "Ngày sinh", "Mã đơn vị", "Danh hiệu/Hình thức", "Năm", "Số quyết định",
        "Ngày quyết định", "Cấp khen"]  # fmt: skip


def _xlsx(rows, head=HEAD):
    wb = Workbook()
    ws = wb.active
    ws.append(head)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _import(world, buf, *, dry_run=False, fn=import_awards):
    return fn(
        buf,
        actor=world.an,
        size=len(buf.getvalue()),
        max_bytes=LIMIT,
        units=register_units(world.an, for_write=True),
        dry_run=dry_run,
    )


def test_earlier_awards_import_by_id_number_by_name_and_birth_date_and_by_unit(reg, world):
    hoa = reg.person(world.school, "Hoa")
    lan = reg.person(world.school, "Lan")
    buf = _xlsx(
        [
            [hoa.id_number, "", "", "", "CSTDCS", 2023, "12/QĐ-UBND", "12/01/2024", "CT_UBND_HUYEN"],
            [
                "",
                lan.full_name,
                lan.date_of_birth,
                "",
                "Lao động tiên tiến",
                2024,
                "3/QĐ-UBND",
                "15/01/2025",
                "Chủ tịch Ủy ban nhân dân cấp huyện",
            ],
            [
                "",
                "",
                "",
                world.school.code,
                "Tập thể lao động tiên tiến",
                "2025",
                "20/QĐ-UBND",
                "15/01/2026",
                "CT_UBND_XA",
            ],
        ]
    )
    checked = _import(world, buf, dry_run=True)
    assert checked.is_clean and checked.rows_total == 3 and Award.objects.count() == 0

    buf.seek(0)
    report = _import(world, buf)

    assert report.created == 3
    assert Award.objects.get(person=hoa).award_code == "CSTDCS"
    assert Award.objects.get(person=lan).authority_office == "CT_UBND_HUYEN"
    collective = Award.objects.get(unit=world.school)
    assert (collective.subject_kind, collective.year, collective.source_ref) == (
        SubjectKind.COLLECTIVE,
        2025,
        "import",
    )


def test_a_file_with_bad_rows_reports_each_row_and_changes_nothing(reg, world):
    hoa = reg.person(world.school, "Hoa")
    outsider = reg.person(world.other_commune, "Mai")
    buf = _xlsx(
        [
            [hoa.id_number, "", "", "", "CSTDCS", 2024, "1/QĐ-UBND", "15/01/2025", "CT_UBND_HUYEN"],
            [outsider.id_number, "", "", "", "LDTT", 2024, "2/QĐ-UBND", "15/01/2025", "CT_UBND_HUYEN"],
            [hoa.id_number, "", "", "", "Huy chương vàng", 2024, "3/QĐ-UBND", "15/01/2025", ""],
            [hoa.id_number, "", "", "", "CSTDCS", 2025, "4/QĐ-UBND", "10/02/2026", "CT_UBND_HUYEN"],
            [hoa.id_number, "", "", "", "CSTDCS", 2024, "5/QĐ-UBND", "16/01/2025", "CT_UBND_HUYEN"],
            [hoa.id_number, "", "", "", "LDTT", 2024, "6/QĐ-UBND", "=TODAY()", "CT_UBND_HUYEN"],
        ]
    )
    report = _import(world, buf)

    assert not report.is_clean and report.created == 0
    assert Award.objects.count() == 0
    by_row = {i.row: i for i in report.errors}
    assert set(by_row) == {3, 4, 5, 6, 7}
    assert len([i for i in report.errors if i.row == 7]) == 1
    assert by_row[3].column == "Số định danh"  # not one of the officer's people
    assert by_row[4].column == "Danh hiệu/Hình thức"
    assert "huyện" in by_row[5].message  # the district chairman could no longer decide in 2026
    assert "2" in by_row[6].message  # repeats row 2
    assert "Formulas" in by_row[7].message or "công thức" in by_row[7].message


def test_a_title_already_in_the_register_is_refused(reg, world):
    hoa = reg.person(world.school)
    reg.year(hoa, 2024, cstdcs=False)
    report = _import(world, _xlsx([[hoa.id_number, "", "", "", "LDTT", 2024, "9/QĐ-UBND", "15/01/2025", ""]]))
    assert [i.row for i in report.errors] == [2]
    assert Award.objects.filter(person=hoa).count() == 1


def test_files_that_are_not_workbooks_or_too_big_or_missing_columns_are_refused(world):
    junk = _import(world, io.BytesIO(b"not a workbook at all"))
    assert [(i.row, "xlsx" in i.message) for i in junk.errors] == [(0, True)]
    big = _xlsx([])
    report = import_awards(
        big, actor=world.an, size=LIMIT + 1, max_bytes=LIMIT, units=register_units(world.an), dry_run=True
    )
    assert report.errors and report.errors[0].row == 0
    report = _import(world, _xlsx([["x"]], head=["Ghi chú"]))
    assert report.errors[0].row == 1


def test_decomposed_text_is_accepted_with_a_note(reg, world):
    reg.person(world.school, "Hoa")
    nfd_name = unicodedata.normalize("NFD", "Chiến sĩ thi đua cơ sở")
    lan = reg.person(world.school, "Lan")
    report = _import(
        world,
        _xlsx([[lan.id_number, "", "", "", nfd_name, 2024, "1/QĐ-UBND", "15/01/2025", "CT_UBND_HUYEN"]]),
    )
    assert report.created == 1 and report.warnings and report.warnings[0].row == 2


def test_the_export_can_be_read_back_in_the_import_layout(reg, world):
    hoa = reg.person(world.school, "Hoa")
    reg.year(hoa, 2024)
    services.award_revoke(
        actor=world.an,
        award=Award.objects.get(person=hoa, award_code="CSTDCS"),
        reason="a",
        decision_symbol="8/QĐ-UBND",
        decided_on=date(2025, 6, 1),
    )
    data = export_awards(selectors.award_list(register_units(world.an)))
    ws = load_workbook(io.BytesIO(data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0][: len(HEAD)]) == HEAD
    assert {r[4] for r in rows[1:]} == {"Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"}
    assert {r[-1] for r in rows[1:]} == {"Còn hiệu lực", "Đã thu hồi"}
    assert all(r[0] == hoa.id_number for r in rows[1:])


def test_evaluations_import_creates_and_replaces_ratings(reg, world):
    hoa = reg.person(world.school, "Hoa")
    lan = reg.person(world.school, "Lan")
    services.evaluation_set(actor=world.an, person=hoa, year=2024, rating="HT")
    head = ["Số định danh", "Năm", "Xếp loại"]
    buf = _xlsx(
        [
            [hoa.id_number, 2024, "Hoàn thành xuất sắc nhiệm vụ"],
            [lan.id_number, 2024, "htt"],
            [lan.id_number, 2025, "HT"],
        ],
        head=head,
    )
    report = _import(world, buf, fn=import_evaluations)
    assert (report.created, report.updated) == (2, 1)
    assert report.warnings and report.warnings[0].row == 2
    assert Evaluation.objects.get(person=hoa, year=2024).rating == "HTXS"

    bad = _xlsx(
        [[hoa.id_number, 2026, "Giỏi"], [lan.id_number, 2026, "HT"], [lan.id_number, 2026, "HTT"]], head=head
    )
    report = _import(world, bad, fn=import_evaluations)
    assert [i.row for i in report.errors] == [2, 4]
    assert not Evaluation.objects.filter(year=2026).exists()

"""Importing people from Excel: a per-row report, dry run, and nothing imported until the file is clean."""

import io
import unicodedata
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from thidua.core.models import AuditEvent
from thidua.organization.models import Person, Sex, UnitKind
from thidua.organization.services import person_create, unit_create
from thidua.organization.spreadsheets import COLUMNS, export_people, import_people

pytestmark = pytest.mark.django_db

HEAD = [h for _f, h in COLUMNS]
LIMIT = 10 * 1024 * 1024


@pytest.fixture
def units():
    school = unit_create(actor=None, code="TH1", name="Trường Tiểu học Một", kind=UnitKind.SCHOOL)
    return {school.code: school}


def _xlsx(rows, header=HEAD) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _row(
    name="Lò Văn Út",
    sex="Nam",
    born="05/01/1990",
    eth="Thái",
    id_no="",
    pos="Giáo viên",
    unit="TH1",
    direct="",
):
    family, *middle, given = name.split(" ") if name else ("", "")
    return [name, family, " ".join(middle), given if name else "", sex, born, eth, id_no, pos, unit, direct]


def _run(buf, units, *, dry_run=False):
    size = len(buf.getvalue())
    return import_people(buf, actor=None, size=size, max_bytes=LIMIT, units_by_code=units, dry_run=dry_run)


def test_clean_file_imports_every_row_with_an_audit_trail(units):
    buf = _xlsx(
        [_row(), _row("Giàng A Páo", id_no="012345678901", eth="Hmông"), _row("Vàng Thị Mai", sex="Nữ")]
    )
    report = _run(buf, units)
    assert report.is_clean and report.created == 3
    assert sorted(Person.objects.values_list("full_name", flat=True)) == [
        "Giàng A Páo",
        "Lò Văn Út",
        "Vàng Thị Mai",
    ]
    assert Person.objects.get(given_name="Páo").ethnicity.name == "Hmông"
    assert AuditEvent.objects.filter(action="person.create").count() == 3


def test_dry_run_checks_but_imports_nothing(units):
    report = _run(_xlsx([_row()]), units, dry_run=True)
    assert report.is_clean and report.rows_total == 1 and report.created == 0
    assert not Person.objects.exists()


def test_bad_rows_are_reported_one_by_one_and_nothing_is_imported(units):
    person_create(
        actor=None,
        unit=units["TH1"],
        family_name="Có",
        middle_name="",
        given_name="Sẵn",
        sex=Sex.MALE,
        id_number="012000000001",
    )
    nfd_name = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    rows = [
        _row(),  # 2: clean
        _row(name="", sex="Nam"),  # 3: missing name
        _row("Lò Thị Ơn", born="31/02/1990"),  # 4: bad date
        _row("Lù Văn Chung", unit="KHONG-CO"),  # 5: unknown unit
        _row("Tòng Văn Hùng", id_no="012111111111"),  # 6: first use of an ID
        _row("Cầm Thị Hoa", id_no="012111111111"),  # 7: the same ID again
        _row("Điêu Văn Sơn", id_no="012000000001"),  # 8: ID already in the database
        _row(nfd_name, sex="Nữ"),  # 9: NFD text, clean otherwise
        _row("Vì Văn Lả", born="=TODAY()"),  # 10: a formula
        _row("Quàng Văn Ân", sex="?"),  # 11: bad sex
    ]
    report = _run(_xlsx(rows), units)
    errors = {(i.row, i.column) for i in report.errors}
    assert errors == {
        (3, "Tên"),
        (4, "Ngày sinh"),
        (5, "Mã đơn vị"),
        (7, "Số định danh"),
        (8, "Số định danh"),
        (10, "Ngày sinh"),
        (11, "Giới tính"),
    }
    assert {i.row for i in report.warnings} == {9} and len(report.warnings) == 4  # full name and three parts
    assert report.rows_total == 10 and report.created == 0
    assert Person.objects.count() == 1  # only the one made before the import


def test_oversized_file_is_refused_before_it_is_read(units):
    big = io.BytesIO(b"PK\x03\x04" + b"\0" * (20 * 1024 * 1024))
    report = _run(big, units)
    assert not report.is_clean
    assert "20.0 MB" in report.errors[0].message or "20,0" in report.errors[0].message
    assert not Person.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused(units):
    report = _run(io.BytesIO(b"Ho va ten;Ten\nA;B\n"), units)
    assert not report.is_clean and report.errors[0].row == 0


def test_missing_columns_are_named(units):
    report = _run(_xlsx([["x"]], header=["Họ và tên"]), units)
    assert "Giới tính" in report.errors[0].message and "Mã đơn vị" in report.errors[0].message


def test_headings_match_without_accents_or_case(units):
    header = ["HO VA TEN", "gioi tinh", "Ma don vi", "Ngay sinh"]
    report = _run(_xlsx([["Lò Văn Út", "Nam", "TH1", date(1990, 1, 5)]], header=header), units)
    assert report.is_clean and report.created == 1
    assert Person.objects.get().date_of_birth == date(1990, 1, 5)


def test_export_round_trips_and_defuses_formulas(units):
    person_create(
        actor=None,
        unit=units["TH1"],
        family_name="Lò",
        middle_name="Văn",
        given_name="Út",
        sex=Sex.MALE,
        position="=1+1",
        date_of_birth=date(1990, 1, 5),
    )
    data = export_people(Person.objects.select_related("unit", "ethnicity"))
    ws = load_workbook(io.BytesIO(data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == HEAD
    assert rows[1][0] == "Lò Văn Út" and rows[1][5] == "05/01/1990" and rows[1][8] == "'=1+1"
    assert rows[1][7] in (None, "")  # an empty cell stays empty, not a lone apostrophe

"""Importing actuals from Excel: periods and numbers read the Vietnamese way, a row report, all or nothing."""

import io
import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from thidua.core.models import AuditEvent
from thidua.targets.models import PeriodKind, TargetActual
from thidua.targets.selectors import targets_of
from thidua.targets.services import actual_report, target_set
from thidua.targets.spreadsheets import COLUMNS, export_template, import_actuals, parse_number, parse_period

HEAD = [h for _f, h in COLUMNS[:5]]
LIMIT = 10 * 1024 * 1024
ON = date(2021, 1, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Năm", (PeriodKind.YEAR, 1)),
        ("cả năm", (PeriodKind.YEAR, 1)),
        ("Quý 1", (PeriodKind.QUARTER, 1)),
        ("Quý IV", (PeriodKind.QUARTER, 4)),
        ("quy 3", (PeriodKind.QUARTER, 3)),
        ("6 tháng", (PeriodKind.HALF, 1)),
        ("6 tháng đầu năm", (PeriodKind.HALF, 1)),
        ("6 tháng cuối năm", (PeriodKind.HALF, 2)),
        ("Tháng 3", (PeriodKind.MONTH, 3)),
        ("tháng 12", (PeriodKind.MONTH, 12)),
        ("Tháng 13", None),
        ("Quý 5", None),
        ("9 tháng", None),
        ("", None),
    ],
)
def test_periods_are_read_as_officials_write_them(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("6,9", Decimal("6.9")),
        ("105.920", Decimal("105920")),
        ("1.234.567,5", Decimal("1234567.5")),
        ("6,9%", Decimal("6.9")),
        (" 37 ", Decimal("37")),
        (6.9, Decimal("6.9")),  # a numeric cell: no binary noise
        (105920, Decimal("105920")),
    ],
)
def test_numbers_are_read_the_vietnamese_way(cell, expected):
    assert parse_number(cell) == expected


@pytest.mark.parametrize("cell", ["6.9", "abc", "", None, True, "1,2,3"])
def test_ambiguous_or_bad_numbers_are_refused(cell):
    with pytest.raises(ValueError, match=r"."):
        parse_number(cell)


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


@pytest.fixture
def planned(tan_uyen, area, poverty):
    for unit in (tan_uyen.town, tan_uyen.muong_khoa):
        target_set(actor=None, unit=unit, indicator=area, year=2020, planned=Decimal("300"))
        target_set(
            actor=None, unit=unit, indicator=poverty, year=2020, planned=Decimal("5"), denominator=1000
        )
    return {u.code: u for u in (tan_uyen.district, tan_uyen.town, tan_uyen.muong_khoa)}


def _run(buf, units, *, dry_run=False, actor=None):
    size = len(buf.getvalue())
    return import_actuals(
        buf, actor=actor, size=size, max_bytes=LIMIT, units_by_code=units, on=ON, dry_run=dry_run
    )


@pytest.mark.django_db
def test_clean_file_records_every_actual_with_an_audit_trail(planned, tan_uyen):
    buf = _xlsx(
        [
            ["TT-TU-UBND", "DT", 2020, "Năm", 312],
            ["TT-TU-UBND", "HN", 2020, "Năm", "4,85"],
            ["X-MK-UBND", "DT", 2020, "6 tháng", "150,5"],
            ["X-MK-UBND", "hn", 2020, "Quý 2", 6.1],
        ]
    )
    report = _run(buf, planned, actor=tan_uyen.officer)
    assert report.is_clean and report.created == 4
    assert TargetActual.objects.count() == 4
    half = TargetActual.objects.get(target__unit=tan_uyen.muong_khoa, period_kind=PeriodKind.HALF)
    assert half.value == Decimal("150.5") and half.reported_on == ON and half.reported_by == tan_uyen.officer
    assert AuditEvent.objects.filter(action="target_actual.report", reason="import").count() == 4


@pytest.mark.django_db
def test_dry_run_checks_and_writes_nothing(planned):
    report = _run(_xlsx([["TT-TU-UBND", "DT", 2020, "Năm", 312]]), planned, dry_run=True)
    assert report.is_clean and report.rows_total == 1 and report.created == 0
    assert not TargetActual.objects.exists()


@pytest.mark.django_db
def test_one_bad_row_keeps_the_whole_file_out_and_every_problem_is_reported(planned):
    buf = _xlsx(
        [
            ["TT-TU-UBND", "DT", 2020, "Năm", 312],  # fine
            ["X-XX-UBND", "DT", 2020, "Năm", 1],  # unknown (or out-of-scope) unit
            ["TT-TU-UBND", "NOPE", 2020, "Năm", 1],  # unknown indicator
            ["TT-TU-UBND", "DT", 2019, "Năm", 1],  # no target for that year
            ["TT-TU-UBND", "DT", 2020, "9 tháng", 1],  # bad period
            ["TT-TU-UBND", "DT", 2020, "Quý 1", "6.9"],  # ambiguous number
            ["TT-TU-UBND", "DT", "năm ngoái", "Năm", 1],  # bad year
            ["TT-TU-UBND", "DT", 2020, "Năm", 313],  # repeats row 2
            ["TT-TU-UBND", "DT", 2020, "Tháng 3", "=1+1"],  # formula
        ]
    )
    report = _run(buf, planned)
    assert not report.is_clean and report.created == 0
    assert not TargetActual.objects.exists()
    by_row = {i.row: i.column for i in report.errors}
    assert by_row == {
        3: "Mã đơn vị",
        4: "Mã chỉ tiêu",
        5: "Mã chỉ tiêu",
        6: "Kỳ",
        7: "Giá trị",
        8: "Năm",
        9: "Kỳ",
        10: "Giá trị",
    }
    assert report.error_rows() == 8


@pytest.mark.django_db
def test_a_rule_of_the_service_refuses_the_file_as_a_whole(planned):
    # A poverty rate above 100% passes the reader but not the service: nothing is kept.
    buf = _xlsx([["TT-TU-UBND", "DT", 2020, "Năm", 312], ["TT-TU-UBND", "HN", 2020, "Năm", "120"]])
    report = _run(buf, planned)
    assert report.created == 0 and not report.is_clean
    assert [i.row for i in report.errors] == [3]
    assert not TargetActual.objects.exists()


@pytest.mark.django_db
def test_nfd_text_is_noted_and_read(planned):
    nfd = unicodedata.normalize("NFD", "Năm")
    report = _run(_xlsx([["TT-TU-UBND", "DT", 2020, nfd, 312]]), planned)
    assert report.created == 1
    assert [(i.row, i.is_error) for i in report.issues] == [(2, False)]


@pytest.mark.django_db
def test_files_that_are_not_workbooks_or_too_big_are_refused_before_reading(planned):
    report = _run(io.BytesIO(b"Ma don vi;Nam\n"), planned)
    assert [i.row for i in report.errors] == [0]
    big = _xlsx([["TT-TU-UBND", "DT", 2020, "Năm", 312]])
    report = import_actuals(
        big, actor=None, size=LIMIT + 1, max_bytes=LIMIT, units_by_code=planned, on=ON, dry_run=False
    )
    assert [i.row for i in report.errors] == [0] and report.rows_total == 0
    report = _run(_xlsx([["x"]], header=["Mã đơn vị", "Giá trị"]), planned)
    assert report.errors[0].row == 1 and "Mã chỉ tiêu" in report.errors[0].message


@pytest.mark.django_db
def test_the_template_lists_each_target_and_imports_back(planned, tan_uyen):
    target = targets_of([tan_uyen.town], year=2020).get(indicator__code="DT")
    actual_report(
        actor=None, target=target, period_kind="YEAR", period_index=1, value=Decimal("311"), reported_on=ON
    )
    data = export_template(targets_of([tan_uyen.town, tan_uyen.muong_khoa], year=2020))
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Mã đơn vị", "Mã chỉ tiêu", "Năm", "Kỳ", "Giá trị")
    assert len(rows) == 5
    assert rows[1][:5] == ("TT-TU-UBND", "HN", 2020, "Năm", None)
    assert rows[2][:5] == ("TT-TU-UBND", "DT", 2020, "Năm", 311)  # what was reported, to correct
    assert rows[2][7:] == ("Ủy ban nhân dân thị trấn Tân Uyên", "Diện tích gieo trồng", "ha", 300)
    filled = [list(r) for r in rows[1:]]
    for r in filled:
        r[4] = r[4] if r[4] is not None else "1,5"
    report = _run(_xlsx(filled, header=list(rows[0])), planned)
    assert report.is_clean and report.created == 4
    target.refresh_from_db()
    assert target.actuals.get().value == Decimal("311")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("", ""),
        ("=1+1", "'=1+1"),
        ("-5", "'-5"),
        ("@x", "'@x"),
        ("+84", "'+84"),
        ("Tân Uyên", "Tân Uyên"),
        (7, 7),
    ],
)
def test_only_text_that_a_spreadsheet_would_run_is_defused(value, written):
    from thidua.reports.exports import _safe as report_safe
    from thidua.targets.spreadsheets import _safe

    assert _safe(value) == written
    assert report_safe(value) == written

"""Import reported actuals from Excel, and export the template: row-level report, dry run, all-or-nothing."""

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from thidua.core.errors import ValidationFailed
from thidua.core.formatting import format_date
from thidua.core.text import clean_text, fold
from thidua.core.text import defuse_formula as _safe
from thidua.organization.models import Unit
from thidua.targets.models import PERIOD_COUNT, Indicator, PeriodKind, Target, period_label
from thidua.targets.services import MAX_YEAR, MIN_YEAR, STORED_PLACES, actual_report

# (field, heading) in the order of the template; headings are matched without accents or case.
COLUMNS: list[tuple[str, str]] = [
    ("unit_code", "Mã đơn vị"),
    ("indicator_code", "Mã chỉ tiêu"),
    ("year", "Năm"),
    ("period", "Kỳ"),
    ("value", "Giá trị"),
    ("denominator", "Mẫu số"),
    ("reported_on", "Ngày báo cáo"),
]
REQUIRED = ("unit_code", "indicator_code", "year", "period", "value")
# Columns the template adds to help people fill it in; the import ignores them.
INFO_COLUMNS = ["Tên đơn vị", "Tên chỉ tiêu", "Đơn vị tính", "Kế hoạch"]
_HEADINGS = {fold(h): f for f, h in COLUMNS}
_HEADING = dict(COLUMNS)
MAX_ROWS = 50_000

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PLAIN = re.compile(r"^-?\d+(,\d+)?$")
_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")


def parse_period(text: str) -> tuple[str, int] | None:
    """Read a period as officials write it ("Năm", "Quý II", "6 tháng", "Tháng 3"); None if unknown."""
    key = fold(text).replace(".", " ").strip()
    key = " ".join(key.split())
    if key in {"nam", "ca nam", "12 thang", "year"}:
        return PeriodKind.YEAR, 1
    if key in {"6 thang", "6 thang dau nam", "sau thang", "sau thang dau nam"}:
        return PeriodKind.HALF, 1
    if key in {"6 thang cuoi nam", "sau thang cuoi nam"}:
        return PeriodKind.HALF, 2
    match = re.fullmatch(r"(quy|q)\s*([0-9]+|i{1,3}|iv)", key)
    if match:
        raw = match.group(2)
        index = int(raw) if raw.isdigit() else _ROMAN[raw]
        return (PeriodKind.QUARTER, index) if 1 <= index <= 4 else None
    match = re.fullmatch(r"(thang|t)\s*([0-9]{1,2})", key)
    if match:
        index = int(match.group(2))
        return (PeriodKind.MONTH, index) if 1 <= index <= PERIOD_COUNT[PeriodKind.MONTH] else None
    return None


def parse_number(value: Any) -> Decimal:
    """Read a figure from a cell: a number, or text the Vietnamese way ("6,9", "105.920", "6,9%").

    A dot is read only as a thousands separator (groups of three); "6.9" is refused as ambiguous.
    Raises ValueError with the message for the report.
    """
    if isinstance(value, bool):
        raise ValueError(_("Enter a number."))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # repr gives the shortest text that reads back as the same float: 6.9, not 6.9000000000000003552.
        return Decimal(repr(value))
    text = clean_text(str(value or "")).replace(" ", "").replace("\u00a0", "").removesuffix("%")
    if not text:
        raise ValueError(_("The value is missing."))
    if _GROUPED.match(text):
        text = text.replace(".", "")
    elif not _PLAIN.match(text):
        if re.fullmatch(r"-?\d+\.\d+", text):
            raise ValueError(_("Write decimals with a comma (6,9); a dot separates thousands (105.920)."))
        raise ValueError(_("“%(v)s” is not a number.") % {"v": text})
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("“%(v)s” is not a number.") % {"v": text}) from None


@dataclass(frozen=True)
class RowIssue:
    """One problem found in a row (row 0 means the whole file)."""

    row: int
    column: str
    message: str
    is_error: bool = True


@dataclass
class ImportReport:
    """What an import found and did."""

    rows_total: int = 0
    issues: list[RowIssue] = field(default_factory=list)
    created: int = 0
    dry_run: bool = True

    @property
    def errors(self) -> list[RowIssue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[RowIssue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def is_clean(self) -> bool:
        return not self.errors

    def error_rows(self) -> int:
        return len({i.row for i in self.errors})


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _is_formula(cell: Any) -> bool:
    return getattr(cell, "data_type", None) == "f" or (
        isinstance(cell.value, str) and cell.value.startswith("=")
    )


def _parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean_text(str(value))
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a civil date, no time zone
        except ValueError:
            continue
    raise ValueError(text)


def _open(stream: IO[bytes], size: int, max_bytes: int, report: ImportReport) -> Any:
    if size > max_bytes:
        report.issues.append(
            RowIssue(
                0,
                "",
                _("The file is %(size)s MB; the limit is %(limit)s MB. Split it into smaller files.")
                % {"size": round(size / 1_048_576, 1), "limit": round(max_bytes / 1_048_576, 1)},
            )
        )
        return None
    head = stream.read(4)
    stream.seek(0)
    if head != b"PK\x03\x04":
        report.issues.append(RowIssue(0, "", _("The file is not an Excel workbook (.xlsx).")))
        return None
    try:
        return load_workbook(stream, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        report.issues.append(RowIssue(0, "", _("The workbook cannot be read; save it again as .xlsx.")))
        return None


def _raw_rows(sheet: Any, report: ImportReport) -> Iterable[tuple[int, dict[str, Any], list[RowIssue]]]:
    rows_iter = sheet.iter_rows()
    try:
        header = next(rows_iter)
    except StopIteration:
        report.issues.append(RowIssue(0, "", _("The sheet is empty.")))
        return
    columns = {
        idx: _HEADINGS[fold(_text(c.value))]
        for idx, c in enumerate(header)
        if fold(_text(c.value)) in _HEADINGS
    }
    missing = [_HEADING[f] for f in REQUIRED if f not in columns.values()]
    if missing:
        report.issues.append(RowIssue(1, "", _("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)}))
        return
    for number, cells in enumerate(rows_iter, start=2):
        if number - 1 > MAX_ROWS:
            report.issues.append(
                RowIssue(number, "", _("More than %(n)s rows; split the file.") % {"n": MAX_ROWS})
            )
            return
        raw: dict[str, Any] = {}
        issues: list[RowIssue] = []
        for idx, cell in enumerate(cells):
            name = columns.get(idx)
            if name is None:
                continue
            if _is_formula(cell):
                issues.append(
                    RowIssue(number, _HEADING[name], _("Formulas are not accepted; enter the value itself."))
                )
                continue
            value = cell.value
            if isinstance(value, str):
                if unicodedata.normalize("NFC", value) != value:
                    note = _("Text was in decomposed Unicode (NFD); converted to NFC.")
                    issues.append(RowIssue(number, _HEADING[name], note, False))
                value = clean_text(value)
            raw[name] = value
        if all(v in (None, "") for v in raw.values()) and not issues:
            continue  # a blank line
        yield number, raw, issues


def _check_row(
    number: int,
    raw: dict[str, Any],
    issues: list[RowIssue],
    units_by_code: dict[str, Unit],
    indicators: dict[str, Indicator],
) -> dict[str, Any]:
    row: dict[str, Any] = {"row": number}
    code = _text(raw.get("unit_code"))
    row["unit"] = units_by_code.get(code)
    if row["unit"] is None:
        issues.append(RowIssue(number, "Mã đơn vị", _("Unknown unit code “%(v)s”.") % {"v": code}))
    code = _text(raw.get("indicator_code"))
    row["indicator"] = indicators.get(code.casefold())
    if row["indicator"] is None:
        issues.append(RowIssue(number, "Mã chỉ tiêu", _("Unknown indicator code “%(v)s”.") % {"v": code}))
    year_text = _text(raw.get("year"))
    row["year"] = int(year_text) if year_text.isdigit() and MIN_YEAR <= int(year_text) <= MAX_YEAR else None
    if row["year"] is None:
        issues.append(RowIssue(number, "Năm", _("The year is not valid (e.g. 2020).")))
    row["period"] = parse_period(_text(raw.get("period")))
    if row["period"] is None:
        issues.append(
            RowIssue(
                number,
                "Kỳ",
                _("Unknown period; write “Năm”, “6 tháng”, “Quý 1”–“Quý 4” or “Tháng 1”–“Tháng 12”."),
            )
        )
    for name in ("value", "denominator"):
        row[name] = None
        if name == "denominator" and raw.get(name) in (None, ""):
            continue
        try:
            number_value = parse_number(raw.get(name))
        except ValueError as exc:
            issues.append(RowIssue(number, _HEADING[name], str(exc)))
            continue
        if number_value != number_value.quantize(Decimal(1).scaleb(-STORED_PLACES)):
            issues.append(RowIssue(number, _HEADING[name], _("Use at most four decimal places.")))
            continue
        row[name] = number_value
    try:
        row["reported_on"] = _parse_date(raw.get("reported_on"))
    except ValueError:
        issues.append(RowIssue(number, "Ngày báo cáo", _("The date is not valid (dd/mm/yyyy).")))
    return row


def _attach_targets(rows: list[dict[str, Any]], report: ImportReport) -> None:
    """Find each row's target in one query; a row without a target, or repeating a period, is an error."""
    units = {r["unit"].pk for r in rows}
    years = {r["year"] for r in rows}
    targets = {
        (t.unit_id, t.indicator_id, t.year): t
        for t in Target.objects.filter(unit_id__in=units, year__in=years).select_related("indicator", "unit")
    }
    seen: dict[tuple[int, str, int], int] = {}
    for r in rows:
        r["target"] = targets.get((r["unit"].pk, r["indicator"].pk, r["year"]))
        if r["target"] is None:
            message = _("%(unit)s has no target for “%(indicator)s” in %(year)s; set the plan first.") % {
                "unit": r["unit"].code,
                "indicator": r["indicator"].code,
                "year": r["year"],
            }
            report.issues.append(RowIssue(r["row"], "Mã chỉ tiêu", message))
            continue
        key = (r["target"].pk, r["period"][0], r["period"][1])
        if key in seen:
            message = _("The same period repeats row %(row)s.") % {"row": seen[key]}
            report.issues.append(RowIssue(r["row"], "Kỳ", message))
        else:
            seen[key] = r["row"]


def read_actuals(
    stream: IO[bytes], *, size: int, max_bytes: int, units_by_code: dict[str, Unit]
) -> tuple[list[dict[str, Any]], ImportReport]:
    """Read and check every row; return the clean rows and the report (nothing is written)."""
    report = ImportReport()
    workbook = _open(stream, size, max_bytes, report)
    if workbook is None:
        return [], report
    indicators = {i.code.casefold(): i for i in Indicator.objects.all()}
    clean_rows: list[dict[str, Any]] = []
    for number, raw, issues in _raw_rows(workbook.worksheets[0], report):
        report.rows_total += 1
        row = _check_row(number, raw, issues, units_by_code, indicators)
        report.issues.extend(issues)
        if not any(i.is_error for i in issues):
            clean_rows.append(row)
    workbook.close()
    _attach_targets(clean_rows, report)
    bad = {i.row for i in report.errors}
    return [r for r in clean_rows if r["row"] not in bad], report


def import_actuals(
    stream: IO[bytes],
    *,
    actor: Any,
    size: int,
    max_bytes: int,
    units_by_code: dict[str, Unit],
    on: date,
    dry_run: bool,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check an actuals spreadsheet and, when every row is clean and this is no dry run, record all of it.

    `on` is the report date of rows without a "Ngày báo cáo".
    """
    rows, report = read_actuals(stream, size=size, max_bytes=max_bytes, units_by_code=units_by_code)
    report.dry_run = dry_run
    if dry_run or not report.is_clean or not rows:
        return report
    try:
        with transaction.atomic():
            for i, r in enumerate(rows, start=1):
                try:
                    actual_report(
                        actor=actor,
                        target=r["target"],
                        period_kind=r["period"][0],
                        period_index=r["period"][1],
                        value=r["value"],
                        denominator=r["denominator"],
                        reported_on=r["reported_on"] or on,
                        reason="import",
                    )
                except ValidationFailed as exc:
                    messages = [m for ms in exc.errors.values() for m in ms] or [str(exc)]
                    for m in messages:
                        report.issues.append(RowIssue(r["row"], "", m))
                    raise
                if progress:
                    progress(i, len(rows))
    except ValidationFailed:  # a rule of the service refused a row: nothing was kept
        return report
    report.created = len(rows)
    return report


def export_template(targets: Iterable[Target], *, period: tuple[str, int] = (PeriodKind.YEAR, 1)) -> bytes:
    """Write an .xlsx to fill in: one row per target with its codes and period, the value left empty
    (or the value already reported for that period, so the file can be corrected and imported again)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Số liệu thực hiện")
    sheet.append([h for _f, h in COLUMNS] + INFO_COLUMNS)
    kind, index = period
    for t in targets:
        reported = next(
            (a for a in t.actuals.all() if a.period_kind == kind and a.period_index == index), None
        )
        sheet.append(
            [
                _safe(t.unit.code),
                _safe(t.indicator.code),
                t.year,
                period_label(kind, index),
                reported.value if reported is not None else None,
                reported.denominator if reported is not None else None,
                format_date(reported.reported_on) if reported is not None else None,
                _safe(t.unit.name),
                _safe(t.indicator.name),
                _safe(t.indicator.unit_of_measure),
                t.planned,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

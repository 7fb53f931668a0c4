"""Read an uploaded workbook safely: size limit, real .xlsx only, no formulas, NFC text, headings by name."""

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from thidua.core.text import clean_text, fold
from thidua.organization.spreadsheets import ImportReport, RowIssue

MAX_ROWS = 50_000


@dataclass
class RegisterImportReport(ImportReport):
    """What an import of the register found and did (`created` counts new rows, `updated` replaced ones)."""

    updated: int = 0
    columns: set[str] = field(default_factory=set)


def heading_key(text: str) -> str:
    """Return a heading with no accents, case, punctuation ("Danh hiệu/Hình thức": "danh hieu hinh thuc")."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


@dataclass(frozen=True)
class Column:
    """A column of a layout: the field it fills, its heading, and other headings offices use for it."""

    field: str
    heading: str
    aliases: tuple[str, ...] = ()


def cell_text(value: Any) -> str:
    """Return a cell as text (whole floats without ".0")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return clean_text(str(value))


def parse_date(value: Any) -> date | None:
    """Return a date from a date cell or a "dd/mm/yyyy" text; None for an empty cell; ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean_text(str(value))
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a civil date, no time zone
        except ValueError:
            continue
    raise ValueError(text)


def parse_int(value: Any) -> int | None:
    """Return a whole number written as a number or as Vietnamese text ("2.340.000"); None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(str(value))
        return int(value)
    text = clean_text(str(value)).replace(".", "").replace(" ", "").replace("đ", "")
    if not text.lstrip("-").isdigit():
        raise ValueError(str(value))
    return int(text)


def _is_formula(cell: Any) -> bool:
    return getattr(cell, "data_type", None) == "f" or (
        isinstance(cell.value, str) and cell.value.startswith("=")
    )


Required = Callable[[set[str]], list[str]]


def read_rows(
    stream: IO[bytes],
    *,
    size: int,
    max_bytes: int,
    columns: list[Column],
    required: Required,
    report: RegisterImportReport,
) -> Iterator[tuple[int, dict[str, Any], list[RowIssue]]]:
    """Yield (row number, values by field, issues) for every non-blank row; file problems go to `report`."""
    if size > max_bytes:
        report.issues.append(
            RowIssue(
                0,
                "",
                _("The file is %(size)s MB; the limit is %(limit)s MB. Split it into smaller files.")
                % {"size": round(size / 1_048_576, 1), "limit": round(max_bytes / 1_048_576, 1)},
            )
        )
        return
    head = stream.read(4)
    stream.seek(0)
    if head != b"PK\x03\x04":
        report.issues.append(RowIssue(0, "", _("The file is not an Excel workbook (.xlsx).")))
        return
    try:
        workbook = load_workbook(stream, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        report.issues.append(RowIssue(0, "", _("The workbook cannot be read; save it again as .xlsx.")))
        return
    try:
        yield from _rows(workbook.worksheets[0], columns, required, report)
    finally:
        workbook.close()


def _rows(
    sheet: Any, columns: list[Column], required: Required, report: RegisterImportReport
) -> Iterator[tuple[int, dict[str, Any], list[RowIssue]]]:
    keys = {heading_key(h): c for c in columns for h in (c.heading, *c.aliases)}
    rows_iter = sheet.iter_rows()
    try:
        header = next(rows_iter)
    except StopIteration:
        report.issues.append(RowIssue(0, "", _("The sheet is empty.")))
        return
    found: dict[int, Column] = {}
    for idx, cell in enumerate(header):
        column = keys.get(heading_key(cell_text(cell.value)))
        if column is not None and column not in found.values():
            found[idx] = column
    report.columns = {c.field for c in found.values()}
    missing = required(report.columns)
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
            column = found.get(idx)
            if column is None:
                continue
            if _is_formula(cell):
                issues.append(
                    RowIssue(number, column.heading, _("Formulas are not accepted; enter the value itself."))
                )
                continue
            value = cell.value
            if isinstance(value, str):
                if unicodedata.normalize("NFC", value) != value:
                    issues.append(
                        RowIssue(
                            number,
                            column.heading,
                            _("Text was in decomposed Unicode (NFD); converted to NFC."),
                            False,
                        )
                    )
                value = clean_text(value)
            raw[column.field] = value
        if all(v in (None, "") for v in raw.values()) and not issues:
            continue  # blank line
        report.rows_total += 1
        yield number, raw, issues


def template_workbook(columns: list[Column]) -> bytes:
    """Return an empty workbook with the headings of a layout, ready to fill in."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Mẫu")
    sheet.append([c.heading for c in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

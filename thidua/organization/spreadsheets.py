"""Import and export people as Excel spreadsheets: row-level report, dry run, all-or-nothing."""

import io
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from thidua.core.errors import ValidationFailed
from thidua.core.formatting import format_date
from thidua.core.text import clean_text, defuse_formula, fold
from thidua.organization.models import Ethnicity, Person, Sex, Unit
from thidua.organization.services import person_create

# (field, heading) in the order of the template; headings are matched without accents or case.
COLUMNS: list[tuple[str, str]] = [
    ("full_name", "Họ và tên"),
    ("family_name", "Họ"),
    ("middle_name", "Tên đệm"),
    ("given_name", "Tên"),
    ("sex", "Giới tính"),
    ("date_of_birth", "Ngày sinh"),
    ("ethnicity", "Dân tộc"),
    ("id_number", "Số định danh"),
    ("position", "Chức vụ"),
    ("unit_code", "Mã đơn vị"),
    ("is_direct_worker", "Trực tiếp lao động"),
]
_HEADINGS = {fold(h): f for f, h in COLUMNS}
_SEX = {
    "nam": Sex.MALE,
    "m": Sex.MALE,
    "male": Sex.MALE,
    "nu": Sex.FEMALE,
    "f": Sex.FEMALE,
    "female": Sex.FEMALE,
}
_YES = {"x", "co", "1", "true", "yes", "c"}
_NO = {"", "khong", "0", "false", "no", "k"}
MAX_ROWS = 50_000


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


def _parse_date(value: Any) -> date | None:
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


def _ethnicity_index() -> dict[str, Ethnicity]:
    index: dict[str, Ethnicity] = {}
    for e in Ethnicity.objects.all():
        index[fold(e.name)] = e
        index[e.code_1979] = e
        index[e.code_1979.lstrip("0")] = e
        for other in filter(None, e.other_names.split(";")):
            index[fold(other)] = e
    return index


def _is_formula(cell: Any) -> bool:
    return getattr(cell, "data_type", None) == "f" or (
        isinstance(cell.value, str) and cell.value.startswith("=")
    )


def read_people(
    stream: IO[bytes], *, size: int, max_bytes: int, units_by_code: dict[str, Unit]
) -> tuple[list[dict[str, Any]], ImportReport]:
    """Read and check every row; return the clean rows and the report (nothing is written)."""
    report = ImportReport()
    if size > max_bytes:
        report.issues.append(
            RowIssue(
                0,
                "",
                _("The file is %(size)s MB; the limit is %(limit)s MB. Split it into smaller files.")
                % {"size": round(size / 1_048_576, 1), "limit": round(max_bytes / 1_048_576, 1)},
            )
        )
        return [], report
    head = stream.read(4)
    stream.seek(0)
    if head != b"PK\x03\x04":
        report.issues.append(RowIssue(0, "", _("The file is not an Excel workbook (.xlsx).")))
        return [], report
    try:
        workbook = load_workbook(stream, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        report.issues.append(RowIssue(0, "", _("The workbook cannot be read; save it again as .xlsx.")))
        return [], report
    sheet = workbook.worksheets[0]
    rows_iter = sheet.iter_rows()
    try:
        header = next(rows_iter)
    except StopIteration:
        report.issues.append(RowIssue(0, "", _("The sheet is empty.")))
        return [], report
    columns: dict[int, str] = {}
    for idx, cell in enumerate(header):
        key = fold(_text(cell.value))
        if key in _HEADINGS:
            columns[idx] = _HEADINGS[key]
    missing = [h for f, h in COLUMNS if f in {"sex", "unit_code"} and f not in columns.values()]
    if "given_name" not in columns.values() and "full_name" not in columns.values():
        missing.insert(0, "Tên")
    if missing:
        report.issues.append(RowIssue(1, "", _("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)}))
        return [], report
    ethnicities = _ethnicity_index()
    seen_ids: dict[str, int] = {}
    clean_rows: list[dict[str, Any]] = []
    for number, cells in enumerate(rows_iter, start=2):
        if number - 1 > MAX_ROWS:
            report.issues.append(
                RowIssue(number, "", _("More than %(n)s rows; split the file.") % {"n": MAX_ROWS})
            )
            break
        raw: dict[str, Any] = {}
        row_issues: list[RowIssue] = []
        for idx, cell in enumerate(cells):
            name = columns.get(idx)
            if name is None:
                continue
            heading = dict(COLUMNS)[name]
            if _is_formula(cell):
                row_issues.append(
                    RowIssue(number, heading, _("Formulas are not accepted; enter the value itself."))
                )
                continue
            value = cell.value
            if isinstance(value, str):
                if unicodedata.normalize("NFC", value) != value:
                    row_issues.append(
                        RowIssue(
                            number,
                            heading,
                            _("Text was in decomposed Unicode (NFD); converted to NFC."),
                            False,
                        )
                    )
                value = clean_text(value)
            raw[name] = value
        if all(v in (None, "") for v in raw.values()) and not row_issues:
            continue  # blank line
        report.rows_total += 1
        row = _check_row(number, raw, row_issues, units_by_code, ethnicities, seen_ids)
        report.issues.extend(row_issues)
        if row is not None and not any(i.is_error for i in row_issues):
            clean_rows.append(row)
    workbook.close()
    _check_existing_ids(clean_rows, report)
    return clean_rows, report


def _check_row(
    number: int,
    raw: dict[str, Any],
    issues: list[RowIssue],
    units_by_code: dict[str, Unit],
    ethnicities: dict[str, Ethnicity],
    seen_ids: dict[str, int],
) -> dict[str, Any] | None:
    row: dict[str, Any] = {"row": number}
    full = _text(raw.get("full_name"))
    family, middle, given = (_text(raw.get(k)) for k in ("family_name", "middle_name", "given_name"))
    if not given and full:
        words = full.split(" ")
        family, middle, given = (
            (words[0], " ".join(words[1:-1]), words[-1]) if len(words) > 1 else ("", "", words[0])
        )
    if not given:
        issues.append(RowIssue(number, "Tên", _("The name is missing.")))
    row.update(full_name=full, family_name=family, middle_name=middle, given_name=given)
    sex = _SEX.get(fold(_text(raw.get("sex"))))
    if sex is None:
        issues.append(RowIssue(number, "Giới tính", _("Sex must be “Nam” or “Nữ”.")))
    row["sex"] = sex
    try:
        born = _parse_date(raw.get("date_of_birth"))
        if born and not date(1900, 1, 1) <= born <= date.today():  # noqa: DTZ011
            raise ValueError(str(born))
        row["date_of_birth"] = born
    except ValueError:
        issues.append(RowIssue(number, "Ngày sinh", _("The date of birth is not a valid date (dd/mm/yyyy).")))
    eth_text = _text(raw.get("ethnicity"))
    row["ethnicity"] = None
    if eth_text:
        row["ethnicity"] = ethnicities.get(fold(eth_text)) or ethnicities.get(eth_text)
        if row["ethnicity"] is None:
            issues.append(RowIssue(number, "Dân tộc", _("Unknown ethnic group “%(v)s”.") % {"v": eth_text}))
    id_number = _text(raw.get("id_number")).replace(" ", "")
    if id_number:
        if not id_number.isdigit() or len(id_number) not in (9, 12):
            issues.append(RowIssue(number, "Số định danh", _("The ID number must have 9 or 12 digits.")))
        elif id_number in seen_ids:
            issues.append(
                RowIssue(
                    number,
                    "Số định danh",
                    _("The ID number repeats row %(row)s.") % {"row": seen_ids[id_number]},
                )
            )
        else:
            seen_ids[id_number] = number
    row["id_number"] = id_number or None
    code = _text(raw.get("unit_code"))
    row["unit"] = units_by_code.get(code)
    if row["unit"] is None:
        issues.append(RowIssue(number, "Mã đơn vị", _("Unknown unit code “%(v)s”.") % {"v": code}))
    row["position"] = _text(raw.get("position"))
    direct = fold(_text(raw.get("is_direct_worker")))
    if direct not in _YES | _NO:
        issues.append(RowIssue(number, "Trực tiếp lao động", _("Write “x” for yes or leave empty.")))
    row["is_direct_worker"] = direct in _YES
    return row


def _check_existing_ids(rows: list[dict[str, Any]], report: ImportReport) -> None:
    ids = [r["id_number"] for r in rows if r["id_number"]]
    taken: set[str] = set()
    for start in range(0, len(ids), 500):
        found = Person.objects.filter(id_number__in=ids[start : start + 500]).values_list(
            "id_number", flat=True
        )
        taken.update(i for i in found if i)
    for r in rows:
        if r["id_number"] in taken:
            report.issues.append(
                RowIssue(r["row"], "Số định danh", _("A person with this ID number already exists."))
            )


def import_people(
    stream: IO[bytes],
    *,
    actor: Any,
    size: int,
    max_bytes: int,
    units_by_code: dict[str, Unit],
    dry_run: bool,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check a people spreadsheet and, when every row is clean and this is no dry run, import all of it."""
    rows, report = read_people(stream, size=size, max_bytes=max_bytes, units_by_code=units_by_code)
    report.dry_run = dry_run
    if dry_run or not report.is_clean or not rows:
        return report
    try:
        with transaction.atomic():
            for i, r in enumerate(rows, start=1):
                person_create(
                    actor=actor,
                    unit=r["unit"],
                    family_name=r["family_name"],
                    middle_name=r["middle_name"],
                    given_name=r["given_name"],
                    full_name=r["full_name"],
                    sex=r["sex"],
                    date_of_birth=r["date_of_birth"],
                    ethnicity=r["ethnicity"],
                    id_number=r["id_number"],
                    position=r["position"],
                    is_direct_worker=r["is_direct_worker"],
                    reason="import",
                )
                if progress:
                    progress(i, len(rows))
    except ValidationFailed as exc:  # a race with another writer; nothing was kept
        report.issues.append(RowIssue(0, "", str(exc)))
        return report
    report.created = len(rows)
    return report


def export_people(people: Iterable[Person]) -> bytes:
    """Write people to an .xlsx in the import layout (so an export can be edited and imported again)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append([h for _f, h in COLUMNS])
    for p in people:
        values = [
            p.full_name,
            p.family_name,
            p.middle_name,
            p.given_name,
            p.get_sex_display(),
            format_date(p.date_of_birth),
            p.ethnicity.name if p.ethnicity else "",
            p.id_number or "",
            p.position,
            p.unit.code if p.unit else "",
            "x" if p.is_direct_worker else "",
        ]
        # A leading "=", "+", "-" or "@" would make a spreadsheet run the text as a formula.
        sheet.append([defuse_formula(v) for v in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

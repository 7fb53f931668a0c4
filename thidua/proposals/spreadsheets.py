"""Import and export a proposal's nominee list as Excel: row-level report, dry run, all-or-nothing.

The layout is the one offices use: STT, Họ và tên, Ngày sinh, Số định danh, Đơn vị (code), Chức vụ,
Hình thức/Danh hiệu (code or Vietnamese name), Năm, Tóm tắt thành tích. A row without a name proposes
the unit itself (a collective, a village or a commune).
"""

import io
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from thidua.core.formatting import format_date
from thidua.core.text import clean_text, defuse_formula, fold
from thidua.organization.models import Person, Unit, UnitKind
from thidua.organization.spreadsheets import RowIssue
from thidua.proposals.eligibility import ENGINE_SUBJECT
from thidua.proposals.models import Nominee, Proposal, SubjectKind
from thidua.proposals.services import NomineeRow, nominees_import
from thidua.regulations.catalogue import CATALOGUE, award

COLUMNS: list[tuple[str, str]] = [
    ("order", "STT"),
    ("full_name", "Họ và tên"),
    ("date_of_birth", "Ngày sinh"),
    ("id_number", "Số định danh"),
    ("unit_code", "Đơn vị"),
    ("position", "Chức vụ"),
    ("award", "Hình thức/Danh hiệu"),
    ("year", "Năm"),
    ("achievement", "Tóm tắt thành tích"),
]
_HEADINGS = {fold(h): f for f, h in COLUMNS}
_HEADINGS.update(
    {
        "don vi (ma)": "unit_code",
        "ma don vi": "unit_code",
        "hinh thuc / danh hieu": "award",
        "danh hieu/hinh thuc": "award",
        "danh hieu": "award",
        "hinh thuc": "award",
        "nam thanh tich": "year",
        "thanh tich": "achievement",
        "so tt": "order",
    }
)
_HEADING_OF = dict(COLUMNS)
MAX_ROWS = 20_000


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return format_date(value)
    return str(value).strip()


def _parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean_text(str(value))
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a civil date
        except ValueError:
            continue
    raise ValueError(text)


def _is_formula(cell: Any) -> bool:
    return getattr(cell, "data_type", None) == "f" or (
        isinstance(cell.value, str) and cell.value.startswith("=")
    )


def _award_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for entry in CATALOGUE:
        index[fold(entry.code)] = entry.code
        index[fold(entry.code.replace("_", ""))] = entry.code
        for label in entry.labels:
            index[fold(label.name)] = entry.code
    return index


AWARDS = _award_index()


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
    def is_clean(self) -> bool:
        return not self.errors

    def error_rows(self) -> int:
        return len({i.row for i in self.errors})


class _Index:
    """People and units of the proposing unit's subtree, found by ID number, name and code."""

    def __init__(self, unit: Unit) -> None:
        self.units = {u.code: u for u in Unit.objects.filter(path__startswith=unit.path)}
        self.by_id: dict[str, Person] = {}
        self.by_name: dict[str, list[Person]] = {}
        people = Person.objects.filter(unit__path__startswith=unit.path).select_related("unit")
        for p in people.only(
            "id",
            "full_name",
            "date_of_birth",
            "id_number",
            "position",
            "unit__id",
            "unit__code",
            "unit__path",
        ):
            if p.id_number:
                self.by_id[p.id_number] = p
            self.by_name.setdefault(fold(p.full_name), []).append(p)
        self.outside_ids: set[str] = set()

    def load_outsiders(self, ids: Iterable[str]) -> None:
        wanted = sorted(set(ids) - set(self.by_id))
        for start in range(0, len(wanted), 500):
            found = Person.objects.filter(id_number__in=wanted[start : start + 500]).values_list(
                "id_number", flat=True
            )
            self.outside_ids.update(i for i in found if i)


def read_rows(
    stream: IO[bytes], *, size: int, max_bytes: int
) -> tuple[list[tuple[int, dict[str, Any]]], ImportReport]:
    """Read the sheet: refuse non-workbooks and files too large; flag formulas and decomposed text."""
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
    rows_iter = workbook.worksheets[0].iter_rows()
    try:
        header = next(rows_iter)
    except StopIteration:
        report.issues.append(RowIssue(0, "", _("The sheet is empty.")))
        return [], report
    columns = {
        i: _HEADINGS[fold(_text(c.value))] for i, c in enumerate(header) if fold(_text(c.value)) in _HEADINGS
    }
    missing = [h for f, h in COLUMNS if f in {"full_name", "award"} and f not in columns.values()]
    if missing:
        report.issues.append(RowIssue(1, "", _("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)}))
        return [], report
    out: list[tuple[int, dict[str, Any]]] = []
    for number, cells in enumerate(rows_iter, start=2):
        if number - 1 > MAX_ROWS:
            report.issues.append(
                RowIssue(number, "", _("More than %(n)s rows; split the file.") % {"n": MAX_ROWS})
            )
            break
        raw: dict[str, Any] = {}
        for idx, cell in enumerate(cells):
            name = columns.get(idx)
            if name is None:
                continue
            if _is_formula(cell):
                report.issues.append(
                    RowIssue(
                        number, _HEADING_OF[name], _("Formulas are not accepted; enter the value itself.")
                    )
                )
                raw["__bad__"] = True
                continue
            value = cell.value
            if isinstance(value, str):
                if unicodedata.normalize("NFC", value) != value:
                    report.issues.append(
                        RowIssue(
                            number,
                            _HEADING_OF[name],
                            _("Text was in decomposed Unicode (NFD); converted to NFC."),
                            False,
                        )
                    )
                value = clean_text(value)
            raw[name] = value
        if (
            all(v in (None, "") for k, v in raw.items() if k not in {"order", "__bad__"})
            and "__bad__" not in raw
        ):
            continue  # a blank line (perhaps with only its STT)
        report.rows_total += 1
        out.append((number, raw))
    workbook.close()
    return out, report


def _subject(
    number: int, raw: dict[str, Any], index: _Index, award_code: str | None, issues: list[RowIssue]
) -> tuple[str, Any] | None:
    name = _text(raw.get("full_name"))
    code = _text(raw.get("unit_code"))
    unit = index.units.get(code) if code else None
    if code and unit is None:
        issues.append(
            RowIssue(number, "Đơn vị", _("Unit “%(v)s” is not in the proposing unit.") % {"v": code})
        )
        return None
    if not name:
        if unit is None:
            issues.append(RowIssue(number, "Họ và tên", _("Give a name, or a unit code for a collective.")))
            return None
        if unit.kind == UnitKind.VILLAGE:
            return SubjectKind.VILLAGE, unit
        return (SubjectKind.COMMUNE if award_code == "XA_TIEU_BIEU" else SubjectKind.COLLECTIVE), unit
    id_number = _text(raw.get("id_number")).replace(" ", "")
    if id_number:
        person = index.by_id.get(id_number)
        if person is None:
            message = (
                _("This person is not in the proposing unit.")
                if id_number in index.outside_ids
                else _("No person has this ID number.")
            )
            issues.append(RowIssue(number, "Số định danh", message))
            return None
        if fold(person.full_name) != fold(name):
            issues.append(
                RowIssue(
                    number, "Họ và tên", _("The ID number belongs to %(name)s.") % {"name": person.full_name}
                )
            )
            return None
        return SubjectKind.INDIVIDUAL, person
    try:
        born = _parse_date(raw.get("date_of_birth"))
    except ValueError:
        issues.append(RowIssue(number, "Ngày sinh", _("The date of birth is not a valid date (dd/mm/yyyy).")))
        return None
    matches = [
        p
        for p in index.by_name.get(fold(name), [])
        if (born is None or p.date_of_birth == born) and (unit is None or p.unit_id == unit.pk)
    ]
    if not matches:
        issues.append(RowIssue(number, "Họ và tên", _("No person of this name in the proposing unit.")))
        return None
    if len(matches) > 1:
        issues.append(RowIssue(number, "Họ và tên", _("Several people have this name; give the ID number.")))
        return None
    return SubjectKind.INDIVIDUAL, matches[0]


def check_rows(
    rows: list[tuple[int, dict[str, Any]]], report: ImportReport, *, proposal: Proposal
) -> list[NomineeRow]:
    """Resolve each row to a subject and an award; report every problem (nothing is written)."""
    index = _Index(proposal.proposing_unit)
    index.load_outsiders(_text(r.get("id_number")).replace(" ", "") for _n, r in rows if r.get("id_number"))
    existing = {
        (n.person_id, n.unit_id, n.household_id, n.award_code, n.year)
        for n in proposal.nominees.filter(forwarded_to__isnull=True)
    }
    seen: dict[tuple[int, str, int], int] = {}
    out: list[NomineeRow] = []
    for number, raw in rows:
        issues: list[RowIssue] = []
        award_text = _text(raw.get("award"))
        award_code = AWARDS.get(fold(award_text))
        if award_code is None:
            issues.append(
                RowIssue(number, "Hình thức/Danh hiệu", _("Unknown award “%(code)s”.") % {"code": award_text})
            )
        year_text = _text(raw.get("year")) or str(proposal.year)
        year = int(year_text) if year_text.isdigit() else 0
        if not 2000 <= year <= proposal.year + 1:
            issues.append(RowIssue(number, "Năm", _("The year “%(v)s” is not plausible.") % {"v": year_text}))
        found = _subject(number, raw, index, award_code, issues)
        if found is not None and award_code is not None:
            kind, subject = found
            if ENGINE_SUBJECT[SubjectKind(kind)] not in award(award_code).subject_kinds:
                issues.append(
                    RowIssue(
                        number,
                        "Hình thức/Danh hiệu",
                        _("This award cannot be given to this kind of subject."),
                    )
                )
            key = (subject.pk if kind == SubjectKind.INDIVIDUAL else -subject.pk, award_code, year)
            if key in seen:
                issues.append(
                    RowIssue(number, "", _("The same line repeats row %(row)s.") % {"row": seen[key]})
                )
            seen.setdefault(key, number)
            person_id = subject.pk if kind == SubjectKind.INDIVIDUAL else None
            unit_id = None if kind == SubjectKind.INDIVIDUAL else subject.pk
            if (person_id, unit_id, None, award_code, year) in existing:
                issues.append(RowIssue(number, "", _("This line is already on the proposal.")))
        report.issues.extend(issues)
        if not issues and "__bad__" not in raw and found is not None and award_code is not None:
            out.append(
                NomineeRow(
                    number,
                    found[0],
                    found[1],
                    award_code,
                    year,
                    _text(raw.get("position")),
                    _text(raw.get("achievement")),
                )
            )
    report.issues.sort(key=lambda i: (i.row, not i.is_error))
    return out


def import_nominees(
    stream: IO[bytes],
    *,
    actor: Any,
    proposal: Proposal,
    size: int,
    max_bytes: int,
    dry_run: bool,
    on: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check a nominee spreadsheet and, when every row is clean and this is no dry run, add all of it."""
    raw_rows, report = read_rows(stream, size=size, max_bytes=max_bytes)
    report.dry_run = dry_run
    if not raw_rows:
        return report
    rows = check_rows(raw_rows, report, proposal=proposal)
    if dry_run or not report.is_clean or not rows:
        return report
    created = nominees_import(actor=actor, proposal=proposal, rows=rows, on=on, progress=progress)
    report.created = len(created)
    return report


def export_nominees(nominees: Iterable[Nominee]) -> bytes:
    """Write nominees to an .xlsx in the import layout (so an export can be edited and imported again)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append([h for _f, h in COLUMNS])
    for number, n in enumerate(nominees, start=1):
        person = n.person
        if person is not None:
            unit_code = person.unit.code if person.unit is not None else ""
        elif n.household is not None:
            unit_code = n.household.village.code
        else:
            unit_code = n.unit.code if n.unit is not None else ""
        values: list[Any] = [
            number,
            person.full_name if person is not None else "",
            format_date(person.date_of_birth) if person is not None else "",
            (person.id_number or "") if person is not None else "",
            unit_code,
            n.position,
            n.award_code,
            n.year,
            n.achievement,
        ]
        # A leading "=", "+", "-" or "@" would make a spreadsheet run the text as a formula.
        sheet.append([defuse_formula(v) for v in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Import earlier awards from Excel (checked row by row, dry run, all or nothing) and export the register."""

import io
from collections.abc import Callable, Iterable
from typing import IO, Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from thidua.awards.cases import unit_subject_kind
from thidua.awards.models import Award, AwardStatus, SubjectKind
from thidua.awards.services import award_record
from thidua.awards.spreadsheets.reader import (
    Column,
    RegisterImportReport,
    RowIssue,
    cell_text,
    parse_date,
    parse_int,
    read_rows,
)
from thidua.awards.validation import check_award, resolve_award_code, resolve_office
from thidua.core.errors import ValidationFailed
from thidua.core.formatting import format_date
from thidua.core.text import defuse_formula as _safe
from thidua.organization.models import Person, Unit
from thidua.regulations import AwardKind, award

COLUMNS: list[Column] = [
    Column("id_number", "Số định danh", ("Số CCCD", "Số căn cước", "CCCD")),
    Column("full_name", "Họ và tên", ("Họ tên",)),
    Column("date_of_birth", "Ngày sinh"),
    Column("unit_code", "Mã đơn vị"),
    Column(
        "award", "Danh hiệu/Hình thức", ("Danh hiệu", "Hình thức", "Hình thức khen thưởng", "Mã danh hiệu")
    ),
    Column("year", "Năm", ("Năm thành tích", "Năm đánh giá")),
    Column("decision_symbol", "Số quyết định", ("Số QĐ",)),
    Column("decided_on", "Ngày quyết định", ("Ngày QĐ", "Ngày ký")),
    Column("authority_office", "Cấp khen", ("Cấp quyết định", "Thẩm quyền")),
    Column("prize_vnd", "Tiền thưởng", ("Số tiền",)),
]
HEADING = {c.field: c.heading for c in COLUMNS}
BATCH = 500


def _required(found: set[str]) -> list[str]:
    missing = [HEADING[f] for f in ("award", "year", "decision_symbol", "decided_on") if f not in found]
    if not found & {"id_number", "full_name", "unit_code"}:
        missing.insert(0, f"{HEADING['id_number']} / {HEADING['full_name']} / {HEADING['unit_code']}")
    return missing


def people_by_id(ids: list[str], units: QuerySet[Unit]) -> dict[str, Person]:
    found: dict[str, Person] = {}
    for start in range(0, len(ids), BATCH):
        for p in Person.objects.filter(id_number__in=ids[start : start + BATCH], unit__in=units):
            assert p.id_number is not None
            found[p.id_number] = p
    return found


class _Checker:
    """Check rows one by one, remembering what the file itself already holds."""

    def __init__(
        self, units: QuerySet[Unit], units_by_code: dict[str, Unit], people: dict[str, Person]
    ) -> None:
        self.units, self.units_by_code, self.people = units, units_by_code, people
        self.seen: dict[tuple[Any, ...], int] = {}

    def subject(self, raw: dict[str, Any], add: Callable[[str, str], None]) -> dict[str, Any]:
        id_number = cell_text(raw.get("id_number")).replace(" ", "")
        name = cell_text(raw.get("full_name"))
        code = cell_text(raw.get("unit_code"))
        unit = self.units_by_code.get(code) if code else None
        if code and unit is None:
            add("unit_code", _("Unknown unit code “%(v)s”, or not one of your units.") % {"v": code})
            return {}
        if id_number:
            person = self.people.get(id_number)
            if person is None:
                add("id_number", _("No person with this ID number in your units."))
                return {}
            return {"subject_kind": SubjectKind.INDIVIDUAL, "person": person}
        if name:
            try:
                born = parse_date(raw.get("date_of_birth"))
            except ValueError:
                add("date_of_birth", _("The date of birth is not a valid date (dd/mm/yyyy)."))
                return {}
            if born is None:
                add("date_of_birth", _("Without an ID number, give the date of birth to find the person."))
                return {}
            qs = Person.objects.filter(full_name=name, date_of_birth=born, unit__in=self.units)
            if unit is not None:
                qs = qs.filter(unit=unit)
            matches = list(qs[:2])
            if len(matches) != 1:
                add(
                    "full_name",
                    _("No person with this name and date of birth in your units.")
                    if not matches
                    else _("Several people have this name and date of birth; give the ID number."),
                )
                return {}
            return {"subject_kind": SubjectKind.INDIVIDUAL, "person": matches[0]}
        if unit is not None:
            return {"unit": unit}
        add("id_number", _("Give the ID number, the name and date of birth, or the unit code."))
        return {}

    def row(self, number: int, raw: dict[str, Any], issues: list[RowIssue]) -> dict[str, Any] | None:
        def add(field: str, message: str) -> None:
            column = HEADING.get(field, "")
            # A cell refused by the reader (a formula) is reported once, not again as missing.
            if not any(i.is_error and i.column == column and column for i in issues):
                issues.append(RowIssue(number, column, message))

        subject = self.subject(raw, add)
        code = resolve_award_code(cell_text(raw.get("award")))
        if code is None:
            add("award", _("Unknown award “%(v)s”.") % {"v": cell_text(raw.get("award"))})
        if "unit" in subject and code is not None:
            subject["subject_kind"] = unit_subject_kind(subject["unit"], code)
        values: dict[str, Any] = {"award_code": code or ""}
        try:
            values["year"] = parse_int(raw.get("year"))
        except ValueError:
            values["year"] = None
        if values["year"] is None:
            add("year", _("The year must be a number such as 2024."))
        try:
            values["decided_on"] = parse_date(raw.get("decided_on"))
        except ValueError:
            values["decided_on"] = None
        if values["decided_on"] is None:
            add("decided_on", _("The decision date is not a valid date (dd/mm/yyyy)."))
        office = resolve_office(cell_text(raw.get("authority_office")))
        if office is None:
            add(
                "authority_office",
                _("Unknown awarding office “%(v)s”.") % {"v": cell_text(raw.get("authority_office"))},
            )
        values["authority_office"] = office or ""
        values["decision_symbol"] = cell_text(raw.get("decision_symbol"))
        try:
            values["prize_vnd"] = parse_int(raw.get("prize_vnd")) or 0
        except ValueError:
            add("prize_vnd", _("Enter the prize as a whole number of đồng."))
            values["prize_vnd"] = 0
        if any(i.is_error for i in issues) or not subject:
            return None
        errors = check_award(
            subject_kind=subject["subject_kind"],
            person=subject.get("person"),
            unit=subject.get("unit"),
            household=None,
            **values,
        )
        for field_name, messages in errors.items():
            for message in messages:
                add(field_name if field_name in HEADING else "award", message)
        if errors:
            return None
        who = subject.get("person") or subject.get("unit")
        key: tuple[Any, ...] = (type(who).__name__, who.pk if who else None, code, values["year"])
        if award(values["award_code"]).kind is AwardKind.FORM:
            key = (*key, values["decision_symbol"])
        if key in self.seen:
            add("award", _("This award repeats row %(row)s.") % {"row": self.seen[key]})
            return None
        self.seen[key] = number
        return {"row": number, **subject, **values}


def read_awards(
    stream: IO[bytes], *, size: int, max_bytes: int, units: QuerySet[Unit]
) -> tuple[list[dict[str, Any]], RegisterImportReport]:
    """Read and check every row of an awards workbook; nothing is written."""
    report = RegisterImportReport()
    rows = list(
        read_rows(stream, size=size, max_bytes=max_bytes, columns=COLUMNS, required=_required, report=report)
    )
    return check_award_rows(rows, units=units, report=report), report


def check_award_rows(
    rows: list[tuple[int, dict[str, Any], list[RowIssue]]],
    *,
    units: QuerySet[Unit],
    report: RegisterImportReport,
) -> list[dict[str, Any]]:
    """Check rows of raw values by field (as read from a sheet, or from the JSON exchange layout)."""
    ids = sorted({cell_text(r.get("id_number")).replace(" ", "") for _n, r, _i in rows} - {""})
    checker = _Checker(units, {u.code: u for u in units}, people_by_id(ids, units))
    clean: list[dict[str, Any]] = []
    for number, raw, issues in rows:
        row = checker.row(number, raw, issues)
        report.issues.extend(issues)
        if row is not None:
            clean.append(row)
    return clean


def import_awards(
    stream: IO[bytes],
    *,
    actor: Any,
    size: int,
    max_bytes: int,
    units: QuerySet[Unit],
    dry_run: bool,
    progress: Callable[[int, int], None] | None = None,
) -> RegisterImportReport:
    """Check an awards workbook and, when every row is clean and this is no dry run, record all of it."""
    rows, report = read_awards(stream, size=size, max_bytes=max_bytes, units=units)
    return record_award_rows(rows, report, actor=actor, dry_run=dry_run, progress=progress)


def import_award_records(
    records: list[tuple[int, dict[str, Any]]],
    *,
    actor: Any,
    units: QuerySet[Unit],
    dry_run: bool,
    report: RegisterImportReport | None = None,
) -> RegisterImportReport:
    """Check earlier awards given as (row number, raw values by field) and record them as `import_awards`.

    The fields are those of COLUMNS (id_number, full_name, date_of_birth, unit_code, award, year, …).
    """
    report = report or RegisterImportReport()
    report.rows_total += len(records)
    rows = check_award_rows([(n, raw, []) for n, raw in records], units=units, report=report)
    return record_award_rows(rows, report, actor=actor, dry_run=dry_run)


def record_award_rows(
    rows: list[dict[str, Any]],
    report: RegisterImportReport,
    *,
    actor: Any,
    dry_run: bool,
    progress: Callable[[int, int], None] | None = None,
) -> RegisterImportReport:
    """Record checked rows, all or nothing, unless this is a dry run or some row has an error."""
    report.dry_run = dry_run
    if dry_run or not report.is_clean or not rows:
        return report
    try:
        with transaction.atomic():
            for i, r in enumerate(rows, start=1):
                award_record(
                    actor=actor,
                    subject_kind=r["subject_kind"],
                    person=r.get("person"),
                    unit=r.get("unit"),
                    award_code=r["award_code"],
                    year=r["year"],
                    decided_on=r["decided_on"],
                    authority_office=r["authority_office"],
                    decision_symbol=r["decision_symbol"],
                    source_ref="import",
                    prize_vnd=r["prize_vnd"],
                )
                if progress:
                    progress(i, len(rows))
    except ValidationFailed as exc:  # another writer got there first; nothing was kept
        report.issues.append(RowIssue(0, "", str(exc)))
        return report
    report.created = len(rows)
    return report


def export_awards(awards: Iterable[Award]) -> bytes:
    """Write awards in the import layout, plus their status, so an export can be corrected and re-imported."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sổ khen thưởng")
    sheet.append([c.heading for c in COLUMNS] + ["Trạng thái"])
    for a in awards:
        person, unit = a.person, a.unit
        if person is not None:
            subject = [
                person.id_number or "",
                person.full_name,
                format_date(person.date_of_birth),
                person.unit.code if person.unit else "",
            ]
        elif unit is not None:
            subject = ["", "", "", unit.code]
        else:
            household = a.household
            subject = ["", str(household), "", household.village.code if household else ""]
        status = "Đã thu hồi" if a.status == AwardStatus.REVOKED else "Còn hiệu lực"
        values = [
            *subject,
            award(a.award_code).name_on(a.decided_on),
            a.year,
            a.decision_symbol,
            format_date(a.decided_on),
            a.authority_office,
            a.prize_vnd or "",
            status,
        ]
        sheet.append([_safe(v) for v in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

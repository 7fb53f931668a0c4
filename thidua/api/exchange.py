"""Exchange layouts for the national emulation database and HR systems (docs/howto/exchange-formats.md).

* `thidua.awards/1`: the award register, one record per award (JSON); the Excel layout is the register's
  import layout (awards.spreadsheets.COLUMNS), so an export can be re-imported as it is.
* `thidua.decisions/1`: award decisions with their lines (JSON; Excel with a sheet of decisions and a
  sheet of lines).

Dates are ISO 8601 (YYYY-MM-DD), money is whole đồng (integer VND), codes are thidua's (award codes of the
regulations catalogue, awarding office codes, subject kinds).
"""

import io
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from thidua.api.serializers import award_name
from thidua.awards.models import Award, AwardStatus, SubjectKind
from thidua.awards.spreadsheets import RegisterImportReport, import_award_records
from thidua.core.text import defuse_formula as _safe
from thidua.decisions.models import Decision, DecisionLine
from thidua.organization.models import Person, Unit
from thidua.organization.spreadsheets import RowIssue

AWARDS_FORMAT = "thidua.awards/1"
DECISIONS_FORMAT = "thidua.decisions/1"
MAX_EXPORT = 50_000


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _person(person: Person | None) -> dict[str, Any] | None:
    if person is None:
        return None
    return {
        "id_number": person.id_number or "",
        "full_name": person.full_name,
        "date_of_birth": _iso(person.date_of_birth),
    }


def _unit_code(unit: Unit | None) -> str:
    return unit.code if unit is not None else ""


def award_record(a: Award) -> dict[str, Any]:
    """Return one award in the `thidua.awards/1` layout."""
    if a.person is not None:
        unit_code = _unit_code(a.person.unit)
    elif a.unit is not None:
        unit_code = a.unit.code
    else:
        unit_code = _unit_code(a.household.village) if a.household else ""
    household = None
    if a.household is not None:
        head = a.household.head
        household = {"head_name": head.full_name if head else "", "address": a.household.address}
    return {
        "subject_kind": a.subject_kind,
        "person": _person(a.person),
        "household": household,
        "unit_code": unit_code,
        "award_code": a.award_code,
        "award_name": award_name(a.award_code, a.decided_on),
        "year": a.year,
        "basis": a.basis,
        "decision_symbol": a.decision_symbol,
        "decided_on": _iso(a.decided_on),
        "authority_office": a.authority_office,
        "prize_vnd": a.prize_vnd,
        "status": a.status,
        "revoked_on": _iso(a.revoked_on),
    }


def awards_document(awards: QuerySet[Award], *, now: datetime) -> dict[str, Any]:
    """Return the register rows (at most MAX_EXPORT; `complete` says whether all fitted) as a document."""
    rows = list(awards.select_related("household__village")[: MAX_EXPORT + 1])
    return {
        "format": AWARDS_FORMAT,
        "generated_at": now.isoformat(),
        "complete": len(rows) <= MAX_EXPORT,
        "records": [award_record(a) for a in rows[:MAX_EXPORT]],
    }


def line_record(line: DecisionLine, decided_on: date) -> dict[str, Any]:
    """Return one decision line in the `thidua.decisions/1` layout."""
    return {
        "subject_kind": line.subject_kind,
        "person": _person(line.person),
        "unit_code": _unit_code(line.unit) or _unit_code(line.person.unit if line.person else None),
        "display_name": line.display_name,
        "unit_name": line.unit_name,
        "position": line.position,
        "award_code": line.award_code,
        "award_name": award_name(line.award_code, decided_on),
        "year": line.year,
        "amount_vnd": line.amount_vnd,
        "certificate_number": line.certificate_number,
    }


def decision_record(d: Decision, lines: Iterable[DecisionLine]) -> dict[str, Any]:
    """Return one decision with its lines in the `thidua.decisions/1` layout."""
    return {
        "symbol": d.symbol,
        "title": d.title,
        "status": d.status,
        "authority_unit_code": d.authority_unit.code,
        "authority_office": d.authority_office,
        "achievement_year": d.achievement_year,
        "decided_on": _iso(d.decided_on),
        "issued_on": _iso(d.issued_on),
        "signer_name": d.signer_name,
        "signer_title": d.signer_title,
        "lines": [line_record(x, d.decided_on) for x in lines],
    }


def _lines_by_decision(decisions: list[Decision]) -> dict[int, list[DecisionLine]]:
    out: dict[int, list[DecisionLine]] = {d.pk: [] for d in decisions}
    lines = (
        DecisionLine.objects.filter(decision__in=decisions)
        .select_related("person__unit", "unit")
        .order_by("decision_id", "unit_sort_key", "name_sort_key", "id")
    )
    for line in lines:
        out[line.decision_id].append(line)
    return out


def decisions_document(decisions: QuerySet[Decision], *, now: datetime, limit: int = 2_000) -> dict[str, Any]:
    """Return decisions with their lines (at most `limit` decisions) as a `thidua.decisions/1` document."""
    rows = list(decisions[: limit + 1])
    kept = rows[:limit]
    lines = _lines_by_decision(kept)
    return {
        "format": DECISIONS_FORMAT,
        "generated_at": now.isoformat(),
        "complete": len(rows) <= limit,
        "decisions": [decision_record(d, lines[d.pk]) for d in kept],
    }


DECISION_HEADINGS = [
    "Số quyết định",
    "Trích yếu",
    "Trạng thái",
    "Mã cơ quan quyết định",
    "Cấp khen",
    "Năm thành tích",
    "Ngày quyết định",
    "Ngày ban hành",
    "Người ký",
    "Chức vụ người ký",
]
LINE_HEADINGS = [
    "Số quyết định",
    "Đối tượng",
    "Số định danh",
    "Họ và tên",
    "Ngày sinh",
    "Mã đơn vị",
    "Tên trên danh sách",
    "Đơn vị",
    "Chức vụ",
    "Mã danh hiệu/hình thức",
    "Danh hiệu/Hình thức",
    "Năm",
    "Tiền thưởng",
    "Số bằng",
]


def decisions_workbook(document: dict[str, Any]) -> bytes:
    """Write a `thidua.decisions/1` document as a workbook: "Quyết định" and "Danh sách" sheets."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Quyết định")
    sheet.append(DECISION_HEADINGS)
    lines = workbook.create_sheet("Danh sách")
    lines.append(LINE_HEADINGS)
    for d in document["decisions"]:
        sheet.append(
            [
                _safe(d[k])
                for k in (
                    "symbol",
                    "title",
                    "status",
                    "authority_unit_code",
                    "authority_office",
                    "achievement_year",
                    "decided_on",
                    "issued_on",
                    "signer_name",
                    "signer_title",
                )
            ]
        )
        for x in d["lines"]:
            person = x["person"] or {}
            lines.append(
                [
                    _safe(v)
                    for v in (
                        d["symbol"],
                        x["subject_kind"],
                        person.get("id_number", ""),
                        person.get("full_name", ""),
                        person.get("date_of_birth") or "",
                        x["unit_code"],
                        x["display_name"],
                        x["unit_name"],
                        x["position"],
                        x["award_code"],
                        x["award_name"],
                        x["year"],
                        x["amount_vnd"],
                        x["certificate_number"],
                    )
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_awards_document(
    records: list[dict[str, Any]], *, actor: Any, units: QuerySet[Unit], dry_run: bool
) -> RegisterImportReport:
    """Check and (unless a dry run) record `thidua.awards/1` records through the register's import.

    Records are numbered from 1. Households and revoked awards are refused row by row: the register's
    import records valid awards of people and collectives (revocations are recorded on their own).
    """
    report = RegisterImportReport()
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, rec in enumerate(records, start=1):
        if rec["subject_kind"] == SubjectKind.HOUSEHOLD:
            report.rows_total += 1
            report.issues.append(RowIssue(number, "subject_kind", _("Households are not imported here.")))
            continue
        if rec.get("status", AwardStatus.VALID) != AwardStatus.VALID:
            report.rows_total += 1
            report.issues.append(
                RowIssue(number, "status", _("A revoked award is not imported; record its revocation."))
            )
            continue
        person = rec.get("person") or {}
        if rec["subject_kind"] == SubjectKind.INDIVIDUAL and not person:
            report.rows_total += 1
            report.issues.append(RowIssue(number, "person", _("Give the person of an individual award.")))
            continue
        if rec["subject_kind"] != SubjectKind.INDIVIDUAL:
            person = {}  # a collective's award is found by its unit code
        rows.append(
            (
                number,
                {
                    "id_number": person.get("id_number") or "",
                    "full_name": person.get("full_name") or "",
                    "date_of_birth": person.get("date_of_birth"),
                    "unit_code": rec.get("unit_code") or "",
                    "award": rec["award_code"],
                    "year": rec["year"],
                    "decision_symbol": rec["decision_symbol"],
                    "decided_on": rec["decided_on"],
                    "authority_office": rec.get("authority_office") or "",
                    "prize_vnd": rec.get("prize_vnd") or 0,
                },
            )
        )
    return import_award_records(rows, actor=actor, units=units, dry_run=dry_run, report=report)

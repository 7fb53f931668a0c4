"""Import annual evaluations (Số định danh, Năm, Xếp loại) from Excel: dry run, all or nothing."""

from collections.abc import Callable
from typing import IO, Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.awards.models import Evaluation, Rating
from thidua.awards.services import evaluation_set
from thidua.awards.spreadsheets.awards_sheet import people_by_id
from thidua.awards.spreadsheets.reader import (
    Column,
    RegisterImportReport,
    RowIssue,
    cell_text,
    parse_int,
    read_rows,
)
from thidua.awards.validation import MAX_YEAR, MIN_YEAR
from thidua.core.errors import ValidationFailed
from thidua.core.text import fold
from thidua.organization.models import Unit

COLUMNS: list[Column] = [
    Column("id_number", "Số định danh", ("Số CCCD", "Số căn cước", "CCCD")),
    Column("year", "Năm", ("Năm đánh giá",)),
    Column("rating", "Xếp loại", ("Kết quả đánh giá", "Mức xếp loại")),
]
HEADING = {c.field: c.heading for c in COLUMNS}
# Ratings as offices write them: the code or the words, with or without accents.
_RATINGS = {fold(r.value): r.value for r in Rating}
_RATINGS.update(
    {
        fold("Hoàn thành xuất sắc nhiệm vụ"): Rating.HTXS,
        fold("Hoàn thành tốt nhiệm vụ"): Rating.HTT,
        fold("Hoàn thành nhiệm vụ"): Rating.HT,
        fold("Không hoàn thành nhiệm vụ"): Rating.KHT,
    }
)


def _required(found: set[str]) -> list[str]:
    return [HEADING[f] for f in ("id_number", "year", "rating") if f not in found]


def read_evaluations(
    stream: IO[bytes], *, size: int, max_bytes: int, units: QuerySet[Unit]
) -> tuple[list[dict[str, Any]], RegisterImportReport]:
    """Read and check every row of an evaluations workbook; nothing is written."""
    report = RegisterImportReport()
    rows = list(
        read_rows(stream, size=size, max_bytes=max_bytes, columns=COLUMNS, required=_required, report=report)
    )
    ids = sorted({cell_text(r.get("id_number")).replace(" ", "") for _n, r, _i in rows} - {""})
    people = people_by_id(ids, units)
    existing = {
        (e.person_id, e.year): e.rating
        for e in Evaluation.objects.filter(person__in=list(people.values())).only(
            "person_id", "year", "rating"
        )
    }
    seen: dict[tuple[int, int], int] = {}
    clean: list[dict[str, Any]] = []
    for number, raw, issues in rows:

        def add(
            field: str, message: str, *, error: bool = True, n: int = number, out: list[RowIssue] = issues
        ) -> None:
            out.append(RowIssue(n, HEADING[field], message, error))

        person = people.get(cell_text(raw.get("id_number")).replace(" ", ""))
        if person is None:
            add("id_number", _("No person with this ID number in your units."))
        try:
            year = parse_int(raw.get("year"))
        except ValueError:
            year = None
        if year is None or not MIN_YEAR <= year <= MAX_YEAR:
            add("year", _("The year must be a number such as 2024."))
        rating = _RATINGS.get(fold(cell_text(raw.get("rating"))))
        if rating is None:
            add("rating", _("The rating must be HTXS, HTT, HT or KHT."))
        if (
            person is not None
            and year is not None
            and rating is not None
            and not any(i.is_error for i in issues)
        ):
            key = (person.pk, year)
            if key in seen:
                add("id_number", _("This person and year repeat row %(row)s.") % {"row": seen[key]})
            else:
                seen[key] = number
                old = existing.get(key)
                if old is not None and old != rating:
                    add(
                        "rating",
                        _("Replaces the rating %(old)s already recorded.") % {"old": old},
                        error=False,
                    )
                if old != rating:
                    clean.append(
                        {"row": number, "person": person, "year": year, "rating": rating, "new": old is None}
                    )
        report.issues.extend(issues)
    return clean, report


def import_evaluations(
    stream: IO[bytes],
    *,
    actor: Any,
    size: int,
    max_bytes: int,
    units: QuerySet[Unit],
    dry_run: bool,
    progress: Callable[[int, int], None] | None = None,
) -> RegisterImportReport:
    """Check an evaluations workbook and, when every row is clean and this is no dry run, record all of it."""
    rows, report = read_evaluations(stream, size=size, max_bytes=max_bytes, units=units)
    report.dry_run = dry_run
    if dry_run or not report.is_clean or not rows:
        return report
    try:
        with transaction.atomic():
            for i, r in enumerate(rows, start=1):
                evaluation_set(
                    actor=actor, person=r["person"], year=r["year"], rating=r["rating"], source="import"
                )
                if progress:
                    progress(i, len(rows))
    except ValidationFailed as exc:
        report.issues.append(RowIssue(0, "", str(exc)))
        return report
    report.created = sum(1 for r in rows if r["new"])
    report.updated = len(rows) - report.created
    return report

"""Reads of decisions: lists in scope, the attached list in official order, totals, payment lists,
certificate lines, layouts, and the public verification of a certificate's token."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, QuerySet, Sum

from thidua.accounts.permissions import unit_scope_q
from thidua.core.formatting import format_date
from thidua.decisions import register
from thidua.decisions.models import CertificateLayout, Decision, DecisionLine, DecisionStatus, SubjectKind
from thidua.organization.models import Unit
from thidua.regulations import amount_in_words, award


def decision_list(user: Any, *, status: str = "", year: int | None = None) -> QuerySet[Decision]:
    """Return the decisions of authorities in the user's scope, newest first, with line counts."""
    qs = Decision.objects.filter(unit_scope_q(user, prefix="authority_unit__"))
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(decided_on__year=year)
    return (
        qs.select_related("authority_unit", "document")
        .annotate(line_count=Count("lines"), total_vnd=Sum("lines__amount_vnd"))
        .order_by("-decided_on", "-pk")
    )


def decision_lines(decision: Decision) -> QuerySet[DecisionLine]:
    """Return the lines in the official order: by unit (Vietnamese collation), collective first, then
    members by given name (`Person.sort_key`)."""
    return DecisionLine.objects.filter(decision=decision).order_by("unit_sort_key", "name_sort_key", "pk")


@dataclass(frozen=True)
class UnitGroup:
    """The lines of one unit in the attached or payment list, with the unit's subtotal."""

    unit_name: str
    lines: tuple[DecisionLine, ...]
    total_vnd: int


@dataclass(frozen=True)
class Totals:
    """The amounts of a decision: total, in words, and how many lines."""

    total_vnd: int
    words: str
    count: int
    base_salary: int


def group_by_unit(lines: list[DecisionLine]) -> list[UnitGroup]:
    """Split ordered lines into consecutive unit groups."""
    groups: list[UnitGroup] = []
    current: list[DecisionLine] = []
    for line in lines:
        if current and line.unit_sort_key != current[-1].unit_sort_key:
            groups.append(_group(current))
            current = []
        current.append(line)
    if current:
        groups.append(_group(current))
    return groups


def _group(lines: list[DecisionLine]) -> UnitGroup:
    return UnitGroup(lines[0].unit_name, tuple(lines), sum(line.amount_vnd for line in lines))


def totals(lines: list[DecisionLine]) -> Totals:
    """Return the total prize money of the lines and the total in words."""
    total = sum(line.amount_vnd for line in lines)
    salaries = [line.base_salary for line in lines if line.base_salary]
    return Totals(total, amount_in_words(total), len(lines), max(salaries) if salaries else 0)


def award_name(code: str, on: date) -> str:
    """Return the award's official name on a date ("Chiến sĩ thi đua cơ sở")."""
    return award(code).name_on(on)


def payment_groups(decision: Decision, *, unit_name: str = "") -> list[UnitGroup]:
    """Return the payment list's unit groups (optionally one unit), only lines that pay money."""
    lines = [line for line in decision_lines(decision) if line.amount_vnd > 0]
    if unit_name:
        lines = [line for line in lines if line.unit_name == unit_name]
    return group_by_unit(lines)


# Awards that come with a printed certificate when the catalogue lists none (certificate only).
_CERTIFICATE_ONLY = frozenset({"GDVH", "THON_VH", "XA_TIEU_BIEU"})
_PRINTED = ("Giấy khen", "Bằng khen", "Bằng chứng nhận")


def has_certificate(code: str) -> bool:
    """Tell whether the award comes with a printed certificate (Giấy khen, Bằng khen, Bằng chứng nhận)."""
    entry = award(code)
    return code in _CERTIFICATE_ONLY or any(item in entry.items for item in _PRINTED)


def certificate_lines(decision: Decision, *, every_line: bool = False) -> list[DecisionLine]:
    """Return the lines that get a certificate, in the official order (all lines with `every_line`)."""
    lines = list(decision_lines(decision))
    return lines if every_line else [line for line in lines if has_certificate(line.award_code)]


def layouts_for(unit: Unit) -> QuerySet[CertificateLayout]:
    """Return the certificate layouts defined by the unit or the units above it."""
    ancestors = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    return CertificateLayout.objects.filter(owner_unit_id__in=ancestors).order_by("name")


def layout_for_award(unit: Unit, award_code: str) -> CertificateLayout | None:
    """Return the nearest layout that prints `award_code` (one naming it first, then a catch-all)."""
    layouts = sorted(layouts_for(unit).select_related("owner_unit"), key=lambda x: -x.owner_unit.depth)
    for layout in layouts:
        if award_code in layout.codes:
            return layout
    for layout in layouts:
        if not layout.codes:
            return layout
    return None


# --- Public verification (issue #6 builds the page on this) --------------------------------------------

VALID = "valid"
REVOKED = "revoked"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class VerificationResult:
    """What the public verification page may show about a certificate token."""

    status: str  # "valid", "revoked" or "unknown"
    decision_symbol: str = ""
    decision_date: str = ""  # dd/mm/yyyy
    authority: str = ""
    award_name: str = ""
    recipient: str = ""  # masked for people: "N. V. An"
    year: int | None = None
    revoked_on: str = ""


def mask_name(name: str) -> str:
    """Mask a person's name for a public page: initials of family and middle names, the given name."""
    words = name.split()
    if len(words) <= 1:
        return name
    return " ".join([*(f"{w[0]}." for w in words[:-1]), words[-1]])


def verify_token(token: str) -> VerificationResult:
    """Tell whether a certificate token belongs to an issued decision line and whether it still stands.

    Unknown, malformed and not-yet-issued tokens look alike. People's names are masked; collectives and
    households are shown as printed.
    """
    token = (token or "").strip()
    if not token or len(token) > 40:
        return VerificationResult(UNKNOWN)
    line = (
        DecisionLine.objects.select_related("decision__document", "decision__authority_unit")
        .filter(verification_token=token)
        .first()
    )
    if line is None or line.decision.status != DecisionStatus.ISSUED or line.decision.document is None:
        return VerificationResult(UNKNOWN)
    decision = line.decision
    document = decision.document
    assert document is not None
    revoked_on = register.revoked_on(line)
    name = mask_name(line.display_name) if line.subject_kind == SubjectKind.INDIVIDUAL else line.display_name
    return VerificationResult(
        status=REVOKED if revoked_on is not None else VALID,
        decision_symbol=document.symbol,
        decision_date=format_date(document.issued_on),
        authority=decision.authority_unit.name,
        award_name=award_name(line.award_code, decision.decided_on),
        recipient=name,
        year=line.year,
        revoked_on=format_date(revoked_on) if revoked_on else "",
    )

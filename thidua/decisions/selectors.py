"""Reads of decisions: lists in scope, the attached list in official order, totals, payment lists,
certificate lines, layouts, and the public verification of a certificate's token."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from thidua.accounts.permissions import unit_scope_q
from thidua.awards.models import AwardStatus
from thidua.core.formatting import format_date
from thidua.core.text import clean_text, collation_key, fold
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


# --- Public verification by number (issue #6): a certificate's number or a decision's symbol + date -----

DECISION = "decision"
CERTIFICATE = "certificate"
AMBIGUOUS = "ambiguous"

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\\": "/"})
_SYMBOL = re.compile(r"^0*(\d{1,6})/([^/\s].*)$")
_CERTIFICATE = re.compile(r"^0*(\d{1,6})\.0*(\d{1,5})/([^/\s].*)$")


@dataclass(frozen=True)
class NumberCheck:
    """What the public page may show about a decision or a certificate looked up by number (no names)."""

    status: str  # "valid", "revoked" (certificates only), "unknown" or "ambiguous"
    kind: str  # "decision" or "certificate"
    decision_symbol: str = ""
    decision_date: str = ""  # dd/mm/yyyy
    authority: str = ""
    title: str = ""
    awards: int = 0  # awards the decision conferred
    revoked: int = 0  # of which revoked since
    award_name: str = ""  # certificates: the award it certifies
    year: int | None = None
    revoked_on: str = ""
    authorities: tuple[tuple[int, str], ...] = ()  # when ambiguous: the authorities to choose from


def _notation_key(value: str) -> str:
    """Compare ký hiệu loosely: no marks (Đ = D), any case, no spaces, one kind of dash."""
    return fold(value.translate(_DASHES)).replace(" ", "")


def _number_text(value: str) -> str:
    """Normalise a typed number: NFC, one kind of dash and slash, no "Số:" prefix, no spaces."""
    text = clean_text(value or "").translate(_DASHES)
    text = re.sub(r"^((s[oốồ]|no\.?)\s*(k[ýy]\s*hi[ệe]u)?\s*[:.]?\s*)", "", text, flags=re.IGNORECASE)
    return text.replace(" ", "")


def parse_decision_symbol(value: str) -> tuple[int, str] | None:
    """Split a typed số ký hiệu ("12/QĐ-UBND", "số 12 / qđ-ubnd") into its number and ký hiệu."""
    match = _SYMBOL.match(_number_text(value))
    if not match:
        return None
    number = int(match.group(1))
    return (number, match.group(2)) if number > 0 else None


def parse_certificate_number(value: str) -> tuple[int, int, str] | None:
    """Split a printed certificate number ("Số: 05.012/QĐ-UBND") into decision number, line and ký hiệu."""
    match = _CERTIFICATE.match(_number_text(value))
    if not match:
        return None
    number, line = int(match.group(1)), int(match.group(2))
    return (number, line, match.group(3)) if number > 0 and line > 0 else None


def _decisions_numbered(number: int, notation: str, on: date, authority_id: int | None) -> list[Decision]:
    """Return the issued decisions with this number and ký hiệu issued on `on` (one authority if given)."""
    query = Decision.objects.filter(
        decided_on=on, status=DecisionStatus.ISSUED, document__number=number, document__issued_on=on
    ).select_related("document", "authority_unit")
    if authority_id is not None:
        query = query.filter(authority_unit_id=authority_id)
    key = _notation_key(notation)
    return [d for d in query.order_by("pk") if d.document and _notation_key(d.document.notation) == key]


def _ambiguous(kind: str, decisions: list[Decision]) -> NumberCheck:
    choices = sorted(
        {(d.authority_unit_id, d.authority_unit.name) for d in decisions}, key=lambda c: collation_key(c[1])
    )
    return NumberCheck(status=AMBIGUOUS, kind=kind, authorities=tuple(choices))


def _decision_fields(decision: Decision) -> dict[str, Any]:
    document = decision.document
    assert document is not None
    return {
        "decision_symbol": document.symbol,
        "decision_date": format_date(document.issued_on),
        "authority": decision.authority_unit.name,
        "title": decision.title,
    }


def check_decision(symbol: str, *, issued_on: date, authority_id: int | None = None) -> NumberCheck:
    """Tell whether a decision numbered `symbol` was issued on `issued_on`, with how many awards it
    conferred and how many were revoked since. Several authorities may use the same number on one day:
    the answer is then "ambiguous" with the authorities to choose from."""
    parsed = parse_decision_symbol(symbol)
    if parsed is None:
        return NumberCheck(status=UNKNOWN, kind=DECISION)
    decisions = _decisions_numbered(parsed[0], parsed[1], issued_on, authority_id)
    if not decisions:
        return NumberCheck(status=UNKNOWN, kind=DECISION)
    if len(decisions) > 1:
        return _ambiguous(DECISION, decisions)
    decision = decisions[0]
    counts = decision.lines.aggregate(
        awards=Count("pk"), revoked=Count("pk", filter=Q(award__status=AwardStatus.REVOKED))
    )
    return NumberCheck(
        status=VALID,
        kind=DECISION,
        awards=counts["awards"],
        revoked=counts["revoked"],
        **_decision_fields(decision),
    )


def check_certificate(number: str, *, issued_on: date, authority_id: int | None = None) -> NumberCheck:
    """Tell whether a certificate numbered `number` belongs to a decision issued on `issued_on` and
    whether its award still stands. No name is given: the number alone does not prove who holds it."""
    parsed = parse_certificate_number(number)
    if parsed is None:
        return NumberCheck(status=UNKNOWN, kind=CERTIFICATE)
    decision_number, line_number, notation = parsed
    decisions = _decisions_numbered(decision_number, notation, issued_on, authority_id)
    printed = {
        f"{decision_number:02d}.{line_number:03d}/{d.document.notation}" for d in decisions if d.document
    }
    lines = list(
        DecisionLine.objects.filter(decision__in=decisions, certificate_number__in=printed)
        .select_related("award")
        .order_by("pk")
    )
    if not lines:
        return NumberCheck(status=UNKNOWN, kind=CERTIFICATE)
    by_decision = {d.pk: d for d in decisions}
    if len(lines) > 1:
        return _ambiguous(CERTIFICATE, [by_decision[line.decision_id] for line in lines])
    line = lines[0]
    decision = by_decision[line.decision_id]
    revoked_on = register.revoked_on(line)
    return NumberCheck(
        status=REVOKED if revoked_on is not None else VALID,
        kind=CERTIFICATE,
        award_name=award_name(line.award_code, decision.decided_on),
        year=line.year,
        revoked_on=format_date(revoked_on) if revoked_on else "",
        **_decision_fields(decision),
    )

"""Prize money of a decision's lines from the regulations engine (pure: no database).

Every line is priced on the decision date. Lines of one subject are priced together with
`prize_for_awards`, so several titles for the same period pay only the highest and a title with a form
pays both (NĐ 152 Điều 49 k5, k7). The full calculation is kept as a snapshot on the line, so a later
change of parameters never alters an issued amount.
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from thidua.regulations import AwardGrant, Office, RulePack, SubjectKind, amount_in_words, prize_for_awards
from thidua.regulations.money import format_decimal


@dataclass(frozen=True)
class PrizeInput:
    """One line to price: who (a key identifying the subject), what and for which year."""

    subject_key: Hashable
    subject_kind: str  # a decisions SubjectKind value, e.g. "INDIVIDUAL"
    award_code: str
    year: int


def engine_subject(kind: str) -> SubjectKind:
    """Map a stored subject kind ("INDIVIDUAL") to the engine's ("individual")."""
    return SubjectKind(kind.lower())


def compute_prizes(
    inputs: Sequence[PrizeInput], on: date, *, rules: RulePack, issuer: Office | None = None
) -> list[dict[str, Any]]:
    """Return one prize snapshot per input, in the same order.

    A snapshot holds amount, raw, coefficient, base_salary (with its legal basis), rounding, paid,
    words, reasons (why a line is not paid, or both are paid), citations and warnings.
    Raise `RegulationError` when an award cannot go to the subject kind given.
    """
    groups: dict[Hashable, list[int]] = {}
    for i, item in enumerate(inputs):
        groups.setdefault(item.subject_key, []).append(i)
    out: list[dict[str, Any]] = [{} for _ in inputs]
    for members in groups.values():
        grants = [
            AwardGrant(
                award=inputs[i].award_code,
                subject=engine_subject(inputs[i].subject_kind),
                period=str(inputs[i].year),
                issuer=issuer,
            )
            for i in members
        ]
        bundle = prize_for_awards(grants, on, rules=rules)
        for i, line in zip(members, bundle.lines, strict=True):
            prize = line.prize
            out[i] = {
                "amount": prize.amount,
                "raw": format_decimal(prize.raw),
                "coefficient": format_decimal(prize.coefficient),
                "base_salary": prize.base_salary.amount,
                "base_salary_basis": prize.base_salary.legal_basis.to_dict(),
                "rounding": prize.rounding.value,
                "on": on.isoformat(),
                "paid": line.paid,
                "words": prize.words,
                "reasons": [{"code": r.code, "message": r.message} for r in line.reasons],
                "citations": [c.to_dict() for c in prize.citations],
                "warnings": list(prize.warnings),
            }
    return out


def paid_amount(snapshot: dict[str, Any]) -> int:
    """Return what a line pays: its amount, or 0 when a higher title of the same period is paid instead."""
    return int(snapshot.get("amount", 0)) if snapshot.get("paid", True) else 0


def total_in_words(total: int) -> str:
    """Return the total written out ("Ba triệu tám trăm nghìn đồng")."""
    return amount_in_words(total)

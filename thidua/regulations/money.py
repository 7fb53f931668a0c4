"""Prize money: coefficient × base salary on the decision date, in integer đồng (regulations.md §8)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from thidua.regulations import citations as c
from thidua.regulations.authority import Office
from thidua.regulations.catalogue import award
from thidua.regulations.citations import Citation, Confidence, law
from thidua.regulations.coefficients import ND152, coefficient
from thidua.regulations.kinds import AwardKind, RoundingMode, SubjectKind
from thidua.regulations.policy import PARAMETERS
from thidua.regulations.rulepack import RulePack
from thidua.regulations.salary import BaseSalary, base_salary
from thidua.regulations.verdicts import Outcome, Reason
from thidua.regulations.words import amount_in_words

_TEN_THOUSAND = Decimal(10_000)


def round_vnd(raw: Decimal, mode: RoundingMode) -> int:
    """Round a non-negative raw amount in đồng according to ``mode``."""
    if raw < 0:
        raise ValueError("prize money cannot be negative")
    if mode is RoundingMode.CEIL_10K:
        return int((raw / _TEN_THOUSAND).to_integral_value(ROUND_CEILING) * _TEN_THOUSAND)
    if mode is RoundingMode.NEAREST_10K:
        return int((raw / _TEN_THOUSAND).to_integral_value(ROUND_HALF_UP) * _TEN_THOUSAND)
    return int(raw.to_integral_value(ROUND_HALF_UP))


def format_decimal(value: Decimal) -> str:
    """Return a coefficient as plain text without exponent or trailing zeros ("1.5", "12")."""
    return f"{value.normalize():f}"


@dataclass(frozen=True, slots=True)
class Prize:
    """The prize money for one award, with everything needed to store it as a snapshot."""

    award: str
    subject: SubjectKind
    on: date
    amount: int
    raw: Decimal
    coefficient: Decimal
    base_salary: BaseSalary
    rounding: RoundingMode
    words: str
    citations: tuple[Citation, ...]
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready mapping (coefficient and raw product as strings)."""
        return {
            "award": self.award,
            "subject": self.subject.value,
            "on": self.on.isoformat(),
            "amount": self.amount,
            "raw": format_decimal(self.raw),
            "coefficient": format_decimal(self.coefficient),
            "base_salary": self.base_salary.amount,
            "base_salary_basis": self.base_salary.legal_basis.to_dict(),
            "rounding": self.rounding.value,
            "words": self.words,
            "citations": [ci.to_dict() for ci in self.citations],
            "warnings": list(self.warnings),
        }


def prize_money(
    award_code: str,
    subject: SubjectKind,
    on: date,
    *,
    rules: RulePack,
    rounding: RoundingMode | None = None,
    issuer: Office | None = None,
) -> Prize:
    """Return the prize for ``award_code`` given to ``subject`` by a decision signed on ``on``.

    ``rounding`` overrides the pack's ``rounding_mode``; ``issuer`` is needed for Giấy khen before
    01/07/2025, whose coefficient depended on who signed it.
    """
    policy = rules.policy
    mode = rounding if rounding is not None else policy.rounding_mode
    coef = coefficient(award_code, subject, on, policy=policy, issuer=issuer)
    salary = base_salary(on)
    raw = coef.value * salary.amount
    amount = round_vnd(raw, mode)
    citations = (
        *coef.citations,
        salary.legal_basis,
        coef.era.principles,
        PARAMETERS["rounding_mode"].citation,
    )
    warnings: list[str] = []
    if coef.era is ND152 and policy.nd152_valid_to is not None and on >= policy.nd152_valid_to:
        warnings.append(
            f"NĐ 152/2025 có thể đã hết hiệu lực từ {policy.nd152_valid_to:%d/%m/%Y} (chưa xác minh); "
            "cần kiểm tra văn bản thay thế."
        )
    if any(ci.tag is Confidence.UNCONFIRMED for ci in coef.citations):
        warnings.append("Hệ số áp dụng chưa được xác minh trên văn bản gốc (chưa xác minh).")
    return Prize(
        award_code,
        subject,
        on,
        amount,
        raw,
        coef.value,
        salary,
        mode,
        amount_in_words(amount),
        citations,
        tuple(warnings),
    )


@dataclass(frozen=True, slots=True)
class AwardGrant:
    """One award received by one subject, as input to :func:`prize_for_awards`."""

    award: str
    subject: SubjectKind
    period: str  # the counting period of the achievement, e.g. "2025"
    achievement: str | None = None  # identifier of the achievement the award rewards
    issuer: Office | None = None


@dataclass(frozen=True, slots=True)
class PrizeLine:
    """One grant with its prize and whether it is paid."""

    grant: AwardGrant
    prize: Prize
    paid: bool
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class PrizeBundle:
    """The prizes for several awards received by one subject at the same time."""

    lines: tuple[PrizeLine, ...]
    total: int
    words: str


def prize_for_awards(
    grants: Sequence[AwardGrant], on: date, *, rules: RulePack, rounding: RoundingMode | None = None
) -> PrizeBundle:
    """Pay several awards decided together for one subject (NĐ 98 Điều 53 k5, k7; NĐ 152 Điều 49).

    A title and a form received together are both paid; several titles for the same counting period
    pay only the highest; one achievement may not be rewarded with two forms (Luật Điều 5).
    """
    prizes = [
        prize_money(g.award, g.subject, on, rules=rules, rounding=rounding, issuer=g.issuer) for g in grants
    ]
    principles = (
        Citation(c.ND_152_2025, 49, tag=Confidence.SECONDARY)
        if on >= ND152.valid_from
        else Citation(c.ND_98_2023, 53, tag=Confidence.SECONDARY)
    )
    unpaid: dict[int, Reason] = {}
    groups: dict[tuple[str, str], list[int]] = {}
    for i, g in enumerate(grants):
        kind = award(g.award).kind
        if kind is AwardKind.TITLE:
            groups.setdefault(("title", g.period), []).append(i)
        elif g.achievement is not None:
            groups.setdefault(("form", g.achievement), []).append(i)
    for (kind_key, _), members in sorted(groups.items()):
        if len(members) < 2:
            continue
        best = max(members, key=lambda i: (prizes[i].amount, -i))
        for i in members:
            if i == best:
                continue
            if kind_key == "title":
                unpaid[i] = Reason(
                    "MULTI.SAME_PERIOD_HIGHEST",
                    f"Nhiều danh hiệu thi đua cùng thời gian tính thành tích {grants[i].period}: "
                    f"chỉ nhận mức tiền thưởng cao nhất ({grants[best].award}).",
                    Citation(principles.instrument, principles.article, 5, tag=Confidence.SECONDARY),
                    Outcome.NOT_MET,
                )
            else:
                unpaid[i] = Reason(
                    "MULTI.ONE_ACHIEVEMENT",
                    "Một thành tích không được khen thưởng hai hình thức: "
                    f"thành tích {grants[i].achievement} đã được khen bằng {grants[best].award}.",
                    law(5),
                    Outcome.NOT_MET,
                )
    kinds = {award(g.award).kind for g in grants}
    both = len(kinds) == 2
    lines: list[PrizeLine] = []
    for i, (g, p) in enumerate(zip(grants, prizes, strict=True)):
        reasons: tuple[Reason, ...] = ()
        if i in unpaid:
            reasons = (unpaid[i],)
        elif both:
            reasons = (
                Reason(
                    "MULTI.PAY_TITLE_AND_FORM",
                    "Danh hiệu thi đua và hình thức khen thưởng nhận cùng thời điểm: "
                    "được nhận tiền thưởng của cả hai.",
                    Citation(principles.instrument, principles.article, 7, tag=Confidence.SECONDARY),
                    Outcome.MET,
                ),
            )
        lines.append(PrizeLine(g, p, i not in unpaid, reasons))
    total = sum(line.prize.amount for line in lines if line.paid)
    return PrizeBundle(tuple(lines), total, amount_in_words(total))

"""Base salary (mức lương cơ sở) as dated rows, never as a constant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thidua.regulations import citations as c
from thidua.regulations.citations import Citation, Confidence
from thidua.regulations.versions import NoRuleInForceError


@dataclass(frozen=True, slots=True)
class BaseSalary:
    """One row of the base-salary timeline, in đồng per month."""

    amount: int
    effective_from: date
    effective_to: date | None
    legal_basis: Citation

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready mapping."""
        return {
            "amount": self.amount,
            "effective_from": self.effective_from.isoformat(),
            "effective_to": self.effective_to.isoformat() if self.effective_to else None,
            "legal_basis": self.legal_basis.to_dict(),
        }


BASE_SALARIES: tuple[BaseSalary, ...] = (
    BaseSalary(
        1_490_000, date(2019, 7, 1), date(2023, 6, 30), Citation(c.ND_38_2019, tag=Confidence.HISTORICAL)
    ),
    BaseSalary(
        1_800_000, date(2023, 7, 1), date(2024, 6, 30), Citation(c.ND_24_2023, tag=Confidence.SECONDARY)
    ),
    BaseSalary(
        2_340_000, date(2024, 7, 1), date(2026, 6, 30), Citation(c.ND_73_2024, 3, 2, tag=Confidence.SECONDARY)
    ),
    BaseSalary(2_530_000, date(2026, 7, 1), None, Citation(c.ND_161_2026, tag=Confidence.SECONDARY)),
)


def base_salary(on: date, table: tuple[BaseSalary, ...] = BASE_SALARIES) -> BaseSalary:
    """Return the base-salary row in force on ``on`` (the date the decision is signed)."""
    for row in table:
        if row.effective_from <= on and (row.effective_to is None or on <= row.effective_to):
            return row
    raise NoRuleInForceError(f"No base salary is recorded for {on.isoformat()}")

"""Rule versions: a value valid between two dates, with the legal text it implements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from thidua.regulations.citations import Citation


class RegulationError(ValueError):
    """Raised for input the engine cannot evaluate (bad value, date outside every rule version)."""


class NoRuleInForceError(RegulationError):
    """Raised when no version of a rule covers the requested date."""


@dataclass(frozen=True, slots=True)
class RuleVersion[T]:
    """One version of a rule: ``value`` applies from ``valid_from`` to ``valid_to`` inclusive."""

    rule: str
    valid_from: date
    valid_to: date | None
    value: T
    citations: tuple[Citation, ...]

    def covers(self, on: date) -> bool:
        """Return True when this version applies on ``on``."""
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


def pick[T](versions: Iterable[RuleVersion[T]], on: date) -> RuleVersion[T]:
    """Return the version in force on ``on`` (the decision date selects the version)."""
    rule = "?"
    for version in versions:
        rule = version.rule
        if version.covers(on):
            return version
    raise NoRuleInForceError(f"No version of rule {rule} is in force on {on.isoformat()}")

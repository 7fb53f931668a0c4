"""Verdicts and reasons: every conclusion carries a code, a Vietnamese message and a citation."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from thidua.regulations.citations import Citation


class Outcome(StrEnum):
    """What one reason says about the verdict."""

    MET = "met"  # a condition checked and satisfied
    NOT_MET = "not_met"  # a condition checked and failed: the subject is not eligible
    REVIEW = "review"  # the machine cannot decide: a person must judge
    NOTE = "note"  # information, e.g. a criterion the council attests; does not change the verdict


class VerdictKind(StrEnum):
    """The overall answer."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_REVIEW = "needs_review"


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason: a stable code, a Vietnamese message (NFC) and the legal text it applies."""

    code: str
    message: str
    citation: Citation
    outcome: Outcome

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", unicodedata.normalize("NFC", self.message))

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready mapping."""
        return {
            "code": self.code,
            "message": self.message,
            "citation": self.citation.to_dict(),
            "outcome": self.outcome.value,
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    """The answer of a check, with every reason that led to it."""

    verdict: VerdictKind
    reasons: tuple[Reason, ...]

    @property
    def ok(self) -> bool:
        """Return True when the verdict is eligible."""
        return self.verdict is VerdictKind.ELIGIBLE

    def codes(self, outcome: Outcome | None = None) -> tuple[str, ...]:
        """Return the reason codes, optionally only those with ``outcome``."""
        return tuple(r.code for r in self.reasons if outcome is None or r.outcome is outcome)

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready mapping."""
        return {"verdict": self.verdict.value, "reasons": [r.to_dict() for r in self.reasons]}


def verdict_from(reasons: Iterable[Reason]) -> Verdict:
    """Combine reasons: any NOT_MET → not eligible; else any REVIEW → needs review; else eligible."""
    items = tuple(reasons)
    outcomes = {r.outcome for r in items}
    if Outcome.NOT_MET in outcomes:
        kind = VerdictKind.NOT_ELIGIBLE
    elif Outcome.REVIEW in outcomes:
        kind = VerdictKind.NEEDS_REVIEW
    else:
        kind = VerdictKind.ELIGIBLE
    return Verdict(kind, items)

"""Eligibility: verdicts with reasons and citations for a subject, an award and a year."""

from thidua.regulations.eligibility.caps import check_caps, max_allowed
from thidua.regulations.eligibility.case import (
    AwardRecord,
    Case,
    CollectiveCounts,
    DisciplineRecord,
    Flags,
    HistoryYear,
    Leave,
    Person,
)
from thidua.regulations.eligibility.engine import ELIGIBILITY_RULES, check_eligibility, rule_for

__all__ = [
    "ELIGIBILITY_RULES",
    "AwardRecord",
    "Case",
    "CollectiveCounts",
    "DisciplineRecord",
    "Flags",
    "HistoryYear",
    "Leave",
    "Person",
    "check_caps",
    "check_eligibility",
    "max_allowed",
    "rule_for",
]

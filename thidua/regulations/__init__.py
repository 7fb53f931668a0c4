"""The law on emulation and commendation as versioned, cited, testable Python (no Django).

Public API (see ``docs/regulations.md``): load a :class:`RulePack`, then call
:func:`check_eligibility`, :func:`prize_money`, :func:`amount_in_words`, :func:`tally`,
:func:`authorities_for` / :func:`can_decide` and ``rules.calendar.add_working_days``.
"""

from thidua.regulations.authority import Grant, Office, authorities_for, can_decide
from thidua.regulations.caseio import parse_case
from thidua.regulations.catalogue import CATALOGUE, AwardType, award
from thidua.regulations.citations import INSTRUMENTS, Citation, Confidence, Instrument
from thidua.regulations.eligibility import (
    AwardRecord,
    Case,
    CollectiveCounts,
    DisciplineRecord,
    Flags,
    HistoryYear,
    Leave,
    Person,
    check_caps,
    check_eligibility,
)
from thidua.regulations.kinds import (
    AwardBasis,
    AwardKind,
    DisciplineForm,
    LeaveKind,
    Rating,
    RoundingMode,
    Scope,
    SubjectKind,
)
from thidua.regulations.money import AwardGrant, Prize, PrizeBundle, prize_for_awards, prize_money, round_vnd
from thidua.regulations.policy import ClockMode, Policy, Threshold, YearType
from thidua.regulations.rulepack import RulePack, load_rule_pack, rule_pack_from_data
from thidua.regulations.salary import BASE_SALARIES, BaseSalary, base_salary
from thidua.regulations.verdicts import Outcome, Reason, Verdict, VerdictKind
from thidua.regulations.versions import NoRuleInForceError, RegulationError
from thidua.regulations.voting import Denominator, TallyCounts, TallyOutcome, VotingMethod, VotingRule, tally
from thidua.regulations.words import amount_in_words, number_in_words
from thidua.regulations.workdays import CalendarOverride, Deadline, OverrideKind, Pause, WorkingCalendar

__all__ = [
    "BASE_SALARIES",
    "CATALOGUE",
    "INSTRUMENTS",
    "AwardBasis",
    "AwardGrant",
    "AwardKind",
    "AwardRecord",
    "AwardType",
    "BaseSalary",
    "CalendarOverride",
    "Case",
    "Citation",
    "ClockMode",
    "CollectiveCounts",
    "Confidence",
    "Deadline",
    "Denominator",
    "DisciplineForm",
    "DisciplineRecord",
    "Flags",
    "Grant",
    "HistoryYear",
    "Instrument",
    "Leave",
    "LeaveKind",
    "NoRuleInForceError",
    "Office",
    "Outcome",
    "OverrideKind",
    "Pause",
    "Person",
    "Policy",
    "Prize",
    "PrizeBundle",
    "Rating",
    "Reason",
    "RegulationError",
    "RoundingMode",
    "RulePack",
    "Scope",
    "SubjectKind",
    "TallyCounts",
    "TallyOutcome",
    "Threshold",
    "Verdict",
    "VerdictKind",
    "VotingMethod",
    "VotingRule",
    "WorkingCalendar",
    "YearType",
    "amount_in_words",
    "authorities_for",
    "award",
    "base_salary",
    "can_decide",
    "check_caps",
    "check_eligibility",
    "load_rule_pack",
    "number_in_words",
    "parse_case",
    "prize_for_awards",
    "prize_money",
    "round_vnd",
    "rule_pack_from_data",
    "tally",
]

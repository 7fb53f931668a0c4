"""Dispatch: choose the rule version by the decision date and combine the reasons into a verdict."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from thidua.regulations.catalogue import award
from thidua.regulations.eligibility import collective, forms, individual
from thidua.regulations.eligibility.case import Case
from thidua.regulations.eligibility.context import LAW_START, NOT_MET, Ctx
from thidua.regulations.kinds import SubjectKind
from thidua.regulations.rulepack import RulePack
from thidua.regulations.verdicts import Reason, Verdict, verdict_from
from thidua.regulations.versions import RuleVersion, pick

Check = Callable[[Ctx], list[Reason]]
_I = SubjectKind.INDIVIDUAL


def _v(rule: str, check: Check, award_code: str) -> RuleVersion[Check]:
    return RuleVersion(rule, LAW_START, None, check, (award(award_code).criteria,))


# Rule versions per (award, subject). Every version starts with Luật 06/2022/QH15 (01/01/2024); decisions
# before that date are history and are not re-evaluated. Later layers (the amending law) are switched on
# by policy inside the check, with their own citation.
ELIGIBILITY_RULES: dict[tuple[str, SubjectKind | None], tuple[RuleVersion[Check], ...]] = {
    ("LDTT", _I): (_v("ELIG.LDTT", individual.check_ldtt, "LDTT"),),
    ("CSTT", _I): (_v("ELIG.LDTT", individual.check_ldtt, "CSTT"),),
    ("CSTDCS", _I): (_v("ELIG.CSTDCS", individual.check_cstdcs, "CSTDCS"),),
    ("CSTD_TINH", _I): (_v("ELIG.CSTD_TINH", individual.check_cstd_tinh, "CSTD_TINH"),),
    ("CSTD_TQ", _I): (_v("ELIG.CSTD_TQ", individual.check_cstd_tq, "CSTD_TQ"),),
    ("BK_TINH", _I): (_v("ELIG.BK_TINH.D", forms.check_bk_tinh_individual, "BK_TINH"),),
    ("BK_TTG", _I): (_v("ELIG.BK_TTG", forms.check_bk_ttg_individual, "BK_TTG"),),
    ("TTLDTT", SubjectKind.COLLECTIVE): (_v("ELIG.TTLDTT", collective.check_ttldtt, "TTLDTT"),),
    ("DVTT", SubjectKind.COLLECTIVE): (_v("ELIG.TTLDTT", collective.check_ttldtt, "DVTT"),),
    ("TTLDXS", SubjectKind.COLLECTIVE): (_v("ELIG.TTLDXS", collective.check_ttldxs, "TTLDXS"),),
    ("DVQT", SubjectKind.COLLECTIVE): (_v("ELIG.TTLDXS", collective.check_ttldxs, "DVQT"),),
}


def rule_for(award_code: str, subject: SubjectKind, on: date) -> RuleVersion[Check]:
    """Return the rule version that decides ``award_code`` for ``subject`` on ``on``."""
    versions = ELIGIBILITY_RULES.get((award_code, subject))
    if versions is None:
        entry = award(award_code)
        versions = (
            RuleVersion(f"ELIG.{award_code}", LAW_START, None, collective.check_delegated, (entry.criteria,)),
        )
    return pick(versions, on)


def check_eligibility(case: Case, *, rules: RulePack) -> Verdict:
    """Return whether ``case.subject`` may receive ``case.award`` for ``case.year``, with every reason.

    The verdict is NOT_ELIGIBLE when any condition fails, NEEDS_REVIEW when a person must judge
    something the data cannot settle, and ELIGIBLE otherwise. Reasons with outcome NOTE list what
    the council still attests. Raises RegulationError for input it cannot evaluate.
    """
    entry = award(case.award)
    ctx = Ctx(case, rules)
    if case.subject not in entry.subject_kinds:
        kinds = ", ".join(sorted(k.value for k in entry.subject_kinds))
        return verdict_from(
            (
                Reason(
                    "SUBJECT.KIND",
                    f"{entry.name} không xét tặng cho đối tượng này (chỉ dành cho: {kinds}).",
                    entry.criteria,
                    NOT_MET,
                ),
            )
        )
    version = rule_for(case.award, case.subject, case.on)
    reasons = ctx.blockers(collective=case.subject is not SubjectKind.INDIVIDUAL)
    reasons.extend(version.value(ctx))
    return verdict_from(reasons)

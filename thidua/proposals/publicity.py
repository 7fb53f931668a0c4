"""Which awards must be published for comments before the decision, and for how long (pure; §11)."""

from collections.abc import Iterable
from dataclasses import dataclass

from thidua.regulations import citations as c
from thidua.regulations.catalogue import award
from thidua.regulations.citations import Citation, Confidence
from thidua.regulations.kinds import AwardLevel
from thidua.regulations.policy import Policy
from thidua.regulations.versions import RegulationError

# NĐ 86/2023: the proposed GĐVH list is posted for 10 days (POL.gdvh_posting_days, not yet in Policy).
GDVH_POSTING_DAYS = 10


@dataclass(frozen=True)
class NoticeRule:
    """A publication window in working days and the text that requires it."""

    award_code: str
    working_days: int
    citation: Citation


def notice_rule(award_code: str, policy: Policy) -> NoticeRule | None:
    """Return the window for ``award_code``: high (State-level) awards and GĐVH; None for the others."""
    if award_code == "GDVH":
        return NoticeRule(award_code, GDVH_POSTING_DAYS, Citation(c.ND_86_2023, tag=Confidence.SECONDARY))
    try:
        level = award(award_code).level
    except RegulationError:
        return None
    if level is AwardLevel.STATE and policy.public_notice_days_high > 0:
        return NoticeRule(
            award_code,
            policy.public_notice_days_high,
            Citation(c.ND_152_2025, 44, 2, tag=Confidence.SECONDARY),
        )
    return None


def notice_needed(award_codes: Iterable[str], policy: Policy) -> NoticeRule | None:
    """Return the longest window any of the awards requires, or None when none needs publication."""
    rules = [r for r in (notice_rule(code, policy) for code in set(award_codes)) if r is not None]
    return max(rules, key=lambda r: (r.working_days, r.award_code), default=None)

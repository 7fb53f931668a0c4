"""Which dossier parts the law requires per award (pure; regulations.md §10.2–§10.3).

* Danh hiệu thi đua (Luật Điều 84 k1): achievement report, minutes of the evaluation meeting; for
  CSTĐCS, CSTĐ tỉnh and CSTĐ toàn quốc also the recognition of the initiative or research.
* Hình thức khen thưởng (Điều 84 k2): achievement report and minutes.
* Gia đình văn hóa (NĐ 86/2023): the minutes of the village meeting only.
* Simplified procedure (Điều 85; NĐ 98 Điều 40): a short achievement summary only.

The tờ trình itself is the proposal (and its optional submission document).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from thidua.regulations import citations as c
from thidua.regulations.catalogue import award
from thidua.regulations.citations import Citation, Confidence, law
from thidua.regulations.kinds import AwardKind
from thidua.regulations.versions import RegulationError

ACHIEVEMENT_REPORT = "ACHIEVEMENT_REPORT"
SUMMARY_REPORT = "SUMMARY_REPORT"
EVALUATION_MINUTES = "EVALUATION_MINUTES"
INITIATIVE_RECOGNITION = "INITIATIVE_RECOGNITION"

INITIATIVE_TITLES = frozenset({"CSTDCS", "CSTD_TINH", "CSTD_TQ"})
MINUTES_ONLY = frozenset({"GDVH"})


class Where(StrEnum):
    """Whether a part belongs to each nominee or may cover the whole proposal."""

    NOMINEE = "nominee"  # one per nominee (reports, initiative recognition)
    EITHER = "either"  # one for the proposal covers every nominee (the meeting's minutes)


@dataclass(frozen=True)
class Requirement:
    """One required part, where it goes, and the legal text that requires it."""

    kind: str
    where: Where
    citation: Citation


def required_parts(award_code: str, *, simplified: bool) -> tuple[Requirement, ...]:
    """Return the parts a nominee for ``award_code`` needs (unknown codes need the general set)."""
    if simplified:
        return (Requirement(SUMMARY_REPORT, Where.NOMINEE, law(85, tag=Confidence.SECONDARY)),)
    if award_code in MINUTES_ONLY:
        return (
            Requirement(EVALUATION_MINUTES, Where.EITHER, Citation(c.ND_86_2023, tag=Confidence.SECONDARY)),
        )
    try:
        kind = award(award_code).kind
    except RegulationError:
        kind = AwardKind.FORM
    clause = 1 if kind is AwardKind.TITLE else 2
    parts = [
        Requirement(ACHIEVEMENT_REPORT, Where.NOMINEE, law(84, clause, tag=Confidence.SECONDARY)),
        Requirement(EVALUATION_MINUTES, Where.EITHER, law(84, clause, tag=Confidence.SECONDARY)),
    ]
    if award_code in INITIATIVE_TITLES:
        parts.append(Requirement(INITIATIVE_RECOGNITION, Where.NOMINEE, law(84, 1, tag=Confidence.SECONDARY)))
    return tuple(parts)


@dataclass(frozen=True)
class NomineeParts:
    """What the checker knows of one nominee: its key, award, and the kinds of parts attached to it."""

    key: int
    award_code: str
    kinds: frozenset[str]


@dataclass(frozen=True)
class MissingPart:
    """A required part that is not attached."""

    nominee_key: int
    kind: str
    citation: Citation


def missing_parts(
    nominees: Iterable[NomineeParts], *, proposal_kinds: Iterable[str], simplified: bool
) -> list[MissingPart]:
    """Return every required part that is missing (a proposal-level part covers EITHER requirements)."""
    at_proposal = frozenset(proposal_kinds)
    out: list[MissingPart] = []
    for n in nominees:
        for req in required_parts(n.award_code, simplified=simplified):
            if req.kind in n.kinds or (req.where is Where.EITHER and req.kind in at_proposal):
                continue
            out.append(MissingPart(n.key, req.kind, req.citation))
    return out

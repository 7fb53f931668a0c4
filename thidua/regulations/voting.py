"""Council voting: method, threshold, denominator, quorum and a pure tally (regulations.md §9)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from thidua.regulations import citations as c
from thidua.regulations.citations import Citation, Confidence
from thidua.regulations.policy import Threshold, parse_threshold
from thidua.regulations.verdicts import Outcome, Reason
from thidua.regulations.versions import RegulationError


class VotingMethod(StrEnum):
    """How the council votes."""

    SECRET = "secret"  # noqa: S105 - bỏ phiếu kín
    OPEN = "open"  # biểu quyết, giơ tay
    PAPER_SECRET = "paper_secret"  # noqa: S105 - paper ballots counted by hand


class Denominator(StrEnum):
    """What the share of yes votes is counted on."""

    ALL_MEMBERS = "all_members"
    PRESENT = "present"
    VALID_BALLOTS = "valid_ballots"


@dataclass(frozen=True, slots=True)
class VotingRule:
    """The voting parameters for one award before one council."""

    method: VotingMethod
    threshold: Threshold
    denominator: Denominator
    quorum: Threshold  # share of members who must be present
    absentee_written_vote: bool
    citation: Citation

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready mapping."""
        return {
            "method": self.method.value,
            "threshold": self.threshold.to_data(),
            "denominator": self.denominator.value,
            "quorum": self.quorum.to_data(),
            "absentee_written_vote": self.absentee_written_vote,
            "citation": self.citation.to_dict(),
        }


_ND98_K7 = Citation(c.ND_98_2023, 30, 7, tag=Confidence.SECONDARY)
_ND152_PRESUMED = Citation(c.ND_98_2023, 30, 7, tag=Confidence.UNCONFIRMED)  # NĐ 152 presumed the same
_ND91 = Citation(c.ND_91_2017, 45, 8, tag=Confidence.HISTORICAL)
_QUORUM = Threshold(Decimal(50), inclusive=False)  # placeholder "more than half": no source [U]
_HIGH_90 = frozenset({"CSTD_TINH", "CSTD_TQ", "AHLD"})
_HIGH_80 = frozenset({"CSTDCS", "CO_TINH", "CO_CP"})
_SECRET = frozenset({
    "CSTD_TINH", "CSTD_TQ", "CO_TINH", "CO_CP", "AHLD", "BK_TTG",
    "HCLD_1", "HCLD_2", "HCLD_3", "HCDL_1", "HCDL_2", "HCDL_3", "HC_HCM", "HC_SAO_VANG",
})  # fmt: skip


def default_voting_rule(award_code: str, on: date) -> VotingRule:
    """Return the national default voting rule for ``award_code`` at a session held on ``on``."""
    secret = award_code in _SECRET
    method = VotingMethod.SECRET if secret else VotingMethod.OPEN
    if on < date(2024, 1, 1):
        pct = Decimal(90) if award_code in _HIGH_90 else Decimal(50)
        return VotingRule(method, Threshold(pct, pct != 50), Denominator.ALL_MEMBERS, _QUORUM, secret, _ND91)
    cite = _ND98_K7 if on < date(2025, 7, 1) else _ND152_PRESUMED
    if award_code in _HIGH_90:
        threshold = Threshold(Decimal(90))
    elif award_code in _HIGH_80:
        threshold = Threshold(Decimal(80))
    else:
        threshold = Threshold(Decimal(50), inclusive=False)
        cite = Citation(cite.instrument, cite.article, cite.clause, tag=Confidence.UNCONFIRMED)
    return VotingRule(method, threshold, Denominator.ALL_MEMBERS, _QUORUM, secret, cite)


def voting_rule_with(rule: VotingRule, overrides: Mapping[str, object]) -> VotingRule:
    """Return ``rule`` with overrides from a pack or council (keys as in :meth:`VotingRule.to_dict`)."""
    changes: dict[str, object] = {}
    for key, raw in overrides.items():
        try:
            if key == "method":
                changes[key] = VotingMethod(str(raw))
            elif key == "denominator":
                changes[key] = Denominator(str(raw))
            elif key in {"threshold", "quorum"}:
                changes[key] = parse_threshold(raw)
            elif key == "absentee_written_vote":
                if not isinstance(raw, bool):
                    raise TypeError("expected true or false")
                changes[key] = raw
            else:
                raise RegulationError(f"Unknown voting parameter {key!r}")
        except (TypeError, ValueError) as exc:
            raise RegulationError(f"Bad value for voting parameter {key!r}: {raw!r} ({exc})") from None
    if changes:
        changes["citation"] = Citation(c.POLICY, tag=Confidence.UNCONFIRMED, policy="voting")
    return dataclasses.replace(rule, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class TallyCounts:
    """The counts of one ballot for one nominee (the biên bản kiểm phiếu figures)."""

    members: int
    present: int
    yes: int
    no: int = 0
    abstain: int = 0
    invalid: int = 0
    written_yes: int = 0  # absentees' written votes
    written_no: int = 0
    written_abstain: int = 0

    def validate(self) -> None:
        """Raise RegulationError when the counts are inconsistent."""
        values = dataclasses.astuple(self)
        if any(isinstance(v, bool) or not isinstance(v, int) or v < 0 for v in values):
            raise RegulationError("Vote counts must be non-negative integers")
        if self.present > self.members:
            raise RegulationError("More members present than members")
        if self.yes + self.no + self.abstain + self.invalid > self.present:
            raise RegulationError("More ballots in the room than members present")
        if self.written_yes + self.written_no + self.written_abstain > self.members - self.present:
            raise RegulationError("More written votes than absent members")


@dataclass(frozen=True, slots=True)
class TallyOutcome:
    """The result of :func:`tally`."""

    passed: bool
    quorum_met: bool
    yes: int
    denominator: int
    share_pct: Decimal  # rounded to 0.1 for display; the decision uses exact integers
    reasons: tuple[Reason, ...]


def tally(counts: TallyCounts, *, rule: VotingRule) -> TallyOutcome:
    """Decide a nominee's outcome from the counts under ``rule``.

    Abstentions and invalid ballots count as "not in favour". Written votes of absent members are
    counted only when the rule allows them, and never for the quorum or with the PRESENT denominator.
    """
    counts.validate()
    written = rule.absentee_written_vote
    quorum_met = rule.quorum.met(counts.present, counts.members)
    yes = counts.yes
    if rule.denominator is Denominator.ALL_MEMBERS:
        denominator = counts.members
        yes += counts.written_yes if written else 0
    elif rule.denominator is Denominator.PRESENT:
        denominator = counts.present
    else:
        denominator = counts.yes + counts.no + counts.abstain
        if written:
            yes += counts.written_yes
            denominator += counts.written_yes + counts.written_no + counts.written_abstain
    approved = rule.threshold.met(yes, denominator)
    share = (
        (Decimal(yes) * 100 / denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)
        if denominator
        else Decimal(0)
    )
    reasons = [
        Reason(
            "VOTE.QUORUM",
            f"Có mặt {counts.present}/{counts.members} thành viên; túc số yêu cầu {rule.quorum.text}: "
            + ("đạt." if quorum_met else "không đạt."),
            Citation(c.POLICY, tag=Confidence.UNCONFIRMED, policy="voting.quorum"),
            Outcome.MET if quorum_met else Outcome.NOT_MET,
        ),
        Reason(
            "VOTE.THRESHOLD",
            f"Đồng ý {yes}/{denominator} ({share}%); ngưỡng {rule.threshold.text} tính trên "
            f"{_DENOMINATOR_LABEL[rule.denominator]}: " + ("đạt." if approved else "không đạt."),
            rule.citation,
            Outcome.MET if approved else Outcome.NOT_MET,
        ),
    ]
    return TallyOutcome(quorum_met and approved, quorum_met, yes, denominator, share, tuple(reasons))


_DENOMINATOR_LABEL = {
    Denominator.ALL_MEMBERS: "tổng số thành viên hội đồng",
    Denominator.PRESENT: "số thành viên có mặt",
    Denominator.VALID_BALLOTS: "số phiếu hợp lệ",
}

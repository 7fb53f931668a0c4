"""Pure counting: ballots and counts into the engine's `TallyCounts`, the rule snapshot, summaries.

No Django and no database here, so the counting can be checked with tables and generated cases.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from thidua.regulations.citations import Citation, Confidence
from thidua.regulations.policy import parse_threshold
from thidua.regulations.voting import Denominator, TallyCounts, TallyOutcome, VotingMethod, VotingRule

CHOICES = ("YES", "NO", "ABSTAIN")
CHOICE_LABELS = {"YES": "Đồng ý", "NO": "Không đồng ý", "ABSTAIN": "Không biểu quyết"}


class BadChoices(ValueError):  # noqa: N818 - reads better at call sites
    """A ballot does not answer exactly the poll's items with known choices."""


@dataclass(frozen=True, slots=True)
class RoomCounts:
    """The votes cast in the room on one item."""

    yes: int = 0
    no: int = 0
    abstain: int = 0
    invalid: int = 0

    @property
    def total(self) -> int:
        """Return the number of ballots counted for the item."""
        return self.yes + self.no + self.abstain + self.invalid


def normalise_choices(choices: Mapping[object, object], item_ids: Iterable[int]) -> dict[str, str]:
    """Return the choices keyed by item id text; raise BadChoices unless every item has one valid choice."""
    wanted = {str(i) for i in item_ids}
    out: dict[str, str] = {}
    for key, value in choices.items():
        k = str(key)
        if k not in wanted:
            raise BadChoices("unknown item")
        v = str(value)
        if v not in CHOICES:
            raise BadChoices("unknown choice")
        out[k] = v
    if set(out) != wanted:
        raise BadChoices("missing item")
    return dict(sorted(out.items()))


def count_ballots(ballots: Iterable[Mapping[str, str]], item_ids: Iterable[int]) -> dict[int, RoomCounts]:
    """Count secret ballots per item; a ballot without a valid answer for an item is invalid for it."""
    ids = list(item_ids)
    tallies = {i: [0, 0, 0, 0] for i in ids}
    for ballot in ballots:
        for i in ids:
            choice = ballot.get(str(i))
            slot = CHOICES.index(choice) if choice in CHOICES else 3
            tallies[i][slot] += 1
    return {i: RoomCounts(*t) for i, t in tallies.items()}


def count_named(
    votes: Iterable[tuple[int, str, bool]], item_ids: Iterable[int]
) -> dict[int, tuple[RoomCounts, RoomCounts]]:
    """Count named votes (item, choice, voter present) into (room, written) counts per item."""
    ids = list(item_ids)
    room = {i: [0, 0, 0] for i in ids}
    written = {i: [0, 0, 0] for i in ids}
    for item_id, choice, present in votes:
        if item_id in room and choice in CHOICES:
            (room if present else written)[item_id][CHOICES.index(choice)] += 1
    return {i: (RoomCounts(*room[i]), RoomCounts(*written[i])) for i in ids}


def tally_counts(
    *, members: int, present: int, room: RoomCounts, written: RoomCounts | None = None
) -> TallyCounts:
    """Build the engine's counts for one item."""
    written = written or RoomCounts()
    return TallyCounts(
        members=members,
        present=present,
        yes=room.yes,
        no=room.no,
        abstain=room.abstain,
        invalid=room.invalid,
        written_yes=written.yes,
        written_no=written.no,
        written_abstain=written.abstain,
    )


def rule_from_snapshot(data: Mapping[str, object]) -> VotingRule:
    """Rebuild the voting rule stored on a poll by `VotingRule.to_dict`."""
    cite = data.get("citation")
    cite = cite if isinstance(cite, Mapping) else {}
    article, clause = cite.get("article"), cite.get("clause")
    citation = Citation(
        str(cite.get("instrument", "policy")),
        int(article) if isinstance(article, int) else None,
        int(clause) if isinstance(clause, int) else None,
        str(cite["point"]) if cite.get("point") else None,
        tag=Confidence(str(cite.get("tag", Confidence.UNCONFIRMED.value))),
        policy=str(cite["policy"]) if cite.get("policy") else None,
    )
    return VotingRule(
        method=VotingMethod(str(data["method"])),
        threshold=parse_threshold(data["threshold"]),
        denominator=Denominator(str(data["denominator"])),
        quorum=parse_threshold(data["quorum"]),
        absentee_written_vote=bool(data.get("absentee_written_vote", False)),
        citation=citation,
    )


def _pct(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.1'))}".replace(".", ",")
    return (text[:-2] if text.endswith(",0") else text) + "%"


def votes_summary(counts: TallyCounts, outcome: TallyOutcome) -> str:
    """Write one line for the nominee: the counts, the share and the outcome (no voter, ever)."""
    parts = [f"Đồng ý {outcome.yes}/{outcome.denominator} ({_pct(outcome.share_pct)})"]
    parts.append(f"không đồng ý {counts.no + counts.written_no}")
    parts.append(f"không biểu quyết {counts.abstain + counts.written_abstain}")
    if counts.invalid:
        parts.append(f"không hợp lệ {counts.invalid}")
    verdict = "không đủ túc số" if not outcome.quorum_met else "đạt" if outcome.passed else "không đạt"
    return "; ".join(parts) + f": {verdict}."


def percent_text(value: Decimal) -> str:
    """Write a share such as 93,3% the Vietnamese way."""
    return _pct(value)

"""Checks over a whole nominee list (pure): caps, priority shares, duplicates, the deciding authority.

Per-nominee eligibility comes from the award register (``awards.selectors``); this module adds what
only the list as a whole shows. Reasons use the regulations engine's ``Reason`` so they are stored and
shown like the engine's own: a stable code, a Vietnamese message and a citation.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from thidua.regulations import authorities_for, check_caps
from thidua.regulations.authority import Office
from thidua.regulations.catalogue import award
from thidua.regulations.citations import Confidence, law
from thidua.regulations.policy import Threshold, parse_threshold
from thidua.regulations.rulepack import RulePack
from thidua.regulations.verdicts import Outcome, Reason, Verdict, verdict_from
from thidua.regulations.versions import RegulationError

DUPLICATE_CODES = frozenset({"DUP.IN_LIST", "DUP.REGISTER"})
SHARE_GROUPS = ("direct_workers", "women", "ethnic_minorities")


@dataclass(frozen=True)
class NomineeFacts:
    """What the list checks need to know about one nominee."""

    key: int
    subject: str  # "P:12" person, "U:3" unit, "H:5" household
    award_code: str
    year: int
    individual: bool = False
    woman: bool = False
    direct_worker: bool = False
    ethnic_minority: bool = False
    in_register: bool = False  # the same subject already holds this award for this year


@dataclass(frozen=True)
class Share:
    """A priority share among individual nominees, against its threshold (None: report only)."""

    group: str
    part: int
    whole: int
    threshold: Threshold | None

    @property
    def ratio(self) -> Decimal:
        """Return part / whole (0 for an empty list)."""
        return Decimal(self.part) / Decimal(self.whole) if self.whole else Decimal(0)

    @property
    def ok(self) -> bool | None:
        """Return True / False against the threshold, or None when there is none (report only)."""
        if self.threshold is None:
            return None
        return self.threshold.met(self.part, self.whole)


@dataclass(frozen=True)
class ListChecks:
    """The findings over a list."""

    caps: Verdict
    shares: tuple[Share, ...]
    per_nominee: Mapping[int, tuple[Reason, ...]] = field(default_factory=dict)

    @property
    def blocking(self) -> dict[int, tuple[Reason, ...]]:
        """Return the nominees with duplicate findings, which block submission."""
        out = {}
        for key, reasons in self.per_nominee.items():
            dups = tuple(r for r in reasons if r.code in DUPLICATE_CODES)
            if dups:
                out[key] = dups
        return out


def parse_thresholds(raw: Mapping[str, object] | None) -> dict[str, Threshold | None]:
    """Read {"women": ">=30", ...} into thresholds; missing groups are report-only (None)."""
    raw = raw or {}
    unknown = set(raw) - set(SHARE_GROUPS)
    if unknown:
        raise RegulationError(f"Unknown priority groups {sorted(unknown)}")
    return {g: (None if raw.get(g) is None else parse_threshold(raw[g])) for g in SHARE_GROUPS}


def shares(nominees: Sequence[NomineeFacts], thresholds: Mapping[str, Threshold | None]) -> tuple[Share, ...]:
    """Count direct workers, women and ethnic minorities among distinct individual nominees."""
    people: dict[str, NomineeFacts] = {}
    for n in nominees:
        if n.individual:
            people.setdefault(n.subject, n)
    whole = len(people)
    counts = {
        "direct_workers": sum(p.direct_worker for p in people.values()),
        "women": sum(p.woman for p in people.values()),
        "ethnic_minorities": sum(p.ethnic_minority for p in people.values()),
    }
    return tuple(Share(g, counts[g], whole, thresholds.get(g)) for g in SHARE_GROUPS)


def duplicate_reasons(nominees: Sequence[NomineeFacts]) -> dict[int, list[Reason]]:
    """Flag the same subject proposed twice for one award and year, or already holding it."""
    cite = law(5, tag=Confidence.CONFIRMED)
    seen = Counter((n.subject, n.award_code, n.year) for n in nominees)
    first: dict[tuple[str, str, int], int] = {}
    out: dict[int, list[Reason]] = {}
    for n in nominees:
        key = (n.subject, n.award_code, n.year)
        if seen[key] > 1:
            first.setdefault(key, n.key)
            out.setdefault(n.key, []).append(
                Reason(
                    "DUP.IN_LIST",
                    f"Cùng đối tượng được đề nghị {seen[key]} lần cho cùng danh hiệu/hình thức năm {n.year} "
                    "trong danh sách: một thành tích không được khen thưởng hai lần.",
                    cite,
                    Outcome.NOT_MET,
                )
            )
        if n.in_register:
            out.setdefault(n.key, []).append(
                Reason(
                    "DUP.REGISTER",
                    f"Đối tượng đã được khen thưởng danh hiệu/hình thức này cho thành tích năm {n.year} "
                    "(sổ khen thưởng): một thành tích không được khen thưởng hai lần.",
                    cite,
                    Outcome.NOT_MET,
                )
            )
    return out


def authority_reason(award_code: str, office: Office | None, on: date) -> Reason:
    """Say whether the proposal's authority may decide ``award_code`` on ``on``, or who may."""
    try:
        name = award(award_code).name_on(on)
    except RegulationError:
        name = award_code
    grants = authorities_for(award_code, on)
    holders = "; ".join(g.office.label for g in grants) or "chưa xác định"
    cite = grants[0].citation if grants else law(80, tag=Confidence.SECONDARY)
    if office is None:
        return Reason(
            "AUTH.UNKNOWN",
            f"Chưa xác định được cấp của đơn vị quyết định. Cấp có thẩm quyền tặng {name}: {holders}.",
            cite,
            Outcome.REVIEW,
        )
    for g in grants:
        if g.office is office:
            return Reason(
                "AUTH.CAN_DECIDE",
                f"{office.label} có thẩm quyền quyết định tặng {name} vào ngày {on:%d/%m/%Y}.",
                g.citation,
                Outcome.MET,
            )
    return Reason(
        "AUTH.FORWARD",
        f"{office.label} không có thẩm quyền tặng {name} vào ngày {on:%d/%m/%Y}; "
        f"cần trình cấp có thẩm quyền: {holders}.",
        cite,
        Outcome.NOTE,
    )


def check_list(
    nominees: Sequence[NomineeFacts],
    *,
    rules: RulePack,
    thresholds: Mapping[str, Threshold | None],
    authority_office: Office | None,
    on: date,
) -> ListChecks:
    """Run every list check."""
    counts = Counter(n.award_code for n in nominees)
    caps = check_caps(counts, rules=rules)
    per: dict[int, list[Reason]] = duplicate_reasons(nominees)
    cache: dict[str, Reason] = {}
    for n in nominees:
        if n.award_code not in cache:
            cache[n.award_code] = authority_reason(n.award_code, authority_office, on)
        per.setdefault(n.key, []).append(cache[n.award_code])
    return ListChecks(caps, shares(nominees, thresholds), {k: tuple(v) for k, v in per.items()})


def combine(engine: Verdict | None, extra: Iterable[Reason]) -> Verdict:
    """Merge the register's verdict with the list's findings for one nominee."""
    reasons = (*(engine.reasons if engine is not None else ()), *extra)
    return verdict_from(reasons)

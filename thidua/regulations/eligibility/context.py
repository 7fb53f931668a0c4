"""Shared machinery of the checks: the indexed case, blockers, chains and criteria checklists."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from thidua.regulations import citations as c
from thidua.regulations.authority import Office
from thidua.regulations.catalogue import award
from thidua.regulations.citations import Citation, Confidence, law
from thidua.regulations.eligibility.case import AwardRecord, Case, HistoryYear
from thidua.regulations.kinds import AwardBasis, Rating, Scope
from thidua.regulations.policy import PARAMETERS, Policy, YearType
from thidua.regulations.rulepack import RulePack
from thidua.regulations.verdicts import Outcome, Reason
from thidua.regulations.versions import RegulationError, RuleVersion, pick

MET, NOT_MET, REVIEW, NOTE = Outcome.MET, Outcome.NOT_MET, Outcome.REVIEW, Outcome.NOTE
LAW_START = date(2024, 1, 1)
_S, _U = Confidence.SECONDARY, Confidence.UNCONFIRMED

BLOCKER_BASIS: tuple[RuleVersion[None], ...] = (
    RuleVersion("BLK", LAW_START, date(2025, 6, 30), None, (Citation(c.ND_98_2023, tag=_U),)),
    RuleVersion("BLK", date(2025, 7, 1), None, None, (Citation(c.ND_152_2025, 4, tag=_S),)),
)
UNIT_DISSOLVED_FROM = date(2025, 8, 5)  # TT 15/2025 in force [U]


def pcite(key: str) -> Citation:
    """Cite a policy parameter."""
    return PARAMETERS[key].citation


def years_text(years: Iterable[int]) -> str:
    """Return "2023, 2024, 2025"."""
    return ", ".join(str(y) for y in years)


@dataclass(frozen=True, slots=True)
class ChainResult:
    """Outcome of a consecutive-years check."""

    ok: bool
    reasons: tuple[Reason, ...]


class Ctx:
    """A case indexed for fast, order-independent evaluation."""

    __slots__ = ("blocker_cite", "by_year", "case", "counting_starts", "policy", "rules")

    def __init__(self, case: Case, rules: RulePack) -> None:
        self.case = case
        self.rules = rules
        self.policy: Policy = rules.policy
        by_year: dict[int, HistoryYear] = {}
        for row in case.history:
            if row.year in by_year:
                raise RegulationError(f"History has two rows for year {row.year}")
            by_year[row.year] = row
        self.by_year = by_year
        ends = [d.end for d in case.discipline if d.end is not None and d.end < case.on]
        self.counting_starts = max(ends) + timedelta(days=1) if ends else None
        self.blocker_cite = pick(BLOCKER_BASIS, case.on).citations[0]

    # -- periods -----------------------------------------------------------------------------------
    def period(self, year: int) -> tuple[date, date]:
        """Return the first and last day of evaluation year ``year``."""
        if self.policy.evaluation_year_type is YearType.SCHOOL_YEAR:
            return date(year - 1, 9, 1), date(year, 8, 31)
        return date(year, 1, 1), date(year, 12, 31)

    def row(self, year: int) -> HistoryYear | None:
        """Return the history row of ``year``."""
        return self.by_year.get(year)

    def rating(self, year: int) -> Rating | None:
        """Return the rating of ``year`` (None when unknown)."""
        row = self.by_year.get(year)
        return row.rating if row is not None else None

    def records(self, year: int, codes: frozenset[str]) -> tuple[AwardRecord, ...]:
        """Return the awards of ``year`` whose code is in ``codes`` (revoked ones included)."""
        row = self.by_year.get(year)
        return tuple(a for a in row.awards if a.code in codes) if row is not None else ()

    def holds(self, year: int, codes: frozenset[str], *, merit_only: bool = False) -> bool:
        """Return True when a valid (not revoked) award of ``codes`` is recorded for ``year``."""
        return any(
            not a.revoked and (not merit_only or a.basis is AwardBasis.MERIT)
            for a in self.records(year, codes)
        )

    def scope_reached(self, years: Iterable[int], scope: Scope) -> bool:
        """Return True when an initiative or research project of at least ``scope`` exists in ``years``."""
        for y in years:
            row = self.by_year.get(y)
            if row is None:
                continue
            for count, s in ((row.initiatives, row.initiative_scope), (row.research, row.research_scope)):
                if count > 0 and s is not None and s.rank >= scope.rank:
                    return True
        return False

    def year_clean(self, year: int) -> bool:
        """Return True when ``year`` starts after the counting restarted (after any discipline)."""
        return self.counting_starts is None or self.period(year)[0] >= self.counting_starts

    # -- chains ------------------------------------------------------------------------------------
    def chain(self, codes: frozenset[str], years: list[int], label: str) -> ChainResult:
        """Check that ``codes`` was awarded, not revoked and countable in every year of ``years``."""
        missing, revoked, pre2024, disciplined = [], [], [], []
        offices: set[Office] = set()
        for y in years:
            recs = self.records(y, codes)
            valid = [a for a in recs if not a.revoked]
            if not recs:
                missing.append(y)
            elif not valid:
                revoked.append(y)
            elif y < LAW_START.year and not self.policy.chain_counts_pre2024:
                pre2024.append(y)
            elif not self.year_clean(y):
                disciplined.append(y)
            offices.update(a.authority for a in valid if a.authority is not None)
        reasons: list[Reason] = []
        span = years_text(years)
        if missing:
            reasons.append(
                Reason(
                    "CHAIN.GAP",
                    f"Chuỗi {label} các năm {span} bị gián đoạn: không có {label} năm {years_text(missing)}.",
                    law(3, tag=_S),
                    NOT_MET,
                )
            )
        if revoked:
            reasons.append(
                Reason(
                    "CHAIN.REVOKED",
                    f"{label} năm {years_text(revoked)} đã bị hủy bỏ, thu hồi "
                    "nên không được tính vào chuỗi liên tục.",
                    law(93),
                    NOT_MET,
                )
            )
        if pre2024:
            reasons.append(
                Reason(
                    "CHAIN.PRE2024",
                    f"{label} năm {years_text(pre2024)} (trước năm 2024) "
                    "không được tính vào chuỗi theo chính sách.",
                    pcite("chain_counts_pre2024"),
                    NOT_MET,
                )
            )
        if disciplined:
            start = self.counting_starts
            reasons.append(
                Reason(
                    "CHAIN.DISCIPLINE",
                    "Thời gian tính thành tích tính lại từ ngày "
                    f"{start:%d/%m/%Y} (sau khi hết thời hạn kỷ luật); "
                    f"{label} năm {years_text(disciplined)} không được tính.",
                    self.blocker_cite,
                    NOT_MET,
                )
            )
        if len(offices) > 1 and not reasons:
            names = ", ".join(sorted(o.value for o in offices))
            if self.policy.chain_cross_authority:
                reasons.append(
                    Reason(
                        "CHAIN.CROSS_AUTHORITY",
                        f"Các {label} do nhiều cấp khác nhau quyết định ({names}) vẫn được tính liên tục.",
                        pcite("chain_cross_authority"),
                        NOTE,
                    )
                )
            else:
                reasons.append(
                    Reason(
                        "CHAIN.CROSS_AUTHORITY",
                        f"Các {label} do nhiều cấp khác nhau quyết định ({names}) "
                        "không được tính liên tục theo chính sách.",
                        pcite("chain_cross_authority"),
                        NOT_MET,
                    )
                )
        ok = not any(r.outcome is NOT_MET for r in reasons)
        if ok:
            reasons.insert(
                0,
                Reason(
                    "CHAIN.OK",
                    f"Đạt {label} liên tục các năm {span}.",
                    law(3, tag=_S),
                    MET,
                ),
            )
        return ChainResult(ok, tuple(reasons))

    # -- blockers ----------------------------------------------------------------------------------
    def blockers(self, *, collective: bool = False) -> list[Reason]:
        """Return the blockers of regulations.md §5 that apply on the decision date."""
        case, cite, out = self.case, self.blocker_cite, []
        flags = case.flags
        if flags.discipline_pending:
            out.append(
                Reason(
                    "BLK.DISCIPLINE_PENDING",
                    "Đang trong thời gian xem xét kỷ luật: chưa xét khen thưởng.",
                    cite,
                    NOT_MET,
                )
            )
        if flags.under_investigation:
            out.append(
                Reason(
                    "BLK.INVESTIGATION",
                    "Đang bị điều tra, thanh tra, kiểm tra có dấu hiệu vi phạm: chưa xét khen thưởng.",
                    cite,
                    NOT_MET,
                )
            )
        if flags.pending_complaint:
            out.append(
                Reason(
                    "BLK.COMPLAINT",
                    "Có đơn thư khiếu nại, tố cáo đang được xác minh, làm rõ: chưa xét khen thưởng.",
                    cite,
                    NOT_MET,
                )
            )
        start, end = self.period(case.year)
        for d in sorted(case.discipline, key=lambda d: (d.start, d.end or date.max, d.form.severity)):
            if d.end is None or d.end >= case.on:
                out.append(
                    Reason(
                        "BLK.DISCIPLINE_PERIOD",
                        f"Đang trong thời gian thi hành kỷ luật ({d.form.label}, từ {d.start:%d/%m/%Y}).",
                        cite,
                        NOT_MET,
                    )
                )
            elif d.start <= end and d.end >= start:
                out.append(
                    Reason(
                        "BLK.DISCIPLINE_PERIOD",
                        f"Bị kỷ luật {d.form.label} trong năm {case.year} (đến "
                        f"{d.end:%d/%m/%Y}); thời gian tính "
                        "thành tích tính từ ngày hết thời hạn kỷ luật.",
                        cite,
                        NOT_MET,
                    )
                )
        if (
            collective
            and flags.unit_dissolved
            and self.policy.unit_dissolved_block
            and case.on >= UNIT_DISSOLVED_FROM
        ):
            out.append(
                Reason(
                    "BLK.UNIT_DISSOLVED",
                    "Cơ quan, đơn vị đã giải thể khi sắp xếp tổ chức bộ máy năm 2025: không khen thưởng.",
                    Citation(c.TT_15_2025, tag=_S),
                    NOT_MET,
                )
            )
        out.extend(self.duplicate())
        return out

    def duplicate(self) -> list[Reason]:
        """Return BLK.DUPLICATE_ACHIEVEMENT / BLK.ADHOC_FOR_MERIT when the achievement is already rewarded."""
        case, out = self.case, []
        if self.holds(case.year, frozenset({case.award})):
            out.append(
                Reason(
                    "BLK.DUPLICATE_ACHIEVEMENT",
                    f"Đã được tặng {award(case.award).name_on(case.on)} cho thành tích năm {case.year}.",
                    law(5),
                    NOT_MET,
                )
            )
        if case.achievement is None:
            return out
        for y in sorted(self.by_year):
            for a in self.by_year[y].awards:
                if a.achievement != case.achievement or a.revoked:
                    continue
                if a.basis in {AwardBasis.AD_HOC, AwardBasis.THEMATIC}:
                    out.append(
                        Reason(
                            "BLK.ADHOC_FOR_MERIT",
                            f"Thành tích {case.achievement} đã được khen thưởng "
                            f"đột xuất/chuyên đề ({a.code}); không "
                            "dùng làm căn cứ khen thưởng công trạng.",
                            self.blocker_cite,
                            NOT_MET,
                        )
                    )
                else:
                    out.append(
                        Reason(
                            "BLK.DUPLICATE_ACHIEVEMENT",
                            f"Thành tích {case.achievement} đã được khen thưởng "
                            f"({a.code}, năm {y}); một thành tích "
                            "không được khen thưởng hai lần.",
                            law(5),
                            NOT_MET,
                        )
                    )
        return out

    # -- delegated criteria ------------------------------------------------------------------------
    def checklist(self, code: str, *, required: bool) -> list[Reason]:
        """Evaluate the province's detailed criteria for ``code`` from the case's attestations."""
        items = self.rules.criteria.get(code, ())
        criteria_cite = award(code).criteria
        if not items:
            if required:
                return [
                    Reason(
                        "CRITERIA.NOT_CONFIGURED",
                        f"Tiêu chuẩn chi tiết của {award(code).name} do bộ, ngành, "
                        "tỉnh quy định nhưng chưa được cấu hình "
                        "trong gói quy tắc: cần cán bộ thẩm định.",
                        criteria_cite,
                        REVIEW,
                    )
                ]
            return [
                Reason(
                    "CRITERIA.ATTEST",
                    "Các tiêu chuẩn định tính (chấp hành chủ trương, chính "
                    "sách, pháp luật; đoàn kết; tích cực "
                    "tham gia phong trào thi đua) do đơn vị, hội đồng xác nhận khi bình xét.",
                    criteria_cite,
                    NOTE,
                )
            ]
        out = []
        province = Citation(f"Quy định của tỉnh {self.rules.name}", tag=_U)
        for item in items:
            value = self.case.attestations.get(item.id)
            if value is None:
                out.append(
                    Reason(f"CRITERIA.{item.id}", f"Chưa xác nhận tiêu chí: {item.text}.", province, REVIEW)
                )
            elif value:
                out.append(Reason(f"CRITERIA.{item.id}", f"Đạt tiêu chí: {item.text}.", province, MET))
            else:
                out.append(
                    Reason(f"CRITERIA.{item.id}", f"Không đạt tiêu chí: {item.text}.", province, NOT_MET)
                )
        return out

"""Checks for collective titles and for awards whose criteria are delegated (regulations.md §4.2, §6)."""

from __future__ import annotations

from thidua.regulations.catalogue import award
from thidua.regulations.citations import Confidence, law
from thidua.regulations.eligibility.case import CollectiveCounts
from thidua.regulations.eligibility.context import MET, NOT_MET, NOTE, REVIEW, Ctx, pcite
from thidua.regulations.kinds import AwardLevel, DisciplineForm, Rating
from thidua.regulations.policy import Threshold
from thidua.regulations.verdicts import Reason
from thidua.regulations.versions import RegulationError

_S, _U = Confidence.SECONDARY, Confidence.UNCONFIRMED


def counts_of(ctx: Ctx) -> CollectiveCounts:
    """Return the validated member counts of a collective case."""
    counts = ctx.case.collective
    if counts is None:
        raise RegulationError(f"{ctx.case.award} needs the collective's member counts (field 'collective')")
    values = (
        counts.members,
        counts.members_completed,
        counts.members_ldtt,
        counts.members_cstdcs,
        counts.members_disciplined,
    )
    if any(isinstance(v, bool) or not isinstance(v, int) or v < 0 for v in values):
        raise RegulationError("Member counts must be non-negative integers")
    if counts.members == 0:
        raise RegulationError("A collective has at least one member")
    if not counts.members_cstdcs <= counts.members_ldtt <= counts.members_completed <= counts.members:
        raise RegulationError("Member counts must satisfy cstdcs ≤ ldtt ≤ completed ≤ members")
    if counts.members_disciplined > counts.members:
        raise RegulationError("More members disciplined than members")
    return counts


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part * 100 / whole:.1f}%".replace(".", ",")


def _ratio(
    code: str, label: str, part: int, whole: int, threshold: Threshold, key: str, article: int
) -> Reason:
    ok = threshold.met(part, whole)
    cite = pcite(key) if PARAM_TAGS.get(key) is _U else law(article, tag=_S)
    verdict = "đạt" if ok else "không đạt"
    return Reason(
        code,
        f"Tỷ lệ {label}: {_pct(part, whole)} ({verdict} yêu cầu {threshold.text}).",
        cite,
        MET if ok else NOT_MET,
    )


PARAM_TAGS = {
    "ttldtt_min_ldtt_ratio": _U,
    "ttldxs_min_ldtt_ratio": _S,
    "ttldxs_htnv_ratio": _S,
}


def _member_discipline(counts: CollectiveCounts, bar: DisciplineForm | None, key: str) -> list[Reason]:
    if bar is None:
        return []
    if counts.members_disciplined:
        return [
            Reason(
                "BLK.MEMBER_DISCIPLINED",
                f"Có {counts.members_disciplined} thành viên bị kỷ luật từ "
                f"hình thức {bar.label} trở lên trong năm.",
                pcite(key),
                NOT_MET,
            )
        ]
    return [
        Reason(
            "BLK.MEMBER_DISCIPLINED",
            f"Không có thành viên bị kỷ luật từ hình thức {bar.label} trở lên.",
            pcite(key),
            MET,
        )
    ]


def _rating(counts: CollectiveCounts, minimum: Rating, code: str, article: int) -> Reason:
    rating = counts.rating
    cite = law(article, tag=_S)
    if rating is None:
        return Reason(code, "Chưa có kết quả đánh giá, xếp loại của tập thể.", cite, REVIEW)
    ok = rating.at_least(minimum)
    text = f"Tập thể xếp loại {rating.value} (yêu cầu từ {minimum.value} trở lên)."
    return Reason(code, text, cite, MET if ok else NOT_MET)


def check_ttldtt(ctx: Ctx) -> list[Reason]:
    """ELIG.TTLDTT (Luật Điều 28; old Điều 28 c kept as policy)."""
    counts, policy = counts_of(ctx), ctx.policy
    out = [
        _rating(counts, Rating.HTT, "TTLDTT.RATING", 28),
        _ratio(
            "RATIO.TTLDTT.LDTT",
            "thành viên đạt Lao động tiên tiến",
            counts.members_ldtt,
            counts.members,
            policy.ttldtt_min_ldtt_ratio,
            "ttldtt_min_ldtt_ratio",
            28,
        ),
        *_member_discipline(
            counts, policy.ttldtt_bar_member_discipline_from, "ttldtt_bar_member_discipline_from"
        ),
    ]
    out.extend(ctx.checklist(ctx.case.award, required=False))
    return out


def check_ttldxs(ctx: Ctx) -> list[Reason]:
    """ELIG.TTLDXS (Luật Điều 27): HTXS; 100% HTNV; ≥ 70% LĐTT; ≥ 1 CSTĐCS."""
    counts, policy = counts_of(ctx), ctx.policy
    out = [
        _rating(counts, Rating.HTXS, "TTLDXS.RATING", 27),
        _ratio(
            "RATIO.TTLDXS.HTNV",
            "thành viên hoàn thành nhiệm vụ",
            counts.members_completed,
            counts.members,
            policy.ttldxs_htnv_ratio,
            "ttldxs_htnv_ratio",
            27,
        ),
        _ratio(
            "RATIO.TTLDXS.LDTT",
            "thành viên đạt Lao động tiên tiến",
            counts.members_ldtt,
            counts.members,
            policy.ttldxs_min_ldtt_ratio,
            "ttldxs_min_ldtt_ratio",
            27,
        ),
    ]
    need = policy.ttldxs_min_cstdcs
    ok = counts.members_cstdcs >= need
    out.append(
        Reason(
            "RATIO.TTLDXS.CSTDCS",
            f"Có {counts.members_cstdcs} cá nhân đạt Chiến sĩ thi đua cơ sở (cần ít nhất {need}).",
            law(27, tag=_S),
            MET if ok else NOT_MET,
        )
    )
    out.extend(
        _member_discipline(
            counts, policy.ttldxs_bar_member_discipline_from, "ttldxs_bar_member_discipline_from"
        )
    )
    if policy.ttldxs_requires_prior_ttldtt:
        held = ctx.holds(ctx.case.year, frozenset({"TTLDTT", "DVTT"}))
        text = "Đã đạt" if held else "Chưa đạt"
        out.append(
            Reason(
                "TTLDXS.PRIOR_TTLDTT",
                f"{text} Tập thể lao động tiên tiến trong năm.",
                pcite("ttldxs_requires_prior_ttldtt"),
                MET if held else NOT_MET,
            )
        )
    out.extend(ctx.checklist(ctx.case.award, required=False))
    return out


def check_delegated(ctx: Ctx) -> list[Reason]:
    """Awards whose criteria are set by the province or by other bodies: checklist plus notes."""
    entry = award(ctx.case.award)
    out = ctx.checklist(entry.code, required=True)
    if entry.level is AwardLevel.STATE:
        out.append(
            Reason(
                "AUTH.PROPOSAL_ONLY",
                f"{entry.name} do cấp trung ương quyết định; tỉnh chỉ xét đề nghị.",
                entry.criteria,
                NOTE,
            )
        )
    return out

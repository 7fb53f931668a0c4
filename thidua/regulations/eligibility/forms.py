"""Checks for individual forms: Bằng khen tỉnh (Điều 74 k1 d) and Bằng khen Thủ tướng (Điều 73 k1 b)."""

from __future__ import annotations

from thidua.regulations import citations as c
from thidua.regulations.citations import Citation, Confidence, law
from thidua.regulations.eligibility.context import MET, NOT_MET, NOTE, REVIEW, Ctx, pcite, years_text
from thidua.regulations.eligibility.individual import BK_TINH, BK_TTG, CSTDCS
from thidua.regulations.kinds import Rating
from thidua.regulations.verdicts import Reason

_S, _U = Confidence.SECONDARY, Confidence.UNCONFIRMED


def _initiatives(ctx: Ctx, years: list[int]) -> tuple[int, int]:
    rows = [ctx.row(y) for y in years]
    return sum(r.initiatives for r in rows if r), sum(r.research for r in rows if r)


def check_bk_tinh_individual(ctx: Ctx) -> list[Reason]:
    """ELIG.BK_TINH.D (Luật Điều 74 k1 d): 2 consecutive CSTĐCS or ≥ 2 years HTXS, plus 2 initiatives."""
    year, policy = ctx.case.year, ctx.policy
    cite = law(74, 1, "d")
    needed = policy.bk_tinh_initiatives_required
    last_bk = max(
        (y for y in ctx.by_year if y < year and ctx.holds(y, BK_TINH, merit_only=True)), default=None
    )

    def usable(y: int) -> bool:
        return ctx.year_clean(y) and (last_bk is None or y > last_bk)

    def enough(years: list[int]) -> tuple[bool, bool, str]:
        ini, res = _initiatives(ctx, years)
        text = f"{ini} sáng kiến, {res} đề tài trong các năm {years_text(years)}"
        return ini >= needed or res >= needed, ini + res >= needed, text

    # Route A: CSTĐCS in year-1 and year.
    years_a = [year - 1, year]
    chain_a = ctx.chain(CSTDCS, years_a, "Chiến sĩ thi đua cơ sở")
    a_chain_ok = chain_a.ok and all(usable(y) for y in years_a)
    a_ini, a_mixed, a_text = enough(years_a)
    a_ok = a_chain_ok and (a_ini or not policy.bk_tinh_initiatives_both_branches)
    # Route B: the run of HTXS years ending in year.
    run: list[int] = []
    y = year
    while ctx.rating(y) is Rating.HTXS and usable(y):
        run.insert(0, y)
        y -= 1
    b_ini, b_mixed, b_text = enough(run) if run else (False, False, "")
    b_ok = len(run) >= 2 and b_ini
    out: list[Reason] = []
    if a_ok or b_ok:
        if b_ok:
            out.append(
                Reason(
                    "BK_TINH.D.HTXS_ROUTE",
                    f"{len(run)} năm liên tục hoàn thành xuất sắc nhiệm vụ "
                    f"({years_text(run)}) và có {b_text}.",
                    cite,
                    MET,
                )
            )
        if a_ok:
            extra = f" và có {a_text}" if a_ini else ""
            reason_cite = cite if a_ini else pcite("bk_tinh_initiatives_both_branches")
            out.append(
                Reason(
                    "BK_TINH.D.CSTDCS_ROUTE",
                    f"Hai năm liên tục đạt Chiến sĩ thi đua cơ sở ({years_text(years_a)}){extra}.",
                    reason_cite,
                    MET,
                )
            )
    else:
        if not a_chain_ok:
            out.extend(r for r in chain_a.reasons if r.outcome is not MET)
            if chain_a.ok:
                out.append(
                    Reason(
                        "BK_TINH.D.CSTDCS_ROUTE",
                        f"Các năm {years_text(years_a)} đã được dùng cho Bằng "
                        "khen trước hoặc trước khi hết kỷ luật.",
                        cite,
                        NOT_MET,
                    )
                )
        else:
            out.append(
                Reason(
                    "BK_TINH.D.INITIATIVES",
                    f"Có hai năm liên tục Chiến sĩ thi đua cơ sở nhưng chỉ có {a_text}; chính sách yêu cầu "
                    f"{needed} sáng kiến hoặc {needed} đề tài cho cả nhánh này.",
                    pcite("bk_tinh_initiatives_both_branches"),
                    NOT_MET,
                )
            )
        if len(run) < 2:
            out.append(
                Reason(
                    "BK_TINH.D.HTXS_ROUTE",
                    f"Chưa có 2 năm liên tục hoàn thành xuất sắc nhiệm vụ tính đến năm {year}.",
                    cite,
                    NOT_MET,
                )
            )
        else:
            out.append(
                Reason(
                    "BK_TINH.D.HTXS_ROUTE",
                    f"{len(run)} năm liên tục hoàn thành xuất sắc nhiệm vụ "
                    f"nhưng chỉ có {b_text}; cần {needed} "
                    f"sáng kiến hoặc {needed} đề tài.",
                    cite,
                    NOT_MET,
                )
            )
        if (a_chain_ok and a_mixed) or (len(run) >= 2 and b_mixed):
            out.append(
                Reason(
                    "BK_TINH.D.MIXED",
                    "Có đủ số lượng khi cộng sáng kiến và đề tài; điểm d "
                    "không nói rõ có được cộng hay không: "
                    "cần xem xét.",
                    cite,
                    REVIEW,
                )
            )
    out.append(
        Reason(
            "BK_TINH.OTHER_POINTS",
            "Các điểm a, b, c khoản 1 Điều 74 (tiêu chuẩn chi tiết do bộ, ngành, tỉnh quy định) không được "
            "kiểm tra tự động.",
            law(74, 6, tag=_U),
            NOTE,
        )
    )
    return out


def check_bk_ttg_individual(ctx: Ctx) -> list[Reason]:
    """ELIG.BK_TTG (Luật Điều 73 k1 b): a BK tỉnh, then 5 consecutive years ≥ HTT with 3 CSTĐCS."""
    year, policy = ctx.case.year, ctx.policy
    n, need_cs = policy.bk_ttg_years, policy.bk_ttg_cstdcs
    window = list(range(year - n + 1, year + 1))
    cite = law(73, 1, "b", tag=_S)
    out: list[Reason] = []
    prior = [y for y in ctx.by_year if y < window[0] and ctx.holds(y, BK_TINH, merit_only=True)]
    adhoc = [y for y in ctx.by_year if y < window[0] and ctx.holds(y, BK_TINH) and y not in prior]
    used = [y for y in ctx.by_year if prior and max(prior) < y < year and ctx.holds(y, BK_TTG)]
    if prior and not used:
        out.append(
            Reason("BK_TTG.PRIOR_BK_TINH", f"Đã được tặng Bằng khen cấp tỉnh năm {max(prior)}.", cite, MET)
        )
    elif used:
        out.append(
            Reason(
                "BK_TTG.PRIOR_BK_TINH",
                f"Bằng khen cấp tỉnh năm {max(prior)} đã làm căn cứ cho Bằng khen Thủ tướng năm {max(used)}.",
                cite,
                NOT_MET,
            )
        )
    else:
        note = " (Bằng khen đột xuất, chuyên đề không làm căn cứ)" if adhoc else ""
        out.append(
            Reason(
                "BK_TTG.PRIOR_BK_TINH",
                f"Chưa có Bằng khen cấp tỉnh khen thưởng công trạng trước năm {window[0]}{note}.",
                cite if not adhoc else Citation(c.ND_152_2025, 4, tag=_S),
                NOT_MET,
            )
        )
    weak = [y for y in window if not ((r := ctx.rating(y)) is not None and r.at_least(Rating.HTT))]
    dirty = [y for y in window if not ctx.year_clean(y)]
    if weak or dirty:
        detail = f"năm {years_text(weak)} không có xếp loại từ HTT trở lên" if weak else ""
        if dirty:
            detail += ("; " if detail else "") + f"năm {years_text(dirty)} trước khi hết thời hạn kỷ luật"
        out.append(
            Reason(
                "BK_TTG.YEARS",
                f"Chưa đủ {n} năm liên tục hoàn thành tốt nhiệm vụ trở lên ({detail}).",
                cite,
                NOT_MET,
            )
        )
    else:
        out.append(
            Reason(
                "BK_TTG.YEARS",
                f"{n} năm liên tục ({years_text(window)}) hoàn thành tốt nhiệm vụ trở lên.",
                cite,
                MET,
            )
        )
    cs = [y for y in window if ctx.holds(y, CSTDCS)]
    ok = len(cs) >= need_cs
    out.append(
        Reason(
            "BK_TTG.CSTDCS",
            f"Có {len(cs)} lần Chiến sĩ thi đua cơ sở trong {n} năm (cần {need_cs}).",
            cite,
            MET if ok else NOT_MET,
        )
    )
    out.append(
        Reason("BK_TTG.PROPOSAL", "Thủ tướng Chính phủ quyết định; tỉnh chỉ đề nghị.", law(78, tag=_S), NOTE)
    )
    return out

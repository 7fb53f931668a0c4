"""Checks for individual titles and forms (regulations.md §4.1, §4.3, §4.4)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from thidua.regulations import citations as c
from thidua.regulations.citations import Citation, Confidence, law
from thidua.regulations.eligibility.context import MET, NOT_MET, NOTE, REVIEW, Ctx, pcite, years_text
from thidua.regulations.kinds import LeaveKind, Rating, Scope
from thidua.regulations.verdicts import Reason

_S, _U = Confidence.SECONDARY, Confidence.UNCONFIRMED
LDTT_CODES = frozenset({"LDTT", "CSTT"})
CSTDCS = frozenset({"CSTDCS"})
CSTD_TINH = frozenset({"CSTD_TINH"})
BK_TINH = frozenset({"BK_TINH"})
BK_TTG = frozenset({"BK_TTG"})
AMENDING_FROM = date(2026, 10, 1)  # claimed effective date of the amending law [U]


def add_months(day: date, months: int) -> date:
    """Return ``day`` plus ``months`` calendar months (clamped to the month's last day)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _ldtt_service_cite(ctx: Ctx) -> Citation:
    if ctx.case.on >= date(2025, 8, 5):
        return Citation(c.TT_01_2024, tag=_U)  # TT 15/2025 keeping the rule is unverified
    return Citation(c.TT_01_2024, tag=_S)


def ldtt_reasons(ctx: Ctx, year: int) -> list[Reason]:
    """Return the LĐTT conditions for ``year`` (Điều 24 k1; TT 01/2024 special cases)."""
    out: list[Reason] = []
    rating = ctx.rating(year)
    if rating is None:
        out.append(
            Reason("LDTT.RATING", f"Chưa có kết quả đánh giá, xếp loại năm {year}.", law(24, 1), REVIEW)
        )
    elif rating.at_least(Rating.HTT):
        out.append(
            Reason("LDTT.RATING", f"Năm {year} xếp loại {rating.value} (từ HTT trở lên).", law(24, 1), MET)
        )
    else:
        out.append(
            Reason(
                "LDTT.RATING",
                f"Năm {year} xếp loại {rating.value}: chưa đạt mức hoàn thành tốt nhiệm vụ.",
                law(24, 1),
                NOT_MET,
            )
        )
    out.extend(_service(ctx, year))
    out.append(
        Reason(
            "LDTT.ATTEST",
            "Chấp hành chủ trương, chính sách, pháp luật; tinh thần tự "
            "lực, đoàn kết; tích cực tham gia phong "
            "trào thi đua: do đơn vị bình xét xác nhận (tiêu chuẩn chi tiết do bộ, ngành, tỉnh quy định).",
            law(24, 1),
            NOTE,
        )
    )
    return out


def _service(ctx: Ctx, year: int) -> list[Reason]:
    person, policy = ctx.case.person, ctx.policy
    begin = person.recruited_on
    if policy.tenure_continuous_across_contract and person.continuous_service_from is not None:
        begin = min(begin or person.continuous_service_from, person.continuous_service_from)
    cite = _ldtt_service_cite(ctx)
    months = policy.ldtt_min_service_months
    start, end = ctx.period(year)
    if begin is None:
        return [
            Reason(
                "LDTT.SERVICE",
                "Chưa có ngày tuyển dụng: không kiểm tra được thời gian công tác.",
                cite,
                REVIEW,
            )
        ]
    if begin > end:
        return [Reason("BLK.RECRUITED_LT_6M", f"Tuyển dụng sau năm đánh giá {year}.", cite, NOT_MET)]
    effective = max(begin, start)
    limit = end + timedelta(days=1)
    if begin > start and add_months(begin, months) > limit:
        return [
            Reason(
                "BLK.RECRUITED_LT_6M",
                f"Tuyển dụng ngày {begin:%d/%m/%Y}, chưa đủ {months} tháng công tác trong năm {year}: "
                "không xét danh hiệu Lao động tiên tiến.",
                cite,
                NOT_MET,
            )
        ]
    counted = {LeaveKind.INJURY}
    if policy.ldtt_counts_maternity:
        counted.add(LeaveKind.MATERNITY)
    if policy.ldtt_counts_training:
        counted.add(LeaveKind.TRAINING)
    absent = 0
    for leave in sorted(person.leaves, key=lambda lv: (lv.start, lv.end, lv.kind.value)):
        if leave.kind in counted:
            continue
        lo, hi = max(leave.start, effective), min(leave.end, end)
        absent += max(0, (hi - lo).days + 1)
    if absent and add_months(effective, months) + timedelta(days=absent) > limit:
        return [
            Reason(
                "LDTT.LEAVE",
                f"Nghỉ {absent} ngày không được tính là thời gian công "
                f"tác, còn dưới {months} tháng trong năm "
                f"{year}: cần xem xét.",
                cite,
                REVIEW,
            )
        ]
    return [Reason("LDTT.SERVICE", f"Đủ {months} tháng công tác trong năm {year}.", cite, MET)]


def check_ldtt(ctx: Ctx) -> list[Reason]:
    """ELIG.LDTT (Luật Điều 24 k1; TT 01/2024)."""
    return ldtt_reasons(ctx, ctx.case.year)


def _ldtt_in(ctx: Ctx, year: int) -> list[Reason]:
    """LĐTT in ``year``: recorded in the history, or its conditions met now (considered together)."""
    recs = ctx.records(year, LDTT_CODES)
    if any(not a.revoked for a in recs):
        return [Reason("CSTDCS.LDTT", f"Đã đạt danh hiệu Lao động tiên tiến năm {year}.", law(23), MET)]
    if recs:
        return [
            Reason(
                "CHAIN.REVOKED", f"Danh hiệu Lao động tiên tiến năm {year} đã bị hủy bỏ.", law(93), NOT_MET
            )
        ]
    return ldtt_reasons(ctx, year)


def check_cstdcs(ctx: Ctx) -> list[Reason]:
    """ELIG.CSTDCS (Luật Điều 23): LĐTT and one of HTXS, a sáng kiến, a research project, combat ingenuity."""
    year = ctx.case.year
    out = _ldtt_in(ctx, year)
    row = ctx.row(year)
    grounds = []
    if row is not None:
        if row.rating is Rating.HTXS:
            grounds.append("hoàn thành xuất sắc nhiệm vụ")
        if row.initiatives > 0:
            grounds.append(f"{row.initiatives} sáng kiến được công nhận")
        if row.research > 0:
            grounds.append(f"{row.research} đề tài, đề án được nghiệm thu, áp dụng")
        if row.combat_ingenuity:
            grounds.append("mưu trí, sáng tạo trong chiến đấu")
    if grounds:
        out.append(Reason("CSTDCS.GROUND", f"Năm {year} có: {'; '.join(grounds)}.", law(23), MET))
    else:
        out.append(
            Reason(
                "CSTDCS.GROUND",
                f"Năm {year} không có căn cứ nào: hoàn thành xuất sắc "
                "nhiệm vụ, sáng kiến, đề tài hoặc mưu trí "
                "trong chiến đấu.",
                law(23),
                NOT_MET,
            )
        )
    draft = ctx.policy.amending_law_layer and ctx.case.on >= AMENDING_FROM
    if draft or ctx.policy.cstdcs_requires_initiative:
        both = row is not None and row.rating is Rating.HTXS and row.initiatives > 0
        cite = Citation(c.AMENDING_LAW, tag=_U) if draft else pcite("cstdcs_requires_initiative")
        out.append(
            Reason(
                "CSTDCS.INITIATIVE_REQUIRED",
                "Theo quy định được bật: phải vừa hoàn thành xuất sắc nhiệm vụ vừa có sáng kiến"
                + (": đạt." if both else ": chưa đạt."),
                cite,
                MET if both else NOT_MET,
            )
        )
    else:
        out.append(
            Reason(
                "CSTDCS.INITIATIVE_OPTIONAL",
                "Từ 01/01/2024 sáng kiến không còn là điều kiện bắt buộc của Chiến sĩ thi đua cơ sở.",
                law(23),
                NOTE,
            )
        )
    return out


def check_cstd_tinh(ctx: Ctx) -> list[Reason]:
    """ELIG.CSTD_TINH (Luật Điều 22): 3 consecutive CSTĐCS and an initiative of provincial scope."""
    year = ctx.case.year
    years = [year - 2, year - 1, year]
    cite = law(22, tag=_S)
    out = list(ctx.chain(CSTDCS, years, "Chiến sĩ thi đua cơ sở").reasons)
    if ctx.scope_reached(years, Scope.TINH):
        out.append(
            Reason(
                "CSTD_TINH.INITIATIVE_SCOPE",
                "Có sáng kiến, đề tài, đề án có phạm vi ảnh hưởng trong bộ, ngành, tỉnh.",
                cite,
                MET,
            )
        )
    else:
        out.append(
            Reason(
                "CSTD_TINH.INITIATIVE_SCOPE",
                f"Trong các năm {years_text(years)} không có sáng kiến, đề "
                "tài, đề án được công nhận có phạm vi "
                "ảnh hưởng trong bộ, ngành, tỉnh.",
                cite,
                NOT_MET,
            )
        )
    earlier = [y for y in range(year - 2, year) if ctx.holds(y, CSTD_TINH)]
    if earlier and not ctx.policy.cstd_chain_reuse_years:
        out.append(
            Reason(
                "CHAIN.REUSE",
                "Đã được tặng Chiến sĩ thi đua cấp tỉnh năm "
                f"{years_text(earlier)}: các năm Chiến sĩ thi đua cơ "
                "sở đã dùng cho chuỗi trước không được tính lại.",
                pcite("cstd_chain_reuse_years"),
                NOT_MET,
            )
        )
    out.append(
        Reason(
            "CSTD_TINH.EXEMPLARY",
            "Là cá nhân tiêu biểu xuất sắc nhất trong số những người đủ điều kiện: do hội đồng bỏ phiếu.",
            cite,
            NOTE,
        )
    )
    return out


def check_cstd_tq(ctx: Ctx) -> list[Reason]:
    """ELIG.CSTD_TQ (Luật Điều 21): 2 consecutive CSTĐ tỉnh and an initiative of nationwide scope."""
    year = ctx.case.year
    cite = law(21, tag=_S)
    out: list[Reason] = []
    gaps = [3] if not ctx.policy.cstd_chain_reuse_years else [1, 2, 3]
    current = ctx.chain(CSTD_TINH, [year], "Chiến sĩ thi đua cấp tỉnh")
    previous = [year - g for g in gaps if ctx.holds(year - g, CSTD_TINH) and ctx.year_clean(year - g)]
    if current.ok and previous:
        first = max(previous)
        out.append(
            Reason(
                "CSTD_TQ.CHAIN",
                f"Hai lần liên tục đạt Chiến sĩ thi đua cấp tỉnh (năm {first} và {year}).",
                cite,
                MET,
            )
        )
        span = range(first - 2, year + 1)
    else:
        out.extend(r for r in current.reasons if r.outcome is not MET)
        expected = " hoặc ".join(str(year - g) for g in gaps)
        out.append(
            Reason(
                "CSTD_TQ.CHAIN",
                f"Chưa có hai lần liên tục Chiến sĩ thi đua cấp tỉnh: cần năm {year} và năm {expected}.",
                cite,
                NOT_MET,
            )
        )
        span = range(year - 5, year + 1)
    if ctx.scope_reached(span, Scope.TOAN_QUOC):
        out.append(Reason("CSTD_TQ.INITIATIVE_SCOPE", "Có sáng kiến, đề tài phạm vi toàn quốc.", cite, MET))
    else:
        out.append(
            Reason(
                "CSTD_TQ.INITIATIVE_SCOPE",
                "Không có sáng kiến, đề tài được công nhận có hiệu quả và phạm vi ảnh hưởng toàn quốc.",
                cite,
                NOT_MET,
            )
        )
    out.append(
        Reason("CSTD_TQ.PROPOSAL", "Thủ tướng Chính phủ quyết định; tỉnh chỉ đề nghị.", law(78, tag=_S), NOTE)
    )
    return out

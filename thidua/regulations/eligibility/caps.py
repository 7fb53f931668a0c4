"""Ratio caps over a whole proposal list (regulations.md §6): a province may cap CSTĐCS and CSTĐ tỉnh."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_FLOOR, Decimal

from thidua.regulations.eligibility.context import MET, NOT_MET, NOTE, pcite
from thidua.regulations.rulepack import RulePack
from thidua.regulations.verdicts import Reason, Verdict, verdict_from


def max_allowed(base: int, pct: Decimal) -> int:
    """Return the largest count within ``pct`` % of ``base`` (rounded down: a cap is never exceeded)."""
    return int((Decimal(base) * pct / 100).to_integral_value(ROUND_FLOOR))


def check_caps(counts: Mapping[str, int], *, rules: RulePack) -> Verdict:
    """Check a proposal list's counts per award code (e.g. {"LDTT": 40, "CSTDCS": 7}) against the caps."""
    policy, reasons = rules.policy, []
    caps = (
        ("CAP.CSTDCS", "CSTDCS", "LDTT", policy.cap_cstdcs_pct_of_ldtt, "cap_cstdcs_pct_of_ldtt"),
        (
            "CAP.CSTD_TINH",
            "CSTD_TINH",
            "CSTDCS",
            policy.cap_cstd_tinh_pct_of_cstdcs,
            "cap_cstd_tinh_pct_of_cstdcs",
        ),
    )
    for code, award_code, base_code, pct, key in caps:
        count, base = counts.get(award_code, 0), counts.get(base_code, 0)
        if pct is None:
            reasons.append(
                Reason(code, f"Không có giới hạn tỷ lệ {award_code}/{base_code}.", pcite(key), NOTE)
            )
            continue
        limit = max_allowed(base, pct)
        ok = count <= limit
        reasons.append(
            Reason(
                code,
                f"Đề nghị {count} {award_code} trên {base} {base_code}: tối đa {limit} ({pct.normalize():f}%)"
                + (", đạt." if ok else ", vượt giới hạn."),
                pcite(key),
                MET if ok else NOT_MET,
            )
        )
    return verdict_from(reasons)

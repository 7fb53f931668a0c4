"""Amounts in words ("bằng chữ") following vietnamese.md §3.

Rules: "mười" for 10 but "mươi" from 20; "mốt" for a units 1 after a tens digit ≥ 2; "lăm" for a
units 5 after any tens digit; "tư" (optional) for a units 4 after a tens digit ≥ 2; "linh"/"lẻ" for a
zero tens digit before a non-zero units digit; "không trăm" in every group after the first; an
all-zero group is skipped; "tỷ" repeats for every 10⁹ ("nghìn tỷ" = 10¹²).
"""

from __future__ import annotations

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 1_000_000_000


def _hundreds(n: int, *, inner: bool, linh: str, four: str) -> list[str]:
    """Read 1..999; an ``inner`` group (not the first of the number) always says its hundreds."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    out: list[str] = []
    if hundreds or inner:
        out += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if out:
                out.append(linh)
            out.append(_DIGITS[units])
        return out
    if tens == 1:
        out.append("mười")
    else:
        out += [_DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        out.append("mốt")
    elif units == 5:
        out.append("lăm")
    elif units == 4 and tens >= 2:
        out.append(four)
    elif units:
        out.append(_DIGITS[units])
    return out


def _below_billion(n: int, *, inner: bool, linh: str, thousand: str, four: str) -> list[str]:
    """Read 0..999,999,999 as up to three groups (triệu, nghìn, units); zero groups are skipped."""
    out: list[str] = []
    for scale, name in ((1_000_000, "triệu"), (1_000, thousand), (1, "")):
        group = n // scale % 1000
        if group:
            out += _hundreds(group, inner=inner or bool(out), linh=linh, four=four)
            if name:
                out.append(name)
    return out


def _words(n: int, *, inner: bool, linh: str, thousand: str, four: str) -> list[str]:
    high, low = divmod(n, _BILLION)
    out: list[str] = []
    if high:
        out += [*_words(high, inner=inner, linh=linh, thousand=thousand, four=four), "tỷ"]
    if low:
        out += _below_billion(low, inner=inner or bool(out), linh=linh, thousand=thousand, four=four)
    return out


def number_in_words(n: int, *, linh: str = "linh", thousand: str = "nghìn", four: str = "tư") -> str:
    """Return the non-negative integer ``n`` in Vietnamese words, lower case (0 → "không")."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"expected a non-negative integer, got {n!r}")
    if linh not in {"linh", "lẻ"} or thousand not in {"nghìn", "ngàn"} or four not in {"tư", "bốn"}:
        raise ValueError("variants: linh ∈ {linh, lẻ}, thousand ∈ {nghìn, ngàn}, four ∈ {tư, bốn}")
    if n == 0:
        return "không"
    return " ".join(_words(n, inner=False, linh=linh, thousand=thousand, four=four))


def amount_in_words(n: int, *, linh: str = "linh", thousand: str = "nghìn", four: str = "tư") -> str:
    """Return the "bằng chữ" line for ``n`` đồng: capitalised, ending in "đồng"."""
    text = number_in_words(n, linh=linh, thousand=thousand, four=four)
    return f"{text[0].upper()}{text[1:]} đồng"

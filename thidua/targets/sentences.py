"""Put an indicator's figures into Vietnamese sentences in the style of a launching document.

Pure: no Django. The sentences are Vietnamese data (they go into official documents), not gettext.

Style of the figures (seed: dispatch 2377/UBND-NV, Tân Uyên, 30/12/2020)
- Numbers the Vietnamese way: dots between thousands, a decimal comma (105.920; 6,9; 203,7%).
- A figure keeps the indicator's decimals at most and drops trailing zeros (6,90 → 6,9).
- Percentages of a plan, of a previous year and of a whole: one decimal, half up (203,7%).
- Administrative zero-padding: a whole number from 1 to 9 written as a figure of a count or a
  difference takes a leading zero — "tăng 04 triệu", "tăng 06 trường", "09/09 xã" — the same habit
  as "ngày 05" in dates (NĐ 30/2020). Percentages are never padded ("2,47%", "vượt 5%").
- "%" follows its number without a space; every other unit of measure after a space.
- A fall is written "giảm" with the absolute value; no change is "bằng năm 2019".
- Against the plan: "đạt 203,7% KH"; short of it "đạt 95,2% KH, chưa đạt KH (thiếu 250 ha)"; when lower
  is better "vượt 0,82% KH giao", "đạt KH giao" or "chưa đạt KH giao (cao hơn KH 0,3%)".
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from thidua.core.formatting import format_number
from thidua.targets.calculation import (
    PERCENT_PLACES,
    Assessment,
    Direction,
    Figures,
    Outcome,
    assess,
    round_half_up,
)


class SentenceStyle(StrEnum):
    """Sentence templates an indicator can choose."""

    VALUE = "value"  # "{phrase} {verb} {actual} {uom}"
    VALUE_VS_PREVIOUS = "value_vs_previous"  # … ", tăng {delta} {uom} so với năm {prev_year}"
    VALUE_VS_PLAN = "value_vs_plan"  # … ", đạt {pct}% KH"
    VALUE_VS_PLAN_AND_PREVIOUS = "value_vs_plan_and_previous"  # … ", đạt {pct}% KH, tăng {rel}% so với …"
    RATE_REDUCTION = (
        "rate_reduction"  # "{phrase} còn 6,9%, giảm {short} trong năm là 2,47%, vượt 0,82% KH giao"
    )
    RATIO = "ratio"  # "{phrase} {a}/{d} {uom}, đạt {share}%, tăng {delta} {uom} so với năm {prev_year}"
    COUNT_RATIO = "count_ratio"  # "{verb} {a}/{d} {uom} {phrase}, tăng {delta} {uom} so với năm {prev_year}"


@dataclass(frozen=True)
class Wording:
    """How an indicator is put into words."""

    phrase: str  # subject as written in running text: "thu nhập bình quân đầu người"
    unit_of_measure: str  # "triệu đồng/người/năm", "ha", "%", "trường"
    style: SentenceStyle
    verb: str = ""  # links the phrase to the figure: "đạt", "là", "còn", or nothing
    short_name: str = ""  # used inside the sentence, e.g. "tỷ lệ nghèo" (defaults to the phrase)
    decimals: int = 0  # most decimal places a figure is shown with


def pad(text: str) -> str:
    """Give a one-digit whole number its administrative leading zero: "4" → "04"; others unchanged."""
    return f"0{text}" if len(text) == 1 and text in "123456789" else text


def figure(value: Decimal, decimals: int, *, padded: bool = True) -> str:
    """Write a figure rounded half up to `decimals`, trailing zeros dropped, padded when a count 1–9."""
    text = format_number(round_half_up(value, decimals))
    return pad(text) if padded else text


def with_unit(text: str, unit_of_measure: str) -> str:
    """Join a figure and its unit of measure: "6,9%" but "37 triệu đồng"."""
    if not unit_of_measure:
        return text
    if unit_of_measure == "%":
        return f"{text}%"
    return f"{text} {unit_of_measure}"


def pct(value: Decimal) -> str:
    """Write a percentage already in percent units: 203.7 → "203,7%"."""
    text = format_number(round_half_up(value, PERCENT_PLACES))
    return f"{text}%"


def _amount(value: Decimal, wording: Wording) -> str:
    padded = wording.unit_of_measure != "%"
    return with_unit(figure(value, wording.decimals, padded=padded), wording.unit_of_measure)


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _absolute_change(a: Assessment, wording: Wording, year: int) -> str:
    if a.change is None:
        return ""
    delta = round_half_up(a.change.absolute, wording.decimals)
    if delta == 0:
        return f"bằng năm {year - 1}"
    word = "tăng" if delta > 0 else "giảm"
    return f"{word} {_amount(abs(delta), wording)} so với năm {year - 1}"


def _relative_change(a: Assessment, wording: Wording, year: int) -> str:
    if a.change is None:
        return ""
    rel = a.change.relative_pct
    if rel is None:  # the previous year was zero: only the absolute change means anything
        return _absolute_change(a, wording, year)
    if rel == 0:
        return f"bằng năm {year - 1}"
    word = "tăng" if rel > 0 else "giảm"
    return f"{word} {pct(abs(rel))} so với năm {year - 1}"


def _plan(a: Assessment, wording: Wording) -> str:
    if a.gap is None:
        return ""
    if a.figures.direction == Direction.LOWER:
        gap = _amount(a.gap.by, wording)
        if a.gap.outcome == Outcome.EXCEEDED:
            return f"vượt {gap} KH giao"
        if a.gap.outcome == Outcome.MET:
            return "đạt KH giao"
        return f"chưa đạt KH giao (cao hơn KH {gap})"
    if a.completion_pct is None:  # a plan of zero
        return ""
    reached = f"đạt {pct(a.completion_pct)} KH"
    if a.gap.outcome == Outcome.MISSED:
        return f"{reached}, chưa đạt KH (thiếu {_amount(a.gap.by, wording)})"
    return reached


def _rate_reduction(actual: Decimal, a: Assessment, wording: Wording, year: int) -> list[str]:
    parts = [_join(wording.phrase, wording.verb or "còn", _amount(actual, wording))]
    short = wording.short_name or wording.phrase
    if a.change is not None:
        delta = round_half_up(a.change.absolute, wording.decimals)
        if delta == 0:
            parts.append(f"{short} không đổi so với năm {year - 1}")
        else:
            word = "giảm" if delta < 0 else "tăng"
            parts.append(f"{word} {short} trong năm là {_amount(abs(delta), wording)}")
    parts.append(_plan(a, wording))
    return parts


def clause(wording: Wording, figures: Figures, *, year: int) -> str | None:
    """Return the figures of one indicator as a clause (no capital, no full stop); None without an actual."""
    actual = figures.actual
    if actual is None:
        return None
    a = assess(figures)
    style = wording.style
    if style == SentenceStyle.RATE_REDUCTION:
        return ", ".join(p for p in _rate_reduction(actual, a, wording, year) if p)
    if style in (SentenceStyle.RATIO, SentenceStyle.COUNT_RATIO):
        whole = figures.denominator
        numbers = figure(actual, wording.decimals)
        if whole is not None:
            numbers = f"{numbers}/{figure(whole, wording.decimals)}"
        numbers = with_unit(numbers, wording.unit_of_measure)
        if style == SentenceStyle.RATIO:
            head = _join(wording.phrase, wording.verb, numbers)
            share = f"đạt {pct(a.share_pct)}" if a.share_pct is not None else ""
            parts = [head, share, _plan(a, wording), _absolute_change(a, wording, year)]
        else:
            parts = [_join(wording.verb, numbers, wording.phrase), _absolute_change(a, wording, year)]
        return ", ".join(p for p in parts if p)
    head = _join(wording.phrase, wording.verb, _amount(actual, wording))
    parts = [head]
    if style == SentenceStyle.VALUE_VS_PREVIOUS:
        parts.append(_absolute_change(a, wording, year))
    elif style == SentenceStyle.VALUE_VS_PLAN:
        parts.append(_plan(a, wording))
    elif style == SentenceStyle.VALUE_VS_PLAN_AND_PREVIOUS:
        parts += [_plan(a, wording), _relative_change(a, wording, year)]
    return ", ".join(p for p in parts if p)


def capitalise(text: str) -> str:
    """Upper-case the first letter only (the rest keeps its case: "Nhân dân", "KH")."""
    return text[:1].upper() + text[1:]


def as_sentence(text: str) -> str:
    """Turn a clause into a sentence: capital first letter, full stop."""
    text = text.rstrip()
    return capitalise(text) + ("" if text.endswith(".") else ".")


def sentence(wording: Wording, figures: Figures, *, year: int) -> str | None:
    """Return the figures of one indicator as a full sentence, or None without an actual."""
    text = clause(wording, figures, year=year)
    return None if text is None else as_sentence(text)


def paragraph(clauses: list[str], *, lead_in: str = "") -> str:
    """Join clauses into a paragraph: the first follows `lead_in` as written, the rest are sentences.

    `paragraph(["thu nhập … 2019", "thu ngân sách …"], lead_in="Kết thúc năm 2020, ")` gives
    "Kết thúc năm 2020, thu nhập … 2019. Thu ngân sách …."
    """
    if not clauses:
        return ""
    first = f"{lead_in}{clauses[0]}" if lead_in else clauses[0]
    return " ".join(as_sentence(c) for c in [first, *clauses[1:]])

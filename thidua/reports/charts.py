"""Chart geometry for server-rendered SVG: bars, stacked bars, horizontal bars with a threshold line, bullets.

Pure Python (no Django, no database): every function takes already-translated words and plain figures
and returns a `Chart`, a list of shapes with their coordinates plus the same figures as a table. One
template (`reports/_chart.html`) draws any chart as inline SVG with `role="img"`, a `<title>`, a
`<desc>` and the table for screen readers. Charts are 320 units wide and scale with their `viewBox`,
so they stay readable on a 390-pixel phone screen.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from thidua.core.formatting import format_number, format_percent

WIDTH = 320
PAD = 8
FONT = 10
SMALL = 9
# Bootstrap's palette: readable on white and distinguishable for the common colour-vision deficiencies.
PALETTE = ("#0d6efd", "#fd7e14", "#198754", "#6f42c1", "#d63384", "#20c997", "#6c757d", "#ffc107")
MET, MISSED, NEUTRAL, TRACK, INK, MUTED = "#198754", "#d63384", "#0d6efd", "#e9ecef", "#212529", "#495057"


@dataclass(frozen=True)
class Rect:
    """A rectangle; `bar` marks the ones that stand for a figure (the rest are tracks and backgrounds)."""

    x: Decimal
    y: Decimal
    width: Decimal
    height: Decimal
    fill: str
    tip: str = ""
    bar: bool = True


@dataclass(frozen=True)
class Text:
    """A label."""

    x: Decimal
    y: Decimal
    text: str
    anchor: str = "start"
    size: int = FONT
    bold: bool = False
    fill: str = INK


@dataclass(frozen=True)
class Line:
    """A rule: an axis, a threshold or the 100 % mark."""

    x1: Decimal
    y1: Decimal
    x2: Decimal
    y2: Decimal
    stroke: str = INK
    dashed: bool = False
    tip: str = ""


@dataclass(frozen=True)
class Chart:
    """Everything the template draws, and the figures again as a table."""

    key: str  # unique on the page: the ids of <title> and <desc> derive from it
    title: str
    desc: str
    height: int
    rects: list[Rect] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, label)
    head: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    width: int = WIDTH
    empty_text: str = ""

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def bar_count(self) -> int:
        """Return how many shapes stand for a figure."""
        return sum(1 for r in self.rects if r.bar)

    @property
    def is_empty(self) -> bool:
        return not self.rows


def _d(value: float | int | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _nice_max(value: Decimal) -> Decimal:
    """Round an axis maximum up to 1, 2 or 5 times a power of ten (at least 1)."""
    if value <= 1:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        top = magnitude * step
        if top >= value:
            return top
    return magnitude * 10  # pragma: no cover - the loop always returns


def _empty(key: str, title: str, desc: str, text: str, head: list[str]) -> Chart:
    return Chart(
        key=key,
        title=title,
        desc=desc,
        height=40,
        texts=[Text(_d(WIDTH / 2), _d(24), text, anchor="middle", fill=MUTED)],
        head=head,
        empty_text=text,
    )


def bar_chart(
    *, key: str, title: str, desc: str, items: Sequence[tuple[str, int]], empty: str, head: Sequence[str]
) -> Chart:
    """Draw vertical bars, one per (label, count)."""
    return stacked_bar_chart(
        key=key,
        title=title,
        desc=desc,
        categories=[label for label, _v in items],
        series=[("", PALETTE[0], [v for _l, v in items])],
        empty=empty,
        head=head,
    )


def stacked_bar_chart(
    *,
    key: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[int]]],
    empty: str,
    head: Sequence[str],
) -> Chart:
    """Draw one vertical bar per category, stacked by series (name, colour, one count per category).

    A segment of zero draws nothing. The total is written above each bar; the axis maximum is rounded up.
    """
    totals = [sum(s[2][i] for s in series) for i in range(len(categories))]
    if not categories or not any(totals):
        return _empty(key, title, desc, empty, list(head))
    top, plot_h, left = 18, 150, 34
    bottom = top + plot_h
    axis_max = _nice_max(Decimal(max(totals)))
    slot = Decimal(WIDTH - left - PAD) / len(categories)
    bar_w = min(slot * Decimal("0.62"), Decimal(40))
    rects: list[Rect] = []
    texts: list[Text] = [
        Text(_d(left - 4), _d(bottom + 3), "0", anchor="end", size=SMALL, fill=MUTED),
        Text(_d(left - 4), _d(top + 3), format_number(axis_max), anchor="end", size=SMALL, fill=MUTED),
    ]
    lines = [
        Line(_d(left), _d(bottom), _d(WIDTH - PAD), _d(bottom), MUTED),
        Line(_d(left), _d(top), _d(WIDTH - PAD), _d(top), TRACK),
    ]
    for i, category in enumerate(categories):
        x = left + slot * i + (slot - bar_w) / 2
        y = Decimal(bottom)
        for name, colour, values in series:
            value = values[i]
            if value <= 0:
                continue
            h = Decimal(value) / axis_max * plot_h
            y -= h
            tip = (
                f"{category}: {format_number(value)}"
                if not name
                else f"{category} – {name}: {format_number(value)}"
            )
            rects.append(Rect(_d(x), _d(y), _d(bar_w), _d(h), colour, tip))
        texts.append(Text(_d(x + bar_w / 2), _d(y - 3), format_number(totals[i]), "middle", SMALL, True))
        texts.append(Text(_d(x + bar_w / 2), _d(bottom + 13), _cut(category, 10), "middle", SMALL))
    named = [s for s in series if s[0]]
    rows = [
        [category, *(format_number(s[2][i]) for s in named), format_number(totals[i])]
        for i, category in enumerate(categories)
    ]
    return Chart(
        key=key,
        title=title,
        desc=desc,
        height=bottom + 20,
        rects=rects,
        texts=texts,
        lines=lines,
        legend=[(colour, name) for name, colour, _v in named],
        head=list(head),
        rows=rows,
    )


@dataclass(frozen=True)
class ShareItem:
    """One row of a share chart: part of whole, against an optional threshold in percent."""

    label: str
    part: int
    whole: int
    threshold_pct: Decimal | None = None
    threshold_text: str = ""
    met: bool | None = None


def share_chart(
    *, key: str, title: str, desc: str, items: Sequence[ShareItem], empty: str, head: Sequence[str]
) -> Chart:
    """Draw one horizontal bar per share on a 0–100 % scale, with a dashed line at its threshold."""
    if not items or not any(i.whole for i in items):
        return _empty(key, title, desc, empty, list(head))
    row_h, bar_h, plot_w = 40, 14, Decimal(WIDTH - 2 * PAD)
    rects: list[Rect] = []
    texts: list[Text] = []
    lines: list[Line] = []
    rows: list[list[str]] = []
    for i, item in enumerate(items):
        top = i * row_h
        ratio = Decimal(item.part) / Decimal(item.whole) if item.whole else Decimal(0)
        pct = format_percent(ratio)
        colour = NEUTRAL if item.met is None else (MET if item.met else MISSED)
        texts.append(Text(_d(PAD), _d(top + 12), _cut(item.label, 40)))
        figure = f"{pct} ({format_number(item.part)}/{format_number(item.whole)})"
        texts.append(Text(_d(WIDTH - PAD), _d(top + 12), figure, "end", FONT, True))
        rects.append(Rect(_d(PAD), _d(top + 18), _d(plot_w), _d(bar_h), TRACK, bar=False))
        rects.append(
            Rect(_d(PAD), _d(top + 18), _d(plot_w * ratio), _d(bar_h), colour, f"{item.label}: {figure}")
        )
        if item.threshold_pct is not None:
            x = PAD + plot_w * min(item.threshold_pct, Decimal(100)) / 100
            lines.append(
                Line(_d(x), _d(top + 15), _d(x), _d(top + 18 + bar_h + 3), INK, True, item.threshold_text)
            )
        rows.append(
            [item.label, format_number(item.part), format_number(item.whole), pct, item.threshold_text or "—"]
        )
    return Chart(
        key=key,
        title=title,
        desc=desc,
        height=len(items) * row_h + 4,
        rects=rects,
        texts=texts,
        lines=lines,
        head=list(head),
        rows=rows,
    )


def hbar_chart(
    *,
    key: str,
    title: str,
    desc: str,
    items: Sequence[tuple[str, Decimal | int]],
    empty: str,
    head: Sequence[str],
    highlight: int = 0,
) -> Chart:
    """Draw one horizontal bar per (label, value), longest for the largest; the first `highlight` in green.

    Used for rankings: the order given is kept.
    """
    if not items:
        return _empty(key, title, desc, empty, list(head))
    row_h, bar_h, plot_w = 34, 12, Decimal(WIDTH - 2 * PAD)
    values = [(label, Decimal(v)) for label, v in items]
    scale = max((v for _l, v in values), default=Decimal(0))
    rects: list[Rect] = []
    texts: list[Text] = []
    rows: list[list[str]] = []
    for i, (label, value) in enumerate(values):
        top = i * row_h
        width = plot_w * value / scale if scale > 0 else Decimal(0)
        text = format_number(value)
        texts.append(Text(_d(PAD), _d(top + 11), _cut(f"{i + 1}. {label}", 44)))
        texts.append(Text(_d(WIDTH - PAD), _d(top + 11), text, "end", FONT, True))
        rects.append(
            Rect(
                _d(PAD),
                _d(top + 16),
                _d(width),
                _d(bar_h),
                MET if i < highlight else NEUTRAL,
                f"{label}: {text}",
            )
        )
        rows.append([str(i + 1), label, text])
    return Chart(
        key=key,
        title=title,
        desc=desc,
        height=len(items) * row_h + 4,
        rects=rects,
        texts=texts,
        head=list(head),
        rows=rows,
    )


@dataclass(frozen=True)
class BulletItem:
    """One indicator against its plan: the completion in percent (None: no plan or no actual)."""

    label: str
    completion_pct: Decimal | None
    met: bool | None
    detail: str  # "Actual 105.920 · Plan 100.000", already formatted


def bullet_chart(
    *, key: str, title: str, desc: str, items: Sequence[BulletItem], empty: str, head: Sequence[str]
) -> Chart:
    """Draw one progress bar per indicator: the completion of the plan, with a line at 100 %.

    The scale runs to the larger of 150 % and the best completion, so "203,7%" still fits.
    """
    if not items:
        return _empty(key, title, desc, empty, list(head))
    row_h, bar_h, plot_w = 48, 12, Decimal(WIDTH - 2 * PAD)
    scale = max([Decimal(150)] + [i.completion_pct for i in items if i.completion_pct is not None])
    rects: list[Rect] = []
    texts: list[Text] = []
    lines: list[Line] = []
    rows: list[list[str]] = []
    for i, item in enumerate(items):
        top = i * row_h
        pct = "—" if item.completion_pct is None else format_percent(item.completion_pct / 100)
        texts.append(Text(_d(PAD), _d(top + 11), _cut(item.label, 42)))
        texts.append(Text(_d(WIDTH - PAD), _d(top + 11), pct, "end", FONT, True))
        rects.append(Rect(_d(PAD), _d(top + 16), _d(plot_w), _d(bar_h), TRACK, bar=False))
        if item.completion_pct is not None:
            width = plot_w * max(item.completion_pct, Decimal(0)) / scale
            colour = NEUTRAL if item.met is None else (MET if item.met else MISSED)
            rects.append(Rect(_d(PAD), _d(top + 16), _d(width), _d(bar_h), colour, f"{item.label}: {pct}"))
        x = PAD + plot_w * 100 / scale
        lines.append(Line(_d(x), _d(top + 13), _d(x), _d(top + 16 + bar_h + 3), INK, True, "100%"))
        texts.append(Text(_d(PAD), _d(top + 40), _cut(item.detail, 60), size=SMALL, fill=MUTED))
        rows.append([item.label, item.detail, pct])
    return Chart(
        key=key,
        title=title,
        desc=desc,
        height=len(items) * row_h + 4,
        rects=rects,
        texts=texts,
        lines=lines,
        head=list(head),
        rows=rows,
    )

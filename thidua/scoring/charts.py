"""Geometry of the server-rendered SVG bar chart of a ranking (pure; the template draws it)."""

from dataclasses import dataclass
from decimal import Decimal

from thidua.core.formatting import format_number


@dataclass(frozen=True)
class Bar:
    """One unit's bar: where it sits and how long it is."""

    label: str
    value_text: str
    rank: int
    y: int
    text_y: int
    width: int
    highlight: bool


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart sized for its rows, with gridlines at round values."""

    width: int
    height: int
    label_width: int
    plot_width: int
    row_height: int
    bars: list[Bar]
    ticks: list[tuple[int, str]]  # (x offset in the plot, label)


def _nice_step(maximum: Decimal) -> Decimal:
    """Return a round step (1, 2 or 5 × 10^k) giving about five gridlines up to `maximum`."""
    if maximum <= 0:
        return Decimal(1)
    raw = maximum / 5
    exponent = raw.adjusted()
    base = Decimal(10) ** exponent
    for factor in (1, 2, 5, 10):
        step = base * factor
        if step >= raw:
            return step
    return base * 10


def horizontal_bars(
    rows: list[tuple[str, Decimal, int, bool]],
    *,
    width: int = 720,
    label_width: int = 260,
    row_height: int = 28,
) -> BarChart:
    """Lay out one bar per (label, value, rank, highlight); negative totals draw as empty bars."""
    plot_width = width - label_width - 70
    top = max((v for _, v, _, _ in rows), default=Decimal(0))
    step = _nice_step(top)
    scale_max = max(step * ((top / step).to_integral_value(rounding="ROUND_CEILING")), step)
    bars = []
    for i, (label, value, rank, highlight) in enumerate(rows):
        length = int(plot_width * max(value, Decimal(0)) / scale_max)
        y = 24 + i * row_height
        bars.append(Bar(label, format_number(value), rank, y, y + row_height // 2 + 4, length, highlight))
    ticks = []
    tick = Decimal(0)
    while tick <= scale_max:
        ticks.append((int(plot_width * tick / scale_max), format_number(tick)))
        tick += step
    height = 24 + len(rows) * row_height + 8
    return BarChart(width, height, label_width, plot_width, row_height, bars, ticks)

"""Geometry of the "actual against plan" bar chart, drawn as inline SVG by the template. Pure; no Django.

Each indicator has its own scale (the larger of plan and actual fills the bar width), because
hectares, tấn and percentages cannot share an axis. The chart is 320 units wide so it stays readable
on a phone; the template scales it with `viewBox`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from thidua.core.formatting import format_number
from thidua.targets.calculation import round_half_up

WIDTH = 320
BAR_WIDTH = 300
LEFT = 10
ROW_HEIGHT = 62
PLAN_HEIGHT = 8
ACTUAL_HEIGHT = 14


@dataclass(frozen=True)
class ChartItem:
    """One indicator's figures for the chart."""

    label: str
    unit_of_measure: str
    decimals: int
    planned: Decimal | None
    actual: Decimal | None
    completion_pct: Decimal | None
    met: bool | None


@dataclass(frozen=True)
class Bar:
    """The drawn shapes of one indicator."""

    label: str
    y_label: int
    y_plan: int
    y_actual: int
    y_text: int
    plan_width: Decimal | None
    actual_width: Decimal | None
    plan_text: str
    actual_text: str
    pct_text: str
    tone: str  # "met", "missed" or "neutral": the colour class of the actual bar


@dataclass(frozen=True)
class Chart:
    """The whole chart."""

    width: int
    height: int
    bars: list[Bar]
    left: int = LEFT
    bar_width: int = BAR_WIDTH

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _fig(value: Decimal | None, decimals: int, uom: str) -> str:
    if value is None:
        return "—"
    text = format_number(round_half_up(value, decimals))
    return f"{text}%" if uom == "%" else f"{text} {uom}"


def _width(value: Decimal | None, scale: Decimal) -> Decimal | None:
    if value is None or scale <= 0:
        return None
    return round_half_up(max(value, Decimal(0)) / scale * BAR_WIDTH, 1)


def build_chart(items: Iterable[ChartItem]) -> Chart:
    """Lay out one block per indicator: label and percent, then the plan bar and the actual bar."""
    bars: list[Bar] = []
    for i, item in enumerate(items):
        top = i * ROW_HEIGHT
        scale = max((v for v in (item.planned, item.actual) if v is not None), default=Decimal(0))
        tone = "neutral" if item.met is None else ("met" if item.met else "missed")
        bars.append(
            Bar(
                label=item.label,
                y_label=top + 14,
                y_plan=top + 22,
                y_actual=top + 22 + PLAN_HEIGHT + 2,
                y_text=top + 22 + PLAN_HEIGHT + 2 + ACTUAL_HEIGHT + 10,
                plan_width=_width(item.planned, scale),
                actual_width=_width(item.actual, scale),
                plan_text=_fig(item.planned, item.decimals, item.unit_of_measure),
                actual_text=_fig(item.actual, item.decimals, item.unit_of_measure),
                pct_text="" if item.completion_pct is None else f"{format_number(item.completion_pct)}%",
                tone=tone,
            )
        )
    return Chart(width=WIDTH, height=max(len(bars), 1) * ROW_HEIGHT, bars=bars)

"""The chart geometry and its SVG: well-formed, accessible, one bar per figure."""

import xml.etree.ElementTree as ET
from decimal import Decimal

from django.template.loader import render_to_string

from thidua.reports import charts
from thidua.reports.charts import BulletItem, ShareItem

SVG = "{http://www.w3.org/2000/svg}"


def _svg(chart: charts.Chart) -> ET.Element:
    html = render_to_string("reports/_chart.html", {"chart": chart})
    start, end = html.index("<svg"), html.index("</svg>") + len("</svg>")
    return ET.fromstring(html[start:end])  # noqa: S314 - our own markup


def _bars(svg: ET.Element) -> list[ET.Element]:
    return [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "bar"]


def test_bar_chart_draws_one_bar_per_item_with_title_and_desc():
    chart = charts.bar_chart(
        key="t",
        title="Khen thưởng",
        desc="Mô tả",
        items=[("LDTT", 40), ("CSTDCS", 7), ("GDVH", 1)],
        empty="—",
        head=[],
    )
    svg = _svg(chart)
    assert svg.get("role") == "img" and svg.get("viewBox") == "0 0 320 188"
    assert svg.find(f"{SVG}title").text == "Khen thưởng"
    assert svg.find(f"{SVG}desc").text == "Mô tả"
    assert svg.get("aria-labelledby") == "chart-t-title chart-t-desc"
    bars = _bars(svg)
    assert len(bars) == 3 == chart.bar_count
    heights = [Decimal(b.get("height")) for b in bars]
    assert heights[0] > heights[1] > heights[2] > 0
    # The axis maximum is rounded up to 50: the tallest bar fills 40/50 of the 150-unit plot.
    assert heights[0] == Decimal("120.0")


def test_stacked_bars_skip_empty_segments_and_write_totals():
    chart = charts.stacked_bar_chart(
        key="s",
        title="T",
        desc="D",
        categories=["2024", "2025"],
        series=[("Danh hiệu", "#000", [3, 0]), ("Hình thức", "#111", [2, 4])],
        empty="—",
        head=["Năm", "Danh hiệu", "Hình thức", "Tổng"],
    )
    assert chart.bar_count == 3
    assert chart.rows == [["2024", "3", "2", "5"], ["2025", "0", "4", "4"]]
    assert [t.text for t in chart.texts if t.bold] == ["5", "4"]


def test_share_chart_draws_the_threshold_and_colours_by_result():
    items = [
        ShareItem("Nữ", 3, 10, Decimal(30), "≥ 30%", True),
        ShareItem("Dân tộc thiểu số", 1, 10, Decimal(50), "≥ 50%", False),
        ShareItem("Trực tiếp", 0, 10),
    ]
    chart = charts.share_chart(key="sh", title="T", desc="D", items=items, empty="—", head=[])
    svg = _svg(chart)
    assert len(_bars(svg)) == 3
    dashed = [line for line in svg.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert len(dashed) == 2
    # The threshold of 30 % sits at 8 + 304 × 0.3 = 99.2.
    assert dashed[0].get("x1") == "99.2"
    fills = [b.get("fill") for b in _bars(svg)]
    assert fills == [charts.MET, charts.MISSED, charts.NEUTRAL]
    assert chart.rows[0] == ["Nữ", "3", "10", "30%", "≥ 30%"]


def test_bullet_chart_keeps_room_for_more_than_the_plan():
    chart = charts.bullet_chart(
        key="b",
        title="T",
        desc="D",
        items=[
            BulletItem("Thu ngân sách", Decimal("203.7"), True, "x"),
            BulletItem("Hộ nghèo", Decimal("90"), False, "y"),
            BulletItem("Chưa báo cáo", None, None, "z"),
        ],
        empty="—",
        head=[],
    )
    svg = _svg(chart)
    assert len(_bars(svg)) == 2  # nothing to draw without a completion
    assert chart.rows[0][2] == "203,7%"
    widths = [Decimal(b.get("width")) for b in _bars(svg)]
    assert widths[0] == Decimal("304.0")  # the best completion fills the track


def test_ranking_chart_keeps_the_order_given():
    chart = charts.hbar_chart(
        key="r",
        title="T",
        desc="D",
        items=[("Xã A", Decimal("95.5")), ("Xã B", Decimal("90")), ("Xã C", 80)],
        empty="—",
        head=[],
        highlight=1,
    )
    assert chart.bar_count == 3
    assert [r.fill for r in chart.rects] == [charts.MET, charts.NEUTRAL, charts.NEUTRAL]
    assert chart.rows[0] == ["1", "Xã A", "95,5"]


def test_an_empty_chart_still_renders_an_accessible_svg():
    chart = charts.bar_chart(key="e", title="T", desc="D", items=[], empty="Chưa có số liệu", head=["a"])
    svg = _svg(chart)
    assert svg.get("role") == "img" and chart.bar_count == 0
    assert "Chưa có số liệu" in [t.text for t in svg.iter(f"{SVG}text")]

"""The bar chart's geometry: each indicator on its own scale, coloured by whether the plan was met."""

from decimal import Decimal

from thidua.targets.chart import BAR_WIDTH, ChartItem, build_chart


def _item(planned, actual, met, pct=None, uom="ha", decimals=0):
    return ChartItem("Diện tích", uom, decimals, planned, actual, pct, met)


def test_the_larger_figure_fills_the_bar_and_the_other_is_to_scale():
    chart = build_chart([_item(Decimal("52000"), Decimal("105920"), True, Decimal("203.7"), "triệu đồng")])
    [bar] = chart.bars
    assert bar.actual_width == BAR_WIDTH
    assert bar.plan_width == Decimal("147.3")  # 52.000 ÷ 105.920 × 300
    assert (bar.pct_text, bar.tone) == ("203,7%", "met")
    assert bar.actual_text == "105.920 triệu đồng" and bar.plan_text == "52.000 triệu đồng"


def test_rates_print_with_percent_and_missing_figures_with_a_dash():
    [bar] = build_chart([_item(Decimal("7.72"), None, None, uom="%", decimals=2)]).bars
    assert bar.plan_text == "7,72%" and bar.actual_text == "—"
    assert bar.actual_width is None and bar.tone == "neutral"


def test_rows_stack_down_the_chart():
    chart = build_chart([_item(Decimal(1), Decimal(2), True), _item(Decimal(2), Decimal(1), False)])
    first, second = chart.bars
    assert second.y_label > first.y_text > first.y_actual > first.y_plan > first.y_label
    assert second.tone == "missed"
    assert chart.view_box == f"0 0 320 {chart.height}" and chart.height >= second.y_text

"""The ranking chart's geometry (no database)."""

from decimal import Decimal

from thidua.scoring.charts import horizontal_bars


def test_bars_scale_to_a_round_maximum_and_keep_their_order():
    chart = horizontal_bars(
        [
            ("Xã A", Decimal("92.5"), 1, True),
            ("Xã B", Decimal("46.25"), 2, False),
            ("Xã C", Decimal(-3), 3, False),
        ]
    )
    a, b, c = chart.bars
    assert a.width > b.width > c.width == 0
    assert abs(a.width - 2 * b.width) <= 1
    assert a.value_text == "92,5" and b.value_text == "46,25"
    assert a.y < b.y < c.y and a.highlight and not b.highlight
    assert [label for _x, label in chart.ticks] == ["0", "20", "40", "60", "80", "100"]
    assert chart.height == 24 + 3 * chart.row_height + 8


def test_an_empty_or_all_zero_ranking_still_draws():
    assert horizontal_bars([]).bars == []
    chart = horizontal_bars([("Xã A", Decimal(0), 1, False)])
    assert chart.bars[0].width == 0 and chart.ticks[0] == (0, "0")

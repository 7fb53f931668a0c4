"""Numbers and dates the Vietnamese way: vectors from shared/domain/vietnamese.md §11.2 and §11.4."""

from datetime import date
from decimal import Decimal

import pytest

from thidua.core.formatting import (
    format_date,
    format_money,
    format_number,
    format_percent,
    official_date_line,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2340000, "2.340.000"),
        (Decimal("1234567.891"), "1.234.567,891"),
        (105920, "105.920"),
        (0, "0"),
        (-1500, "-1.500"),
        (999, "999"),
        (1000, "1.000"),
    ],
)
def test_numbers_group_with_dots_and_use_a_decimal_comma(value, expected):
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (Decimal("2.037"), "203,7%"),
        (Decimal("0.25"), "25%"),
        (Decimal("0.765"), "76,5%"),
        (Decimal("1.003"), "100,3%"),
    ],
)
def test_percent_has_no_space_and_a_comma(ratio, expected):
    assert format_percent(ratio) == expected


def test_money_is_integer_dong_in_words_of_the_unit():
    assert format_money(2340000) == "2.340.000 đồng"
    with pytest.raises(TypeError):
        format_money(2340000.0)


@pytest.mark.parametrize(
    ("on", "place", "expected"),
    [
        (date(2026, 1, 5), "Tân Uyên", "Tân Uyên, ngày 05 tháng 01 năm 2026"),
        (date(2025, 2, 1), "Tân Uyên", "Tân Uyên, ngày 01 tháng 02 năm 2025"),
        (date(2025, 3, 9), "Lai Châu", "Lai Châu, ngày 09 tháng 3 năm 2025"),
        (date(2019, 6, 29), "Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019"),
        (date(2020, 12, 30), "Tân Uyên", "Tân Uyên, ngày 30 tháng 12 năm 2020"),
    ],
)
def test_official_date_line_follows_nd30(on, place, expected):
    assert official_date_line(on, place) == expected


def test_form_dates_have_four_digit_years():
    assert format_date(date(2020, 12, 30)) == "30/12/2020"
    assert format_date(None) == ""

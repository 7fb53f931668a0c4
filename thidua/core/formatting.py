"""Numbers, money, percentages and dates written the Vietnamese way (shared/domain/vietnamese.md §2, §4)."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal


def format_number(value: int | float | Decimal, decimals: int | None = None) -> str:
    """Write a number with dots between thousands and a decimal comma: 1.234.567,891.

    With `decimals` set, round half up to that many places; otherwise drop trailing zeros.
    """
    number = Decimal(str(value))
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, frac = text.partition(".")
    if decimals is None:
        frac = frac.rstrip("0")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups)
    return f"{sign}{out},{frac}" if frac else f"{sign}{out}"


def format_money(amount_vnd: int) -> str:
    """Write an integer amount of đồng for official prose: 2.340.000 đồng."""
    if not isinstance(amount_vnd, int):
        raise TypeError("Money is integer VND.")
    return f"{format_number(amount_vnd)} đồng"


def format_percent(ratio: float | Decimal, decimals: int = 1) -> str:
    """Write a ratio as a percentage without a space before %: 2.037 → 203,7%; 0.25 → 25%."""
    value = Decimal(str(ratio)) * 100
    text = format_number(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"


def format_date(value: date | datetime | None) -> str:
    """Write a date for forms and tables: 30/12/2020 (four-digit year)."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def format_datetime(value: datetime | None) -> str:
    """Write a moment as 14:05 30/12/2020 (24-hour clock)."""
    if value is None:
        return ""
    return value.strftime("%H:%M %d/%m/%Y")


def official_date_line(on: date, place: str) -> str:
    """Write the NĐ 30/2020 place and date line: "Tân Uyên, ngày 05 tháng 01 năm 2026".

    Days below 10 and the months January and February take a leading zero; months 3–12 do not.
    """
    month = f"{on.month:02d}" if on.month <= 2 else str(on.month)
    return f"{place}, ngày {on.day:02d} tháng {month} năm {on.year}"

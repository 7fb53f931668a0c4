"""Template filters of the targets screens."""

from decimal import Decimal

from django import template

from thidua.core.formatting import format_number
from thidua.targets.calculation import round_half_up

register = template.Library()


@register.filter
def figure(value: Decimal | None, decimals: int = 0) -> str:
    """Write an indicator's figure rounded half up to its decimals: 6.9000 → 6,9; 105920 → 105.920."""
    if value is None:
        return ""
    return format_number(round_half_up(Decimal(value), int(decimals)))


@register.filter
def signed(value: Decimal | None, decimals: int = 0) -> str:
    """Write a change with its sign: +4, −2,47 (a true minus sign), 0."""
    if value is None:
        return ""
    rounded = round_half_up(Decimal(value), int(decimals))
    text = format_number(abs(rounded))
    if rounded > 0:
        return f"+{text}"
    if rounded < 0:
        return f"\u2212{text}"
    return text

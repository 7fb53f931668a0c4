"""Template filters that write numbers and dates the Vietnamese way."""

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import timezone

from thidua.core import formatting
from thidua.regulations.catalogue import award
from thidua.regulations.versions import RegulationError

register = template.Library()


@register.filter
def vn_number(value: int | float | Decimal | None) -> str:
    """Write 105920 as 105.920."""
    return "" if value is None else formatting.format_number(value)


@register.filter
def vn_percent(value: float | Decimal | None) -> str:
    """Write the ratio 2.037 as 203,7%."""
    return "" if value is None else formatting.format_percent(value)


@register.filter
def vn_date(value: date | datetime | None) -> str:
    """Write a date as 30/12/2020."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formatting.format_date(value)


@register.filter
def vn_datetime(value: datetime | None) -> str:
    """Write a moment as 14:05 30/12/2020 in Vietnam time."""
    if value is not None and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formatting.format_datetime(value)


@register.filter
def award_name(code: str | None) -> str:
    """Write an award code as its official Vietnamese name (LDTT → Lao động tiên tiến)."""
    if not code:
        return ""
    try:
        return award(code).name
    except RegulationError:
        return code

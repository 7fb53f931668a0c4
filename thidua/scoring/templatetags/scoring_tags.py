"""Template helpers of the scoring screens."""

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """Return mapping[str(key)] or None (for per-row errors and posted values)."""
    if not mapping:
        return None
    return mapping.get(str(key))


@register.filter
def points_input(value: Decimal | None) -> str:
    """Write points for an input box: decimal comma, no thousands dots, no trailing zeros (8,5)."""
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")

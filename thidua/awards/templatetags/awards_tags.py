"""Template filters of the register: office names."""

from django import template

from thidua.regulations import Office

register = template.Library()


@register.filter
def office_name(code: str | None) -> str:
    """Write an office code as its Vietnamese name (CT_UBND_XA → Chủ tịch Ủy ban nhân dân cấp xã)."""
    try:
        return Office(code).label if code else ""
    except ValueError:
        return code or ""

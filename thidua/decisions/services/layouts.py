"""Writes on certificate layouts (administrators)."""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record, changed, snapshot
from thidua.core.errors import ValidationFailed
from thidua.core.text import clean_text
from thidua.decisions.layout import clean_positions
from thidua.decisions.models import CertificateLayout
from thidua.organization.models import Unit
from thidua.regulations import CATALOGUE

AWARD_CODES = frozenset(a.code for a in CATALOGUE)


@transaction.atomic
def layout_save(
    *,
    actor: Any,
    owner_unit: Unit,
    name: str,
    layout: CertificateLayout | None = None,
    award_codes: str = "",
    page_width_mm: Decimal = Decimal(297),
    page_height_mm: Decimal = Decimal(210),
    offset_x_mm: Decimal = Decimal(0),
    offset_y_mm: Decimal = Decimal(0),
    positions: dict[str, dict[str, Any]] | None = None,
    print_background: bool = True,
) -> CertificateLayout:
    """Create or change a certificate layout (page size, printer offsets, field positions)."""
    codes = [c.strip().upper() for c in award_codes.split(",") if c.strip()]
    unknown = [c for c in codes if c not in AWARD_CODES]
    if unknown:
        raise ValidationFailed(
            _("Unknown award %(code)s.") % {"code": ", ".join(unknown)}, {"award_codes": unknown}
        )
    if not (50 <= page_width_mm <= 600 and 50 <= page_height_mm <= 600):
        raise ValidationFailed(_("The page size must be between 50 and 600 mm."))
    try:
        cleaned = clean_positions(positions or {})
    except (ValueError, ArithmeticError) as exc:
        raise ValidationFailed(str(exc)) from None
    if layout is not None:
        layout = CertificateLayout.objects.select_for_update().get(pk=layout.pk)
        before = snapshot(layout)
    else:
        layout = CertificateLayout(owner_unit=owner_unit)
        before = {}
    layout.name = clean_text(name) or _("Certificate")
    layout.award_codes = ", ".join(codes)
    layout.page_width_mm, layout.page_height_mm = page_width_mm, page_height_mm
    layout.offset_x_mm, layout.offset_y_mm = offset_x_mm, offset_y_mm
    layout.positions = cleaned
    layout.print_background = print_background
    layout.save()
    old, new = changed(before, snapshot(layout))
    audit_record(actor=actor, action="decision.layout_save", obj=layout, before=old, after=new)
    return layout

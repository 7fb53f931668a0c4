"""Certificate layout screens (administrators) and the calibration page."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.accounts.permissions import units_in_scope
from thidua.core.errors import DomainError
from thidua.decisions import services
from thidua.decisions.forms import LayoutForm
from thidua.decisions.layout import KEYS
from thidua.decisions.models import CertificateLayout
from thidua.decisions.permissions import access_layout, can_manage_layouts
from thidua.decisions.rendering.certificates import calibration_pdf
from thidua.decisions.workflow import LAYOUT_ROLES

NAV = "decisions"


@login_required
def layout_list(request: HttpRequest) -> HttpResponse:
    """List the certificate layouts of the units in scope."""
    paths = [u.path for u in units_in_scope(request.user)]
    layouts = CertificateLayout.objects.select_related("owner_unit").order_by("owner_unit__path", "name")
    visible = [
        x
        for x in layouts
        if any(x.owner_unit.path.startswith(p) or p.startswith(x.owner_unit.path) for p in paths)
    ]
    owners = units_in_scope(request.user, roles=LAYOUT_ROLES).order_by("path")
    return render(
        request,
        "decisions/layouts.html",
        {"nav_active": NAV, "layouts": visible, "can_create": owners.exists()},
    )


def _initial(layout: CertificateLayout | None) -> dict[str, object]:
    if layout is None:
        return {
            "page_width_mm": Decimal(297),
            "page_height_mm": Decimal(210),
            "offset_x_mm": Decimal(0),
            "offset_y_mm": Decimal(0),
            "print_background": True,
        }
    data: dict[str, object] = {
        "name": layout.name,
        "award_codes": layout.award_codes,
        "page_width_mm": layout.page_width_mm,
        "page_height_mm": layout.page_height_mm,
        "offset_x_mm": layout.offset_x_mm,
        "offset_y_mm": layout.offset_y_mm,
        "print_background": layout.print_background,
    }
    for name, values in (layout.positions or {}).items():
        for key in KEYS:
            if key in values:
                data[f"{name}__{key}"] = values[key]
    return data


@login_required
def layout_edit(request: HttpRequest, layout_id: int | None = None) -> HttpResponse:
    """Create or change a layout: page size, printer shift, and each field's position and size."""
    layout = access_layout(request.user, layout_id, for_write=True) if layout_id else None
    owners = units_in_scope(request.user, roles=LAYOUT_ROLES).order_by("path")
    owner = layout.owner_unit if layout else owners.first()
    if owner is None or not can_manage_layouts(request.user, owner):
        raise Http404
    form = LayoutForm(request.POST or None, initial=_initial(layout))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.layout_save(
                actor=request.user,
                owner_unit=owner,
                layout=layout,
                name=data["name"],
                award_codes=data["award_codes"],
                page_width_mm=data["page_width_mm"],
                page_height_mm=data["page_height_mm"],
                offset_x_mm=data["offset_x_mm"],
                offset_y_mm=data["offset_y_mm"],
                positions=form.positions(),
                print_background=data["print_background"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Layout saved. Print the calibration page to check it."))
            return redirect("decisions:layout_edit", layout_id=saved.pk)
    return render(
        request,
        "decisions/layout_form.html",
        {"nav_active": NAV, "form": form, "layout": layout, "owner": owner},
    )


@login_required
def layout_calibration(request: HttpRequest, layout_id: int | None = None) -> HttpResponse:
    """Send the calibration page: a millimetre grid with each field's box (the default layout without id)."""
    layout = access_layout(request.user, layout_id) if layout_id else None
    response = HttpResponse(calibration_pdf(layout), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="can-chinh-{layout.pk if layout else "mac-dinh"}.pdf"'
    )
    return response

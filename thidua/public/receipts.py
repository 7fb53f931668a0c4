"""The receipt and appointment slip (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Mẫu 01, A5)."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from thidua.decisions.rendering.pdf import print_pdf
from thidua.public.models import Application

_FORMS = {"ORIGINAL": "bản chính", "COPY": "bản sao", "EITHER": "bản chính hoặc bản sao"}


def _officer_name(officer: Any) -> str:
    if officer is None:
        return ""
    name = getattr(officer, "get_full_name", lambda: "")() or ""
    return name or str(officer)


def receipt_context(application: Application, *, now: datetime, officer: Any) -> dict[str, Any]:
    """Return what the slip prints."""
    local = timezone.localtime(now)
    procedure = application.procedure
    components = []
    files = list(application.files.select_related("component"))
    for component in procedure.components.all():
        names = [f.original_name for f in files if f.component_id == component.pk]
        if names:
            components.append(
                {"name": component.name, "form": _FORMS.get(component.copy_kind, ""), "files": names}
            )
    extras = [f.original_name for f in files if f.component_id is None]
    if extras:
        components.append({"name": "Tài liệu khác", "form": "", "files": extras})
    authority = procedure.authority_unit
    return {
        "application": application,
        "procedure": procedure,
        "authority_upper": authority.name.upper(),
        "desk": "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
        "number": f"{application.receipt_number}/{settings.THIDUA_RECEIPT_NOTATION}",
        "place": authority.place_name or "",
        "components": components,
        "received_time": local,
        "deadline_text": f"{procedure.deadline_value:02d} "
        + ("ngày làm việc" if procedure.deadline_unit == "WORKING_DAYS" else "ngày"),
        "due_on": application.due_on,
        "officer": _officer_name(officer),
        "tracking_url": f"{settings.THIDUA_PUBLIC_BASE_URL}/dich-vu-cong/tra-cuu/?ma={application.code}",
        "supplements": application.supplements.exclude(received_at=None).count(),
        "cutoff": settings.THIDUA_INTAKE_CUTOFF,
    }


def receipt_pdf(application: Application, *, now: datetime, officer: Any) -> bytes:
    """Return the slip as A5 PDF bytes."""
    return print_pdf("public/print/receipt.html", receipt_context(application, now=now, officer=officer))

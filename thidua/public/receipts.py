"""The one-stop slips of TT 01/2018 on A5: the receipt and appointment slip (Mẫu 01), the supplement request
(Mẫu 02) and the refusal to accept (Mẫu 03)."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from thidua.decisions.rendering.pdf import print_pdf
from thidua.public.models import Application, SupplementRequest

_FORMS = {"ORIGINAL": "bản chính", "COPY": "bản sao", "EITHER": "bản chính hoặc bản sao"}


def _officer_name(officer: Any) -> str:
    if officer is None:
        return ""
    name = getattr(officer, "get_full_name", lambda: "")() or ""
    return name or str(officer)


def _base(
    application: Application, *, now: datetime, number: int, officer: Any, notation: str
) -> dict[str, Any]:
    """What every slip prints in its heading and signature."""
    authority = application.procedure.authority_unit
    return {
        "application": application,
        "procedure": application.procedure,
        "authority_upper": authority.name.upper(),
        "desk": "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
        "number": f"{number}/{notation}",
        "place": authority.place_name or "",
        "slip_time": timezone.localtime(now),
        "officer": _officer_name(officer),
        "tracking_url": f"{settings.THIDUA_PUBLIC_BASE_URL}/dich-vu-cong/tra-cuu/?ma={application.code}",
    }


def receipt_context(application: Application, *, now: datetime, officer: Any) -> dict[str, Any]:
    """Return what the receipt and appointment slip prints."""
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
    unit = "ngày làm việc" if procedure.deadline_unit == "WORKING_DAYS" else "ngày"
    return {
        **_base(
            application,
            now=now,
            number=application.receipt_number,
            officer=officer,
            notation=settings.THIDUA_RECEIPT_NOTATION,
        ),
        "components": components,
        "received_time": timezone.localtime(now),
        "deadline_text": f"{procedure.deadline_value:02d} {unit}",
        "due_on": application.due_on,
        "supplements": application.supplements.exclude(received_at=None).count(),
        "cutoff": settings.THIDUA_INTAKE_CUTOFF,
    }


def receipt_pdf(application: Application, *, now: datetime, officer: Any) -> bytes:
    """Return the receipt and appointment slip (Mẫu 01) as A5 PDF bytes."""
    return print_pdf("public/print/receipt.html", receipt_context(application, now=now, officer=officer))


def supplement_pdf(request: SupplementRequest, *, number: int, officer: Any) -> bytes:
    """Return the supplement request (Mẫu 02): what is missing, as the officer wrote it, one item a line."""
    application = request.application
    context = {
        **_base(
            application,
            now=request.requested_at,
            number=number,
            officer=officer,
            notation=settings.THIDUA_SUPPLEMENT_NOTATION,
        ),
        "items": [line.strip() for line in request.reasons.splitlines() if line.strip()],
        "received_on": application.received_on,
    }
    return print_pdf("public/print/supplement.html", context)


def apology_pdf(reschedule: Any, *, number: int) -> bytes:
    """Return the apology and new appointment slip (Mẫu 04)."""
    application = reschedule.application
    context = {
        **_base(
            application,
            now=reschedule.issued_at,
            number=number,
            officer=reschedule.actor,
            notation=settings.THIDUA_APOLOGY_NOTATION,
        ),
        "reschedule": reschedule,
        "reasons": [line.strip() for line in reschedule.reason.splitlines() if line.strip()],
    }
    return print_pdf("public/print/apology.html", context)


def refusal_pdf(application: Application, *, now: datetime, number: int, officer: Any) -> bytes:
    """Return the refusal to accept the dossier (Mẫu 03) with the reasons."""
    context = {
        **_base(
            application, now=now, number=number, officer=officer, notation=settings.THIDUA_REFUSAL_NOTATION
        ),
        "reasons": [line.strip() for line in application.refusal_reason.splitlines() if line.strip()],
    }
    return print_pdf("public/print/refusal.html", context)

"""Helpers shared by the council views."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse

from thidua.core.errors import DomainError, ValidationFailed

NAV = "council"


def fail(request: HttpRequest, exc: DomainError) -> None:
    """Show a refused request as an error message, with the field messages of a failed validation."""
    text = str(exc)
    if isinstance(exc, ValidationFailed) and exc.errors:
        details = "; ".join(m for msgs in exc.errors.values() for m in msgs)
        text = f"{text} {details}"
    messages.error(request, text)


def file_response(data: bytes, *, fmt: str, stem: str) -> HttpResponse:
    """Return a PDF inline or a DOCX as a download."""
    if fmt == "docx":
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}.docx"'
        return response
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{stem}.pdf"'
    return response


def ctx(**values: Any) -> dict[str, Any]:
    """Return a template context with the navigation key set."""
    return {"nav_active": NAV, **values}

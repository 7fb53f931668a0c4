"""Files of a decision: the decision (PDF, DOCX), the attached list, both in one PDF, the payment list
(PDF, Excel) and the certificates. Drafts give previews marked as such."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from thidua.decisions.document import decision_preview_sheet
from thidua.decisions.models import Decision, DecisionStatus
from thidua.decisions.permissions import access_decision, access_layout
from thidua.decisions.rendering.appendix import appendix_pdf
from thidua.decisions.rendering.certificates import certificates_pdf
from thidua.decisions.rendering.combined import combined_pdf
from thidua.decisions.rendering.payments import payment_pdf, payment_xlsx
from thidua.documents.rendering import render_docx, render_pdf

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _send(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _stem(decision: Decision) -> str:
    document = decision.document
    if document is not None and document.number:
        return f"qd-{document.number:02d}-{document.year}"
    return f"du-thao-qd-{decision.pk}"


def _stored(field: object) -> bytes | None:
    if not field:
        return None
    with field.open("rb") as handle:  # type: ignore[attr-defined]
        return bytes(handle.read())


@login_required
def decision_file(request: HttpRequest, decision_id: int, fmt: str) -> HttpResponse:
    """Send the decision itself: the stored issued file, or a preview of the draft."""
    decision = access_decision(request.user, decision_id)
    if decision.status == DecisionStatus.CANCELLED or fmt not in ("pdf", "docx"):
        raise Http404
    document = decision.document
    if decision.status == DecisionStatus.ISSUED and document is not None:
        data = _stored(document.pdf if fmt == "pdf" else document.docx)
        if data is None:
            data = render_pdf(document) if fmt == "pdf" else render_docx(document)
    else:
        sheet = decision_preview_sheet(decision)
        data = render_pdf(sheet) if fmt == "pdf" else render_docx(sheet)
    return _send(data, PDF if fmt == "pdf" else DOCX, f"{_stem(decision)}.{fmt}")


@login_required
def appendix_file(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Send the attached list (stored at issue, or a preview)."""
    decision = access_decision(request.user, decision_id)
    data = _stored(decision.appendix_pdf) if decision.status == DecisionStatus.ISSUED else None
    return _send(data or appendix_pdf(decision), PDF, f"{_stem(decision)}-danh-sach.pdf")


@login_required
def combined_file(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Send the decision followed by its attached list in one PDF (for printing)."""
    decision = access_decision(request.user, decision_id)
    if decision.status == DecisionStatus.CANCELLED:
        raise Http404
    return _send(combined_pdf(decision), PDF, f"{_stem(decision)}-day-du.pdf")


@login_required
def payment_file(request: HttpRequest, decision_id: int, fmt: str) -> HttpResponse:
    """Send the payment list as PDF or Excel, for the whole decision or one unit (?don-vi=)."""
    decision = access_decision(request.user, decision_id)
    unit_name = request.GET.get("don-vi", "").strip()
    if fmt == "pdf":
        return _send(payment_pdf(decision, unit_name=unit_name), PDF, f"{_stem(decision)}-chi-tien.pdf")
    if fmt == "xlsx":
        return _send(payment_xlsx(decision, unit_name=unit_name), XLSX, f"{_stem(decision)}-chi-tien.xlsx")
    raise Http404


@login_required
def certificates_file(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Send every certificate of the decision in one PDF.

    ?phoi=<layout id> prints with that layout; ?in-nen=0 prints only the variable fields (on blanks);
    ?tat-ca=1 prints a certificate for every line, even awards that normally have none.
    """
    decision = access_decision(request.user, decision_id)
    if decision.status == DecisionStatus.CANCELLED:
        raise Http404
    layout = access_layout(request.user, request.GET["phoi"]) if request.GET.get("phoi") else None
    background = {"0": False, "1": True}.get(request.GET.get("in-nen", ""))
    data = certificates_pdf(
        decision, every_line=request.GET.get("tat-ca") == "1", layout=layout, print_background=background
    )
    return _send(data, PDF, f"{_stem(decision)}-giay-khen.pdf")

"""Screens of official documents: the inbox, a document with its deliveries, downloads, the register."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import access_unit, units_in_scope
from thidua.core.errors import DomainError
from thidua.documents import selectors, services, signing
from thidua.documents.models import Document, DocumentStatus
from thidua.documents.permissions import access_document, can_write_documents
from thidua.documents.rendering import render_docx, render_pdf

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _record_opening(request: HttpRequest, document: Document) -> None:
    for delivery in selectors.unopened_deliveries_for(user=request.user, document=document):
        services.delivery_open(user=request.user, delivery=delivery)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """List documents delivered to the user's units, unopened first."""
    deliveries = list(selectors.inbox_for(request.user)[:300])
    return render(request, "documents/inbox.html", {"nav_active": "documents", "deliveries": deliveries})


@login_required
def detail(request: HttpRequest, document_id: int) -> HttpResponse:
    """Show a document, its recipients and whether they opened it; opening it here counts as reading it."""
    document = access_document(request.user, document_id)
    if document.status == DocumentStatus.ISSUED:
        _record_opening(request, document)
    can_manage = can_write_documents(request.user, document.issuer)
    deliveries = list(selectors.deliveries_for(document)) if can_manage else []
    certificate = signing.certificate_info() if can_manage and signing.signing_config() else None
    context = {
        "nav_active": "documents",
        "document": document,
        "deliveries": deliveries,
        "unopened": sum(1 for d in deliveries if not d.is_opened),
        "can_manage": can_manage,
        "certificate": certificate,
        "events": document.events.select_related("actor"),
    }
    return render(request, "documents/detail.html", context)


@login_required
def download(request: HttpRequest, document_id: int, fmt: str) -> HttpResponse:
    """Send the stored PDF or DOCX of an issued document, or a preview of a draft."""
    document = access_document(request.user, document_id)
    if fmt not in CONTENT_TYPES or (document.status == DocumentStatus.CANCELLED and not document.number):
        raise Http404
    stored = document.pdf if fmt == "pdf" else document.docx
    if stored:
        with stored.open("rb") as handle:
            data = handle.read()
        _record_opening(request, document)
        name = (stored.name or "").rsplit("/", 1)[-1]
    else:
        data = render_pdf(document) if fmt == "pdf" else render_docx(document)
        name = f"du-thao-{document.pk}.{fmt}"
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def remind(request: HttpRequest, document_id: int) -> HttpResponse:
    """Remind the recipient units that have not opened the document."""
    document = access_document(request.user, document_id, for_write=True)
    try:
        count = services.document_remind(actor=request.user, document=document)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Reminded %(count)s unit(s).") % {"count": count})
    return redirect("documents:detail", document_id=document.pk)


@login_required
def register(request: HttpRequest) -> HttpResponse:
    """List an issuer's numbered documents of one year in number order."""
    issuers = list(units_in_scope(request.user).filter(issued_documents__number__isnull=False).distinct())
    issuer = access_unit(request.user, request.GET["issuer"]) if request.GET.get("issuer") else None
    if issuer is None and issuers:
        issuer = issuers[0]
    years = selectors.register_years(issuer=issuer) if issuer else []
    try:
        year = int(request.GET.get("year", "")) if request.GET.get("year") else (years[0] if years else None)
    except ValueError:
        year = None
    documents = list(selectors.register_list(issuer=issuer, year=year)) if issuer and year else []
    context = {
        "nav_active": "documents",
        "issuers": issuers,
        "issuer": issuer,
        "years": years,
        "year": year,
        "documents": documents,
    }
    return render(request, "documents/register.html", context)

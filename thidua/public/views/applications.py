"""The citizen's side: procedures, the online form, files, submission, supplements, results, tracking."""

import hashlib
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from thidua.core.errors import DomainError, NotFound, ValidationFailed
from thidua.core.throttle import count_hit
from thidua.public import selectors
from thidua.public.forms import ApplicationForm, NoteForm, ReasonForm, TrackForm, UploadForm, errors_to_form
from thidua.public.models import Application, ApplicationFile, CitizenAccount, Status
from thidua.public.services import applications as services
from thidua.public.views._citizen import citizen_required

TRACK_LIMIT = 30  # lookups per address per minute


@cache_control(public=True, max_age=300)
def home(request: HttpRequest) -> HttpResponse:
    """The portal's landing page."""
    return render(
        request,
        "public/home.html",
        {"public_active": "home", "procedures": selectors.procedures_open(timezone.localdate())[:6]},
    )


@cache_control(public=True, max_age=300)
def procedure_list(request: HttpRequest) -> HttpResponse:
    """The procedures offered online today."""
    return render(
        request,
        "public/procedures.html",
        {"public_active": "services", "procedures": selectors.procedures_open(timezone.localdate())},
    )


@cache_control(public=True, max_age=300)
def procedure_detail(request: HttpRequest, procedure_id: int) -> HttpResponse:
    """One procedure: who may apply, the documents, the time limit, the legal bases."""
    procedure = selectors.procedure_or_404(procedure_id, timezone.localdate())
    return render(request, "public/procedure.html", {"public_active": "services", "procedure": procedure})


@citizen_required
def apply(request: HttpRequest, procedure_id: int) -> HttpResponse:
    """Confirm, then open a draft for the procedure and go to its form."""
    procedure = selectors.procedure_or_404(procedure_id, timezone.localdate())
    if request.method != "POST":
        return render(request, "public/apply.html", {"public_active": "services", "procedure": procedure})
    try:
        application = services.application_start(
            account=_me(request),
            procedure=procedure,
            now=timezone.now(),
        )
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("public:procedure", procedure_id=procedure.pk)
    return redirect("public:application", application_id=application.pk)


@citizen_required
def account(request: HttpRequest) -> HttpResponse:
    """The citizen's dossiers, newest first."""
    return render(
        request,
        "public/account/home.html",
        {"public_active": "account", "applications": selectors.applications_of(_me(request))},
    )


def _me(request: HttpRequest) -> CitizenAccount:
    """Return the citizen ``citizen_required`` put on the request."""
    account: CitizenAccount = request.citizen  # type: ignore[attr-defined]
    return account


def _mine(request: HttpRequest, application_id: int) -> Application:
    application = selectors.application_of(_me(request), application_id)
    if application is None:
        raise Http404
    return application


@citizen_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    """The dossier: the form while it is a draft, then its status, receipt, supplements and result."""
    application = _mine(request, application_id)
    now = timezone.now()
    form = ApplicationForm(
        request.POST if request.method == "POST" and application.editable else None,
        initial={f: getattr(application, f) for f in services.FORM_FIELDS},
    )
    household = application.procedure.subject_kind == "HOUSEHOLD"
    if household:
        form.fields["subject_name"].label = _("Full name of the head of the household")
    upload = UploadForm(procedure=application.procedure)
    missing: dict[str, list[str]] = {}
    if request.method == "POST" and application.editable:
        if form.is_valid():
            try:
                services.application_save(
                    account=_me(request),
                    application=application,
                    fields=form.cleaned_data,
                    now=now,
                )
            except ValidationFailed as exc:
                errors_to_form(form, exc)
            else:
                if "submit" in request.POST:
                    try:
                        services.application_submit(account=_me(request), application=application, now=now)
                    except ValidationFailed as exc:
                        missing = exc.errors
                        messages.error(request, str(exc))
                    except DomainError as exc:
                        messages.error(request, str(exc))
                    else:
                        application.refresh_from_db()
                        messages.success(
                            request,
                            _("Your dossier was sent. Its code is %(code)s.") % {"code": application.code},
                        )
                        return redirect("public:application", application_id=application.pk)
                else:
                    messages.success(request, _("The draft is saved. You can come back to it at any time."))
                    return redirect("public:application", application_id=application.pk)
    elif application.editable:
        missing = services.missing_for_submission(application)
    context = {
        "public_active": "account",
        "application": application,
        "household": household,
        "form": form,
        "upload": upload,
        "files": list(application.files.select_related("component", "supplement")),
        "missing": missing,
        "events": list(application.events.all()),
        "supplement": application.supplements.filter(received_at__isnull=True).last()
        if application.status == Status.SUPPLEMENT
        else None,
        "supplements": list(application.supplements.all()),
        "reschedules": list(application.reschedules.all()),
        "note_form": NoteForm(),
        "withdraw_form": ReasonForm(),
        "result": selectors.result_of(application),
        "Status": Status,
    }
    return render(request, "public/application.html", context)


@citizen_required
@require_POST
def file_upload(request: HttpRequest, application_id: int) -> HttpResponse:
    """Attach a document (checked before anything is stored)."""
    application = _mine(request, application_id)
    form = UploadForm(request.POST, request.FILES, procedure=application.procedure)
    if not form.is_valid():
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, str(problem))
        return redirect("public:application", application_id=application.pk)
    try:
        item = services.file_attach(
            account=_me(request),
            application=application,
            upload=form.cleaned_data["file"],
            component=form.cleaned_data["component"],
            now=timezone.now(),
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("“%(name)s” is attached.") % {"name": item.original_name})
    return redirect("public:application", application_id=application.pk)


@citizen_required
@require_POST
def file_delete(request: HttpRequest, application_id: int, file_id: int) -> HttpResponse:
    application = _mine(request, application_id)
    item = get_object_or_404(ApplicationFile, pk=file_id, application=application)
    try:
        services.file_remove(account=_me(request), item=item)
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("public:application", application_id=application.pk)


@citizen_required
def file_download(request: HttpRequest, application_id: int, file_id: int) -> FileResponse:
    application = _mine(request, application_id)
    item = get_object_or_404(ApplicationFile, pk=file_id, application=application)
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


@citizen_required
@require_POST
def supplement(request: HttpRequest, application_id: int) -> HttpResponse:
    """Send the supplement the desk asked for."""
    application = _mine(request, application_id)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.supplement_send(account=_me(request), application=application, note=note, now=timezone.now())
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The supplement was sent. A new receipt with the new date is in your dossier.")
        )
    return redirect("public:application", application_id=application.pk)


@citizen_required
@require_POST
def withdraw(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _mine(request, application_id)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.application_withdraw(
            account=_me(request), application=application, reason=reason, now=timezone.now()
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.info(request, _("The dossier is withdrawn."))
    return redirect("public:application", application_id=application.pk)


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@citizen_required
def receipt(request: HttpRequest, application_id: int) -> HttpResponse:
    return slip_response(_mine(request, application_id), "tiep-nhan", None)


@citizen_required
def result_file(request: HttpRequest, application_id: int, kind: str) -> HttpResponse:
    """The signed decision or the certificate, once the dossier is processed."""
    application = _mine(request, application_id)
    result = selectors.result_of(application)
    if result is None:
        raise Http404
    if kind == "quyet-dinh":
        data, name = selectors.decision_pdf(result), f"quyet-dinh-{application.code}.pdf"
    elif kind == "bang" and result.has_certificate:
        data, name = selectors.certificate_pdf(result), f"giay-khen-{application.code}.pdf"
    else:
        raise Http404
    services.result_delivered(account=_me(request), application=application, now=timezone.now())
    return _pdf(data, name)


def _throttled(request: HttpRequest) -> bool:
    address = request.META.get("REMOTE_ADDR", "")
    key = "public-track:" + hashlib.sha256(address.encode()).hexdigest()
    return count_hit(key, window=60) > TRACK_LIMIT


def track(request: HttpRequest) -> HttpResponse:
    """Anyone with a dossier code can see where it stands (no names, no files)."""
    form = TrackForm(request.GET or None)
    found = None
    status = 200
    if request.GET and form.is_valid():
        if _throttled(request):
            form.add_error(None, _("Too many look-ups from your connection. Please wait a minute."))
            status = 429
        else:
            found = selectors.application_by_code(form.cleaned_data["ma"])
            if found is None:
                form.add_error("ma", _("No dossier has this code. Check it against your receipt."))
                status = 404
    response = render(
        request,
        "public/track.html",
        {"public_active": "track", "form": form, "found": found, "Status": Status},
        status=status,
    )
    response["Cache-Control"] = "private, no-cache"
    return response


def slip_response(application: Application, kind: str, supplement_id: int | None) -> HttpResponse:
    """Send a stored slip of the dossier: the receipt (Mẫu 01), a supplement request (Mẫu 02), the refusal
    (Mẫu 03) or an apology with a new date (Mẫu 04)."""
    stored: Any
    if kind == "tiep-nhan":
        stored, name = application.receipt_pdf, f"giay-tiep-nhan-{application.code}.pdf"
    elif kind == "hen-lai":
        entry = application.reschedules.filter(pk=supplement_id or 0).first()
        stored, name = (entry.slip_pdf if entry else None), f"phieu-xin-loi-hen-lai-{application.code}.pdf"
    elif kind == "bo-sung":
        request_ = application.supplements.filter(pk=supplement_id or 0).first()
        stored, name = (
            (request_.slip_pdf if request_ else None),
            f"phieu-yeu-cau-bo-sung-{application.code}.pdf",
        )
    else:
        stored, name = application.refusal_pdf, f"phieu-tu-choi-{application.code}.pdf"
    if not stored:
        raise Http404
    with stored.open("rb") as handle:
        return _pdf(handle.read(), name)


@citizen_required
def slip(
    request: HttpRequest, application_id: int, kind: str, supplement_id: int | None = None
) -> HttpResponse:
    return slip_response(_mine(request, application_id), kind, supplement_id)

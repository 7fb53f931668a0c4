"""The receiving desk (staff): online dossiers waiting, acceptance or refusal, the procedures catalogue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record, snapshot
from thidua.core.errors import DomainError, NotFound, ValidationFailed
from thidua.core.text import fold
from thidua.organization.models import Person, Unit
from thidua.public import selectors
from thidua.public.forms import (
    AcceptForm,
    ComponentFormSet,
    LogbookForm,
    ProcedureForm,
    ReasonForm,
    RescheduleForm,
)
from thidua.public.models import Application, ApplicationFile, Procedure, Status
from thidua.public.services import applications as services


def _application(request: HttpRequest, application_id: int) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("procedure__authority_unit", "procedure__intake_unit", "proposal"),
        pk=application_id,
    )
    try:
        services.require_desk(request.user, application)
    except NotFound:
        raise Http404 from None
    if application.status == Status.DRAFT:
        raise Http404
    return application


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Online dossiers of the authorities the user works for, those waiting for acceptance first."""
    has_desk = bool(services.desk_paths(request.user))
    raw = request.GET.get("trang-thai", "")
    status = int(raw) if raw.isdigit() and int(raw) in Status.values else None
    scope = services.desk_scope_q(request.user, prefix="procedure__authority_unit__")
    rows = list(selectors.desk_queue(scope, status=status)[:200])
    return render(
        request,
        "public/desk/queue.html",
        {
            "nav_active": "desk",
            "rows": rows,
            "status": status,
            "statuses": [s for s in Status if s != Status.DRAFT],
            "has_desk": has_desk,
        },
    )


def _candidates(application: Application) -> list[Person]:
    """People of the authority's subtree whose folded name equals the form's name (for matching)."""
    key = fold(application.subject_name)
    authority = application.procedure.authority_unit
    qs = Person.objects.filter(unit_path__startswith=authority.path).select_related("unit")
    return [p for p in qs.filter(full_name__iexact=application.subject_name)[:20] if fold(p.full_name) == key]


@login_required
def detail(request: HttpRequest, application_id: int) -> HttpResponse:
    """One dossier at the desk: the form, the files, the history; accept or refuse while it waits."""
    application = _application(request, application_id)
    authority = application.procedure.authority_unit
    units = Unit.objects.filter(path__startswith=authority.path).exclude(pk=authority.pk).order_by("sort_key")
    candidates = _candidates(application)
    people = Person.objects.filter(pk__in=[p.pk for p in candidates])
    accept_form = AcceptForm(
        request.POST if request.method == "POST" and "accept" in request.POST else None,
        units=units,
        people=people,
        initial={"proposing_unit": application.procedure.intake_unit_id},
    )
    refuse_form = ReasonForm(request.POST if request.method == "POST" and "refuse" in request.POST else None)
    reschedule_form = RescheduleForm(
        request.POST if request.method == "POST" and "reschedule" in request.POST else None, prefix="hen-lai"
    )
    if request.method == "POST":
        try:
            if "accept" in request.POST and accept_form.is_valid():
                services.application_accept(
                    actor=request.user,
                    application=application,
                    now=timezone.now(),
                    person=accept_form.cleaned_data["person"],
                    proposing_unit=accept_form.cleaned_data["proposing_unit"],
                )
                messages.success(
                    request, _("The dossier is accepted; the receipt was sent to the applicant.")
                )
                return redirect("public:desk_detail", application_id=application.pk)
            if "refuse" in request.POST and refuse_form.is_valid():
                services.application_refuse(
                    actor=request.user,
                    application=application,
                    reason=refuse_form.cleaned_data["reason"],
                    now=timezone.now(),
                )
                messages.info(request, _("The dossier is not accepted; the applicant was told why."))
                return redirect("public:desk_detail", application_id=application.pk)
            if "reschedule" in request.POST and reschedule_form.is_valid():
                services.application_reschedule(
                    actor=request.user,
                    application=application,
                    new_due_on=reschedule_form.cleaned_data["new_due_on"],
                    reason=reschedule_form.cleaned_data["reason"],
                    now=timezone.now(),
                )
                messages.success(request, _("The new date and the apology were sent to the applicant."))
                return redirect("public:desk_detail", application_id=application.pk)
        except ValidationFailed as exc:
            messages.error(request, "; ".join([str(exc), *(m for ms in exc.errors.values() for m in ms)]))
        except DomainError as exc:
            messages.error(request, str(exc))
    return render(
        request,
        "public/desk/detail.html",
        {
            "nav_active": "desk",
            "application": application,
            "files": list(application.files.select_related("component", "supplement")),
            "events": list(application.events.select_related("actor")),
            "supplements": list(application.supplements.all()),
            "accept_form": accept_form,
            "refuse_form": refuse_form,
            "reschedule_form": reschedule_form,
            "reschedules": list(application.reschedules.all()),
            "candidates": candidates,
            "Status": Status,
        },
    )


@login_required
def file_download(request: HttpRequest, application_id: int, file_id: int) -> FileResponse:
    application = _application(request, application_id)
    item = get_object_or_404(ApplicationFile, pk=file_id, application=application)
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


@login_required
def receipt(request: HttpRequest, application_id: int) -> HttpResponse:
    from thidua.public.views.applications import slip_response  # noqa: PLC0415

    return slip_response(_application(request, application_id), "tiep-nhan", None)


@login_required
def logbook(request: HttpRequest) -> HttpResponse:
    """The log book (Mẫu 06) of the dossiers sent to the user's desks in a period (this month by default)."""
    from thidua.public.logbook import logbook_xlsx  # noqa: PLC0415

    if not services.desk_paths(request.user):
        raise Http404
    form = LogbookForm(request.GET or None)
    today = timezone.localdate()
    start, end = today.replace(day=1), today
    if request.GET:
        if not form.is_valid():
            messages.error(
                request, _("Give the period as two dates, dd/mm/yyyy, the first one not after the second.")
            )
            return redirect("public:desk")
        start, end = form.cleaned_data["tu"], form.cleaned_data["den"]
    scope = services.desk_scope_q(request.user, prefix="procedure__authority_unit__")
    rows = (
        selectors.desk_queue(scope)
        .filter(submitted_at__date__gte=start, submitted_at__date__lte=end)
        .select_related("procedure__authority_unit")
        .prefetch_related("events")
        .order_by("submitted_at", "id")
    )
    authorities = sorted({a.procedure.authority_unit.name for a in rows})
    data = logbook_xlsx(rows, authority=", ".join(authorities), start=start, end=end)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="so-theo-doi-ho-so-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
    )
    return response


# --- The procedures catalogue ----------------------------------------------------------------------------


@login_required
def procedure_list(request: HttpRequest) -> HttpResponse:
    scope = services.desk_scope_q(request.user, prefix="authority_unit__")
    procedures = Procedure.objects.filter(scope).select_related("authority_unit")
    return render(
        request,
        "public/desk/procedures.html",
        {"nav_active": "desk", "procedures": procedures, "can_add": bool(services.desk_paths(request.user))},
    )


@login_required
def procedure_edit(request: HttpRequest, procedure_id: int | None = None) -> HttpResponse:
    """Create or edit a procedure and its dossier components (desk officers of the authority)."""
    if not services.desk_paths(request.user):
        raise Http404
    procedure = None
    if procedure_id is not None:
        scope = services.desk_scope_q(request.user, prefix="authority_unit__")
        procedure = get_object_or_404(Procedure.objects.filter(scope), pk=procedure_id)
    units = Unit.objects.filter(services.desk_scope_q(request.user, prefix="")).order_by("sort_key")
    form = ProcedureForm(request.POST or None, instance=procedure, units=units)
    formset = ComponentFormSet(request.POST or None, instance=procedure or Procedure())
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            before = snapshot(procedure) if procedure is not None else None
            saved = form.save()
            formset.instance = saved
            formset.save()
            audit_record(
                actor=request.user,
                action="procedure.update" if before else "procedure.create",
                obj=saved,
                before=before,
                after=snapshot(saved),
            )
        messages.success(request, _("The procedure is saved."))
        return redirect("public:desk_procedures")
    return render(
        request,
        "public/desk/procedure_edit.html",
        {"nav_active": "desk", "form": form, "formset": formset, "procedure": procedure},
    )


@login_required
def slip(
    request: HttpRequest, application_id: int, kind: str, supplement_id: int | None = None
) -> HttpResponse:
    from thidua.public.views.applications import slip_response  # noqa: PLC0415

    return slip_response(_application(request, application_id), kind, supplement_id)

"""Nominee and dossier screens: add, edit, remove, upload, download, import and export."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.errors import DomainError
from thidua.core.text import fold
from thidua.organization.models import Household, Person, Unit
from thidua.proposals import selectors, services, spreadsheets
from thidua.proposals.forms import DossierForm, ImportForm, NomineeForm
from thidua.proposals.models import DossierPart, Proposal
from thidua.proposals.permissions import access_nominee, access_proposal

from ._common import NAV, fail, today

PICKER_LIMIT = 500


def _form(request: HttpRequest, proposal: Proposal, **kwargs: object) -> NomineeForm:
    root = proposal.proposing_unit
    people = (
        Person.objects.filter(unit__path__startswith=root.path).select_related("unit").order_by("sort_key")
    )
    query = request.GET.get("q", "")
    if query:
        people = people.filter(search_key__contains=f" {fold(query)}")
    return NomineeForm(
        request.POST or None,
        people=people[:PICKER_LIMIT] if not request.POST else people,
        units=Unit.objects.filter(path__startswith=root.path).order_by("path"),
        households=Household.objects.filter(village__path__startswith=root.path).select_related("head"),
        **kwargs,  # type: ignore[arg-type]
    )


def _editable_or_404(request: HttpRequest, proposal: Proposal) -> None:
    if not selectors.can_edit(request.user, proposal):
        raise Http404


@login_required
def nominee_add(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Add a nominee: a person of the proposing unit's subtree, a collective or a household."""
    proposal = access_proposal(request.user, proposal_id, for_write=True)
    _editable_or_404(request, proposal)
    form = _form(request, proposal, initial={"year": proposal.year, "subject_kind": "INDIVIDUAL"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.nominee_add(
                actor=request.user,
                proposal=proposal,
                subject_kind=data["subject_kind"],
                subject=form.subject(),
                award_code=data["award_code"],
                year=data["year"],
                achievement=data["achievement"],
                position=data["position"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                on=today(),
            )
        except DomainError as exc:
            fail(request, exc)
        else:
            messages.success(request, _("Nominee added and checked."))
            if "another" in request.POST:
                return redirect("proposals:nominee_add", proposal_id=proposal.pk)
            return redirect("proposals:detail", proposal_id=proposal.pk)
    return render(
        request,
        "proposals/nominee_form.html",
        {
            "nav_active": NAV,
            "proposal": proposal,
            "form": form,
            "nominee": None,
            "q": request.GET.get("q", ""),
        },
    )


@login_required
def nominee_edit(request: HttpRequest, nominee_id: int) -> HttpResponse:
    """Change a nominee's award, year, period or achievement."""
    nominee = access_nominee(request.user, nominee_id, for_write=True)
    proposal = nominee.proposal
    _editable_or_404(request, proposal)
    initial = {
        f: getattr(nominee, f)
        for f in (
            "subject_kind",
            "person",
            "unit",
            "household",
            "award_code",
            "year",
            "position",
            "achievement",
        )
    }
    initial.update(period_start=nominee.period_start, period_end=nominee.period_end)
    form = _form(request, proposal, initial=initial, editing=nominee)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.nominee_update(
                actor=request.user,
                nominee=nominee,
                on=today(),
                **{k: data[k] for k in services.NOMINEE_FIELDS},
            )
        except DomainError as exc:
            fail(request, exc)
        else:
            messages.success(request, _("Nominee saved and checked."))
            return redirect("proposals:detail", proposal_id=proposal.pk)
    return render(
        request,
        "proposals/nominee_form.html",
        {"nav_active": NAV, "proposal": proposal, "form": form, "nominee": nominee, "q": ""},
    )


@login_required
@require_POST
def nominee_remove(request: HttpRequest, nominee_id: int) -> HttpResponse:
    """Remove a nominee from the list."""
    nominee = access_nominee(request.user, nominee_id, for_write=True)
    try:
        services.nominee_remove(actor=request.user, nominee=nominee, on=today())
    except DomainError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Nominee removed."))
    return redirect("proposals:detail", proposal_id=nominee.proposal_id)


@login_required
@require_POST
def dossier_attach(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Upload a dossier part."""
    proposal = access_proposal(request.user, proposal_id, for_write=True)
    form = DossierForm(request.POST, request.FILES, nominees=proposal.nominees.all())
    if form.is_valid():
        try:
            services.dossier_attach(
                actor=request.user,
                proposal=proposal,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                nominee=form.cleaned_data["nominee"],
            )
        except DomainError as exc:
            fail(request, exc)
        else:
            messages.success(request, _("File attached."))
    else:
        messages.error(request, _("Choose a kind and a file."))
    return redirect("proposals:detail", proposal_id=proposal.pk)


def _part(request: HttpRequest, part_id: int, *, for_write: bool) -> DossierPart:
    try:
        part = DossierPart.objects.select_related("proposal").get(pk=part_id)
    except (ObjectDoesNotExist, ValueError):
        raise Http404 from None
    access_proposal(request.user, part.proposal_id, for_write=for_write)
    return part


@login_required
def dossier_download(request: HttpRequest, part_id: int) -> FileResponse:
    """Download a dossier part."""
    part = _part(request, part_id, for_write=False)
    return FileResponse(part.file.open("rb"), as_attachment=True, filename=part.original_name)


@login_required
@require_POST
def dossier_remove(request: HttpRequest, part_id: int) -> HttpResponse:
    """Remove a dossier part."""
    part = _part(request, part_id, for_write=True)
    try:
        services.dossier_remove(actor=request.user, part=part)
    except DomainError as exc:
        fail(request, exc)
    return redirect("proposals:detail", proposal_id=part.proposal_id)


@login_required
def nominee_import(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Import a nominee list: check first, then add all rows or none."""
    proposal = access_proposal(request.user, proposal_id, for_write=True)
    _editable_or_404(request, proposal)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = spreadsheets.import_nominees(
                upload.file,
                actor=request.user,
                proposal=proposal,
                size=upload.size,
                max_bytes=settings.IMPORT_MAX_BYTES,
                dry_run=form.cleaned_data["dry_run"],
                on=today(),
            )
        except DomainError as exc:
            fail(request, exc)
        if report is not None and report.created:
            messages.success(request, _("Added %(n)s nominees.") % {"n": report.created})
    return render(
        request,
        "proposals/import.html",
        {
            "nav_active": NAV,
            "proposal": proposal,
            "form": form,
            "report": report,
            "columns": spreadsheets.COLUMNS,
        },
    )


@login_required
def nominee_export(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Download the nominee list in the import layout."""
    proposal = access_proposal(request.user, proposal_id)
    rows = selectors.nominee_rows(proposal).filter(forwarded_to__isnull=True)
    response = HttpResponse(
        spreadsheets.export_nominees(rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="de-nghi-{proposal.pk}.xlsx"'
    return response

"""Screens of one unit's scores: the self-assessment sheet, evidence, submission and verification."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core.errors import NotFound, ValidationFailed
from thidua.organization.models import Unit
from thidua.scoring import selectors, services, workflow
from thidua.scoring.forms import EvidenceForm
from thidua.scoring.models import ClusterMembership, Criterion, CriterionSource, Evidence, Scorecard
from thidua.scoring.permissions import (
    HEAD,
    HOME_AFFAIRS,
    access_scorecard,
    can_see_unit_scores,
    can_self_assess,
    can_verify,
)
from thidua.scoring.views._helpers import posted

NAV = "clusters"


def _member_unit(scorecard: Scorecard, unit_id: int) -> Unit:
    membership = (
        ClusterMembership.objects.filter(cluster=scorecard.cluster, year=scorecard.year, unit_id=unit_id)
        .select_related("unit")
        .first()
    )
    if membership is None:
        raise NotFound("unit")
    return membership.unit


def _sheet_context(request: HttpRequest, scorecard: Scorecard, unit: Unit, **extra: Any) -> dict[str, Any]:
    submission = scorecard.submissions.filter(unit=unit).first()
    writable = (
        can_self_assess(request.user, scorecard, unit)
        and workflow.self_assessment_open(scorecard.status)
        and submission is None
    )
    context = {
        "nav_active": NAV,
        "scorecard": scorecard,
        "unit": unit,
        "sheet": selectors.unit_sheet(scorecard, unit),
        "totals": selectors.unit_totals(scorecard, unit),
        "submission": submission,
        "writable": writable,
        "missing": services.missing_criteria(scorecard, unit) if writable else [],
        "evidence_form": EvidenceForm(),
        "errors": {},
        "values": {},
    }
    context.update(extra)
    return context


@login_required
@require_http_methods(["GET", "POST"])
def unit_sheet(request: HttpRequest, scorecard_id: int, unit_id: int) -> HttpResponse:
    """Show a unit's sheet; its own officers save their scores and notes here while assessment is open."""
    scorecard = access_scorecard(request.user, scorecard_id)
    unit = _member_unit(scorecard, unit_id)
    if not can_see_unit_scores(request.user, scorecard, unit):
        raise NotFound("unit")
    if request.method == "POST":
        if not can_self_assess(request.user, scorecard, unit):
            raise NotFound("unit")
        criteria = Criterion.objects.filter(group__scorecard=scorecard).exclude(source=CriterionSource.TARGET)
        rows = [(c, posted(request, f"score_{c.pk}"), posted(request, f"note_{c.pk}")) for c in criteria]
        try:
            services.score_self_assess_many(actor=request.user, scorecard=scorecard, unit=unit, rows=rows)
        except ValidationFailed as exc:
            messages.error(request, str(exc))
            values = {str(c.pk): (score, note) for c, score, note in rows}
            context = _sheet_context(request, scorecard, unit, errors=exc.errors, values=values)
            return render(request, "scoring/sheet.html", context, status=400)
        messages.success(request, _("Scores saved."))
        return redirect("scoring:unit_sheet", scorecard_id=scorecard.pk, unit_id=unit.pk)
    return render(request, "scoring/sheet.html", _sheet_context(request, scorecard, unit))


@login_required
@require_POST
def evidence_upload(request: HttpRequest, scorecard_id: int, unit_id: int, criterion_id: int) -> HttpResponse:
    """Attach a proof file to one criterion of the unit's sheet."""
    scorecard = access_scorecard(request.user, scorecard_id)
    unit = _member_unit(scorecard, unit_id)
    if not can_self_assess(request.user, scorecard, unit):
        raise NotFound("unit")
    criterion = Criterion.objects.filter(group__scorecard=scorecard, pk=criterion_id).first()
    if criterion is None:
        raise Http404
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
    else:
        try:
            services.evidence_attach(
                actor=request.user,
                scorecard=scorecard,
                unit=unit,
                criterion=criterion,
                upload=form.cleaned_data["file"],
            )
            messages.success(request, _("Evidence attached."))
        except ValidationFailed as exc:
            messages.error(request, str(exc))
    return redirect("scoring:unit_sheet", scorecard_id=scorecard.pk, unit_id=unit.pk)


@login_required
@require_POST
def unit_submit(request: HttpRequest, scorecard_id: int, unit_id: int) -> HttpResponse:
    """Submit the unit's self-assessment."""
    scorecard = access_scorecard(request.user, scorecard_id)
    unit = _member_unit(scorecard, unit_id)
    if not can_self_assess(request.user, scorecard, unit):
        raise NotFound("unit")
    try:
        services.score_submit(actor=request.user, scorecard=scorecard, unit=unit)
        messages.success(request, _("Self-assessment submitted."))
    except ValidationFailed as exc:
        messages.error(request, str(exc))
    return redirect("scoring:unit_sheet", scorecard_id=scorecard.pk, unit_id=unit.pk)


@login_required
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    """Serve an evidence file to those who may see the unit's scores."""
    evidence = (
        Evidence.objects.select_related("entry__scorecard__cluster__owner", "entry__unit")
        .filter(pk=evidence_id)
        .first()
    )
    if evidence is None:
        raise NotFound("evidence")
    scorecard = access_scorecard(request.user, evidence.entry.scorecard_id)
    if not can_see_unit_scores(request.user, scorecard, evidence.entry.unit):
        raise NotFound("evidence")
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_verify(request: HttpRequest, scorecard_id: int, unit_id: int, level: str) -> HttpResponse:
    """Verify a unit's scores at one level: self, head and verified side by side, a reason for each change."""
    if level not in (HEAD, HOME_AFFAIRS):
        raise Http404
    scorecard = access_scorecard(request.user, scorecard_id)
    unit = _member_unit(scorecard, unit_id)
    if not can_verify(request.user, scorecard, unit, level):
        raise NotFound("unit")
    errors: dict[str, list[str]] = {}
    values: dict[str, tuple[str, str]] = {}
    if request.method == "POST":
        criteria = Criterion.objects.filter(group__scorecard=scorecard)
        rows = [
            (c, posted(request, f"score_{c.pk}").strip(), posted(request, f"reason_{c.pk}"))
            for c in criteria
            if posted(request, f"score_{c.pk}").strip()
        ]
        try:
            services.score_verify_many(
                actor=request.user, level=level, scorecard=scorecard, unit=unit, rows=rows
            )
        except ValidationFailed as exc:
            messages.error(request, str(exc))
            errors = exc.errors
            values = {str(c.pk): (score, reason) for c, score, reason in rows}
        else:
            messages.success(request, _("Verification saved."))
            return redirect("scoring:unit_verify", scorecard_id=scorecard.pk, unit_id=unit.pk, level=level)
    context = {
        "nav_active": NAV,
        "scorecard": scorecard,
        "unit": unit,
        "level": level,
        "sheet": selectors.unit_sheet(scorecard, unit),
        "totals": selectors.unit_totals(scorecard, unit),
        "open": workflow.verification_open(scorecard.status),
        "errors": errors,
        "values": values,
        "members": selectors.cluster_members(scorecard.cluster, scorecard.year),
    }
    return render(request, "scoring/verify.html", context, status=400 if errors else 200)

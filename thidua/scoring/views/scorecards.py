"""Screens of a scorecard: the builder (groups and criteria), its progress and its state changes."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.errors import ValidationFailed
from thidua.scoring import selectors, services, workflow
from thidua.scoring.forms import CriterionForm, GroupForm, NoteForm
from thidua.scoring.models import Criterion, Scorecard
from thidua.scoring.permissions import (
    HEAD,
    access_scorecard,
    assessing_units,
    can_see_results,
    can_verify,
    is_cluster_manager,
    verification_levels,
)
from thidua.scoring.views._helpers import form_errors

NAV = "clusters"


def _builder_context(request: HttpRequest, scorecard: Scorecard, **extra: Any) -> dict[str, Any]:
    manager = is_cluster_manager(request.user, scorecard.cluster, year=scorecard.year)
    groups = selectors.scorecard_groups(scorecard)
    editable = manager and workflow.structure_editable(scorecard.status)
    levels = verification_levels(request.user, scorecard)
    members = selectors.cluster_members(scorecard.cluster, scorecard.year)
    context = {
        "nav_active": NAV,
        "scorecard": scorecard,
        "groups": groups,
        "can_manage": manager,
        "editable": editable,
        "commands": workflow.allowed_commands(scorecard.status) if manager else [],
        "own_units": assessing_units(request.user, scorecard),
        "verify_levels": levels,
        "head_units": [
            m.unit for m in members if HEAD in levels and can_verify(request.user, scorecard, m.unit, HEAD)
        ],
        "progress": selectors.scorecard_progress(scorecard) if manager else [],
        "can_see_results": can_see_results(request.user, scorecard),
        "events": scorecard.events.select_related("actor"),
        "note_form": NoteForm(),
    }
    if editable:
        context["group_form"] = GroupForm()
        context["criterion_form"] = CriterionForm(groups=scorecard.groups.order_by("number"))
    context.update(extra)
    return context


@login_required
def scorecard_detail(request: HttpRequest, scorecard_id: int) -> HttpResponse:
    """Show the scorecard's criteria and, to its managers, the builder and the members' progress."""
    scorecard = access_scorecard(request.user, scorecard_id)
    return render(request, "scoring/scorecard_detail.html", _builder_context(request, scorecard))


@login_required
@require_POST
def group_add(request: HttpRequest, scorecard_id: int) -> HttpResponse:
    """Add a group of criteria."""
    scorecard = access_scorecard(request.user, scorecard_id, for_write=True)
    form = GroupForm(request.POST)
    if form.is_valid():
        try:
            services.group_add(actor=request.user, scorecard=scorecard, name=form.cleaned_data["name"])
            messages.success(request, _("Group added."))
            return redirect("scoring:scorecard_detail", scorecard_id=scorecard.pk)
        except ValidationFailed as exc:
            form_errors(form, exc)
    context = _builder_context(request, scorecard, group_form=form)
    return render(request, "scoring/scorecard_detail.html", context, status=400)


@login_required
@require_POST
def criterion_add(request: HttpRequest, scorecard_id: int) -> HttpResponse:
    """Add a criterion to a group."""
    scorecard = access_scorecard(request.user, scorecard_id, for_write=True)
    form = CriterionForm(request.POST, groups=scorecard.groups.all())
    if form.is_valid():
        data = dict(form.cleaned_data)
        group = data.pop("group")
        try:
            services.criterion_add(actor=request.user, group=group, **data)
            messages.success(request, _("Criterion added."))
            return redirect("scoring:scorecard_detail", scorecard_id=scorecard.pk)
        except ValidationFailed as exc:
            form_errors(form, exc)
    context = _builder_context(request, scorecard, criterion_form=form)
    return render(request, "scoring/scorecard_detail.html", context, status=400)


@login_required
@require_POST
def criterion_delete(request: HttpRequest, scorecard_id: int, criterion_id: int) -> HttpResponse:
    """Remove a criterion while drafting."""
    scorecard = access_scorecard(request.user, scorecard_id, for_write=True)
    criterion = Criterion.objects.filter(group__scorecard=scorecard, pk=criterion_id).first()
    if criterion is None:
        raise Http404
    try:
        services.criterion_delete(actor=request.user, criterion=criterion)
        messages.success(request, _("Criterion removed."))
    except ValidationFailed as exc:
        messages.error(request, str(exc))
    return redirect("scoring:scorecard_detail", scorecard_id=scorecard.pk)


TRANSITIONS = {
    workflow.Command.OPEN: services.scorecard_open,
    workflow.Command.START_VERIFICATION: services.scorecard_start_verification,
    workflow.Command.REOPEN: services.scorecard_reopen,
}


@login_required
@require_POST
def scorecard_transition(request: HttpRequest, scorecard_id: int, command: str) -> HttpResponse:
    """Move the scorecard on: open it, start verification or reopen it (publishing has its own screen)."""
    scorecard = access_scorecard(request.user, scorecard_id, for_write=True)
    service = TRANSITIONS.get(command)  # type: ignore[call-overload]
    if service is None:
        raise Http404
    form = NoteForm(request.POST)
    form.is_valid()
    try:
        service(actor=request.user, scorecard=scorecard, note=form.cleaned_data.get("note", ""))
        messages.success(request, _("The scorecard moved on."))
    except ValidationFailed as exc:
        messages.error(request, str(exc))
    return redirect("scoring:scorecard_detail", scorecard_id=scorecard.pk)

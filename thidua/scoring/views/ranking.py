"""The ranking screen (chart and table), computing it, and publishing the results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.permissions import active_memberships
from thidua.core.errors import NotFound, ValidationFailed
from thidua.scoring import selectors, services, workflow
from thidua.scoring.charts import horizontal_bars
from thidua.scoring.forms import NoteForm
from thidua.scoring.permissions import access_scorecard, can_see_results, is_cluster_manager

NAV = "clusters"


@login_required
def ranking(request: HttpRequest, scorecard_id: int) -> HttpResponse:
    """Show the cluster's ranking: a bar chart and a table; managers see it before publication."""
    scorecard = access_scorecard(request.user, scorecard_id)
    if not can_see_results(request.user, scorecard):
        raise NotFound("scorecard")
    rows = selectors.ranking_rows(scorecard)
    own = {m.unit_id for m in active_memberships(request.user)}
    chart = horizontal_bars([(r.unit.name, r.total, r.rank, r.unit_id in own or r.acclaimed) for r in rows])
    manager = is_cluster_manager(request.user, scorecard.cluster, year=scorecard.year)
    context = {
        "nav_active": NAV,
        "scorecard": scorecard,
        "rows": rows,
        "chart": chart,
        "can_manage": manager,
        "can_compute": manager and not scorecard.is_published,
        "can_publish": manager and scorecard.status == workflow.State.VERIFYING,
        "nominees": selectors.suggested_nominees(scorecard) if scorecard.is_published else [],
    }
    return render(request, "scoring/ranking.html", context)


@login_required
@require_POST
def ranking_compute(request: HttpRequest, scorecard_id: int) -> HttpResponse:
    """Recompute the ranking from the current scores."""
    scorecard = access_scorecard(request.user, scorecard_id, for_write=True)
    try:
        services.ranking_compute(scorecard=scorecard, actor=request.user)
        messages.success(request, _("Ranking computed."))
    except ValidationFailed as exc:
        messages.error(request, str(exc))
    return redirect("scoring:ranking", scorecard_id=scorecard.pk)


@login_required
@require_http_methods(["GET", "POST"])
def ranking_publish(request: HttpRequest, scorecard_id: int) -> HttpResponse:
    """Ask for confirmation, then publish the results and lock the scorecard."""
    scorecard = access_scorecard(request.user, scorecard_id, for_write=True)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm publication."))
        else:
            try:
                services.ranking_publish(
                    actor=request.user, scorecard=scorecard, note=form.cleaned_data["note"]
                )
            except ValidationFailed as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Results published."))
                return redirect("scoring:ranking", scorecard_id=scorecard.pk)
    return render(
        request, "scoring/publish_confirm.html", {"nav_active": NAV, "scorecard": scorecard, "form": form}
    )

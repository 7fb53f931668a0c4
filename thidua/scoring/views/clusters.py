"""Screens of clusters: the list, a cluster's members by year, its covenant and scorecards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.permissions import units_in_scope
from thidua.core.errors import ValidationFailed
from thidua.scoring import selectors, services
from thidua.scoring.forms import ClusterForm, CopyMembersForm, CovenantForm, MembershipForm, ScorecardForm
from thidua.scoring.models import ClusterMembership
from thidua.scoring.permissions import access_cluster, is_cluster_manager, manageable_owners, visible_clusters
from thidua.scoring.views._helpers import form_errors, year_param

NAV = "clusters"


@login_required
def cluster_list(request: HttpRequest) -> HttpResponse:
    """List the clusters the user may see."""
    clusters = selectors.cluster_list(visible_clusters(request.user))
    can_add = manageable_owners(request.user).exists()
    return render(
        request, "scoring/cluster_list.html", {"nav_active": NAV, "clusters": clusters, "can_add": can_add}
    )


@login_required
@require_http_methods(["GET", "POST"])
def cluster_create(request: HttpRequest) -> HttpResponse:
    """Create a cluster organised by a unit the user manages."""
    owners = manageable_owners(request.user)
    if not owners.exists():
        raise Http404
    form = ClusterForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            cluster = services.cluster_create(actor=request.user, **form.cleaned_data)
        except ValidationFailed as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Cluster created."))
            return redirect("scoring:cluster_detail", cluster_id=cluster.pk)
    return render(request, "scoring/cluster_form.html", {"nav_active": NAV, "form": form})


@login_required
def cluster_detail(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """Show a cluster: members of a year with their roles, the covenant and the scorecards."""
    cluster = access_cluster(request.user, cluster_id)
    years = selectors.cluster_years(cluster)
    year = year_param(request, years[0] if years else None)
    manager = is_cluster_manager(request.user, cluster, year=year)
    context = {
        "nav_active": NAV,
        "cluster": cluster,
        "years": years,
        "year": year,
        "members": selectors.cluster_members(cluster, year) if year else [],
        "covenant": selectors.cluster_covenant(cluster, year) if year else None,
        "scorecards": selectors.cluster_scorecards(cluster),
        "can_manage": manager,
    }
    if manager:
        initial = {"year": year}
        context["member_form"] = MembershipForm(units=units_in_scope(request.user), initial=initial)
        context["copy_form"] = CopyMembersForm(initial={"from_year": year, "to_year": (year or 0) + 1})
        context["covenant_form"] = CovenantForm(initial=initial)
        context["scorecard_form"] = ScorecardForm(
            scorecards=selectors.cluster_scorecards(cluster), initial={"year": year, "title": cluster.name}
        )
    return render(request, "scoring/cluster_detail.html", context)


def _back(cluster_id: int, year: object) -> HttpResponse:
    response = redirect("scoring:cluster_detail", cluster_id=cluster_id)
    if year:
        response["Location"] += f"?year={year}"
    return response


@login_required
@require_POST
def membership_add(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """Add a member for a year or change its role."""
    cluster = access_cluster(request.user, cluster_id, for_write=True)
    form = MembershipForm(request.POST, units=units_in_scope(request.user))
    if form.is_valid():
        try:
            services.membership_set(actor=request.user, cluster=cluster, **form.cleaned_data)
            messages.success(request, _("Member saved."))
        except ValidationFailed as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Check the member's unit, year and role."))
    return _back(cluster.pk, form.data.get("year"))


@login_required
@require_POST
def membership_remove(request: HttpRequest, cluster_id: int, membership_id: int) -> HttpResponse:
    """Take a member out of a year."""
    cluster = access_cluster(request.user, cluster_id, for_write=True)
    membership = (
        ClusterMembership.objects.filter(cluster=cluster, pk=membership_id).select_related("unit").first()
    )
    if membership is None:
        raise Http404
    try:
        services.membership_remove(actor=request.user, membership=membership)
        messages.success(request, _("Member removed."))
    except ValidationFailed as exc:
        messages.error(request, str(exc))
    return _back(cluster.pk, membership.year)


@login_required
@require_POST
def membership_copy(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """Carry one year's members into another."""
    cluster = access_cluster(request.user, cluster_id, for_write=True)
    form = CopyMembersForm(request.POST)
    if form.is_valid():
        try:
            n = services.membership_copy_year(actor=request.user, cluster=cluster, **form.cleaned_data)
            messages.success(request, _("%(n)s members carried over.") % {"n": n})
        except ValidationFailed as exc:
            messages.error(request, str(exc))
    return _back(cluster.pk, form.data.get("to_year"))


@login_required
@require_POST
def covenant_save(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """Record the covenant of a year."""
    cluster = access_cluster(request.user, cluster_id, for_write=True)
    form = CovenantForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.covenant_record(actor=request.user, cluster=cluster, **form.cleaned_data)
            messages.success(request, _("Covenant saved."))
        except ValidationFailed as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Check the covenant's year, date and file."))
    return _back(cluster.pk, form.data.get("year"))


@login_required
@require_POST
def scorecard_create(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """Start a scorecard for a year, empty or copied from an earlier one."""
    cluster = access_cluster(request.user, cluster_id, for_write=True)
    form = ScorecardForm(request.POST, scorecards=selectors.cluster_scorecards(cluster))
    if not form.is_valid():
        messages.error(request, _("Check the scorecard's year and title."))
        return _back(cluster.pk, form.data.get("year"))
    data = form.cleaned_data
    try:
        if data["copy_from"] is not None:
            scorecard = services.scorecard_copy(
                actor=request.user, source=data["copy_from"], year=data["year"], title=data["title"]
            )
        else:
            scorecard = services.scorecard_create(
                actor=request.user,
                cluster=cluster,
                year=data["year"],
                title=data["title"],
                bonus_cap=data["bonus_cap"],
            )
    except ValidationFailed as exc:
        messages.error(request, str(exc))
        return _back(cluster.pk, data["year"])
    messages.success(request, _("Scorecard created."))
    return redirect("scoring:scorecard_detail", scorecard_id=scorecard.pk)

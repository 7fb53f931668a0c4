"""The home page (a dashboard per role) and the areas that later releases fill."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from thidua.accounts.permissions import active_memberships
from thidua.reports.dashboard import dashboard_data
from thidua.reports.visuals import dashboard_charts
from thidua.web.context_processors import AREAS


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Show what waits for the user in each role, deadlines, movements in progress and the scope's charts."""
    on = timezone.localdate()
    data = dashboard_data(request.user, on=on)
    memberships = sorted(active_memberships(request.user), key=lambda m: (m.unit.path, m.role))
    context = {
        "memberships": memberships,
        "dashboard": data,
        "charts": dashboard_charts(data.paths, data.roles, on_year=on.year) if data.paths else [],
    }
    return render(request, "web/home.html", context)


@login_required
def area(request: HttpRequest, area: str) -> HttpResponse:
    """Show an area of the application that has no screens yet."""
    for key, label, _urlname, kwargs in AREAS:
        if kwargs.get("area") == area:
            return render(request, "web/area.html", {"nav_active": key, "area_label": label})
    raise Http404

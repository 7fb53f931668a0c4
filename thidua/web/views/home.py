"""The home page and the areas that later releases fill."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from thidua.accounts.permissions import active_memberships, people_in_scope, units_in_scope
from thidua.web.context_processors import AREAS


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Show the user's roles and what their units hold."""
    memberships = sorted(active_memberships(request.user), key=lambda m: (m.unit.path, m.role))
    context = {
        "memberships": memberships,
        "unit_count": units_in_scope(request.user).count(),
        "people_count": people_in_scope(request.user).count(),
    }
    return render(request, "web/home.html", context)


@login_required
def area(request: HttpRequest, area: str) -> HttpResponse:
    """Show an area of the application that has no screens yet."""
    for key, label, _urlname, kwargs in AREAS:
        if kwargs.get("area") == area:
            return render(request, "web/area.html", {"nav_active": key, "area_label": label})
    raise Http404

"""Report screens: the index, the year report (HTML, Excel, PDF), a movement's progress, targets by unit."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from thidua.accounts.permissions import access_unit, scope_paths, units_in_scope
from thidua.movements.permissions import access_movement, movements_in_scope
from thidua.organization.models import Unit
from thidua.reports import exports, selectors, visuals
from thidua.reports.forms import TargetsReportForm, YearReportForm

NAV = "reports"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _top_unit(request: HttpRequest) -> Unit:
    unit = units_in_scope(request.user).order_by("depth", "path").first()
    if unit is None:
        raise Http404
    return unit


def _pick(request: HttpRequest, form: Any, default_year: int) -> tuple[Unit, int]:
    """Read the validated filters; a unit outside the scope answers 404 like a missing one."""
    unit_id = request.GET.get("unit")
    unit = access_unit(request.user, unit_id) if unit_id else _top_unit(request)
    year = form.cleaned_data["year"] if form.is_valid() else default_year
    return unit, year


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """List the reports."""
    movements = movements_in_scope(request.user).select_related("launcher").order_by("-year", "title")[:50]
    return render(request, "reports/index.html", {"nav_active": NAV, "movements": movements})


def _year_report(request: HttpRequest) -> tuple[selectors.YearReport, YearReportForm]:
    paths = scope_paths(request.user)
    if not paths:
        raise Http404
    years = selectors.report_years(paths)
    default_year = years[0] if years else timezone.localdate().year - 1
    data = request.GET.copy()
    data.setdefault("year", str(default_year))
    form = YearReportForm(data, units=units_in_scope(request.user))
    unit, year = _pick(request, form, default_year)
    office = form.cleaned_data.get("office", "") if form.is_valid() else ""
    return selectors.year_report(root=unit, year=year, office=office), form


@login_required
def year_report(request: HttpRequest) -> HttpResponse:
    """Show the year's award statistics for a unit's subtree, with charts and downloads."""
    report, form = _year_report(request)
    context = {
        "nav_active": NAV,
        "form": form,
        "report": report,
        "charts": visuals.year_report_charts(report),
        "shares": [(visuals.share_label(s.group), s) for s in report.shares],
        "query": request.GET.urlencode(),
    }
    return render(request, "reports/year.html", context)


@login_required
def year_report_file(request: HttpRequest, fmt: str) -> HttpResponse:
    """Download the year report as Excel or PDF."""
    report, _form = _year_report(request)
    name = f"bao-cao-khen-thuong-{report.year}"
    if fmt == "xlsx":
        response = HttpResponse(exports.year_report_xlsx(report), content_type=XLSX)
    elif fmt == "pdf":
        response = HttpResponse(
            exports.year_report_pdf(report, on=timezone.localdate()), content_type="application/pdf"
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def movement_report(request: HttpRequest, movement_id: int) -> HttpResponse:
    """Show the progress of a movement: registrations, reviews, targets, cluster rankings."""
    movement = access_movement(request.user, movement_id)
    progress = selectors.movement_progress(movement)
    charts = [
        visuals.targets_chart(
            [selectors.TargetLine(r) for r in progress.targets],
            year=progress.targets_year,
            key="movement-targets",
        ),
    ]
    charts.extend(visuals.ranking_chart(r, key=f"ranking-{r.cluster.pk}") for r in progress.rankings)
    context = {"nav_active": NAV, "movement": movement, "progress": progress, "charts": charts}
    return render(request, "reports/movement.html", context)


def _targets(request: HttpRequest) -> tuple[list[selectors.TargetLine], TargetsReportForm, Unit, int]:
    scope = units_in_scope(request.user)
    years = selectors.target_years(scope)
    default_year = years[0] if years else timezone.localdate().year
    data = request.GET.copy()
    data.setdefault("year", str(default_year))
    form = TargetsReportForm(data, units=scope)
    unit, year = _pick(request, form, default_year)
    indicator = form.cleaned_data.get("indicator") if form.is_valid() else None
    units = Unit.objects.filter(path__startswith=unit.path)
    return selectors.targets_against_plan(units, year=year, indicator=indicator), form, unit, year


@login_required
def targets_report(request: HttpRequest) -> HttpResponse:
    """Show every unit's targets against plan for a year, with the change from the previous year."""
    lines, form, unit, year = _targets(request)
    context = {
        "nav_active": NAV,
        "form": form,
        "lines": lines,
        "unit": unit,
        "year": year,
        "chart": visuals.targets_chart(lines, year=year, limit=20),
        "query": request.GET.urlencode(),
    }
    return render(request, "reports/targets.html", context)


@login_required
def targets_report_file(request: HttpRequest) -> HttpResponse:
    """Download the targets against plan as Excel."""
    lines, _form, _unit, year = _targets(request)
    response = HttpResponse(exports.targets_xlsx(lines, year=year), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="chi-tieu-{year}.xlsx"'
    return response

"""Screens of targets: a unit's year with its chart and sentences, plan and actual forms, import, roll-up."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.core.errors import ValidationFailed
from thidua.organization.models import Unit
from thidua.targets import selectors, services, spreadsheets
from thidua.targets.chart import ChartItem, build_chart
from thidua.targets.forms import ActualForm, ActualsImportForm, TargetPlanForm
from thidua.targets.models import PeriodKind
from thidua.targets.permissions import (
    access_target,
    access_target_unit,
    can_write_targets,
    target_units,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request: HttpRequest, units: Any = None) -> int:
    try:
        year = int(request.GET.get("year", ""))
        if services.MIN_YEAR <= year <= services.MAX_YEAR:
            return year
    except ValueError:
        pass
    years = selectors.years_with_targets(units) if units is not None else []
    return years[0] if years else timezone.localdate().year


def _pick_unit(request: HttpRequest, *, for_write: bool = False) -> Unit:
    if request.GET.get("unit"):
        return access_target_unit(request.user, request.GET["unit"], for_write=for_write)
    unit = target_units(request.user, for_write=for_write).order_by("path").first()
    if unit is None:
        raise Http404
    return unit


def _overview_url(unit: Unit, year: int) -> str:
    return f"{reverse('targets:overview')}?{urlencode({'unit': unit.pk, 'year': year})}"


def _add_errors(form: Any, exc: ValidationFailed) -> None:
    form.add_error(None, str(exc))
    for name, errs in exc.errors.items():
        for e in errs:
            form.add_error(name if name in form.fields else None, e)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Show a unit's targets for a year: table, chart, and the generated sentences."""
    unit = _pick_unit(request)
    year = _year(request, target_units(request.user).filter(pk=unit.pk))
    rows = selectors.target_rows(unit=unit, year=year)
    chart = build_chart(
        ChartItem(
            label=r.indicator.name,
            unit_of_measure=r.indicator.unit_of_measure,
            decimals=r.indicator.decimals,
            planned=r.target.planned,
            actual=r.actual.value if r.actual else None,
            completion_pct=r.assessment.completion_pct,
            met=r.assessment.met_plan,
        )
        for r in rows
        if r.target.planned is not None  # "actual against plan" needs a plan
    )
    context = {
        "nav_active": "targets",
        "unit": unit,
        "year": year,
        "rows": rows,
        "chart": chart,
        "units": target_units(request.user).order_by("path")[:500],
        "years": sorted({year, *selectors.years_with_targets(target_units(request.user))}, reverse=True),
        "can_write": can_write_targets(request.user, unit),
        "has_children": unit.children.exists(),
        "paragraph": selectors.opening_assessment_paragraph(unit, year),
    }
    return render(request, "targets/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest) -> HttpResponse:
    """Set the plan of a unit the user may change, for an indicator and year."""
    writable = target_units(request.user, for_write=True)
    if not writable.exists():
        raise Http404
    initial: dict[str, Any] = {"year": _year(request)}
    if request.GET.get("unit"):
        initial["unit"] = access_target_unit(request.user, request.GET["unit"], for_write=True)
    if request.GET.get("indicator"):
        initial["indicator"] = request.GET["indicator"]
        unit = initial.get("unit")
        target = (
            selectors.targets_of([unit], year=initial["year"])
            .filter(indicator_id=request.GET["indicator"])
            .first()
            if unit is not None and request.GET["indicator"].isdigit()
            else None
        )
        if target is not None:
            initial.update(
                planned=target.planned,
                previous_actual=target.previous_actual,
                denominator=target.denominator,
                note=target.note,
            )
    form = TargetPlanForm(
        request.POST or None, units=writable, indicators=selectors.active_indicators(), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target = services.target_set(actor=request.user, **data)
        except ValidationFailed as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Plan saved."))
            return redirect(_overview_url(target.unit, target.year))
    return render(request, "targets/plan_form.html", {"nav_active": "targets", "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def actual_edit(request: HttpRequest, target_id: int) -> HttpResponse:
    """Report the actual of a target for a period."""
    target = access_target(request.user, target_id, for_write=True)
    initial = {"period": f"{PeriodKind.YEAR}:1", "reported_on": timezone.localdate()}
    form = ActualForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        kind, index = form.period_parts()
        try:
            services.actual_report(
                actor=request.user,
                target=target,
                period_kind=kind,
                period_index=index,
                value=form.cleaned_data["value"],
                denominator=form.cleaned_data["denominator"],
                reported_on=form.cleaned_data["reported_on"],
            )
        except ValidationFailed as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Actual saved."))
            return redirect(_overview_url(target.unit, target.year))
    actuals = sorted(target.actuals.all(), key=lambda a: (a.period_end_month, a.period_kind))
    context = {"nav_active": "targets", "form": form, "target": target, "actuals": actuals}
    return render(request, "targets/actual_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def actuals_import(request: HttpRequest) -> HttpResponse:
    """Import actuals from a spreadsheet: check first, then record all rows or none."""
    writable = target_units(request.user, for_write=True)
    if not writable.exists():
        raise Http404
    form = ActualsImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = spreadsheets.import_actuals(
            upload.file,
            actor=request.user,
            size=upload.size,
            max_bytes=settings.IMPORT_MAX_BYTES,
            units_by_code={u.code: u for u in writable},
            on=timezone.localdate(),
            dry_run=form.cleaned_data["dry_run"],
        )
        if report.created:
            messages.success(request, _("Recorded %(n)s actuals.") % {"n": report.created})
    context = {
        "nav_active": "targets",
        "form": form,
        "report": report,
        "columns": spreadsheets.COLUMNS,
        "year": _year(request),
    }
    return render(request, "targets/import.html", context)


@login_required
def actuals_import_template(request: HttpRequest) -> HttpResponse:
    """Download the targets of the user's writable units for a year, ready to fill in."""
    writable = target_units(request.user, for_write=True)
    year = _year(request)
    data = spreadsheets.export_template(selectors.targets_of(writable, year=year))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-so-lieu-chi-tieu-{year}.xlsx"'
    return response


@login_required
def rollup(request: HttpRequest) -> HttpResponse:
    """Show each indicator added up from the units below a parent unit, with the units missing."""
    unit = _pick_unit(request)
    year = _year(request, target_units(request.user))
    context = {
        "nav_active": "targets",
        "unit": unit,
        "year": year,
        "rollups": selectors.rollups(unit, year),
        "units": target_units(request.user).filter(children__isnull=False).distinct().order_by("path")[:500],
    }
    return render(request, "targets/rollup.html", context)

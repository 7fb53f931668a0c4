"""Screens of the award register: list, person and unit timelines, records by hand, revocation, imports."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from thidua.awards import forms as f
from thidua.awards import selectors, services, spreadsheets
from thidua.awards.cases import unit_subject_kind
from thidua.awards.models import Award, SubjectKind
from thidua.awards.permissions import (
    access_award,
    access_recheck,
    access_register_person,
    access_register_unit,
    can_write_register,
    register_units,
)
from thidua.awards.spreadsheets.reader import template_workbook
from thidua.core.errors import ValidationFailed
from thidua.organization.models import Person, Unit
from thidua.organization.selectors import paginate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NAV = "register"


def _add_errors(form: Any, exc: ValidationFailed) -> None:
    form.add_error(None, str(exc))
    for name, errs in exc.errors.items():
        for e in errs:
            form.add_error(name if name in form.fields else None, e)


def _filtered(request: HttpRequest) -> tuple[f.RegisterFilterForm, Any]:
    units = register_units(request.user)
    form = f.RegisterFilterForm(request.GET or None, units=units)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.award_list(
        units,
        year=data.get("year"),
        award_code=data.get("award") or "",
        unit=data.get("unit"),
        status=data.get("status") or "",
    )
    return form, qs


@login_required
def register(request: HttpRequest) -> HttpResponse:
    """List the awards of the people and collectives in the user's scope, with filters."""
    form, qs = _filtered(request)
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "nav_active": NAV,
        "form": form,
        "page": paginate(qs, page=number),
        "query_string": f"{params.urlencode()}&" if params else "",
        "export_query": params.urlencode(),
        "can_write": register_units(request.user, for_write=True).exists(),
    }
    return render(request, "awards/register.html", context)


@login_required
def register_export(request: HttpRequest) -> HttpResponse:
    """Download the filtered register in the import layout."""
    _form, qs = _filtered(request)
    response = HttpResponse(spreadsheets.export_awards(qs[:50_000]), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="so-khen-thuong.xlsx"'
    return response


@login_required
def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    """Show a person's register as a vertical timeline, with what they are on track for."""
    person = access_register_person(request.user, person_id)
    context = {
        "nav_active": NAV,
        "person": person,
        "timeline": selectors.person_timeline(person),
        "on_track": selectors.on_track(person, on=timezone.localdate()),
        "can_write": can_write_register(request.user, person.unit),
        "kinds": PERSON_RECORDS,
    }
    return render(request, "awards/person.html", context)


@login_required
def unit_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Show a collective's register as a timeline, including the awards of the units it came from."""
    unit = access_register_unit(request.user, unit_id)
    context = {
        "nav_active": NAV,
        "unit": unit,
        "timeline": selectors.unit_timeline(unit),
        "can_write": can_write_register(request.user, unit),
        "kinds": UNIT_RECORDS,
    }
    return render(request, "awards/unit.html", context)


# -- records by hand -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RecordKind:
    """A kind of record that can be entered by hand on a subject's page."""

    title: Any
    form: type[f.StyledForm]
    save: Callable[[Any, Any, dict[str, Any]], Any]


def _save_award(actor: Any, subject: Person | Unit, data: dict[str, Any]) -> Any:
    if isinstance(subject, Person):
        target: dict[str, Any] = {"subject_kind": SubjectKind.INDIVIDUAL, "person": subject}
    else:
        target = {"subject_kind": unit_subject_kind(subject, data["award_code"]), "unit": subject}
    return services.award_record(actor=actor, **target, source_ref="manual", **data)


def _rating(setter: Callable[..., Any], key: str) -> Callable[[Any, Any, dict[str, Any]], Any]:
    return lambda actor, subject, data: setter(actor=actor, **{key: subject}, source="manual", **data)


PERSON_RECORDS: dict[str, RecordKind] = {
    "khen-thuong": RecordKind(gettext_lazy("Award"), f.AwardForm, _save_award),
    "danh-gia": RecordKind(
        gettext_lazy("Evaluation"), f.EvaluationForm, _rating(services.evaluation_set, "person")
    ),
    "sang-kien": RecordKind(
        gettext_lazy("Initiative"),
        f.InitiativeForm,
        lambda actor, p, d: services.initiative_record(actor=actor, person=p, **d),
    ),
    "de-tai": RecordKind(
        gettext_lazy("Research project"),
        f.ResearchForm,
        lambda actor, p, d: services.research_record(actor=actor, person=p, **d),
    ),
    "ky-luat": RecordKind(
        gettext_lazy("Discipline"),
        f.DisciplineRecordForm,
        lambda actor, p, d: services.discipline_record(actor=actor, person=p, **d),
    ),
    "theo-doi": RecordKind(
        gettext_lazy("Investigation or complaint"),
        f.FlagForm,
        lambda actor, p, d: services.person_flag_record(actor=actor, person=p, **d),
    ),
}
UNIT_RECORDS: dict[str, RecordKind] = {
    "khen-thuong": PERSON_RECORDS["khen-thuong"],
    "danh-gia": RecordKind(
        gettext_lazy("Evaluation"), f.EvaluationForm, _rating(services.unit_evaluation_set, "unit")
    ),
}


def _record(request: HttpRequest, subject: Person | Unit, kind: RecordKind, back: str) -> HttpResponse:
    form = kind.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kind.save(request.user, subject, dict(form.cleaned_data))
        except ValidationFailed as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Recorded in the register."))
            return redirect(back)
    context = {"nav_active": NAV, "form": form, "subject": subject, "kind": kind, "back": back}
    return render(request, "awards/record_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_record(request: HttpRequest, person_id: int, kind: str) -> HttpResponse:
    """Record an award, evaluation, initiative, research project, discipline or flag for a person."""
    if kind not in PERSON_RECORDS:
        raise Http404
    person = access_register_person(request.user, person_id, for_write=True)
    return _record(request, person, PERSON_RECORDS[kind], reverse("awards:person", args=[person.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def unit_record(request: HttpRequest, unit_id: int, kind: str) -> HttpResponse:
    """Record an award or an evaluation for a collective."""
    if kind not in UNIT_RECORDS:
        raise Http404
    unit = access_register_unit(request.user, unit_id, for_write=True)
    return _record(request, unit, UNIT_RECORDS[kind], reverse("awards:unit", args=[unit.pk]))


# -- revocation ----------------------------------------------------------------------------------------
def _subject_url(award: Award) -> str:
    target = selectors.subject_of(award)
    name = "awards:person" if target["kind"] == "person" else "awards:unit"
    return reverse(name, args=[target["id"]]) if target["id"] else reverse("awards:register")


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, award_id: int) -> HttpResponse:
    """Revoke an award (Luật Điều 93 k2) and list the later awards that relied on it."""
    award = access_award(request.user, award_id, for_write=True)
    if award.is_revoked:
        messages.info(request, _("This award has already been revoked."))
        return redirect(_subject_url(award))
    form = f.RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.award_revoke(actor=request.user, award=award, **form.cleaned_data)
        except ValidationFailed as exc:
            _add_errors(form, exc)
        else:
            n = selectors.rechecks_opened_by(award).count()
            messages.success(
                request,
                _("The award was revoked. %(n)s later awards are flagged for re-checking.") % {"n": n},
            )
            return redirect(_subject_url(award))
    context = {
        "nav_active": NAV,
        "form": form,
        "award": award,
        "dependents": selectors.dependents_of(award),
        "back": _subject_url(award),
    }
    return render(request, "awards/revoke.html", context)


@login_required
@require_POST
def recheck_close(request: HttpRequest, recheck_id: int) -> HttpResponse:
    """Close a re-check flag with the review's conclusion."""
    recheck = access_recheck(request.user, recheck_id, for_write=True)
    form = f.RecheckCloseForm(request.POST)
    if form.is_valid():
        try:
            services.award_recheck_close(actor=request.user, recheck=recheck, note=form.cleaned_data["note"])
        except ValidationFailed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The re-check was closed."))
    else:
        messages.error(request, _("Say what the review concluded."))
    return redirect(_subject_url(recheck.award))


# -- imports -------------------------------------------------------------------------------------------
IMPORTS = {
    "khen-thuong": (
        spreadsheets.import_awards,
        spreadsheets.AWARD_COLUMNS,
        gettext_lazy("Import earlier awards"),
    ),
    "danh-gia": (
        spreadsheets.import_evaluations,
        spreadsheets.EVALUATION_COLUMNS,
        gettext_lazy("Import evaluations"),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def register_import(request: HttpRequest, kind: str) -> HttpResponse:
    """Import awards or evaluations: check first, then record all rows or none."""
    if kind not in IMPORTS:
        raise Http404
    writable = register_units(request.user, for_write=True)
    if not writable.exists():
        raise Http404
    run, columns, title = IMPORTS[kind]
    form = f.ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = run(
            upload.file,
            actor=request.user,
            size=upload.size,
            max_bytes=settings.IMPORT_MAX_BYTES,
            units=writable,
            dry_run=form.cleaned_data["dry_run"],
        )
    context = {
        "nav_active": NAV,
        "form": form,
        "report": report,
        "columns": columns,
        "title": title,
        "kind": kind,
        "template_url": reverse("awards:import_template", args=[kind]),
    }
    return render(request, "awards/import.html", context)


@login_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    """Download an empty workbook with the headings of an import."""
    if kind not in IMPORTS:
        raise Http404
    _run, columns, _title = IMPORTS[kind]
    response = HttpResponse(template_workbook(columns), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-{kind}.xlsx"'
    return response

"""Screens of the organisation registry: units, people, administrative units and ethnic groups."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.permissions import (
    REGISTRY_WRITERS,
    access_person,
    access_unit,
    can_write_registry,
    people_in_scope,
    scope_paths,
    units_in_scope,
)
from thidua.core.audit import history_for
from thidua.core.errors import ValidationFailed
from thidua.core.text import clean_text, fold
from thidua.organization import selectors, services, spreadsheets
from thidua.organization.models import AdminUnit, Ethnicity, Person
from thidua.web.forms import PeopleImportForm, PersonForm, UnitForm


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    """List the units in the user's scope as an indented tree, with search."""
    query = clean_text(request.GET.get("q", ""))
    qs = selectors.unit_list(units_in_scope(request.user), query=query)
    page = selectors.paginate(qs, page=_page_number(request), per_page=100)
    base_depth = min((u.depth for u in page.items), default=0)
    rows = [(u, u.depth - base_depth) for u in page.items]
    can_add = bool(units_in_scope(request.user, roles=REGISTRY_WRITERS).exists())
    return render(
        request,
        "organization/unit_list.html",
        {"nav_active": "units", "rows": rows, "page": page, "q": query, "can_add": can_add},
    )


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Show a unit, its sub-units, people, lineage and history."""
    unit = access_unit(request.user, unit_id)
    children = list(unit.children.order_by("sort_key"))
    counts = selectors.unit_people_count([unit, *children])
    context = {
        "nav_active": "units",
        "unit": unit,
        "children": [(c, counts.get(c.pk, 0)) for c in children],
        "people_here": counts.get(unit.pk, 0),
        "lineage": selectors.unit_lineage(unit),
        "history": history_for(unit)[:50],
        "can_edit": can_write_registry(request.user, unit),
    }
    return render(request, "organization/unit_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, unit_id: int | None = None) -> HttpResponse:
    """Create a unit (under one the user may change) or edit one."""
    unit = access_unit(request.user, unit_id, for_write=True) if unit_id else None
    writable = units_in_scope(request.user, roles=REGISTRY_WRITERS)
    if not writable.exists():
        raise Http404
    initial = {}
    if unit is not None:
        initial = {
            f: getattr(unit, f)
            for f in ("code", "name", "short_name", "abbreviation", "kind", "place_name", "email")
        }
        initial["parent"] = unit.parent
    elif request.GET.get("parent"):
        initial["parent"] = request.GET["parent"]
    form = UnitForm(request.POST or None, units=writable, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if unit is None:
                unit = services.unit_create(actor=request.user, **data)
                messages.success(request, _("Unit created."))
            else:
                if data["parent"] and data["parent"].pk == unit.pk:
                    raise ValidationFailed(_("A unit cannot be its own parent."))
                unit = services.unit_update(actor=request.user, unit=unit, **data)
                messages.success(request, _("Unit saved."))
            return redirect("web:unit_detail", unit_id=unit.pk)
        except ValidationFailed as exc:
            form.add_error(None, str(exc))
            for name, errs in exc.errors.items():
                for e in errs:
                    form.add_error(name if name in form.fields else None, e)
    return render(request, "organization/unit_form.html", {"nav_active": "units", "form": form, "unit": unit})


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    """List people in scope with accent-insensitive search, Vietnamese order and pagination."""
    query = clean_text(request.GET.get("q", ""))
    unit = None
    if request.GET.get("unit"):
        unit = access_unit(request.user, request.GET["unit"])
    qs = selectors.person_list(people_in_scope(request.user), query=query, unit=unit)
    if request.GET.get("format") == "xlsx":
        data = spreadsheets.export_people(qs.iterator(chunk_size=2000))
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = 'attachment; filename="danh-sach-ca-nhan.xlsx"'
        return response
    page = selectors.person_page(
        scope_paths(request.user), query=query, unit=unit, page=_page_number(request), per_page=50
    )
    can_add = units_in_scope(request.user, roles=REGISTRY_WRITERS).exists()
    context = {"nav_active": "people", "page": page, "q": query, "unit": unit, "can_add": can_add}
    template = "organization/_person_rows.html" if request.htmx else "organization/person_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """Show a person with their unit history and audit history."""
    person = access_person(request.user, person_id)
    context = {
        "nav_active": "people",
        "person": person,
        "memberships": person.memberships.select_related("unit").order_by("-valid_from"),
        "history": history_for(person)[:50],
        "can_edit": can_write_registry(request.user, person.unit),  # type: ignore[arg-type]
    }
    return render(request, "organization/person_detail.html", context)


_PERSON_FIELDS = (
    "family_name",
    "middle_name",
    "given_name",
    "full_name",
    "sex",
    "date_of_birth",
    "ethnicity",
    "id_number",
    "position",
    "is_direct_worker",
)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    """Create a person in a unit the user may change, or edit one."""
    person: Person | None = access_person(request.user, person_id, for_write=True) if person_id else None
    writable = units_in_scope(request.user, roles=REGISTRY_WRITERS)
    if not writable.exists():
        raise Http404
    initial: dict[str, object] = {}
    if person is not None:
        initial = {f: getattr(person, f) for f in _PERSON_FIELDS}
        initial["unit"] = person.unit
    elif request.GET.get("unit"):
        initial["unit"] = request.GET["unit"]
    form = PersonForm(request.POST or None, units=writable, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        try:
            if person is None:
                person = services.person_create(actor=request.user, unit=unit, **data)
                messages.success(request, _("Person created."))
            else:
                person = services.person_update(actor=request.user, person=person, **data)
                if unit.pk != person.unit_id:
                    services.person_move(
                        actor=request.user, person=person, unit=unit, on=timezone.localdate()
                    )
                messages.success(request, _("Person saved."))
            return redirect("web:person_detail", person_id=person.pk)
        except ValidationFailed as exc:
            form.add_error(None, str(exc))
            for name, errs in exc.errors.items():
                for e in errs:
                    form.add_error(name if name in form.fields else None, e)
    return render(
        request, "organization/person_form.html", {"nav_active": "people", "form": form, "person": person}
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_import(request: HttpRequest) -> HttpResponse:
    """Import people from a spreadsheet: check first, then import all rows or none."""
    writable = units_in_scope(request.user, roles=REGISTRY_WRITERS)
    if not writable.exists():
        raise Http404
    form = PeopleImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = spreadsheets.import_people(
            upload.file,
            actor=request.user,
            size=upload.size,
            max_bytes=settings.IMPORT_MAX_BYTES,
            units_by_code={u.code: u for u in writable},
            dry_run=form.cleaned_data["dry_run"],
        )
        if report.created:
            messages.success(request, _("Imported %(n)s people.") % {"n": report.created})
    return render(
        request,
        "organization/person_import.html",
        {"nav_active": "people", "form": form, "report": report, "columns": spreadsheets.COLUMNS},
    )


@login_required
def person_import_template(request: HttpRequest) -> HttpResponse:
    """Download an empty spreadsheet with the import headings."""
    data = spreadsheets.export_people([])
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ca-nhan.xlsx"'
    return response


@login_required
def admin_unit_list(request: HttpRequest) -> HttpResponse:
    """Browse administrative units, current or on a past date; names always show their province."""
    query = clean_text(request.GET.get("q", ""))
    on_text = request.GET.get("on", "")
    try:
        on = date.fromisoformat(on_text) if on_text else timezone.localdate()
    except ValueError:
        on = timezone.localdate()
    qs = selectors.admin_units_valid_on(on).select_related("parent").order_by("code")
    if query:
        qs = qs.filter(search_key__contains=fold(query))
    page = selectors.paginate(qs, page=_page_number(request), per_page=100)
    return render(
        request,
        "organization/admin_unit_list.html",
        {"nav_active": "admin_units", "page": page, "q": query, "on": on},
    )


@login_required
def admin_unit_detail(request: HttpRequest, admin_unit_id: int) -> HttpResponse:
    """Show an administrative unit with its predecessors, successors and today's successors."""
    try:
        unit = AdminUnit.objects.select_related("parent").get(pk=admin_unit_id)
    except AdminUnit.DoesNotExist:
        raise Http404 from None
    today = timezone.localdate()
    context = {
        "nav_active": "admin_units",
        "unit": unit,
        "children": unit.children.order_by("code"),
        "predecessors": unit.predecessors.select_related("parent").order_by("code"),
        "successors": unit.successors.select_related("parent").order_by("code"),
        "current": selectors.admin_unit_successors_on(unit, today) if not unit.is_valid_on(today) else [],
    }
    return render(request, "organization/admin_unit_detail.html", context)


@login_required
def ethnicity_list(request: HttpRequest) -> HttpResponse:
    """List the 54 ethnic groups."""
    return render(
        request,
        "organization/ethnicity_list.html",
        {"nav_active": "ethnicities", "ethnicities": Ethnicity.objects.all()},
    )

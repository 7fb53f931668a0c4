"""Decision screens: list, draft (by hand or from council outcomes), the decision page, issue, cancel.

Thin: parse → gate → one service or selector → render. Files are in downloads.py, layouts in
layout_views.py.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.errors import DomainError, NotFound
from thidua.decisions import register, selectors, services
from thidua.decisions.forms import CreateForm, DecisionForm, IssueForm, LineForm, ReasonForm
from thidua.decisions.models import DecisionStatus
from thidua.decisions.permissions import access_decision, can_draft, can_issue, drafting_authorities
from thidua.organization.models import Person, Unit

NAV = "decisions"
_TEXT_FIELDS = list(DecisionForm.base_fields)


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    """List the decisions of authorities in the user's scope."""
    status = request.GET.get("status", "")
    year = request.GET.get("year", "")
    decisions = selectors.decision_list(
        request.user,
        status=status if status in DecisionStatus.values else "",
        year=int(year) if year.isdigit() else None,
    )[:300]
    return render(
        request,
        "decisions/list.html",
        {
            "nav_active": NAV,
            "decisions": decisions,
            "statuses": DecisionStatus.choices,
            "status": status,
            "year": year,
            "can_create": drafting_authorities(request.user).exists(),
        },
    )


def _texts(form: DecisionForm) -> dict[str, Any]:
    data = {k: form.cleaned_data[k] for k in _TEXT_FIELDS}
    for name in ("legal_bases", "proposed_by", "executors", "recipients", "authority_title"):
        if not data.get(name):
            data.pop(name)  # the service fills in the usual wording
    return data


@login_required
def decision_create(request: HttpRequest) -> HttpResponse:
    """Draft an empty decision for an authority where the user drafts."""
    authorities = drafting_authorities(request.user)
    if not authorities.exists():
        raise Http404
    form = CreateForm(request.POST or None, authorities=authorities, initial={"signer_title": "Chủ tịch"})
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_create(
                actor=request.user, authority_unit=form.cleaned_data["authority_unit"], **_texts(form)
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Decision drafted. Add the lines next."))
            return redirect("decisions:detail", decision_id=decision.pk)
    return render(request, "decisions/form.html", {"nav_active": NAV, "form": form, "decision": None})


@login_required
def decision_from_nominees(request: HttpRequest) -> HttpResponse:
    """Draft a decision from the nominees the council approved for one authority."""
    authorities = drafting_authorities(request.user)
    chosen = request.GET.get("authority") or request.POST.get("authority_unit")
    authority = authorities.filter(pk=chosen).first() if chosen and chosen.isdigit() else authorities.first()
    if authority is None:
        raise Http404
    nominees = list(register.ready_nominees(authority))
    form = CreateForm(
        request.POST or None,
        authorities=authorities,
        initial={"authority_unit": authority, "signer_title": "Chủ tịch"},
    )
    if request.method == "POST" and form.is_valid():
        picked_ids = {int(x) for x in request.POST.getlist("nominee") if x.isdigit()}
        picked = [n for n in nominees if n.pk in picked_ids]
        try:
            decision = services.decision_draft_from_nominees(
                actor=request.user, authority_unit=authority, nominees=picked, **_texts(form)
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Decision drafted from %(count)s nominee(s).") % {"count": len(picked)}
            )
            return redirect("decisions:detail", decision_id=decision.pk)
    context = {
        "nav_active": NAV,
        "form": form,
        "authority": authority,
        "authorities": authorities,
        "nominees": nominees,
    }
    return render(request, "decisions/from_nominees.html", context)


@login_required
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Show the decision: lines with prize money in the official order, total in words, actions."""
    decision = access_decision(request.user, decision_id)
    lines = list(selectors.decision_lines(decision).select_related("person", "unit"))
    editable = decision.status == DecisionStatus.DRAFT and can_draft(request.user, decision.authority_unit)
    units = Unit.objects.filter(path__startswith=decision.authority_unit.path).order_by("path")
    context = {
        "nav_active": NAV,
        "decision": decision,
        "groups": selectors.group_by_unit(lines),
        "totals": selectors.totals(lines),
        "award_names": {
            line.award_code: selectors.award_name(line.award_code, decision.decided_on) for line in lines
        },
        "editable": editable,
        "may_issue": decision.status == DecisionStatus.DRAFT and can_issue(request.user, decision),
        "line_form": LineForm(units=units, initial={"year": decision.achievement_year}) if editable else None,
        "issue_form": IssueForm(initial={"issued_on": decision.decided_on}),
        "cancel_form": ReasonForm(),
        "events": decision.events.select_related("actor"),
        "has_certificates": any(selectors.has_certificate(line.award_code) for line in lines),
        "warnings": sorted({w for line in lines for w in line.prize.get("warnings", [])}),
    }
    return render(request, "decisions/detail.html", context)


@login_required
def decision_edit(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Edit a draft decision's texts and date."""
    decision = access_decision(request.user, decision_id, for_write=True)
    initial = {name: getattr(decision, name) for name in _TEXT_FIELDS}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(actor=request.user, decision=decision, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Decision saved."))
            return redirect("decisions:detail", decision_id=decision.pk)
    return render(request, "decisions/form.html", {"nav_active": NAV, "form": form, "decision": decision})


@login_required
@require_POST
def line_add(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Add one line by hand to a draft decision."""
    decision = access_decision(request.user, decision_id, for_write=True)
    units = Unit.objects.filter(path__startswith=decision.authority_unit.path)
    form = LineForm(request.POST, units=units)
    if not form.is_valid():
        messages.error(request, _("Check the line: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("decisions:detail", decision_id=decision.pk)
    data = form.cleaned_data
    spec: dict[str, Any] = {
        "subject_kind": data["subject_kind"],
        "award_code": data["award_code"],
        "year": data["year"] or decision.achievement_year,
        "achievement": data["achievement"],
    }
    try:
        if data["subject_kind"] == "INDIVIDUAL":
            person = Person.objects.filter(
                pk=data["person_id"] or 0, unit__path__startswith=decision.authority_unit.path
            ).first()
            if person is None:
                raise NotFound("person")
            spec["person"] = person
        else:
            spec["unit"] = data["unit"]
        services.decision_add_lines(actor=request.user, decision=decision, lines=[spec])
    except NotFound:
        messages.error(request, _("No such person in the authority's units."))
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Line added."))
    return redirect("decisions:detail", decision_id=decision.pk)


@login_required
@require_POST
def line_remove(request: HttpRequest, decision_id: int, line_id: int) -> HttpResponse:
    """Take a line off a draft decision."""
    decision = access_decision(request.user, decision_id, for_write=True)
    line = decision.lines.filter(pk=line_id).first()
    if line is None:
        raise Http404
    try:
        services.decision_remove_line(actor=request.user, line=line)
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("decisions:detail", decision_id=decision.pk)


@login_required
@require_POST
def decision_issue(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Issue the decision on the date given: number, register, certificates."""
    decision = access_decision(request.user, decision_id, for_write=True)
    if not can_issue(request.user, decision):
        raise Http404
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the issue date."))
        return redirect("decisions:detail", decision_id=decision.pk)
    try:
        issued = services.decision_issue(
            actor=request.user, decision=decision, issued_on=form.cleaned_data["issued_on"]
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Decision %(symbol)s issued.") % {"symbol": issued.symbol})
    return redirect("decisions:detail", decision_id=decision.pk)


@login_required
@require_POST
def decision_cancel(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Cancel a draft decision, with the reason."""
    decision = access_decision(request.user, decision_id, for_write=True)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason."))
        return redirect("decisions:detail", decision_id=decision.pk)
    try:
        services.decision_cancel(actor=request.user, decision=decision, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Decision cancelled."))
    return redirect("decisions:detail", decision_id=decision.pk)

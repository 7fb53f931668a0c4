"""Proposal screens: lists, drafting, the proposal page, commands, forwarding, public notice."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import scope_paths
from thidua.core.errors import DomainError
from thidua.organization.models import Unit
from thidua.proposals import selectors, services, workflow
from thidua.proposals.forms import CommentForm, DossierForm, ForwardForm, ProposalForm
from thidua.proposals.models import CouncilOutcome, DossierPartKind, Proposal, ProposalStatus
from thidua.proposals.permissions import access_proposal, authority_roles

from ._common import NAV, fail, today

VERDICT_CLASSES = {
    "eligible": "text-bg-success",
    "not_eligible": "text-bg-danger",
    "needs_review": "text-bg-warning",
}


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    """List my units' proposals and those I appraise, each with its deadline."""
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else None
    on = today()
    mine = list(selectors.proposal_list_mine(request.user, year=year)[:200])
    theirs = list(selectors.proposal_list_to_appraise(request.user, year=year)[:200])
    deadlines = {p.pk: selectors.deadline_info(p, on=on) for p in [*mine, *theirs]}
    return render(
        request,
        "proposals/list.html",
        {
            "nav_active": NAV,
            "mine": [(p, deadlines[p.pk]) for p in mine],
            "theirs": [(p, deadlines[p.pk]) for p in theirs],
            "year": year_text,
            "can_create": bool(scope_paths(request.user, workflow.PROPOSER_ROLES)),
        },
    )


def _authorities(unit: Unit) -> Any:
    ids = [int(x) for x in unit.path.strip("/").split("/")[:-1]]
    return Unit.objects.filter(pk__in=ids).order_by("-depth")


@login_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    """Draft a proposal for a unit the user proposes for."""
    paths = scope_paths(request.user, workflow.PROPOSER_ROLES)
    if not paths:
        raise Http404
    units = Unit.objects.filter(path__in=paths).order_by("path") | Unit.objects.filter(
        pk__in=[int(p.strip("/").split("/")[-1]) for p in paths]
    )
    chosen = units.filter(pk=request.POST.get("proposing_unit") or request.GET.get("unit") or 0).first()
    chosen = chosen or units.first()
    if chosen is None:
        raise Http404
    default = selectors.default_authority(chosen)
    initial = {"proposing_unit": chosen, "authority_unit": default, "year": today().year, "kind": "YEAR_END"}
    form = ProposalForm(request.POST or None, units=units, authorities=_authorities(chosen), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_create(actor=request.user, **data)
        except DomainError as exc:
            fail(request, exc)
        else:
            messages.success(request, _("Proposal drafted. Add the nominees and the dossier next."))
            return redirect("proposals:detail", proposal_id=proposal.pk)
    return render(request, "proposals/form.html", {"nav_active": NAV, "form": form})


def _nominee_rows(proposal: Proposal) -> list[dict[str, Any]]:
    rows = []
    for n in selectors.nominee_rows(proposal):
        kind = n.verdict_kind
        rows.append(
            {
                "nominee": n,
                "verdict": kind,
                "verdict_class": VERDICT_CLASSES.get(kind, "text-bg-secondary"),
                "reasons": n.verdict.get("reasons", []) if n.verdict else [],
                "parts": list(n.parts.all()),
            }
        )
    return rows


@login_required
def proposal_detail(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Show a proposal: status, deadline, nominees with verdicts, list checks, dossier, actions, events."""
    proposal = access_proposal(request.user, proposal_id)
    on = today()
    checks = selectors.proposal_checks(proposal, on=on)
    names = {n.pk: n.subject_name for n in checks.nominees}
    kinds = dict(DossierPartKind.choices)
    missing = [
        (names.get(m.nominee_key, ""), kinds.get(m.kind, m.kind), m.citation.text) for m in checks.missing
    ]
    duplicates = [(names.get(k, ""), reasons[0].message) for k, reasons in checks.blocking_duplicates.items()]
    editable = selectors.can_edit(request.user, proposal)
    nominees = proposal.nominees.filter(forwarded_to__isnull=True).order_by("order")
    context = {
        "nav_active": NAV,
        "proposal": proposal,
        "deadline": selectors.deadline_info(proposal, on=on),
        "commands": selectors.allowed_commands(request.user, proposal),
        "editable": editable,
        "rows": _nominee_rows(proposal),
        "caps": list(checks.list_checks.caps.reasons),
        "shares": checks.list_checks.shares,
        "missing": missing,
        "duplicates": duplicates,
        "proposal_parts": proposal.parts.filter(nominee__isnull=True),
        "dossier_form": DossierForm(nominees=nominees) if editable else None,
        "events": proposal.events.select_related("actor"),
        "supplements": proposal.supplements.all(),
        "notice": getattr(proposal, "notice", None),
        "children": proposal.forwarded_children.select_related("authority_unit"),
        "check_date": checks.on,
    }
    return render(request, "proposals/detail.html", context)


def _run(request: HttpRequest, proposal: Proposal, command: str) -> None:
    reason = request.POST.get("reason", "")
    on = today()
    actor = request.user
    if command == "submit":
        services.proposal_submit(actor=actor, proposal=proposal, on=on)
    elif command == "accept":
        services.proposal_accept_for_appraisal(actor=actor, proposal=proposal, on=on)
    elif command == "return":
        services.proposal_return_for_supplement(actor=actor, proposal=proposal, reasons=reason, on=on)
    elif command == "resubmit":
        services.proposal_resubmit(actor=actor, proposal=proposal, on=on)
    elif command == "send_to_council":
        services.proposal_send_to_council(actor=actor, proposal=proposal, on=on)
    elif command in {"council_done", "open_notice"}:
        services.proposal_mark_council_done(actor=actor, proposal=proposal, on=on)
    elif command == "publish_notice":
        services.public_notice_open(actor=actor, proposal=proposal, on=on)
    elif command == "close_notice":
        services.public_notice_close(actor=actor, proposal=proposal, on=on)
    elif command == "decide":
        services.proposal_mark_decided(
            actor=actor, proposal=proposal, decision_ref=request.POST.get("decision_ref", ""), on=on
        )
    elif command == "withdraw":
        services.proposal_withdraw(actor=actor, proposal=proposal, reason=reason, on=on)
    else:
        raise Http404


@login_required
@require_POST
def proposal_command(request: HttpRequest, proposal_id: int, command: str) -> HttpResponse:
    """Give a workflow command."""
    proposal = access_proposal(request.user, proposal_id, for_write=True)
    if command in {"forward", "forward_part"}:
        return redirect("proposals:forward", proposal_id=proposal.pk)
    try:
        _run(request, proposal, command)
    except DomainError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Done."))
    return redirect("proposals:detail", proposal_id=proposal.pk)


@login_required
@require_POST
def proposal_recheck(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Ask the register again for every nominee's eligibility."""
    proposal = access_proposal(request.user, proposal_id, for_write=True)
    services.proposal_check(actor=request.user, proposal=proposal, on=today())
    messages.success(request, _("Every nominee was checked again."))
    return redirect("proposals:detail", proposal_id=proposal.pk)


@login_required
def proposal_forward(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Send nominees beyond this authority's power to a higher authority, with their dossier."""
    proposal = access_proposal(request.user, proposal_id, for_write=True)
    if not authority_roles(request.user, proposal) & workflow.APPRAISER_ROLES:
        raise Http404
    nominees = (
        proposal.nominees.filter(forwarded_to__isnull=True, decided=False)
        .exclude(council_outcome=CouncilOutcome.REJECTED)
        .order_by("order")
    )
    up = [n.pk for n in nominees if "CT_UBND_XA" not in n.authority_offices]
    form = ForwardForm(
        request.POST or None,
        nominees=nominees,
        authorities=_authorities(proposal.authority_unit),
        initial={"nominees": up, "to_authority": _authorities(proposal.authority_unit).first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            linked = services.proposal_forward(
                actor=request.user,
                proposal=proposal,
                nominees=list(form.cleaned_data["nominees"]),
                to_authority=form.cleaned_data["to_authority"],
                on=today(),
            )
        except DomainError as exc:
            fail(request, exc)
        else:
            messages.success(
                request, _("Forwarded as a linked proposal to %(unit)s.") % {"unit": linked.authority_unit}
            )
            return redirect("proposals:detail", proposal_id=proposal.pk)
    return render(request, "proposals/forward.html", {"nav_active": NAV, "proposal": proposal, "form": form})


@login_required
def proposal_notice(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Show the published list with its window and comments; record a comment."""
    proposal = access_proposal(request.user, proposal_id)
    notice = getattr(proposal, "notice", None)
    if notice is None:
        raise Http404
    can_record = proposal.status == ProposalStatus.PUBLIC_NOTICE and bool(
        authority_roles(request.user, proposal) & workflow.APPRAISER_ROLES
    )
    form = CommentForm(request.POST or None) if can_record else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.notice_comment_add(actor=request.user, proposal=proposal, **form.cleaned_data)
        except DomainError as exc:
            fail(request, exc)
        else:
            messages.success(request, _("Comment recorded."))
            return redirect("proposals:notice", proposal_id=proposal.pk)
    approved = proposal.nominees.filter(council_outcome=CouncilOutcome.APPROVED, forwarded_to__isnull=True)
    return render(
        request,
        "proposals/notice.html",
        {
            "nav_active": NAV,
            "proposal": proposal,
            "notice": notice,
            "comments": notice.comments.all(),
            "nominees": approved.select_related("person", "unit", "household__head").order_by("order"),
            "form": form,
        },
    )

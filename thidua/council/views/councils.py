"""Council list and detail: members and sessions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import units_in_scope
from thidua.core.errors import DomainError
from thidua.council import selectors, services
from thidua.council.forms import CouncilForm, IssueForm, MemberForm, SessionForm
from thidua.council.models import CouncilMember
from thidua.council.permissions import access_council, can_run
from thidua.council.views._common import ctx, fail
from thidua.council.workflow import RUNNER_ROLES


@login_required
def council_list(request: HttpRequest) -> HttpResponse:
    """List the councils the user may see."""
    can_create = units_in_scope(request.user, roles=RUNNER_ROLES).exists()
    return render(
        request,
        "council/list.html",
        ctx(councils=selectors.council_list(request.user), can_create=can_create),
    )


@login_required
def council_create(request: HttpRequest) -> HttpResponse:
    """Set up a council for an authority where the user runs council work."""
    units = units_in_scope(request.user, roles=RUNNER_ROLES).order_by("path")
    if not units.exists():
        raise Http404
    form = CouncilForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            council = services.council_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            fail(request, exc)
        else:
            messages.success(request, _("Council set up. Seat its members next."))
            return redirect("council:detail", council_id=council.pk)
    return render(request, "council/form.html", ctx(form=form, title=_("New council")))


@login_required
def council_detail(request: HttpRequest, council_id: int) -> HttpResponse:
    """Show a council: its members and sessions; runners add members and plan sessions."""
    council = access_council(request.user, council_id)
    manage = can_run(request.user, council)
    member_form = MemberForm(request.POST if "add_member" in request.POST else None, prefix="m")
    session_form = SessionForm(request.POST if "add_session" in request.POST else None, prefix="s")
    if request.method == "POST":
        council = access_council(request.user, council_id, for_write=True)
        try:
            if "add_member" in request.POST and member_form.is_valid():
                data = member_form.cleaned_data
                services.member_add(
                    actor=request.user,
                    council=council,
                    user=data["username"],
                    role=data["role"],
                    title=data["title"],
                    valid_from=data["valid_from"],
                )
                messages.success(request, _("Member seated."))
                return redirect("council:detail", council_id=council.pk)
            if "add_session" in request.POST and session_form.is_valid():
                session = services.session_create(
                    actor=request.user, council=council, **session_form.cleaned_data
                )
                return redirect("council:session", session_id=session.pk)
        except DomainError as exc:
            fail(request, exc)
    return render(
        request,
        "council/detail.html",
        ctx(
            council=council,
            manage=manage,
            members=selectors.council_members(council),
            sessions=council.sessions.order_by("-held_on", "-pk"),
            member_form=member_form,
            session_form=session_form,
            leave_form=IssueForm(prefix="leave"),
        ),
    )


@login_required
@require_POST
def member_remove(request: HttpRequest, council_id: int, member_id: int) -> HttpResponse:
    """End a member's seat on the date given."""
    council = access_council(request.user, council_id, for_write=True)
    member = CouncilMember.objects.filter(council=council, pk=member_id).first()
    if member is None:
        raise Http404
    form = IssueForm(request.POST, prefix="leave")
    if form.is_valid():
        try:
            services.member_remove(actor=request.user, member=member, on=form.cleaned_data["issued_on"])
            messages.success(request, _("The member's seat ends on that day."))
        except DomainError as exc:
            fail(request, exc)
    else:
        messages.error(request, _("Enter the last day the member sits."))
    return redirect("council:detail", council_id=council.pk)

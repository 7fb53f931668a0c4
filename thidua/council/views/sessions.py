"""The session page: agenda with nominees and their eligibility, attendance, polls, minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.errors import DomainError
from thidua.council import minutes, selectors, services
from thidua.council.agenda import nominees_awaiting
from thidua.council.forms import AgendaItemForm, AttendanceForm, IssueForm, PollOpenForm
from thidua.council.models import ItemOutcome, SessionStatus
from thidua.council.permissions import access_session, can_run
from thidua.council.views._common import ctx, fail, file_response


@login_required
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    """Show the session; runners manage attendance, the agenda and polls from here."""
    session = access_session(request.user, session_id)
    manage = can_run(request.user, session.council)
    attendance = selectors.session_attendance(session)
    items = selectors.session_items(session).select_related("nominee__proposal")
    pending = items.filter(outcome=ItemOutcome.PENDING)
    return render(
        request,
        "council/session.html",
        ctx(
            session=session,
            council=session.council,
            manage=manage,
            attendance=attendance,
            items=items,
            polls=selectors.session_polls(session),
            awaiting=nominees_awaiting(session).count() if manage else 0,
            attendance_form=AttendanceForm(
                members=session.council.members.filter(pk__in=[a.member_id for a in attendance]),
                initial={"absent": [a.member_id for a in attendance if not a.present]},
            ),
            item_form=AgendaItemForm(),
            poll_form=PollOpenForm(items=pending),
            issue_form=IssueForm(initial={"issued_on": session.held_on}),
        ),
    )


def _back(session_id: int) -> HttpResponse:
    return redirect("council:session", session_id=session_id)


@login_required
@require_POST
def session_command(request: HttpRequest, session_id: int, command: str) -> HttpResponse:
    """Open or close the meeting."""
    session = access_session(request.user, session_id, for_write=True)
    action = {"open": services.session_open, "close": services.session_close}.get(command)
    if action is None:
        raise Http404
    try:
        action(actor=request.user, session=session)
    except DomainError as exc:
        fail(request, exc)
    return _back(session.pk)


@login_required
@require_POST
def session_attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    """Record who is absent."""
    session = access_session(request.user, session_id, for_write=True)
    members = session.council.members.filter(pk__in=session.attendance.values("member"))
    form = AttendanceForm(request.POST, members=members)
    if form.is_valid():
        try:
            services.session_set_attendance(
                actor=request.user, session=session, absent=form.cleaned_data["absent"]
            )
            messages.success(request, _("Attendance saved."))
        except DomainError as exc:
            fail(request, exc)
    return _back(session.pk)


@login_required
@require_POST
def agenda_add(request: HttpRequest, session_id: int) -> HttpResponse:
    """Add the nominees awaiting the council, or a labelled question."""
    session = access_session(request.user, session_id, for_write=True)
    try:
        if "nominees" in request.POST:
            added = services.agenda_add_nominees(actor=request.user, session=session)
            messages.success(request, _("%(n)s nominees added to the agenda.") % {"n": len(added)})
        else:
            form = AgendaItemForm(request.POST)
            if form.is_valid():
                services.agenda_add_item(actor=request.user, session=session, **form.cleaned_data)
            else:
                messages.error(request, _("Say what the council votes on."))
    except DomainError as exc:
        fail(request, exc)
    return _back(session.pk)


@login_required
@require_POST
def poll_open(request: HttpRequest, session_id: int) -> HttpResponse:
    """Open a poll on the chosen items."""
    session = access_session(request.user, session_id, for_write=True)
    form = PollOpenForm(request.POST, items=session.items.filter(outcome=ItemOutcome.PENDING))
    if not form.is_valid():
        messages.error(request, _("Choose the method and the items to vote on."))
        return _back(session.pk)
    try:
        poll = services.poll_open(actor=request.user, session=session, **form.cleaned_data)
    except DomainError as exc:
        fail(request, exc)
        return _back(session.pk)
    return redirect("council:poll", poll_id=poll.pk)


@login_required
def session_minutes(request: HttpRequest, session_id: int, fmt: str) -> HttpResponse:
    """Download the minutes: the issued document, or an unnumbered preview."""
    session = access_session(request.user, session_id)
    if fmt not in {"pdf", "docx"}:
        raise Http404
    if session.minutes_document_id:
        return redirect(f"documents:{fmt}", document_id=session.minutes_document_id)
    data = minutes.preview(session, minutes.minutes_content(session), fmt=fmt)
    return file_response(data, fmt=fmt, stem=f"bien-ban-hop-{session.pk}")


@login_required
@require_POST
def minutes_issue(request: HttpRequest, session_id: int) -> HttpResponse:
    """Issue the minutes of a closed session."""
    session = access_session(request.user, session_id, for_write=True)
    form = IssueForm(request.POST)
    if session.status != SessionStatus.CLOSED or not form.is_valid():
        messages.error(request, _("The minutes are issued after the session closes, with a date."))
        return _back(session.pk)
    try:
        document = minutes.session_issue_minutes(
            actor=request.user, session=session, issued_on=form.cleaned_data["issued_on"]
        )
        messages.success(request, _("Minutes %(symbol)s issued.") % {"symbol": document.symbol})
    except DomainError as exc:
        fail(request, exc)
    return _back(session.pk)

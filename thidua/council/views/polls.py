"""Poll screens: the phone ballot, the named vote, paper counts, closing, results, the count report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.errors import DomainError
from thidua.council import minutes, selectors, services
from thidua.council.forms import ChoicesForm, IssueForm, ReasonForm, paper_form, written_form
from thidua.council.models import Poll, PollMethod, PollStatus
from thidua.council.permissions import access_poll, can_run
from thidua.council.views._common import ctx, fail, file_response
from thidua.council.voting import PAPER_FIELDS


def _items(poll: Poll) -> list:
    return list(poll.items.select_related("nominee").order_by("order", "pk"))


def _back(poll: Poll) -> HttpResponse:
    return redirect("council:poll", poll_id=poll.pk)


@login_required
def poll_detail(request: HttpRequest, poll_id: int) -> HttpResponse:
    """Show a poll: its rule, the turnout while open, the voter's own state, and the runners' commands."""
    poll = access_poll(request.user, poll_id)
    manage = can_run(request.user, poll.session.council)
    written = None
    if manage and poll.is_open and poll.absentee_written_vote and poll.method != PollMethod.NAMED:
        written = written_form(items=_items(poll), prefix="w")
    return render(
        request,
        "council/poll.html",
        ctx(
            poll=poll,
            session=poll.session,
            manage=manage,
            items=_items(poll),
            turnout=selectors.poll_turnout(poll),
            state=selectors.poll_voter_state(poll, request.user),
            written_form=written,
            void_form=ReasonForm(),
            issue_form=IssueForm(initial={"issued_on": poll.session.held_on}),
        ),
    )


@login_required
def ballot(request: HttpRequest, poll_id: int) -> HttpResponse:
    """The secret ballot: one row per nominee; after voting, only "You have voted"."""
    poll = access_poll(request.user, poll_id)
    if poll.method != PollMethod.SECRET:
        raise Http404
    state = selectors.poll_voter_state(poll, request.user)
    form = None
    if state == "can_vote" and poll.is_open:
        form = ChoicesForm(request.POST or None, items=_items(poll))
        if request.method == "POST" and form.is_valid():
            try:
                services.secret_vote_cast(actor=request.user, poll=poll, choices=form.choices())
            except DomainError as exc:
                fail(request, exc)
            return redirect("council:ballot", poll_id=poll.pk)
    return render(request, "council/ballot.html", ctx(poll=poll, state=state, form=form))


@login_required
def named_vote(request: HttpRequest, poll_id: int) -> HttpResponse:
    """The named vote: a member votes, or a runner records a member's vote (show of hands, written)."""
    poll = access_poll(request.user, poll_id)
    if poll.method != PollMethod.NAMED:
        raise Http404
    manage = can_run(request.user, poll.session.council)
    members = selectors.session_attendance(poll.session) if manage else []
    form = ChoicesForm(request.POST or None, items=_items(poll)) if poll.is_open else None
    if request.method == "POST" and form is not None and form.is_valid():
        member_user = None
        if manage and request.POST.get("member"):
            chosen = next((a for a in members if str(a.member_id) == request.POST["member"]), None)
            if chosen is None:
                raise Http404
            member_user = chosen.member.user
        try:
            services.named_vote_cast(
                actor=request.user, poll=poll, choices=form.choices(), member_user=member_user
            )
            messages.success(request, _("Vote recorded."))
        except DomainError as exc:
            fail(request, exc)
        return redirect("council:named", poll_id=poll.pk)
    return render(
        request,
        "council/named.html",
        ctx(
            poll=poll,
            form=form,
            manage=manage,
            members=members,
            state=selectors.poll_voter_state(poll, request.user),
        ),
    )


@login_required
def paper_counts(request: HttpRequest, poll_id: int) -> HttpResponse:
    """The secretary enters the counts of the paper ballots."""
    poll = access_poll(request.user, poll_id, for_write=True)
    if poll.method != PollMethod.PAPER:
        raise Http404
    entered = selectors.poll_paper_counts(poll)
    initial = {f"i{k}_{n}": getattr(v, n) for k, v in entered.items() for n in PAPER_FIELDS}
    form = paper_form(request.POST or None, items=_items(poll), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_counts_enter(actor=request.user, poll=poll, counts=form.counts())
            messages.success(request, _("Counts saved."))
            return _back(poll)
        except DomainError as exc:
            fail(request, exc)
    return render(request, "council/paper.html", ctx(poll=poll, form=form))


@login_required
@require_POST
def written_counts(request: HttpRequest, poll_id: int) -> HttpResponse:
    """Record the absent members' written votes as counts."""
    poll = access_poll(request.user, poll_id, for_write=True)
    form = written_form(request.POST, items=_items(poll), prefix="w")
    if form.is_valid():
        try:
            services.written_counts_enter(actor=request.user, poll=poll, counts=form.counts())
            messages.success(request, _("Written votes saved."))
        except DomainError as exc:
            fail(request, exc)
    return _back(poll)


@login_required
@require_POST
def poll_command(request: HttpRequest, poll_id: int, command: str) -> HttpResponse:
    """Close the poll (tally) or void it with a reason."""
    poll = access_poll(request.user, poll_id, for_write=True)
    try:
        if command == "close":
            services.poll_close(actor=request.user, poll=poll)
            return redirect("council:results", poll_id=poll.pk)
        if command == "void":
            services.poll_void(actor=request.user, poll=poll, reason=request.POST.get("reason", ""))
        else:
            raise Http404
    except DomainError as exc:
        fail(request, exc)
    return _back(poll)


@login_required
def poll_results(request: HttpRequest, poll_id: int) -> HttpResponse:
    """Show the tally per nominee of a closed poll."""
    poll = access_poll(request.user, poll_id)
    try:
        results = selectors.poll_results(poll)
    except DomainError as exc:
        fail(request, exc)
        return _back(poll)
    named = selectors.poll_named_votes(poll) if poll.method == PollMethod.NAMED else None
    return render(
        request,
        "council/results.html",
        ctx(
            poll=poll,
            session=poll.session,
            results=results,
            named=named,
            manage=can_run(request.user, poll.session.council),
        ),
    )


@login_required
def count_report(request: HttpRequest, poll_id: int, fmt: str) -> HttpResponse:
    """Download the vote-count report: the issued document, or an unnumbered preview."""
    poll = access_poll(request.user, poll_id)
    if fmt not in {"pdf", "docx"} or poll.status != PollStatus.CLOSED:
        raise Http404
    if poll.count_document_id:
        return redirect(f"documents:{fmt}", document_id=poll.count_document_id)
    data = minutes.preview(poll.session, minutes.count_report_content(poll), fmt=fmt)
    return file_response(data, fmt=fmt, stem=f"bien-ban-kiem-phieu-{poll.pk}")


@login_required
@require_POST
def count_report_issue(request: HttpRequest, poll_id: int) -> HttpResponse:
    """Issue the vote-count report of a closed poll."""
    poll = access_poll(request.user, poll_id, for_write=True)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date of the report."))
        return redirect("council:results", poll_id=poll.pk)
    try:
        document = minutes.poll_issue_count_report(
            actor=request.user, poll=poll, issued_on=form.cleaned_data["issued_on"]
        )
        messages.success(request, _("Report %(symbol)s issued.") % {"symbol": document.symbol})
    except DomainError as exc:
        fail(request, exc)
    return redirect("council:results", poll_id=poll.pk)

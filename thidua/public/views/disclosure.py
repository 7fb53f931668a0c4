"""Public disclosure (công khai): the lists published for comments, and the citizen's comment form.

Comments go to the authority's officers (the proposal's public notice screen); they are never shown here.
"""

import time

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.errors import DomainError, ValidationFailed
from thidua.core.throttle import count_hit
from thidua.proposals.services import notice_comment_submit_public, notice_is_open
from thidua.proposals.services.notice import PUBLIC_CONTACT_MAX, PUBLIC_NAME_MAX, PUBLIC_TEXT_MAX
from thidua.public import selectors_public
from thidua.public.forms import errors_to_form
from thidua.public.views.verification import client_address

COMMENTS_PER_HOUR = 10
HONEYPOT = "website"


class CommentForm(forms.Form):
    """A citizen's comment on a published list; `website` is a trap for robots and must stay empty."""

    author_name = forms.CharField(label=_("Your full name"), max_length=PUBLIC_NAME_MAX)
    contact = forms.CharField(
        label=_("Telephone, e-mail or address (optional)"),
        max_length=PUBLIC_CONTACT_MAX,
        required=False,
        help_text=_("So that the officers can reply or ask for details. It is not published."),
    )
    text = forms.CharField(
        label=_("Your comment"),
        max_length=PUBLIC_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say which person or collective on the list the comment is about, and why."),
    )
    website = forms.CharField(required=False, label=_("Leave this field empty"))


def _allow_comment(request: HttpRequest) -> bool:
    key = f"thidua:public-comments:{client_address(request)}:{int(time.time() // 3600)}"
    return count_hit(key, window=3700) <= COMMENTS_PER_HOUR


def notices(request: HttpRequest) -> HttpResponse:
    """List the notices open for comments (ending soonest first), then the recently closed ones."""
    opened, closed = selectors_public.public_notices(on=timezone.localdate())
    return render(
        request, "public/notices.html", {"public_active": "notices", "opened": opened, "closed": closed}
    )


def notice_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Show a published list: who is proposed for which award, and the comment window."""
    notice, rows = selectors_public.public_notice(notice_id, on=timezone.localdate())
    return render(
        request, "public/notice_detail.html", {"public_active": "notices", "notice": notice, "rows": rows}
    )


def notice_comment(request: HttpRequest, notice_id: int) -> HttpResponse:
    """The comment form (POST with CSRF, a honeypot and a per-address limit)."""
    on = timezone.localdate()
    summary, _rows = selectors_public.public_notice(notice_id, on=on)
    notice = selectors_public.public_notice_for_comment(notice_id, on=on)
    form = CommentForm(request.POST or None)
    status = 200
    refused = (
        ""
        if notice_is_open(notice, on)
        else _("This list is not open for comments: its public notice period is over.")
    )
    if request.method == "POST" and not refused:
        if request.POST.get(HONEYPOT):
            return redirect("public:notice_comment_sent", notice_id=notice.pk)  # say nothing to a robot
        if not _allow_comment(request):
            refused, status = _("Too many comments from your connection. Please try again later."), 429
        elif form.is_valid():
            try:
                notice_comment_submit_public(
                    proposal=notice.proposal,
                    author_name=form.cleaned_data["author_name"],
                    contact=form.cleaned_data["contact"],
                    text=form.cleaned_data["text"],
                    on=on,
                )
            except ValidationFailed as exc:
                errors_to_form(form, exc)
            except DomainError as exc:
                refused = str(exc)
            else:
                return redirect("public:notice_comment_sent", notice_id=notice.pk)
    elif request.method == "POST":
        status = 409
    return render(
        request,
        "public/notice_comment.html",
        {"public_active": "notices", "notice": summary, "form": form, "refused": refused},
        status=status,
    )


def notice_comment_sent(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Thank the citizen; the comment goes to the officers of the authority."""
    notice, _rows = selectors_public.public_notice(notice_id, on=timezone.localdate())
    return render(request, "public/notice_comment_sent.html", {"public_active": "notices", "notice": notice})

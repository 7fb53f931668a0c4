"""The citizen's session on the portal (separate from staff sign-in)."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

from thidua.public.models import CitizenAccount
from thidua.public.services.accounts import account_for_session

SESSION_KEY = "citizen_id"


def current_citizen(request: HttpRequest) -> CitizenAccount | None:
    """Return the signed-in citizen, if any."""
    return account_for_session(request.session.get(SESSION_KEY))


def sign_in(request: HttpRequest, account: CitizenAccount) -> None:
    """Start a citizen session (a new session key, so a planted one is useless)."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = account.pk


def sign_out(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def citizen_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Send visitors without a verified citizen session to the sign-in page, then back."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        account = current_citizen(request)
        if account is None:
            return redirect(f"{reverse('public:login')}?{urlencode({'next': request.get_full_path()})}")
        if account.verified_at is None:
            return redirect("public:verify_account")
        request.citizen = account  # type: ignore[attr-defined]
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapper

"""The portal's landing page and the language choice."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def language(request: HttpRequest) -> HttpResponse:
    """Offer the language choice (a form, so that the cached pages carry no per-visitor token)."""
    nxt = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        nxt = "/cong-dan/"
    return render(request, "public/language.html", {"next": nxt})

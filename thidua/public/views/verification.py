"""Public verification of a certificate (by the QR code's token) or of a decision (by its number).

The answers are cacheable: GET only, no per-visitor token, an ETag computed from the answer itself and
`must-revalidate`, so a reload right after a revocation shows it. Look-ups by number are counted per
client address (enumeration resistance); the QR tokens are 128-bit random and need no counting.
"""

import hashlib
import re
import time
from dataclasses import astuple
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from thidua.core.text import clean_text
from thidua.core.throttle import count_hit
from thidua.decisions import selectors

LOOKUPS_PER_MINUTE = 30
CACHE_CONTROL = "public, max-age=0, must-revalidate"
_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(value: str) -> date | None:
    """Read a typed date: dd/mm/yyyy (also with dots or dashes, one-digit day or month) or yyyy-mm-dd."""
    text = clean_text(value or "").replace(" ", "")
    match = _DATE.match(text)
    iso = _ISO_DATE.match(text)
    try:
        if match:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    except ValueError:
        return None
    return None


class NumberForm(forms.Form):
    """A certificate number or a decision's số ký hiệu, with the decision's issue date."""

    number = forms.CharField(
        label=_("Number"),
        max_length=80,
        help_text=_("As printed: the certificate's number (05.012/QĐ-UBND) or the decision's (12/QĐ-UBND)."),
    )
    issued_on = forms.CharField(
        label=_("Date of the decision"), max_length=20, help_text=_("Day/month/year, for example 03/08/2026.")
    )
    authority = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean_number(self) -> str:
        number = clean_text(self.cleaned_data["number"])
        if (
            selectors.parse_certificate_number(number) is None
            and selectors.parse_decision_symbol(number) is None
        ):
            raise forms.ValidationError(
                _("Enter the number as printed, for example 05.012/QĐ-UBND or 12/QĐ-UBND.")
            )
        return number

    def clean_issued_on(self) -> date:
        on = parse_date(self.cleaned_data["issued_on"])
        if on is None:
            raise forms.ValidationError(_("Enter the date as day/month/year, for example 03/08/2026."))
        return on


def client_address(request: HttpRequest) -> str:
    """Return the address the look-ups are counted against (the proxy in front must set REMOTE_ADDR)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def allow_lookup(request: HttpRequest) -> bool:
    """Count one look-up by number for the client; tell whether it is within the limit this minute."""
    limit = int(getattr(settings, "THIDUA_PUBLIC_LOOKUPS_PER_MINUTE", LOOKUPS_PER_MINUTE))
    key = f"thidua:public-lookups:{client_address(request)}:{int(time.time() // 60)}"
    return count_hit(key, window=70) <= limit


def _etag(*parts: Any) -> str:
    digest = hashlib.sha256(repr((get_language(), *parts)).encode()).hexdigest()[:32]
    return f'"{digest}"'


def _cacheable(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


def _answer(
    request: HttpRequest, template: str, context: dict[str, Any], etag: str, status: int
) -> HttpResponse:
    if status == 200:
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return _cacheable(not_modified, etag)
    response = render(request, template, {"public_active": "verify", **context}, status=status)
    return _cacheable(response, etag)


def verify_token(request: HttpRequest, token: str) -> HttpResponse:
    """Show whether the certificate behind a QR code is valid, revoked or unknown (404)."""
    result = selectors.verify_token(token)
    status = 404 if result.status == selectors.UNKNOWN else 200
    return _answer(
        request, "public/verify_token.html", {"result": result}, _etag("token", astuple(result)), status
    )


def verify(request: HttpRequest) -> HttpResponse:
    """The look-up form by number and, once filled in, its answer (GET, so the page can be cached)."""
    if not request.GET:
        return _answer(request, "public/verify.html", {"form": NumberForm()}, _etag("form"), 200)
    if not allow_lookup(request):
        response = render(
            request,
            "public/verify.html",
            {"public_active": "verify", "form": NumberForm(request.GET), "throttled": True},
            status=429,
        )
        response["Retry-After"] = "60"
        response["Cache-Control"] = "no-store"
        return response
    form = NumberForm(request.GET)
    if not form.is_valid():
        return _answer(
            request, "public/verify.html", {"form": form}, _etag("invalid", request.GET.urlencode()), 200
        )
    number, on, authority = (form.cleaned_data[k] for k in ("number", "issued_on", "authority"))
    if selectors.parse_certificate_number(number) is not None:
        check = selectors.check_certificate(number, issued_on=on, authority_id=authority)
    else:
        check = selectors.check_decision(number, issued_on=on, authority_id=authority)
    query = {"number": number, "issued_on": on.strftime("%d/%m/%Y")}
    context = {"form": form, "check": check, "query": query}
    return _answer(
        request, "public/verify.html", context, _etag("check", astuple(check), request.GET.urlencode()), 200
    )

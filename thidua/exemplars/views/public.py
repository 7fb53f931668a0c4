"""Public pages: exemplary people and good deeds, story pages, photos, and the nomination form.

Lists and stories are cacheable (Cache-Control public, ETag, Last-Modified) and hold nothing per visitor;
the nomination form, which needs a CSRF token, is on its own page that is never cached.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import condition, require_http_methods

from thidua.accounts.forms import client_ip
from thidua.core.errors import ValidationFailed
from thidua.exemplars import selectors, services
from thidua.exemplars.forms import NominationForm, PublicFilterForm, StatementFormSet
from thidua.exemplars.models import StoryKind
from thidua.organization.selectors import paginate

# Browsers revalidate every time (a 304 costs one small query); shared caches such as the portal's proxy
# keep a page for a minute, so a withdrawn story leaves every cache within a minute.
SHARED_MAX_AGE = 60
PER_PAGE = 12
ACTIVE = "exemplars"

View = Callable[..., HttpResponse]


def _state(request: HttpRequest) -> tuple[datetime | None, int]:
    cached = getattr(request, "_exemplars_state", None)
    if cached is None:
        cached = selectors.public_state()
        request._exemplars_state = cached  # type: ignore[attr-defined]
    return cached


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    last, count = _state(request)
    stamp = last.isoformat() if last else "-"
    key = f"{get_language()}|{request.get_full_path()}|{stamp}|{count}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> datetime | None:
    return _state(request)[0]


def public_cache(view: View) -> View:
    """Make a public page cacheable: validators from the stories' version, public Cache-Control, Vary."""
    conditional = condition(etag_func=_etag, last_modified_func=_last_modified)(view)

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = conditional(request, *args, **kwargs)
        if response.status_code in (200, 304):
            patch_cache_control(
                response, public=True, max_age=0, must_revalidate=True, s_maxage=SHARED_MAX_AGE
            )
            # The language comes from the header or the language cookie.
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return wrapped


def _public(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    # No flash messages on public pages: a cached page must be the same for every visitor.
    return render(request, template, {"public_active": ACTIVE, "messages": (), **context}, status=status)


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _list(request: HttpRequest, *, kind: str | None, template: str) -> HttpResponse:
    choices = selectors.public_filter_choices(kind=kind)
    form = PublicFilterForm(request.GET or None, choices=choices)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    units = {u.pk: u for u in choices["units"]}
    movements = {m.pk: m for m in choices["movements"]}
    filters = selectors.PublicFilters(
        year=data.get("year"), unit=units.get(data.get("unit")), movement=movements.get(data.get("movement"))
    )
    params = request.GET.copy()
    params.pop("page", None)
    page = paginate(
        selectors.public_stories(filters, kind=kind), page=_page_number(request), per_page=PER_PAGE
    )
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "query_string": f"{params.urlencode()}&" if params else "",
        "kind": kind,
    }
    return _public(request, template, context)


@public_cache
def index(request: HttpRequest) -> HttpResponse:
    """List the published stories and good deeds, newest first, by year, unit and movement."""
    return _list(request, kind=None, template="exemplars/public/index.html")


@public_cache
def good_deeds(request: HttpRequest) -> HttpResponse:
    """List the published good deeds."""
    return _list(request, kind=StoryKind.GOOD_DEED, template="exemplars/public/good_deeds.html")


@public_cache
def story(request: HttpRequest, slug: str) -> HttpResponse:
    """Show one published story with only what its consent covers."""
    item = selectors.public_story(slug)
    return _public(request, "exemplars/public/story.html", {"story": item})


def photo(request: HttpRequest, slug: str, photo_id: int) -> HttpResponseBase:
    """Serve a photo of a published story (nothing else: never a guess at a media address)."""
    item = selectors.public_photo(slug, photo_id)

    def etag(_request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        return item.sha256

    def modified(_request: HttpRequest, *args: Any, **kwargs: Any) -> datetime:
        return item.updated_at

    @condition(etag_func=etag, last_modified_func=modified)
    def serve(_request: HttpRequest) -> HttpResponseBase:
        return FileResponse(item.image.open("rb"), content_type=item.content_type)

    response = serve(request)
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True, s_maxage=SHARED_MAX_AGE)
    response.headers["Content-Disposition"] = "inline"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def nominate(request: HttpRequest) -> HttpResponse:
    """Let a citizen nominate a good deed. Nothing is public until a moderator approves it."""
    today = timezone.localdate()
    communes = selectors.commune_units(on=today)
    if request.method == "POST":
        form = NominationForm(request.POST, request.FILES, communes=communes, today=today)
        statements = StatementFormSet(request.POST, prefix="statements")
        if form.is_robot:
            return redirect("exemplars:thanks")  # say nothing to robots; keep nothing
        if form.is_valid() and statements.is_valid():
            if not services.nomination_allowed(client_ip(request)):
                form.add_error(
                    None, _("Too many nominations were sent from your connection. Try again later.")
                )
                return _nomination_page(request, form, statements, status=429)
            d = form.cleaned_data
            upload = d.get("photo")
            try:
                services.nomination_submit(
                    nominator_name=d["nominator_name"],
                    nominator_email=d.get("nominator_email") or "",
                    nominator_phone=d.get("nominator_phone") or "",
                    relation=d["relation"],
                    nominee_name=d["nominee_name"],
                    what_happened=d["what_happened"],
                    happened_on=d["happened_on"],
                    unit=d.get("unit"),
                    place_text=d.get("place_text") or "",
                    statements=[f.as_input() for f in statements.forms if f.has_changed()],
                    photo=upload.read() if upload else None,
                    on=today,
                    at=timezone.now(),
                )
            except ValidationFailed as exc:
                for name, errs in exc.errors.items():
                    for e in errs:
                        form.add_error(name if name in form.fields else None, e)
            else:
                return redirect("exemplars:thanks")
    else:
        form = NominationForm(communes=communes, today=today)
        statements = StatementFormSet(prefix="statements")
    return _nomination_page(request, form, statements)


def _nomination_page(
    request: HttpRequest, form: NominationForm, statements: Any, status: int = 200
) -> HttpResponse:
    context = {
        "public_active": ACTIVE,
        "form": form,
        "statements": statements,
        "first_statement": statements.forms[0],
        "more_statements": statements.forms[1:],
    }
    return render(request, "exemplars/public/nominate.html", context, status=status)


@public_cache
def thanks(request: HttpRequest) -> HttpResponse:
    """Thank the citizen; say what happens next."""
    return _public(request, "exemplars/public/thanks.html", {})

"""One error envelope for every API failure, in the caller's language (Accept-Language or ?lang=).

    {"error": {"code": "not_found", "message": "Không tìm thấy.", "details": {}}}

Missing and forbidden objects both answer 404 `not_found`, as the screens do.
"""

from contextlib import nullcontext
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.api.authentication import CsrfFailed
from thidua.core.errors import DomainError, NotFound, ValidationFailed

LANGUAGES = {code for code, _name in settings.LANGUAGES}


def request_language(request: Any) -> str | None:
    """Return the language asked for with ?lang=vi|en, if any."""
    params = getattr(request, "GET", None)
    lang = params.get("lang", "") if params is not None else ""
    return lang if lang in LANGUAGES else None


def activate_request_language(request: Any) -> None:
    """Switch to the ?lang= language for the rest of the request (Accept-Language is the middleware's)."""
    lang = request_language(request)
    if lang:
        translation.activate(lang)


def envelope(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """Return the error body."""
    return {"error": {"code": code, "message": message, "details": details if details is not None else {}}}


def error_response(status_code: int, code: str, message: str, details: Any = None) -> Response:
    """Return a Response carrying the error envelope."""
    return Response(envelope(code, message, details), status=status_code)


def _details(detail: Any) -> Any:
    """Turn DRF's nested ErrorDetail values into plain strings, lists and dicts."""
    if isinstance(detail, dict):
        return {str(k): _details(v) for k, v in detail.items()}
    if isinstance(detail, list):
        return [_details(v) for v in detail]
    return str(detail)


def _field_details(detail: Any) -> dict[str, Any]:
    details = _details(detail)
    if isinstance(details, list):
        return {"non_field_errors": details}
    if isinstance(details, dict):
        return details
    return {"non_field_errors": [details]}


def _wait(exc: exceptions.Throttled) -> int | None:
    wait = getattr(exc, "wait", None)
    return int(wait) if wait is not None else None


def _message(exc: Exception) -> tuple[int, str, str, Any]:
    if isinstance(exc, NotFound | Http404):
        return status.HTTP_404_NOT_FOUND, "not_found", _("Not found."), {}
    if isinstance(exc, ValidationFailed):
        return status.HTTP_400_BAD_REQUEST, "validation_failed", str(exc), exc.errors
    if isinstance(exc, DomainError):
        return status.HTTP_409_CONFLICT, "refused", str(exc), {}
    if isinstance(exc, exceptions.Throttled):
        wait = _wait(exc)
        return (
            status.HTTP_429_TOO_MANY_REQUESTS,
            "throttled",
            _("Too many requests; try again later."),
            {"wait_seconds": wait},
        )
    if isinstance(exc, exceptions.NotAuthenticated):
        return status.HTTP_401_UNAUTHORIZED, "not_authenticated", _("Log in or send an API token."), {}
    if isinstance(exc, exceptions.AuthenticationFailed):
        return status.HTTP_401_UNAUTHORIZED, "authentication_failed", str(exc.detail), {}
    if isinstance(exc, CsrfFailed):
        return status.HTTP_403_FORBIDDEN, "csrf_failed", _("The CSRF token is missing or wrong."), {}
    if isinstance(exc, exceptions.PermissionDenied | DjangoPermissionDenied):
        # Forbidden looks like missing, as in the screens.
        return status.HTTP_404_NOT_FOUND, "not_found", _("Not found."), {}
    if isinstance(exc, exceptions.ValidationError):
        return (
            status.HTTP_400_BAD_REQUEST,
            "invalid",
            _("The request is not valid."),
            _field_details(exc.detail),
        )
    if isinstance(exc, exceptions.ParseError):
        return status.HTTP_400_BAD_REQUEST, "parse_error", _("The request body cannot be read."), {}
    if isinstance(exc, exceptions.MethodNotAllowed):
        return (
            status.HTTP_405_METHOD_NOT_ALLOWED,
            "method_not_allowed",
            _("This method is not allowed here."),
            {},
        )
    if isinstance(exc, exceptions.NotAcceptable):
        return (
            status.HTTP_406_NOT_ACCEPTABLE,
            "not_acceptable",
            _("This response format is not available."),
            {},
        )
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return (
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            _("This request body format is not accepted."),
            {},
        )
    if isinstance(exc, exceptions.APIException):
        return exc.status_code, str(exc.default_code), str(exc.detail), {}
    raise exc


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's exception handler: the envelope for domain, DRF and 404 errors; None lets others be 500s."""
    request: Request | None = context.get("request")
    if not isinstance(exc, DomainError | Http404 | DjangoPermissionDenied | exceptions.APIException):
        return None
    lang = request_language(request) if request is not None else None
    with translation.override(lang) if lang else nullcontext():
        code, name, message, details = _message(exc)
    response = error_response(code, name, message, details)
    if isinstance(exc, exceptions.Throttled) and _wait(exc) is not None:
        response["Retry-After"] = str(_wait(exc))
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response

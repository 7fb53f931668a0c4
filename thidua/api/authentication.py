"""Authentication of API requests: bearer tokens for systems, the login session for the browser."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from thidua.api.models import ApiToken, token_digest
from thidua.api.services import touch_last_used

SCHEMES = (b"bearer", b"token")


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """Read `Authorization: Bearer <secret>` (or `Token <secret>`) and find the token by its SHA-256."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in SCHEMES:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from None
        token = ApiToken.objects.select_related("user").filter(digest=token_digest(secret)).first()
        now = timezone.now()
        if token is None or not token.is_usable(now):
            # Unknown, revoked and expired tokens are refused alike.
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        touch_last_used(token, now=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class CsrfFailed(exceptions.PermissionDenied):
    """A browser request with the session cookie but without the CSRF token."""

    default_code = "csrf_failed"


class CsrfSessionAuthentication(authentication.SessionAuthentication):
    """The Django session, with CSRF checked on unsafe methods (as DRF does), failing with its own code."""

    def enforce_csrf(self, request: Request) -> None:
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as exc:
            raise CsrfFailed(str(exc.detail)) from None

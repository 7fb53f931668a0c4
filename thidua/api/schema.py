"""OpenAPI generation: every operation documents the error envelope and the ?lang= parameter."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from thidua.api.serializers import ErrorEnvelopeSerializer

ERRORS = {
    "400": "Bad input (query, body or a rule of the domain); `details` says which.",
    "401": "No credentials, or a token that is unknown, expired or revoked.",
    "404": "Not found, or not yours to see (the two are not told apart).",
    "405": "This method is not allowed on this address.",
    "406": "The response format asked for is not available.",
    "429": "Too many requests; `Retry-After` says when to try again.",
}
WRITE_ERRORS = {
    "403": "The browser session's CSRF token is missing or wrong.",
    "409": "The workflow refuses the action in the current state.",
    "415": "The request body's format is not accepted.",
}
LANG = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=["vi", "en"],
    description="Language of messages (default: Accept-Language, then vi).",
)


class ThiduaAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, adding the shared error responses and the language parameter."""

    def get_override_parameters(self) -> list[Any]:
        return [*super().get_override_parameters(), LANG]

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        wanted = dict(ERRORS)
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            wanted.update(WRITE_ERRORS)
        envelope = self.resolve_serializer(ErrorEnvelopeSerializer, direction).ref
        for code, description in wanted.items():
            responses.setdefault(
                code, {"description": description, "content": {"application/json": {"schema": envelope}}}
            )
        return responses


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Document `Authorization: Bearer <secret>` (api_token_create prints the secret)."""

    target_class = "thidua.api.authentication.BearerTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {"type": "http", "scheme": "bearer", "description": "An API token: thd_…"}


class SessionScheme(OpenApiAuthenticationExtension):
    """Document the browser session (cookie, with the CSRF token on unsafe methods)."""

    target_class = "thidua.api.authentication.CsrfSessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}

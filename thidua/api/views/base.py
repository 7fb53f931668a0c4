"""What every API view shares: the request's language, query-parameter parsing and the error responses."""

from datetime import date
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from thidua.api.errors import activate_request_language
from thidua.core.errors import NotFound


class LanguageMixin:
    """Answer in the language of ?lang= when given (else Accept-Language, else Vietnamese)."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        activate_request_language(request)
        super().initial(request, *args, **kwargs)  # type: ignore[misc]


class ReadViewSet(LanguageMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A read-only collection whose detail goes through an access gate (`gate(user, pk)`)."""

    lookup_value_regex = r"[0-9]{1,18}"  # longer ids cannot exist; they fall to the JSON 404

    def gate(self, user: Any, pk: Any) -> Model:
        raise NotImplementedError

    def get_object(self) -> Any:
        return self.gate(self.request.user, self.kwargs[self.lookup_url_kwarg or self.lookup_field])

    def paginated(self, queryset: QuerySet[Any] | list[Any], serializer: Any, **context: Any) -> Response:
        """Return a page of `queryset` (a list is paginated the same way) with `serializer`."""
        page = self.paginate_queryset(queryset)
        data = serializer(page, many=True, context={**self.get_serializer_context(), **context}).data
        return self.get_paginated_response(data)


def int_param(request: Request, name: str, *, minimum: int = 1, maximum: int = 2**31 - 1) -> int | None:
    """Return a whole-number query parameter, None when absent; 400 when not a number in range."""
    raw = request.query_params.get(name, "")
    if raw == "":
        return None
    if not raw.isdigit() or not minimum <= int(raw) <= maximum:
        raise ValidationError(
            {name: [_("Enter a whole number from %(lo)s to %(hi)s.") % {"lo": minimum, "hi": maximum}]}
        )
    return int(raw)


def date_param(request: Request, name: str) -> date | None:
    """Return a YYYY-MM-DD query parameter, None when absent; 400 when not a date."""
    raw = request.query_params.get(name, "")
    if raw == "":
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationError({name: [_("Enter a date as YYYY-MM-DD.")]}) from None


def choice_param(request: Request, name: str, choices: list[str]) -> str:
    """Return a query parameter that must be one of `choices` ("" when absent)."""
    raw = request.query_params.get(name, "")
    if raw and raw not in choices:
        raise ValidationError({name: [_("Choose one of: %(v)s.") % {"v": ", ".join(choices)}]})
    return raw


def text_param(request: Request, name: str, *, max_length: int = 100) -> str:
    """Return a free-text query parameter (NFC happens in the selectors), at most `max_length` long."""
    raw = request.query_params.get(name, "")
    if len(raw) > max_length:
        raise ValidationError({name: [_("At most %(n)s characters.") % {"n": max_length}]})
    if "\x00" in raw:
        raise ValidationError({name: [_("The text holds a character that is not allowed.")]})
    return raw


# Documented query parameters shared by several lists.
YEAR = OpenApiParameter("year", OpenApiTypes.INT, description="Year (e.g. 2025).")
UNIT = OpenApiParameter(
    "unit", OpenApiTypes.INT, description="Id of a unit: that unit and the units below it."
)
QUERY = OpenApiParameter("q", OpenApiTypes.STR, description="Search text, accent-insensitive.")
ON = OpenApiParameter("on", OpenApiTypes.DATE, description="Only what was valid on this date (YYYY-MM-DD).")


def year_param(request: Request) -> int | None:
    """Return ?year= (1900–2100)."""
    return int_param(request, "year", minimum=1900, maximum=2100)


def enum_parameter(name: str, choices: list[str], description: str) -> OpenApiParameter:
    """Return a documented query parameter that takes one of `choices`."""
    return OpenApiParameter(name, OpenApiTypes.STR, enum=choices, description=description)


class NotFoundView(LanguageMixin, APIView):
    """Answer every unknown /api/ address with the JSON 404 envelope (not the HTML page)."""

    permission_classes = [AllowAny]
    schema = None

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.http_method_names = [*APIView.http_method_names]
        return super().dispatch(request, *args, **kwargs)

    def _missing(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise NotFound("address")

    get = post = put = patch = delete = options = head = _missing

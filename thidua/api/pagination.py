"""Page-number pagination that reads a page's keys first and caps the count (organization.selectors.paginate).

A page costs at most three queries whatever the table size; counts above 10,000 are reported as 10,000
with `count_is_capped`. Every list is ordered by its documented key with the id last, so pages are stable.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from thidua.organization.selectors import Page, paginate

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_PAGE = 10_000


def _positive(request: Request, name: str, default: int, maximum: int) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise ValidationError({name: [_("Enter a whole number from 1 to %(max)s.") % {"max": maximum}]})
    return int(raw)


class KeysFirstPagination(pagination.BasePagination):
    """?page=N (from 1) and ?page_size=N (1–200, default 50)."""

    page_query_param = "page"
    page_size_query_param = "page_size"

    def __init__(self) -> None:
        self.page: Page | None = None
        self.request: Request | None = None

    def page_params(self, request: Request) -> tuple[int, int]:
        """Return (page number, page size) from the query, refusing bad values with 400."""
        return (
            _positive(request, self.page_query_param, 1, MAX_PAGE),
            _positive(request, self.page_size_query_param, PAGE_SIZE, MAX_PAGE_SIZE),
        )

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any]:
        number, size = self.page_params(request)
        return self.use_page(paginate(queryset, page=number, per_page=size), request)

    def use_page(self, page: Page, request: Request) -> list[Any]:
        """Adopt a page computed elsewhere (the people search) and return its rows."""
        self.page, self.request = page, request
        return list(page.items)

    def _link(self, number: int | None) -> str | None:
        if number is None or self.request is None:
            return None
        url = self.request.build_absolute_uri()
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)

    def get_paginated_response(self, data: Any) -> Response:
        page = self.page
        assert page is not None
        return Response(
            {
                "count": page.count,
                "count_is_capped": page.count_is_capped,
                "page": page.number,
                "page_size": page.per_page,
                "next": self._link(page.number + 1 if page.has_next else None),
                "previous": self._link(page.number - 1 if page.number > 1 else None),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["count", "count_is_capped", "page", "page_size", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "count_is_capped": {"type": "boolean"},
                "page": {"type": "integer", "minimum": 1},
                "page_size": {"type": "integer", "minimum": 1},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page (default {PAGE_SIZE}, at most {MAX_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]

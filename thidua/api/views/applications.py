"""Online dossiers' status, read through the portal's `DossierSource` (thidua.core.hooks)."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from thidua.api import serializers as s
from thidua.api.views.base import LanguageMixin, int_param
from thidua.core.errors import NotFound
from thidua.core.hooks import DOSSIER_SOURCES

LIST_LIMIT = 200


@extend_schema(tags=["online dossiers"])
class DossierListView(LanguageMixin, APIView):
    """The online dossiers sent to the authorities whose receiving desk the caller works at, newest first."""

    @extend_schema(
        parameters=[
            OpenApiParameter("status", int, description="The national portal's status code (1–10)."),
            OpenApiParameter("limit", int, description=f"At most this many (1–{LIST_LIMIT}, default 50)."),
        ],
        responses=s.DossierStatusSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        status = int_param(request, "status", minimum=1, maximum=10)
        limit = int_param(request, "limit", minimum=1, maximum=LIST_LIMIT) or 50
        rows: list[Any] = []
        for source in DOSSIER_SOURCES:
            rows.extend(source.at_desk(request.user, status=status, limit=limit))
        return Response(s.DossierStatusSerializer(rows[:limit], many=True).data)


@extend_schema(tags=["online dossiers"])
class DossierStatusView(LanguageMixin, APIView):
    """The status of one online dossier by its code (as the public tracking page shows it: no names)."""

    @extend_schema(responses=s.DossierStatusSerializer)
    def get(self, request: Request, code: str) -> Response:
        for source in DOSSIER_SOURCES:
            found = source.by_code(code)
            if found is not None:
                return Response(s.DossierStatusSerializer(found).data)
        raise NotFound("dossier")

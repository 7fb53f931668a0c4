"""The registry: administrative units (reference data), units and people in the caller's scope."""

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from thidua.accounts.permissions import (
    access_person,
    access_unit,
    active_memberships,
    scope_paths,
    units_in_scope,
)
from thidua.api import serializers as s
from thidua.api.views.base import (
    ON,
    QUERY,
    UNIT,
    LanguageMixin,
    ReadViewSet,
    choice_param,
    date_param,
    enum_parameter,
    int_param,
    text_param,
)
from thidua.core.errors import NotFound
from thidua.core.text import clean_text, fold
from thidua.organization.models import AdminUnit, DivisionType, Person, Unit
from thidua.organization.selectors import admin_units_valid_on, person_page, unit_list


@extend_schema(tags=["registry"])
class AdminUnitViewSet(ReadViewSet):
    """Administrative units (provinces, communes, former districts) with their validity dates."""

    serializer_class = s.AdminUnitSerializer
    queryset = AdminUnit.objects.none()

    def gate(self, user: Any, pk: Any) -> AdminUnit:
        found = AdminUnit.objects.select_related("parent").filter(pk=pk).first()
        if found is None:
            raise NotFound("admin unit")
        return found

    def get_queryset(self) -> QuerySet[AdminUnit]:
        on = date_param(self.request, "on")
        qs = admin_units_valid_on(on) if on else AdminUnit.objects.all()
        kind = choice_param(self.request, "division_type", list(DivisionType.values))
        if kind:
            qs = qs.filter(division_type=kind)
        query = clean_text(text_param(self.request, "q"))
        if query:
            qs = qs.filter(Q(search_key__contains=fold(query)) | Q(code=query))
        parent = int_param(self.request, "parent")
        if parent is not None:
            qs = qs.filter(parent_id=parent)
        return qs.select_related("parent").order_by("code", "valid_from", "id")

    @extend_schema(
        parameters=[
            QUERY,
            ON,
            enum_parameter("division_type", list(DivisionType.values), "Kind of administrative unit."),
            OpenApiParameter("parent", OpenApiTypes.INT, description="Id of the parent administrative unit."),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)


@extend_schema(tags=["registry"])
class UnitViewSet(ReadViewSet):
    """Units (bodies) of the caller's subtrees, in tree order."""

    serializer_class = s.UnitSerializer
    queryset = Unit.objects.none()

    def gate(self, user: Any, pk: Any) -> Any:
        return access_unit(user, pk)

    def get_queryset(self) -> Any:
        return unit_list(
            units_in_scope(self.request.user),
            query=text_param(self.request, "q"),
            on=date_param(self.request, "on"),
        ).order_by("path", "id")

    @extend_schema(parameters=[QUERY, ON])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)


@extend_schema(tags=["registry"])
class PersonViewSet(ReadViewSet):
    """People whose current unit is in the caller's scope, in Vietnamese name order (tên, họ, tên đệm)."""

    serializer_class = s.PersonSerializer
    queryset = Person.objects.none()

    def gate(self, user: Any, pk: Any) -> Person:
        return access_person(user, pk)

    @extend_schema(parameters=[QUERY, UNIT])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        unit_id = int_param(request, "unit")
        unit = access_unit(request.user, unit_id) if unit_id is not None else None
        query = text_param(request, "q")
        paginator = self.paginator
        assert paginator is not None
        number, size = paginator.page_params(request)  # type: ignore[attr-defined]
        page = person_page(scope_paths(request.user), query=query, unit=unit, page=number, per_page=size)
        rows = paginator.use_page(page, request)  # type: ignore[attr-defined]
        return paginator.get_paginated_response(self.get_serializer(rows, many=True).data)


@extend_schema(tags=["registry"])
class MeView(LanguageMixin, APIView):
    """Who the caller is and the roles they hold (what the access gates read)."""

    @extend_schema(responses=s.MeSerializer)
    def get(self, request: Request) -> Response:
        user = request.user
        data = {
            "id": user.pk,
            "username": user.get_username(),
            "full_name": getattr(user, "full_name", "") or "",
            "memberships": [{"role": m.role, "unit": m.unit} for m in active_memberships(user)],
        }
        return Response(s.MeSerializer(data).data)

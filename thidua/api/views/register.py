"""Award decisions with their lines, and the award register (what every eligibility check reads)."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.accounts.permissions import access_unit, unit_scope_q
from thidua.api import serializers as s
from thidua.api.views.base import UNIT, YEAR, ReadViewSet, choice_param, enum_parameter, int_param, year_param
from thidua.awards.models import Award, AwardStatus
from thidua.awards.permissions import (
    access_award,
    access_register_person,
    access_register_unit,
    register_units,
)
from thidua.awards.selectors import award_list
from thidua.decisions.models import Decision, DecisionStatus
from thidua.decisions.permissions import access_decision
from thidua.decisions.selectors import decision_lines

AWARD_FILTERS = [
    YEAR,
    OpenApiParameter("award", OpenApiTypes.STR, description="Award code, e.g. CSTDCS, GK_CT_UBND_XA."),
    UNIT,
    OpenApiParameter("person", OpenApiTypes.INT, description="Id of a person."),
    enum_parameter("status", list(AwardStatus.values), "VALID or REVOKED."),
]
DECISION_FILTERS = [
    OpenApiParameter("year", OpenApiTypes.INT, description="Year of the decision date."),
    enum_parameter("status", list(DecisionStatus.values), "Status of the decision."),
    UNIT,
]


def decisions_for(request: Request) -> QuerySet[Decision]:
    """Return the decisions of authorities in the caller's scope, filtered by the query (newest first)."""
    qs = Decision.objects.filter(unit_scope_q(request.user, prefix="authority_unit__"))
    year = year_param(request)
    if year is not None:
        qs = qs.filter(decided_on__year=year)
    status = choice_param(request, "status", list(DecisionStatus.values))
    if status:
        qs = qs.filter(status=status)
    unit_id = int_param(request, "unit")
    if unit_id is not None:
        qs = qs.filter(authority_unit__path__startswith=access_unit(request.user, unit_id).path)
    return qs.select_related("authority_unit", "document").order_by("-decided_on", "-id")


def awards_for(request: Request) -> QuerySet[Award]:
    """Return the register rows in the caller's scope, filtered by the query (year, award, unit, person)."""
    user = request.user
    unit_id = int_param(request, "unit")
    unit = access_register_unit(user, unit_id) if unit_id is not None else None
    code = request.query_params.get("award", "").strip().upper()[:20]
    qs = award_list(
        register_units(user),
        year=year_param(request),
        award_code=code,
        unit=unit,
        status=choice_param(request, "status", list(AwardStatus.values)),
    )
    person_id = int_param(request, "person")
    if person_id is not None:
        qs = qs.filter(person=access_register_person(user, person_id))
    return qs


@extend_schema(tags=["decisions"])
class DecisionViewSet(ReadViewSet):
    """Award decisions of the authorities in the caller's scope."""

    serializer_class = s.DecisionSerializer
    queryset = Decision.objects.none()

    def gate(self, user: Any, pk: Any) -> Decision:
        return access_decision(user, pk)

    def get_queryset(self) -> QuerySet[Decision]:
        return decisions_for(self.request)

    @extend_schema(parameters=DECISION_FILTERS)
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=s.DecisionLineSerializer(many=True))
    @action(detail=True, methods=["get"], serializer_class=s.DecisionLineSerializer)
    def lines(self, request: Request, pk: str) -> Response:
        """The attached list in official order (by unit, the collective first, then by name)."""
        decision = access_decision(request.user, pk)
        return self.paginated(decision_lines(decision).select_related("decision"), s.DecisionLineSerializer)


@extend_schema(tags=["register"])
class AwardViewSet(ReadViewSet):
    """The award register of the people, collectives and households in scope."""

    serializer_class = s.AwardSerializer
    queryset = Award.objects.none()

    def gate(self, user: Any, pk: Any) -> Award:
        return access_award(user, pk)

    def get_queryset(self) -> QuerySet[Award]:
        return awards_for(self.request)

    @extend_schema(parameters=AWARD_FILTERS)
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

"""Movements and registrations, targets (indicators, plans, actuals), clusters, scorecards and rankings."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.accounts.permissions import access_unit
from thidua.api import serializers as s
from thidua.api.views.base import UNIT, YEAR, ReadViewSet, choice_param, enum_parameter, int_param, year_param
from thidua.core.errors import NotFound
from thidua.movements.models import Movement, MovementStatus
from thidua.movements.permissions import access_movement, can_manage_movement
from thidua.movements.selectors import movement_list, registrations_for_user
from thidua.scoring.models import Cluster, ClusterRanking, Scorecard
from thidua.scoring.permissions import access_cluster, access_scorecard, can_see_results, visible_clusters
from thidua.targets.models import Indicator, Target, TargetActual
from thidua.targets.permissions import access_target, target_units


# -- movements -------------------------------------------------------------------------------------
@extend_schema(tags=["movements"])
class MovementViewSet(ReadViewSet):
    """Movements launched in, or taken part in by, the caller's units."""

    serializer_class = s.MovementSerializer
    queryset = Movement.objects.none()

    def gate(self, user: Any, pk: Any) -> Movement:
        return access_movement(user, pk)

    def get_queryset(self) -> QuerySet[Movement]:
        status = choice_param(self.request, "status", list(MovementStatus.values))
        qs = movement_list(self.request.user, year=year_param(self.request), status=status)
        return qs.select_related("launcher", "launch_document").order_by("-year", "-created_at", "-id")

    @extend_schema(
        parameters=[YEAR, enum_parameter("status", list(MovementStatus.values), "Status of the movement.")]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=s.RegistrationSerializer(many=True))
    @action(detail=True, methods=["get"], serializer_class=s.RegistrationSerializer)
    def registrations(self, request: Request, pk: str) -> Response:
        """The movement's registrations: all of them for its launcher, else those of the caller's units."""
        movement = access_movement(request.user, pk)
        if can_manage_movement(request.user, movement):
            qs = movement.registrations.select_related("unit")
        else:
            qs = registrations_for_user(request.user, movement)
        qs = qs.prefetch_related("lines").order_by("unit__path", "id")
        return self.paginated(qs, s.RegistrationSerializer)


# -- targets ---------------------------------------------------------------------------------------
@extend_schema(tags=["targets"])
class IndicatorViewSet(ReadViewSet):
    """The catalogue of socio-economic indicators (shared by every unit)."""

    serializer_class = s.IndicatorSerializer
    queryset = Indicator.objects.none()

    def gate(self, user: Any, pk: Any) -> Indicator:
        found = Indicator.objects.filter(pk=pk).first()
        if found is None:
            raise NotFound("indicator")
        return found

    def get_queryset(self) -> QuerySet[Indicator]:
        return Indicator.objects.order_by("display_order", "code", "id")


@extend_schema(tags=["targets"])
class TargetViewSet(ReadViewSet):
    """Plans (targets) of the units in scope, with their reported actuals."""

    serializer_class = s.TargetSerializer
    queryset = Target.objects.none()

    def gate(self, user: Any, pk: Any) -> Target:
        return access_target(user, pk)

    def get_queryset(self) -> QuerySet[Target]:
        request = self.request
        qs = Target.objects.filter(unit__in=target_units(request.user))
        year = year_param(request)
        if year is not None:
            qs = qs.filter(year=year)
        unit_id = int_param(request, "unit")
        if unit_id is not None:
            qs = qs.filter(unit__path__startswith=access_unit(request.user, unit_id).path)
        code = request.query_params.get("indicator", "")
        if code:
            qs = qs.filter(indicator__code=code[:40])
        return (
            qs.select_related("unit", "indicator")
            .prefetch_related(
                Prefetch("actuals", queryset=TargetActual.objects.order_by("period_kind", "period_index"))
            )
            .order_by("-year", "unit__path", "indicator__display_order", "id")
        )

    @extend_schema(
        parameters=[
            YEAR,
            UNIT,
            OpenApiParameter("indicator", OpenApiTypes.STR, description="Indicator code."),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)


# -- scoring ---------------------------------------------------------------------------------------
@extend_schema(tags=["scoring"])
class ClusterViewSet(ReadViewSet):
    """Emulation clusters and blocs whose owner or some member is in scope."""

    serializer_class = s.ClusterSerializer
    queryset = Cluster.objects.none()

    def gate(self, user: Any, pk: Any) -> Cluster:
        return access_cluster(user, pk)

    def get_queryset(self) -> QuerySet[Cluster]:
        return visible_clusters(self.request.user).order_by("name", "id")

    @extend_schema(parameters=[YEAR], responses=s.ClusterMembershipSerializer(many=True))
    @action(detail=True, methods=["get"], serializer_class=s.ClusterMembershipSerializer)
    def members(self, request: Request, pk: str) -> Response:
        """The cluster's member units by year (who heads it, who is deputy)."""
        cluster = access_cluster(request.user, pk)
        qs = cluster.memberships.select_related("unit")
        year = year_param(request)
        if year is not None:
            qs = qs.filter(year=year)
        return self.paginated(qs.order_by("-year", "unit__sort_key", "id"), s.ClusterMembershipSerializer)


@extend_schema(tags=["scoring"])
class ScorecardViewSet(ReadViewSet):
    """Scorecards of the visible clusters; rankings follow the scoring app's visibility rules."""

    serializer_class = s.ScorecardSerializer
    queryset = Scorecard.objects.none()

    def gate(self, user: Any, pk: Any) -> Scorecard:
        return access_scorecard(user, pk)

    def get_queryset(self) -> QuerySet[Scorecard]:
        qs = Scorecard.objects.filter(cluster__in=visible_clusters(self.request.user))
        cluster = int_param(self.request, "cluster")
        if cluster is not None:
            qs = qs.filter(cluster_id=cluster)
        year = year_param(self.request)
        if year is not None:
            qs = qs.filter(year=year)
        return qs.order_by("-year", "cluster_id", "-version", "id")

    @extend_schema(
        parameters=[YEAR, OpenApiParameter("cluster", OpenApiTypes.INT, description="Id of the cluster.")]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=s.RankingSerializer(many=True))
    @action(detail=True, methods=["get"], serializer_class=s.RankingSerializer)
    def ranking(self, request: Request, pk: str) -> Response:
        """The ranking with totals: for the cluster's managers always, for all in scope once published."""
        scorecard = access_scorecard(request.user, pk)
        if not can_see_results(request.user, scorecard):
            raise NotFound("ranking")
        qs = ClusterRanking.objects.filter(scorecard=scorecard).select_related("unit")
        return self.paginated(qs.order_by("rank", "unit__sort_key", "id"), s.RankingSerializer)

"""Councils, their sessions and the results of closed polls: tallies and outcomes only.

Never exposed, by design (docs/adr/0008): secret ballots, voter rolls, who voted, named votes, attendance
by name, turnout of an open poll. A poll's results appear only once it is closed (voided polls: none).
"""

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.api import serializers as s
from thidua.api.views.base import ReadViewSet, date_param, int_param
from thidua.council.models import Council, CouncilSession, PollResult, PollStatus
from thidua.council.permissions import access_council, access_session, councils_in_scope
from thidua.council.selectors import session_items


@extend_schema(tags=["council"])
class CouncilViewSet(ReadViewSet):
    """Councils of authorities in scope, or that the caller sits on."""

    serializer_class = s.CouncilSerializer
    queryset = Council.objects.none()

    def gate(self, user: Any, pk: Any) -> Council:
        return access_council(user, pk)

    def get_queryset(self) -> QuerySet[Council]:
        return councils_in_scope(self.request.user).order_by("name", "id")


@extend_schema(tags=["council"])
class CouncilSessionViewSet(ReadViewSet):
    """Sessions of the visible councils; a session's page lists its agenda with closed polls' tallies."""

    serializer_class = s.CouncilSessionSerializer
    queryset = CouncilSession.objects.none()

    def get_serializer_class(self) -> Any:
        return s.CouncilSessionDetailSerializer if self.action == "retrieve" else s.CouncilSessionSerializer

    def gate(self, user: Any, pk: Any) -> CouncilSession:
        return access_session(user, pk)

    def get_queryset(self) -> QuerySet[CouncilSession]:
        qs = CouncilSession.objects.filter(council__in=councils_in_scope(self.request.user))
        council = int_param(self.request, "council")
        if council is not None:
            qs = qs.filter(council_id=council)
        since = date_param(self.request, "held_from")
        if since is not None:
            qs = qs.filter(held_on__gte=since)
        return qs.order_by("-held_on", "-id")

    @extend_schema(
        parameters=[
            OpenApiParameter("council", OpenApiTypes.INT, description="Id of the council."),
            OpenApiParameter("held_from", OpenApiTypes.DATE, description="Sessions held on or after."),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        session = self.get_object()
        items = list(session_items(session))
        results: dict[int, list[PollResult]] = defaultdict(list)
        closed = PollResult.objects.filter(
            poll__session=session, poll__status=PollStatus.CLOSED
        ).select_related("poll")
        for r in closed.order_by("poll_id", "item_id"):
            results[r.item_id].append(r)
        context = {**self.get_serializer_context(), "items": items, "results": results}
        return Response(s.CouncilSessionDetailSerializer(session, context=context).data)

"""Proposals and their nominees: reads, and the main writes (create, add, import, submit) through the
same services as the screens, with the caller as actor so the same gates apply."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.accounts.permissions import scope_paths
from thidua.api import serializers as s
from thidua.api.throttling import ScopedThrottle, UserThrottle
from thidua.api.views.base import YEAR, ReadViewSet, choice_param, enum_parameter, year_param
from thidua.core.errors import NotFound, ValidationFailed
from thidua.movements.permissions import access_movement
from thidua.organization.models import Household, Person, Unit
from thidua.proposals import selectors, services, spreadsheets, workflow
from thidua.proposals.models import Nominee, Proposal, ProposalKind, ProposalStatus, SubjectKind
from thidua.proposals.permissions import access_proposal, proposals_in_scope


def report_data(report: Any) -> dict[str, Any]:
    """Return an import report (proposals' or the register's) as the API's ImportReport shape."""
    return {
        "dry_run": bool(report.dry_run),
        "rows_total": report.rows_total,
        "created": report.created,
        "is_clean": report.is_clean,
        "issues": [
            {"row": i.row, "column": i.column, "message": str(i.message), "is_error": i.is_error}
            for i in report.issues
        ],
    }


def _subject(proposal: Proposal, data: dict[str, Any]) -> Any:
    """Find the nominee's subject within the proposing unit's subtree (None: the service says why)."""
    path = proposal.proposing_unit.path
    kind = data["subject_kind"]
    if kind == SubjectKind.INDIVIDUAL:
        pk = data.get("person") or 0
        return Person.objects.select_related("unit").filter(pk=pk, unit__path__startswith=path).first()
    if kind == SubjectKind.HOUSEHOLD:
        pk = data.get("household") or 0
        return (
            Household.objects.select_related("village").filter(pk=pk, village__path__startswith=path).first()
        )
    return Unit.objects.filter(pk=data.get("unit") or 0, path__startswith=path).first()


@extend_schema(tags=["proposals"])
class ProposalViewSet(ReadViewSet):
    """Proposals the caller may see: of their units at every status, to their authority once submitted."""

    serializer_class = s.ProposalSerializer
    queryset = Proposal.objects.none()

    def get_throttles(self) -> list[Any]:
        if self.action == "import_nominees":
            return [UserThrottle(), ScopedThrottle()]
        return super().get_throttles()

    @property
    def throttle_scope(self) -> str:  # read by ScopedThrottle
        return "imports" if getattr(self, "action", "") == "import_nominees" else ""

    def gate(self, user: Any, pk: Any) -> Proposal:
        return access_proposal(user, pk)

    def get_queryset(self) -> QuerySet[Proposal]:
        qs = proposals_in_scope(self.request.user)
        year = year_param(self.request)
        if year is not None:
            qs = qs.filter(year=year)
        status_ = choice_param(self.request, "status", list(ProposalStatus.values))
        if status_:
            qs = qs.filter(status=status_)
        kind = choice_param(self.request, "kind", list(ProposalKind.values))
        if kind:
            qs = qs.filter(kind=kind)
        return qs.select_related("proposing_unit", "authority_unit").order_by("-year", "-created_at", "-id")

    @extend_schema(
        parameters=[
            YEAR,
            enum_parameter("status", list(ProposalStatus.values), "Workflow status."),
            enum_parameter("kind", list(ProposalKind.values), "Kind of proposal."),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.ProposalCreateSerializer, responses={201: s.ProposalSerializer})
    def create(self, request: Request) -> Response:
        """Draft a proposal for a unit the caller proposes for (as the screen does)."""
        body = s.ProposalCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        paths = scope_paths(request.user, workflow.PROPOSER_ROLES)
        unit = Unit.objects.filter(pk=data["proposing_unit"]).first()
        if unit is None or not any(unit.path.startswith(p) for p in paths):
            raise NotFound("unit")
        if data.get("authority_unit"):
            authority = Unit.objects.filter(pk=data["authority_unit"]).first()
        else:
            authority = selectors.default_authority(unit)
        if authority is None:
            raise ValidationFailed(
                _("The proposal is not complete."),
                {"authority_unit": [_("The deciding authority must be a unit above the proposing unit.")]},
            )
        movement = access_movement(request.user, data["movement"]) if data.get("movement") else None
        proposal = services.proposal_create(
            actor=request.user,
            proposing_unit=unit,
            authority_unit=authority,
            kind=data["kind"],
            year=data["year"],
            title=data["title"],
            movement=movement,
            simplified=data["simplified"],
            simplified_case=data.get("simplified_case", ""),
        )
        proposal = access_proposal(request.user, proposal.pk)
        return Response(s.ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.ProposalSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """Send a draft to the authority (refused while the list is empty, has duplicates or lacks parts)."""
        proposal = access_proposal(request.user, pk, for_write=True)
        services.proposal_submit(actor=request.user, proposal=proposal, on=timezone.localdate())
        return Response(s.ProposalSerializer(access_proposal(request.user, pk)).data)

    @extend_schema(methods=["GET"], responses=s.NomineeSerializer(many=True))
    @extend_schema(methods=["POST"], request=s.NomineeCreateSerializer, responses={201: s.NomineeSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=s.NomineeSerializer)
    def nominees(self, request: Request, pk: str) -> Response:
        """The list with each nominee's eligibility verdict; POST adds a nominee and checks it."""
        if request.method == "GET":
            proposal = access_proposal(request.user, pk)
            qs = (
                Nominee.objects.filter(proposal=proposal)
                .select_related("person", "unit", "household")
                .order_by("order", "id")
            )
            return self.paginated(qs, s.NomineeSerializer)
        proposal = access_proposal(request.user, pk, for_write=True)
        body = s.NomineeCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        nominee = services.nominee_add(
            actor=request.user,
            proposal=proposal,
            subject_kind=data["subject_kind"],
            subject=_subject(proposal, data),
            award_code=data["award_code"].strip().upper(),
            year=data["year"],
            achievement=data["achievement"],
            position=data["position"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            on=timezone.localdate(),
        )
        return Response(s.NomineeSerializer(nominee).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": s.ImportUploadSerializer},
        responses={200: s.ImportReportSerializer, 201: OpenApiResponse(s.ImportReportSerializer)},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="nominees/import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_nominees(self, request: Request, pk: str) -> Response:
        """Check a nominee workbook (dry run by default) and, when every row is clean, add all of it."""
        proposal = access_proposal(request.user, pk, for_write=True)
        body = s.ImportUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        report = spreadsheets.import_nominees(
            upload.file,
            actor=request.user,
            proposal=proposal,
            size=upload.size,
            max_bytes=settings.IMPORT_MAX_BYTES,
            dry_run=body.validated_data["dry_run"],
            on=timezone.localdate(),
        )
        code = status.HTTP_201_CREATED if report.created else status.HTTP_200_OK
        return Response(report_data(report), status=code)

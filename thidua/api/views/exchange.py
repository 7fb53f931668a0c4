"""Exchange endpoints: export the register and decisions (JSON, Excel); import earlier awards."""

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from thidua.api import exchange
from thidua.api import serializers as s
from thidua.api.throttling import ScopedThrottle, UserThrottle
from thidua.api.views.base import LanguageMixin
from thidua.api.views.proposals import report_data
from thidua.api.views.register import AWARD_FILTERS, DECISION_FILTERS, awards_for, decisions_for
from thidua.awards import spreadsheets
from thidua.awards.models import AwardBasis, AwardStatus, SubjectKind
from thidua.awards.permissions import register_units
from thidua.core.errors import NotFound
from thidua.decisions.models import DecisionStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# -- the documented layouts ------------------------------------------------------------------------
class ExchangePersonSerializer(serializers.Serializer):
    id_number = serializers.CharField(max_length=20, allow_blank=True, required=False, default="")
    full_name = serializers.CharField(max_length=150, allow_blank=True, required=False, default="")
    date_of_birth = serializers.DateField(allow_null=True, required=False, default=None)


class ExchangeHouseholdSerializer(serializers.Serializer):
    head_name = serializers.CharField(allow_blank=True)
    address = serializers.CharField(allow_blank=True)


class ExchangeAwardSerializer(serializers.Serializer):
    subject_kind = serializers.ChoiceField(choices=SubjectKind.choices)
    person = ExchangePersonSerializer(allow_null=True, required=False, default=None)
    household = ExchangeHouseholdSerializer(allow_null=True, required=False, default=None)
    unit_code = serializers.CharField(max_length=40, allow_blank=True, required=False, default="")
    award_code = serializers.CharField(max_length=20)
    award_name = serializers.CharField(max_length=300, allow_blank=True, required=False)
    year = serializers.IntegerField(min_value=1900, max_value=2100)
    basis = serializers.ChoiceField(choices=AwardBasis.choices, required=False)
    decision_symbol = serializers.CharField(max_length=60)
    decided_on = serializers.DateField()
    authority_office = serializers.CharField(max_length=20, allow_blank=True, required=False, default="")
    prize_vnd = serializers.IntegerField(min_value=0, max_value=10**12, required=False, default=0)
    status = serializers.ChoiceField(choices=AwardStatus.choices, required=False, default=AwardStatus.VALID)
    revoked_on = serializers.DateField(allow_null=True, required=False, default=None)


class AwardsDocumentSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=[exchange.AWARDS_FORMAT])
    generated_at = serializers.DateTimeField()
    complete = serializers.BooleanField(help_text="False when the export stopped at 50,000 records.")
    records = ExchangeAwardSerializer(many=True)


class AwardsImportSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=[exchange.AWARDS_FORMAT])
    records = serializers.ListField(child=ExchangeAwardSerializer(), max_length=exchange.MAX_EXPORT)
    dry_run = serializers.BooleanField(required=False, default=True, help_text="Check only (default).")


class ExchangeLineSerializer(serializers.Serializer):
    subject_kind = serializers.CharField()
    person = ExchangePersonSerializer(allow_null=True)
    unit_code = serializers.CharField(allow_blank=True)
    display_name = serializers.CharField()
    unit_name = serializers.CharField(allow_blank=True)
    position = serializers.CharField(allow_blank=True)
    award_code = serializers.CharField()
    award_name = serializers.CharField()
    year = serializers.IntegerField()
    amount_vnd = serializers.IntegerField(min_value=0)
    certificate_number = serializers.CharField(allow_blank=True)


class ExchangeDecisionSerializer(serializers.Serializer):
    symbol = serializers.CharField(allow_blank=True, help_text="Empty for a draft.")
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=DecisionStatus.choices)
    authority_unit_code = serializers.CharField()
    authority_office = serializers.CharField(allow_blank=True)
    achievement_year = serializers.IntegerField()
    decided_on = serializers.DateField()
    issued_on = serializers.DateField(allow_null=True)
    signer_name = serializers.CharField(allow_blank=True)
    signer_title = serializers.CharField(allow_blank=True)
    lines = ExchangeLineSerializer(many=True)


class DecisionsDocumentSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=[exchange.DECISIONS_FORMAT])
    generated_at = serializers.DateTimeField()
    complete = serializers.BooleanField()
    decisions = ExchangeDecisionSerializer(many=True)


# -- views -----------------------------------------------------------------------------------------
class _Exchange(LanguageMixin, APIView):
    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The workbook is returned as it is; errors are always JSON whatever the Accept header says.
        return super().perform_content_negotiation(request, force=True)


def _download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@extend_schema(tags=["exchange"])
class AwardsJsonView(_Exchange):
    """The award register in the `thidua.awards/1` JSON layout (same filters as /awards/)."""

    @extend_schema(parameters=AWARD_FILTERS, responses=AwardsDocumentSerializer)
    def get(self, request: Request) -> Response:
        return Response(exchange.awards_document(awards_for(request), now=timezone.now()))


@extend_schema(tags=["exchange"])
class AwardsXlsxView(_Exchange):
    """The award register as a workbook in the register's import layout (re-importable as it is)."""

    @extend_schema(
        parameters=AWARD_FILTERS, responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, "Workbook")}
    )
    def get(self, request: Request) -> HttpResponse:
        rows = awards_for(request)[: exchange.MAX_EXPORT]
        return _download(spreadsheets.export_awards(rows), "so-khen-thuong.xlsx")


@extend_schema(tags=["exchange"])
class DecisionsJsonView(_Exchange):
    """Award decisions with their lines in the `thidua.decisions/1` JSON layout."""

    @extend_schema(parameters=DECISION_FILTERS, responses=DecisionsDocumentSerializer)
    def get(self, request: Request) -> Response:
        return Response(exchange.decisions_document(decisions_for(request), now=timezone.now()))


@extend_schema(tags=["exchange"])
class DecisionsXlsxView(_Exchange):
    """Award decisions as a workbook: a sheet of decisions and a sheet of their lines."""

    @extend_schema(
        parameters=DECISION_FILTERS, responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, "Workbook")}
    )
    def get(self, request: Request) -> HttpResponse:
        document = exchange.decisions_document(decisions_for(request), now=timezone.now())
        return _download(exchange.decisions_workbook(document), "quyet-dinh-khen-thuong.xlsx")


@extend_schema(tags=["exchange"])
class AwardsImportView(_Exchange):
    """Import earlier awards: a `thidua.awards/1` JSON document, or a workbook in the import layout.

    A dry run (the default) only checks. Otherwise every row is recorded, or none when any row has an
    error; the report lists the problems by row (record number from 1, or sheet row).
    """

    parser_classes = [JSONParser, MultiPartParser]
    throttle_scope = "imports"

    def get_throttles(self) -> list[Any]:
        return [UserThrottle(), ScopedThrottle()]

    @extend_schema(
        request={"application/json": AwardsImportSerializer, "multipart/form-data": s.ImportUploadSerializer},
        responses={200: s.ImportReportSerializer, 201: s.ImportReportSerializer},
    )
    def post(self, request: Request) -> Response:
        units = register_units(request.user, for_write=True)
        if not units.exists():
            raise NotFound("register")
        if request.content_type.startswith("multipart/"):
            upload_body = s.ImportUploadSerializer(data=request.data)
            upload_body.is_valid(raise_exception=True)
            upload = upload_body.validated_data["file"]
            report = spreadsheets.import_awards(
                upload.file,
                actor=request.user,
                size=upload.size,
                max_bytes=settings.IMPORT_MAX_BYTES,
                units=units,
                dry_run=upload_body.validated_data["dry_run"],
            )
        else:
            body = AwardsImportSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            report = exchange.import_awards_document(
                list(body.validated_data["records"]),
                actor=request.user,
                units=units,
                dry_run=body.validated_data["dry_run"],
            )
        code = status.HTTP_201_CREATED if report.created else status.HTTP_200_OK
        return Response(report_data(report), status=code)

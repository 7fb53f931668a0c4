"""The regulations engine over HTTP: the same JSON as `python -m thidua.regulations` (the CLI builds it).

These are public rules: anonymous callers are allowed, under a stricter rate limit than logged-in ones.
Bad input answers 400 with the error envelope (the CLI exits with code 2).
"""

import io
import json
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from thidua.api.throttling import RegulationsAnonThrottle, UserThrottle
from thidua.api.views.base import LanguageMixin
from thidua.core.errors import ValidationFailed
from thidua.regulations import Office, RegulationError, RoundingMode, SubjectKind
from thidua.regulations.cli import build_parser, check_case
from thidua.regulations.policy import ClockMode

MAX_DAYS = 3650


def run_cli(argv: list[str]) -> str:
    """Run one CLI command in-process and return what it prints; RegulationError becomes 400."""
    try:
        args = build_parser().parse_args(argv)
        out = io.StringIO()
        command: Callable[[Any, io.StringIO], None] = args.func
        command(args, out)
    except RegulationError as exc:
        raise ValidationFailed(_("The rules engine refused the question."), {"rules": [str(exc)]}) from None
    except SystemExit:
        # Our serializers check the input first; anything the CLI still refuses is bad input too.
        raise ValidationFailed(_("The rules engine refused the question."), {"rules": []}) from None
    return out.getvalue()


def _opt(name: str, value: Any) -> list[str]:
    return [] if value in (None, "") else [f"--{name}={value}"]


class _Public(LanguageMixin, APIView):
    permission_classes = [AllowAny]
    throttle_classes = [UserThrottle, RegulationsAnonThrottle]


class PrizeQuery(serializers.Serializer):
    award = serializers.CharField(max_length=40, help_text="Award code, e.g. BK_TINH, CSTDCS.")
    subject = serializers.ChoiceField(choices=[k.value for k in SubjectKind])
    on = serializers.DateField(help_text="Date the decision is signed (YYYY-MM-DD).")
    rounding = serializers.ChoiceField(choices=[m.value for m in RoundingMode], required=False)
    province = serializers.RegexField(r"^[0-9]{1,2}$", required=False, help_text="Province code, e.g. 12.")
    issuer = serializers.ChoiceField(choices=[o.value for o in Office], required=False)


class DeadlineQuery(serializers.Serializer):
    start = serializers.DateField(help_text="Day the complete dossier was received.")
    working_days = serializers.IntegerField(min_value=0, max_value=MAX_DAYS, required=False)
    calendar_days = serializers.IntegerField(min_value=0, max_value=MAX_DAYS, required=False)
    pause = serializers.ListField(
        child=serializers.RegexField(r"^\d{4}-\d{2}-\d{2}:\d{4}-\d{2}-\d{2}$"),
        required=False,
        max_length=50,
        help_text="START:END while waiting for a supplement; repeat the parameter for several.",
    )
    clock_mode = serializers.ChoiceField(choices=[m.value for m in ClockMode], required=False)
    province = serializers.RegexField(r"^[0-9]{1,2}$", required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("working_days" in attrs) == ("calendar_days" in attrs):
            raise ValidationError({"working_days": [_("Give either working_days or calendar_days.")]})
        return attrs


class WordsQuery(serializers.Serializer):
    number = serializers.RegexField(
        r"^[0-9][0-9._,]{0,24}$", help_text="A non-negative whole amount in đồng (1005, 1.005.000)."
    )
    linh = serializers.ChoiceField(choices=["linh", "lẻ"], required=False, default="linh")
    thousand = serializers.ChoiceField(choices=["nghìn", "ngàn"], required=False, default="nghìn")
    four = serializers.ChoiceField(choices=["tư", "bốn"], required=False, default="tư")


class AuthorityQuery(serializers.Serializer):
    award = serializers.CharField(max_length=40)
    on = serializers.DateField()
    office = serializers.ChoiceField(choices=[o.value for o in Office], required=False)


class WordsSerializer(serializers.Serializer):
    number = serializers.CharField()
    words = serializers.CharField()


def _query(serializer: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    data: dict[str, Any] = {k: request.query_params.get(k) for k in request.query_params if k != "pause"}
    if "pause" in request.query_params:
        data["pause"] = request.query_params.getlist("pause")
    body = serializer(data=data)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


def _json(text: str) -> Any:
    return json.loads(text)


@extend_schema(tags=["regulations"])
class PrizeView(_Public):
    """Prize money of one award on a date: coefficient × base salary, rounded, with citations."""

    @extend_schema(parameters=[PrizeQuery], responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        q = _query(PrizeQuery, request)
        argv = ["prize", f"--award={q['award']}", f"--subject={q['subject']}", f"--on={q['on'].isoformat()}"]
        argv += _opt("rounding", q.get("rounding")) + _opt("province", q.get("province"))
        argv += _opt("issuer", q.get("issuer"))
        return Response(_json(run_cli(argv)))


@extend_schema(tags=["regulations"])
class CheckView(_Public):
    """Eligibility of one case (the JSON of docs/regulations.md): the verdict with its reasons."""

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses=OpenApiTypes.OBJECT,
        examples=[
            OpenApiExample(
                "CSTĐCS",
                value={"award": "CSTDCS", "subject": "individual", "year": 2025, "on": "2026-01-10"},
                request_only=True,
            )
        ],
    )
    def post(self, request: Request) -> Response:
        try:
            verdict = check_case(request.data)
        except RegulationError as exc:
            raise ValidationFailed(
                _("The rules engine refused the question."), {"rules": [str(exc)]}
            ) from None
        return Response(verdict)


@extend_schema(tags=["regulations"])
class DeadlineView(_Public):
    """A processing deadline in working days (holidays, make-up days, pauses) or calendar days."""

    @extend_schema(
        parameters=[
            DeadlineQuery,
            OpenApiParameter(
                "pause",
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}:\d{4}-\d{2}-\d{2}$"},
                },
                explode=True,
                description="START:END while waiting for a supplement; repeat for several.",
            ),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request) -> Response:
        q = _query(DeadlineQuery, request)
        argv = ["deadline", f"--start={q['start'].isoformat()}"]
        if "working_days" in q:
            argv.append(f"--working-days={q['working_days']}")
        else:
            argv.append(f"--calendar-days={q['calendar_days']}")
        for pause in q.get("pause", []):
            argv.append(f"--pause={pause}")
        argv += _opt("clock-mode", q.get("clock_mode")) + _opt("province", q.get("province"))
        return Response(_json(run_cli(argv)))


@extend_schema(tags=["regulations"])
class WordsView(_Public):
    """An amount in words as written on decisions ("Một triệu không trăm linh năm nghìn đồng")."""

    @extend_schema(parameters=[WordsQuery], responses=WordsSerializer)
    def get(self, request: Request) -> Response:
        q = _query(WordsQuery, request)
        argv = [
            "words",
            q["number"],
            f"--linh={q['linh']}",
            f"--thousand={q['thousand']}",
            f"--four={q['four']}",
        ]
        return Response({"number": q["number"], "words": run_cli(argv).rstrip("\n")})


@extend_schema(tags=["regulations"])
class AuthorityView(_Public):
    """Who may decide an award on a date (and whether a given office may)."""

    @extend_schema(parameters=[AuthorityQuery], responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        q = _query(AuthorityQuery, request)
        argv = ["authority", f"--award={q['award']}", f"--on={q['on'].isoformat()}"]
        argv += _opt("office", q.get("office"))
        return Response(_json(run_cli(argv)))

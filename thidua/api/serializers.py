"""Read and write shapes of the API. Codes are the model values; names are as printed (NFC).

Nothing here reads a ballot, a voter roll, an attendance list by name or a named vote: the council
shapes carry counts and outcomes only (docs/adr/0008).
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from thidua.accounts.models import Role
from thidua.awards.models import Award
from thidua.council.models import AgendaItem, Council, CouncilSession, PollResult
from thidua.decisions.models import Decision, DecisionLine
from thidua.movements.models import Movement, Registration, RegistrationLine
from thidua.organization.models import AdminUnit, Person, Unit
from thidua.proposals.models import Nominee, Proposal, ProposalKind, SimplifiedCase, SubjectKind
from thidua.regulations import award as catalogue_award
from thidua.regulations.versions import RegulationError
from thidua.scoring.models import Cluster, ClusterMembership, ClusterRanking, Scorecard
from thidua.targets.models import Indicator, Target, TargetActual


# -- errors ----------------------------------------------------------------------------------------
class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable machine code: not_found, invalid, validation_failed, …")
    message = serializers.CharField(help_text="Human message in the request's language (vi or en).")
    details = serializers.JSONField(help_text="Field or row problems; an empty object when none.")


class ErrorEnvelopeSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


# -- registry --------------------------------------------------------------------------------------
class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name"]


class AdminUnitSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", allow_null=True, default=None, read_only=True)

    class Meta:
        model = AdminUnit
        fields = ["id", "code", "name", "division_type", "parent", "parent_code", "valid_from", "valid_to"]


class UnitSerializer(serializers.ModelSerializer):
    parent = UnitRefSerializer(allow_null=True, read_only=True)
    admin_unit_code = serializers.CharField(
        source="admin_unit.code", allow_null=True, default=None, read_only=True
    )

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "abbreviation",
            "kind",
            "parent",
            "depth",
            "admin_unit",
            "admin_unit_code",
            "place_name",
            "valid_from",
            "valid_to",
            "is_standing_body",
        ]


class PersonSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(allow_null=True, read_only=True)
    ethnicity = serializers.CharField(source="ethnicity.name", allow_null=True, default=None, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "full_name",
            "family_name",
            "middle_name",
            "given_name",
            "sex",
            "date_of_birth",
            "ethnicity",
            "id_number",
            "position",
            "is_direct_worker",
            "unit",
        ]


class PersonRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "full_name", "date_of_birth"]


class MembershipSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)
    unit = UnitRefSerializer()


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    memberships = MembershipSerializer(many=True)


# -- movements -------------------------------------------------------------------------------------
class MovementSerializer(serializers.ModelSerializer):
    launcher = UnitRefSerializer(read_only=True)
    document_symbol = serializers.SerializerMethodField()

    class Meta:
        model = Movement
        fields = [
            "id",
            "title",
            "kind",
            "status",
            "year",
            "starts_on",
            "ends_on",
            "launcher",
            "theme",
            "registration_required",
            "document_symbol",
        ]

    @extend_schema_field(serializers.CharField())
    def get_document_symbol(self, obj: Movement) -> str:
        doc = obj.launch_document
        return doc.symbol if doc is not None and doc.number is not None else ""


class RegistrationLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegistrationLine
        fields = ["id", "award_code", "subject", "count", "person"]


class RegistrationSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    lines = RegistrationLineSerializer(many=True, read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "movement", "unit", "status", "commitment", "sent_at", "decided_at", "lines"]


# -- targets ---------------------------------------------------------------------------------------
class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "unit_of_measure",
            "direction",
            "kind",
            "aggregation",
            "decimals",
            "is_active",
        ]


class TargetActualSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetActual
        fields = ["period_kind", "period_index", "value", "denominator", "reported_on"]


class TargetSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    actuals = TargetActualSerializer(many=True, read_only=True)

    class Meta:
        model = Target
        fields = ["id", "unit", "indicator", "year", "planned", "previous_actual", "denominator", "actuals"]


# -- scoring ---------------------------------------------------------------------------------------
class ClusterMembershipSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)

    class Meta:
        model = ClusterMembership
        fields = ["year", "role", "unit"]


class ClusterSerializer(serializers.ModelSerializer):
    owner = UnitRefSerializer(read_only=True)

    class Meta:
        model = Cluster
        fields = ["id", "name", "kind", "owner", "description", "is_active"]


class ScorecardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Scorecard
        fields = ["id", "cluster", "year", "version", "title", "status", "published_at"]


class RankingSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)

    class Meta:
        model = ClusterRanking
        fields = [
            "unit",
            "rank",
            "tied",
            "total",
            "base_total",
            "bonus_total",
            "penalty_total",
            "at_maximum",
            "submitted",
            "acclaimed",
            "published_at",
        ]


# -- proposals -------------------------------------------------------------------------------------
class ProposalSerializer(serializers.ModelSerializer):
    proposing_unit = UnitRefSerializer(read_only=True)
    authority_unit = UnitRefSerializer(read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "title",
            "kind",
            "year",
            "status",
            "proposing_unit",
            "authority_unit",
            "movement",
            "simplified",
            "simplified_case",
            "submitted_on",
            "due_on",
            "paused_days",
            "decision_ref",
            "parent",
            "created_at",
        ]


class ProposalCreateSerializer(serializers.Serializer):
    proposing_unit = serializers.IntegerField(min_value=1, help_text="Id of a unit you propose for.")
    authority_unit = serializers.IntegerField(
        min_value=1, required=False, help_text="Id of the deciding unit above it; default: the usual one."
    )
    kind = serializers.ChoiceField(choices=ProposalKind.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=255)
    movement = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    simplified = serializers.BooleanField(required=False, default=False, help_text="Simplified procedure.")
    simplified_case = serializers.ChoiceField(
        choices=SimplifiedCase.choices, required=False, allow_blank=True
    )


class VerdictReasonSerializer(serializers.Serializer):
    code = serializers.CharField(required=False)
    message = serializers.CharField(required=False)


class NomineeSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True, allow_null=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)
    subject_name = serializers.CharField(read_only=True)
    verdict = serializers.CharField(source="verdict_kind", read_only=True)
    reasons = serializers.SerializerMethodField()

    class Meta:
        model = Nominee
        fields = [
            "id",
            "proposal",
            "order",
            "subject_kind",
            "subject_name",
            "person",
            "unit",
            "household",
            "position",
            "award_code",
            "year",
            "period_start",
            "period_end",
            "achievement",
            "verdict",
            "reasons",
            "council_outcome",
            "votes_summary",
            "decided",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_reasons(self, obj: Nominee) -> list[dict[str, Any]]:
        reasons = obj.verdict.get("reasons", []) if isinstance(obj.verdict, dict) else []
        return [r for r in reasons if isinstance(r, dict)]


class NomineeCreateSerializer(serializers.Serializer):
    subject_kind = serializers.ChoiceField(choices=SubjectKind.choices)
    person = serializers.IntegerField(min_value=1, required=False, help_text="For INDIVIDUAL.")
    unit = serializers.IntegerField(
        min_value=1, required=False, help_text="For COLLECTIVE, VILLAGE and COMMUNE."
    )
    household = serializers.IntegerField(min_value=1, required=False, help_text="For HOUSEHOLD.")
    award_code = serializers.CharField(max_length=20)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    achievement = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000)
    position = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    period_start = serializers.DateField(required=False, allow_null=True, default=None)
    period_end = serializers.DateField(required=False, allow_null=True, default=None)


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="An .xlsx workbook in the import layout.")
    dry_run = serializers.BooleanField(required=False, default=True, help_text="Check only (default).")


class RowIssueSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Row of the sheet (or record number); 0 for the whole file.")
    column = serializers.CharField(allow_blank=True)
    message = serializers.CharField()
    is_error = serializers.BooleanField()


class ImportReportSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    rows_total = serializers.IntegerField()
    created = serializers.IntegerField()
    is_clean = serializers.BooleanField()
    issues = RowIssueSerializer(many=True)


# -- council ---------------------------------------------------------------------------------------
class CouncilSerializer(serializers.ModelSerializer):
    authority_unit = UnitRefSerializer(read_only=True)

    class Meta:
        model = Council
        fields = ["id", "name", "authority_unit", "is_active"]


class PollResultSerializer(serializers.ModelSerializer):
    """The tally of one agenda item in one closed poll: counts only."""

    poll = serializers.IntegerField(source="poll_id", read_only=True)
    method = serializers.CharField(source="poll.method", read_only=True)
    threshold = serializers.CharField(source="poll.threshold_text", read_only=True)

    class Meta:
        model = PollResult
        fields = [
            "poll",
            "method",
            "threshold",
            "members",
            "present",
            "yes",
            "no",
            "abstain",
            "invalid",
            "written_yes",
            "written_no",
            "written_abstain",
            "counted_yes",
            "denominator",
            "share_pct",
            "quorum_met",
            "passed",
            "summary",
        ]


class AgendaItemSerializer(serializers.ModelSerializer):
    results = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["id", "order", "label", "award_code", "nominee", "outcome", "results"]

    @extend_schema_field(PollResultSerializer(many=True))
    def get_results(self, obj: AgendaItem) -> list[dict[str, Any]]:
        results = self.context.get("results", {}).get(obj.pk, [])
        return list(PollResultSerializer(results, many=True).data)


class CouncilSessionSerializer(serializers.ModelSerializer):
    council = serializers.IntegerField(source="council_id", read_only=True)

    class Meta:
        model = CouncilSession
        fields = ["id", "council", "held_on", "place", "status"]


class CouncilSessionDetailSerializer(CouncilSessionSerializer):
    items = serializers.SerializerMethodField()

    class Meta(CouncilSessionSerializer.Meta):
        fields = [*CouncilSessionSerializer.Meta.fields, "items"]

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_items(self, obj: CouncilSession) -> list[dict[str, Any]]:
        items = self.context.get("items", [])
        return list(AgendaItemSerializer(items, many=True, context=self.context).data)


# -- decisions and the register --------------------------------------------------------------------
class DecisionSerializer(serializers.ModelSerializer):
    authority_unit = UnitRefSerializer(read_only=True)
    symbol = serializers.CharField(read_only=True)
    issued_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "symbol",
            "title",
            "status",
            "authority_unit",
            "authority_office",
            "achievement_year",
            "decided_on",
            "issued_on",
            "signer_name",
            "signer_title",
        ]


class DecisionLineSerializer(serializers.ModelSerializer):
    award_name = serializers.SerializerMethodField()

    class Meta:
        model = DecisionLine
        fields = [
            "id",
            "decision",
            "subject_kind",
            "person",
            "unit",
            "household",
            "display_name",
            "unit_name",
            "position",
            "award_code",
            "award_name",
            "year",
            "amount_vnd",
            "certificate_number",
            "award",
        ]

    @extend_schema_field(serializers.CharField())
    def get_award_name(self, obj: DecisionLine) -> str:
        return award_name(obj.award_code, obj.decision.decided_on)


def award_name(code: str, on: Any) -> str:
    """Return the award's name on a date, or the code for an award outside the catalogue."""
    try:
        return catalogue_award(code).name_on(on)
    except RegulationError:
        return code


class AwardSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True, allow_null=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)
    subject_name = serializers.CharField(read_only=True)
    award_name = serializers.SerializerMethodField()

    class Meta:
        model = Award
        fields = [
            "id",
            "subject_kind",
            "subject_name",
            "person",
            "unit",
            "household",
            "award_code",
            "award_name",
            "year",
            "basis",
            "decided_on",
            "authority_office",
            "decision_symbol",
            "prize_vnd",
            "status",
            "revoked_on",
        ]

    @extend_schema_field(serializers.CharField())
    def get_award_name(self, obj: Award) -> str:
        return award_name(obj.award_code, obj.decided_on)


# -- online dossiers (the public portal, through thidua.core.hooks) -------------------------------------
class DossierStatusSerializer(serializers.Serializer):
    code = serializers.CharField()
    procedure_code = serializers.CharField()
    procedure = serializers.CharField()
    authority = serializers.CharField()
    status = serializers.IntegerField(help_text="The national portal's status code (1–10).")
    status_label = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    received_on = serializers.DateField(allow_null=True)
    due_on = serializers.DateField(allow_null=True)

"""Reads of the public portal: procedures open today, a citizen's dossiers, tracking, results, the desk."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from thidua.core.text import clean_text
from thidua.decisions.models import Decision, DecisionLine, DecisionStatus
from thidua.decisions.selectors import has_certificate
from thidua.public.models import Application, CitizenAccount, Procedure, Status


def procedures_open(on: date) -> QuerySet[Procedure]:
    """Return the citizen-facing procedures valid on ``on``, in the administrator's order."""
    return (
        Procedure.objects.filter(external=True, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("authority_unit")
        .order_by("order", "code")
    )


def procedure_or_404(procedure_id: int, on: date) -> Procedure:
    """Return an open procedure with its components, or raise 404."""
    procedure = procedures_open(on).filter(pk=procedure_id).prefetch_related("components").first()
    if procedure is None:
        raise Http404
    return procedure


def applications_of(account: CitizenAccount) -> QuerySet[Application]:
    """Return the citizen's dossiers, newest first."""
    return (
        Application.objects.filter(account=account).select_related("procedure").order_by("-created_at", "-id")
    )


def application_of(account: CitizenAccount, application_id: int) -> Application | None:
    """Return one of the citizen's dossiers (None for anyone else's)."""
    return (
        Application.objects.filter(account=account, pk=application_id)
        .select_related("procedure__authority_unit", "proposal", "account")
        .first()
    )


@dataclass(frozen=True)
class Tracking:
    """What anyone holding the dossier code may see: no names, no files."""

    code: str
    procedure: str
    authority: str
    status: int
    status_label: str
    submitted_at: Any
    received_on: date | None
    due_on: date | None
    steps: list[tuple[Any, str]]


def normalise_code(value: str) -> str:
    """Return a dossier code as typed, cleaned: NFC, no spaces, upper case."""
    return clean_text(value).replace(" ", "").upper()


def application_by_code(code: str) -> Tracking | None:
    """Return the public view of the dossier with this code."""
    application = (
        Application.objects.filter(code=normalise_code(code))
        .exclude(status=Status.DRAFT)
        .select_related("procedure__authority_unit")
        .first()
    )
    if application is None:
        return None
    steps = [(e.occurred_at, str(Status(e.to_status).label)) for e in application.events.all()]
    return Tracking(
        code=application.code or "",
        procedure=application.procedure.name,
        authority=application.procedure.authority_unit.name,
        status=application.status,
        status_label=str(Status(application.status).label),
        submitted_at=application.submitted_at,
        received_on=application.received_on,
        due_on=application.due_on,
        steps=steps,
    )


@dataclass(frozen=True)
class Result:
    """The decision that settled a dossier and the line that awards its nominee."""

    decision: Decision
    line: DecisionLine

    @property
    def has_certificate(self) -> bool:
        return has_certificate(self.line.award_code)


def result_of(application: Application) -> Result | None:
    """Return the result once the dossier is processed and awarded (None otherwise)."""
    if application.status not in {Status.DONE, Status.DELIVERED} or application.decision_line_id is None:
        return None
    line = (
        DecisionLine.objects.select_related("decision__document", "decision__authority_unit")
        .filter(pk=application.decision_line_id, decision__status=DecisionStatus.ISSUED)
        .first()
    )
    return Result(line.decision, line) if line is not None else None


def decision_pdf(result: Result) -> bytes:
    """Return the issued decision's PDF as stored (signed, when signing is set up)."""
    document = result.decision.document
    if document is not None and document.pdf:
        with document.pdf.open("rb") as handle:
            return handle.read()
    from thidua.documents.rendering import render_pdf  # noqa: PLC0415

    return render_pdf(document)


def certificate_pdf(result: Result) -> bytes:
    """Return the certificate of the dossier's own line."""
    from thidua.decisions.rendering.certificates import certificate_pdf_for_line  # noqa: PLC0415

    return certificate_pdf_for_line(result.line)


def desk_queue(scope: Q, *, status: int | None = None) -> QuerySet[Application]:
    """Return the dossiers sent to the authorities matched by ``scope`` (drafts never), oldest waiting
    first."""
    qs = Application.objects.filter(scope).exclude(status=Status.DRAFT)
    if status is not None:
        qs = qs.filter(status=status)
    return qs.select_related("procedure", "proposal").order_by("status", "submitted_at", "id")

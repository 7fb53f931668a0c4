"""What the portal offers the layers beside it (through thidua.core.hooks): online dossiers' status."""

from typing import Any

from thidua.core.hooks import DossierStatus
from thidua.public.models import Application, Status
from thidua.public.selectors import desk_queue, normalise_code
from thidua.public.services.applications import desk_paths, desk_scope_q


def _status(application: Application) -> DossierStatus:
    procedure = application.procedure
    return DossierStatus(
        code=application.code or "",
        procedure_code=procedure.code,
        procedure=procedure.name,
        authority=procedure.authority_unit.name,
        status=application.status,
        status_label=str(Status(application.status).label),
        submitted_at=application.submitted_at,
        received_on=application.received_on,
        due_on=application.due_on,
    )


class PortalDossiers:
    """The portal's online dossiers as a `DossierSource`."""

    def by_code(self, code: str) -> DossierStatus | None:
        application = (
            Application.objects.filter(code=normalise_code(code))
            .exclude(status=Status.DRAFT)
            .select_related("procedure__authority_unit")
            .first()
        )
        return _status(application) if application is not None else None

    def at_desk(self, user: Any, *, status: int | None, limit: int) -> list[DossierStatus]:
        if not desk_paths(user):
            return []
        rows = desk_queue(desk_scope_q(user, prefix="procedure__authority_unit__"), status=status)
        rows = rows.select_related("procedure__authority_unit").order_by("-submitted_at", "-id")
        return [_status(a) for a in rows[:limit]]

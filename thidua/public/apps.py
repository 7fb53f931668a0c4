from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "thidua.public"
    verbose_name = _("Public services")

    def ready(self) -> None:
        from thidua.proposals.signals import proposal_transitioned  # noqa: PLC0415
        from thidua.public.receivers import on_proposal_transition  # noqa: PLC0415

        proposal_transitioned.connect(on_proposal_transition, dispatch_uid="public.follow_proposal")

        from thidua.public.dashboard import desk_waiting  # noqa: PLC0415
        from thidua.reports.dashboard import WAITING_PROVIDERS  # noqa: PLC0415

        if desk_waiting not in WAITING_PROVIDERS:
            WAITING_PROVIDERS.append(desk_waiting)

        from thidua.core.hooks import DOSSIER_SOURCES  # noqa: PLC0415
        from thidua.public.integration import PortalDossiers  # noqa: PLC0415

        if not any(isinstance(s, PortalDossiers) for s in DOSSIER_SOURCES):
            DOSSIER_SOURCES.append(PortalDossiers())

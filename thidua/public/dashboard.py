"""What the receiving desk shows on a staff member's home dashboard."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.public.models import Application, Status
from thidua.public.services.applications import desk_paths, desk_scope_q
from thidua.reports.dashboard import WaitItem


def desk_waiting(user: Any) -> list[WaitItem]:
    """Online dossiers waiting for acceptance at the desks the user works at (nothing for others)."""
    if not desk_paths(user):
        return []
    count = (
        Application.objects.filter(desk_scope_q(user, prefix="procedure__authority_unit__"))
        .filter(status=Status.NEW)
        .count()
    )
    url = f"{reverse('public:desk')}?trang-thai={int(Status.NEW)}"
    return [WaitItem("online_dossiers", _("Online dossiers waiting for acceptance"), count, url)]

"""Navigation shown on every page."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The areas of the application, in the order emulation work flows. Later features fill the empty ones.
AREAS: list[tuple[str, Any, str, dict[str, str]]] = [
    ("movements", _("Movements"), "movements:list", {}),
    ("documents", _("Documents"), "documents:inbox", {}),
    ("proposals", _("Commendation proposals"), "proposals:list", {}),
    ("desk", _("Online dossiers"), "public:desk", {}),
    ("council", _("Council"), "council:list", {}),
    ("decisions", _("Decisions"), "decisions:list", {}),
    ("register", _("Award register"), "awards:register", {}),
    ("exemplars", _("Exemplary people"), "exemplars:staff_list", {}),
    ("reports", _("Reports"), "reports:index", {}),
]
CATALOGUE: list[tuple[str, Any, str, dict[str, str]]] = [
    ("units", _("Units"), "web:unit_list", {}),
    ("people", _("People"), "web:person_list", {}),
    ("admin_units", _("Administrative units"), "web:admin_unit_list", {}),
    ("ethnicities", _("Ethnic groups"), "web:ethnicity_list", {}),
    ("targets", _("Targets"), "targets:overview", {}),
    ("clusters", _("Emulation clusters"), "scoring:cluster_list", {}),
]


def _links(entries: list[tuple[str, Any, str, dict[str, str]]]) -> list[tuple[str, Any, str]]:
    return [(key, label, reverse(name, kwargs=kwargs or None)) for key, label, name, kwargs in entries]


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Give templates the navigation areas as (key, label, href)."""
    return {"nav_areas": _links(AREAS), "nav_catalogue": _links(CATALOGUE)}

"""What every public page needs: the portal's name, its authority and the public navigation."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PUBLIC_NAV = (
    ("services", _("Online services"), "public:procedures"),
    ("track", _("Track a dossier"), "public:track"),
    ("verify", _("Verify a decision"), "public:verify"),
    ("notices", _("Public notices"), "public:notices"),
    ("exemplars", _("Exemplary people"), "exemplars:index"),
)


def public(request: HttpRequest) -> dict[str, Any]:
    """Return the public portal's name, authority and navigation (no database access)."""
    return {
        "public_site_name": settings.THIDUA_PUBLIC_SITE_NAME,
        "public_authority_name": settings.THIDUA_PUBLIC_AUTHORITY_NAME,
        "public_nav": [(key, label, reverse(name)) for key, label, name in PUBLIC_NAV],
    }

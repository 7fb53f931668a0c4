"""Rate limits. Throttles are built per request and read their rate from settings then, so a changed
setting (or a test's override) applies at once."""

from typing import cast

from django.conf import settings
from rest_framework import throttling


def rate_for(scope: str) -> str | None:
    """Return the configured rate of a scope ("120/hour"), or None for no limit."""
    rates = cast(dict[str, str], settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}))
    return rates.get(scope)


class UserThrottle(throttling.UserRateThrottle):
    """Requests per authenticated user (rate "user"); anonymous callers by address."""

    scope = "user"

    def get_rate(self) -> str | None:
        return rate_for(self.scope)


class AnonThrottle(throttling.AnonRateThrottle):
    """Requests per address of callers without credentials (rate "anon")."""

    scope = "anon"

    def get_rate(self) -> str | None:
        return rate_for(self.scope)


class ScopedThrottle(throttling.ScopedRateThrottle):
    """Requests per user for the views that name a `throttle_scope` (imports: "imports")."""

    def get_rate(self) -> str | None:
        return rate_for(self.scope or "")


class RegulationsAnonThrottle(AnonThrottle):
    """The stricter limit for anonymous callers of the public regulations endpoints."""

    scope = "regulations_anon"

"""API tokens: a system logs in as a user with a bearer secret of which only the SHA-256 is kept."""

import hashlib
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "thd_"  # noqa: S105 - a visible marker, not a secret


def token_digest(secret: str) -> str:
    """Return the SHA-256 (hex) of a token secret, the only form in which it is stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A named, revocable, optionally expiring credential of one user for the REST API.

    The secret is shown once, when the token is created; the table holds its SHA-256 and the first
    characters (`lead`) so people can tell their tokens apart.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    lead = models.CharField(_("first characters"), max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["user", "-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(digest=""), name="apitoken_digest_set")]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.lead}…)"

    def is_usable(self, now: datetime) -> bool:
        """Tell whether the token may authenticate at `now`: not revoked, not expired, user active."""
        if self.revoked_at is not None:
            return False
        if self.expires_at is not None and self.expires_at <= now:
            return False
        return bool(self.user.is_active)

"""Writes of the API app: creating and revoking tokens (atomic, audited)."""

import secrets
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.api.models import TOKEN_PREFIX, ApiToken, token_digest
from thidua.core.audit import audit_record
from thidua.core.errors import DomainError, ValidationFailed
from thidua.core.text import clean_text


@transaction.atomic
def api_token_create(
    *, actor: Any, user: Any, name: str, now: datetime, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token for `user` and return it with its secret; the secret is not kept anywhere."""
    name = clean_text(name or "")
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Give the token a name (which system uses it).")]
    if expires_at is not None and expires_at <= now:
        errors["expires_at"] = [_("The expiry must be in the future.")]
    if not getattr(user, "is_active", False):
        errors["user"] = [_("The user is not active.")]
    if errors:
        raise ValidationFailed(_("The token cannot be created."), errors)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        lead=secret[: len(TOKEN_PREFIX) + 6],
        digest=token_digest(secret),
        created_at=now,
        expires_at=expires_at,
    )
    audit_record(
        actor=actor,
        action="api.token_create",
        obj=token,
        after={"user": user.pk, "name": token.name, "lead": token.lead, "expires_at": _iso(expires_at)},
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken, now: datetime) -> ApiToken:
    """Revoke a token at `now`; it stops working at once."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise DomainError(_("The token is already revoked."))
    token.revoked_at = now
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="api.token_revoke", obj=token, after={"revoked_at": now.isoformat()})
    return token


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def touch_last_used(token: ApiToken, *, now: datetime, every_seconds: int = 60) -> None:
    """Record when a token was last used, at most once a minute (not audited: no right changes)."""
    last = token.last_used_at
    if last is None or (now - last).total_seconds() >= every_seconds:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def local_now() -> datetime:
    """Return the current time (the interface boundary reads the clock)."""
    return timezone.now()

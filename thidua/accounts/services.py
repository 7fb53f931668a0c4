"""Writes about users: creating them, giving roles, and throttling logins."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import LoginAttempt, Membership, User
from thidua.core.audit import audit_record
from thidua.core.errors import ValidationFailed
from thidua.core.text import clean_text
from thidua.organization.models import Unit


@transaction.atomic
def user_create(*, actor: Any, username: str, password: str, full_name: str = "", email: str = "") -> User:
    """Create a user with an Argon2-hashed password."""
    username = clean_text(username)
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(_("This user name is taken."))
    user = User(username=username, full_name=clean_text(full_name), email=email)
    user.set_password(password)
    user.save()
    audit_record(
        actor=actor, action="user.create", obj=user, after={"username": username, "full_name": user.full_name}
    )
    return user


@transaction.atomic
def membership_grant(*, actor: Any, user: User, unit: Unit, role: str) -> Membership:
    """Give `user` the `role` in `unit` (and its subtree)."""
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=actor,
        action="membership.grant",
        obj=membership,
        after={"user": user.pk, "unit": unit.pk, "role": role},
    )
    return membership


def login_is_throttled(*, username: str, ip_address: str | None, now: datetime) -> bool:
    """Tell whether too many logins failed lately for this user name or from this address."""
    since = now - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS)
    limit = settings.LOGIN_THROTTLE_ATTEMPTS
    recent = LoginAttempt.objects.filter(attempted_at__gte=since)
    by_name = recent.filter(username=clean_text(username).lower()).count()
    by_ip = recent.filter(ip_address=ip_address).count() if ip_address else 0
    # An address may try a few user names, but not many more than one user's allowance.
    return by_name >= limit or by_ip >= limit * 4


def login_failed(*, username: str, ip_address: str | None, now: datetime) -> None:
    """Record one failed login."""
    LoginAttempt.objects.create(
        username=clean_text(username).lower() or "?", ip_address=ip_address, attempted_at=now
    )


def login_succeeded(*, username: str, now: datetime) -> None:
    """Forget the failed logins of this user name."""
    LoginAttempt.objects.filter(username=clean_text(username).lower()).delete()

"""Citizens' accounts: sign-up with an e-mail or a phone number, one-time codes, sign-in, password reset."""

import hashlib
import re
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.errors import DomainError, ValidationFailed
from thidua.core.text import clean_text
from thidua.public.models import CitizenAccount, VerificationCode
from thidua.public.notify import notify

CODE_MINUTES = 15
CODE_ATTEMPTS = 5
LOGIN_ATTEMPTS = 5
LOGIN_WINDOW = 15 * 60
_PHONE = re.compile(r"^0\d{9}$")


def normalise_login(value: str) -> tuple[str | None, str | None]:
    """Return (e-mail, phone) from what the citizen typed: an e-mail address or a Vietnamese mobile number.

    Phone numbers are stored as ten digits starting with 0 ("+84 912 345 678" → "0912345678").
    """
    value = clean_text(value).replace(" ", "")
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            return None, None
        return value.lower(), None
    digits = re.sub(r"[.\-()]", "", value)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return (None, digits) if _PHONE.match(digits) else (None, None)


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _find(login: str) -> CitizenAccount | None:
    email, phone = normalise_login(login)
    if email:
        return CitizenAccount.objects.filter(email=email).first()
    if phone:
        return CitizenAccount.objects.filter(phone=phone).first()
    return None


def send_code(*, account: CitizenAccount, purpose: str, now: datetime) -> None:
    """Send a new six-digit code to the account's e-mail or phone; earlier codes stop working."""
    code = f"{secrets.randbelow(1_000_000):06d}"
    VerificationCode.objects.filter(account=account, purpose=purpose, used_at__isnull=True).update(
        used_at=now
    )
    VerificationCode.objects.create(
        account=account,
        purpose=purpose,
        code_hash=_hash(code),
        created_at=now,
        expires_at=now + timedelta(minutes=CODE_MINUTES),
    )
    subject = _("Your code for the commendation portal: %(code)s") % {"code": code}
    body = _("Your code is %(code)s. It is valid for %(minutes)s minutes. Do not give it to anyone.") % {
        "code": code,
        "minutes": CODE_MINUTES,
    }
    notify(email=account.email, phone=account.phone, subject=subject, body=body)


@transaction.atomic
def account_register(*, full_name: str, login: str, password: str, now: datetime) -> CitizenAccount:
    """Open an account for an e-mail address or a phone number and send the verification code."""
    errors: dict[str, list[str]] = {}
    full_name = clean_text(full_name)
    if not full_name:
        errors["full_name"] = [_("Give your full name.")]
    email, phone = normalise_login(login)
    if not email and not phone:
        errors["login"] = [_("Give an e-mail address or a mobile number of ten digits starting with 0.")]
    elif _find(login) is not None:
        errors["login"] = [_("An account with this e-mail address or phone number already exists.")]
    try:
        validate_password(password)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationFailed(_("The account could not be opened."), errors)
    account = CitizenAccount.objects.create(
        full_name=full_name, email=email, phone=phone, password=make_password(password)
    )
    audit_record(actor=None, action="citizen.register", obj=account, after={"login": account.login})
    send_code(account=account, purpose="verify", now=now)
    return account


def code_check(*, account: CitizenAccount, purpose: str, code: str, now: datetime) -> None:
    """Accept the newest unused code for ``purpose`` or refuse it (at most five tries per code).

    A wrong try is committed before the refusal is raised, so a caller's rollback cannot undo the count.
    """
    with transaction.atomic():
        entry = (
            VerificationCode.objects.select_for_update()
            .filter(account=account, purpose=purpose, used_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if entry is None:
            problem = "expired"
        elif entry.attempts >= CODE_ATTEMPTS:
            problem = "used_up"
        elif not secrets.compare_digest(entry.code_hash, _hash(re.sub(r"\s", "", code or ""))):
            entry.attempts += 1
            entry.save(update_fields=["attempts"])
            problem = "wrong"
        else:
            entry.used_at = now
            entry.save(update_fields=["used_at"])
            problem = ""
    if problem == "expired":
        raise DomainError(_("The code has expired. Ask for a new one."))
    if problem == "used_up":
        raise DomainError(_("Too many wrong codes. Ask for a new one."))
    if problem == "wrong":
        raise ValidationFailed(_("The code is not right."), {"code": [_("The code is not right.")]})


def account_verify(*, account: CitizenAccount, code: str, now: datetime) -> CitizenAccount:
    """Mark the account's e-mail or phone as verified with the code sent to it."""
    code_check(account=account, purpose="verify", code=code, now=now)
    with transaction.atomic():
        account.verified_at = now
        account.save(update_fields=["verified_at", "updated_at"])
        audit_record(actor=None, action="citizen.verify", obj=account, after={"login": account.login})
    return account


def _throttle_key(login: str, address: str) -> str:
    return "citizen-login:" + hashlib.sha256(f"{login.lower()}|{address}".encode()).hexdigest()


def account_authenticate(*, login: str, password: str, address: str, now: datetime) -> CitizenAccount:
    """Return the account for these credentials, or refuse (five failures per 15 minutes per address)."""
    key = _throttle_key(login, address)
    failures = int(cache.get(key, 0))
    if failures >= LOGIN_ATTEMPTS:
        raise DomainError(_("Too many failed sign-ins. Please wait 15 minutes and try again."))
    account = _find(login)
    if account is None or not account.is_active or not check_password(password, account.password):
        cache.set(key, failures + 1, LOGIN_WINDOW)
        raise ValidationFailed(_("The e-mail or phone number and the password do not match."))
    cache.delete(key)
    account.last_login_at = now
    account.save(update_fields=["last_login_at", "updated_at"])
    return account


def reset_request(*, login: str, now: datetime) -> None:
    """Send a reset code when the account exists (the answer is the same either way)."""
    account = _find(login)
    if account is not None and account.is_active:
        send_code(account=account, purpose="reset", now=now)


def reset_password(*, login: str, code: str, password: str, now: datetime) -> CitizenAccount:
    """Set a new password with a reset code; a reset also proves the e-mail or phone."""
    account = _find(login)
    if account is None:
        raise DomainError(_("The code has expired. Ask for a new one."))
    try:
        validate_password(password)
    except ValidationError as exc:
        raise ValidationFailed(_("Choose another password."), {"password": list(exc.messages)}) from None
    code_check(account=account, purpose="reset", code=code, now=now)
    with transaction.atomic():
        account.password = make_password(password)
        account.verified_at = account.verified_at or now
        account.save(update_fields=["password", "verified_at", "updated_at"])
        audit_record(actor=None, action="citizen.reset_password", obj=account, after={"login": account.login})
    return account


def account_for_session(account_id: Any) -> CitizenAccount | None:
    """Return the active account a session points to."""
    if not account_id:
        return None
    return CitizenAccount.objects.filter(pk=account_id, is_active=True).first()

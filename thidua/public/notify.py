"""Messages to applicants: e-mail through Django's mailer, SMS through a pluggable gateway.

The SMS gateway is a setting (`THIDUA_SMS_BACKEND`, a dotted path to ``callable(phone, text)``); the
default writes the message to the log, which is what a development machine has. Messages are sent after
the transaction commits, and a failed send is logged, never raised: the dossier's state must not depend
on a mail server.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Messages a test or a development machine can read back (the log gateway keeps the last 200).
SMS_OUTBOX: list[tuple[str, str]] = []


def log_sms(phone: str, text: str) -> None:
    """Development gateway: log the SMS and keep it in SMS_OUTBOX."""
    SMS_OUTBOX.append((phone, text))
    del SMS_OUTBOX[:-200]
    logger.warning("SMS to %s: %s", phone, text)


def _gateway() -> Callable[[str, str], None]:
    path = getattr(settings, "THIDUA_SMS_BACKEND", "") or "thidua.public.notify.log_sms"
    gateway: Callable[[str, str], None] = import_string(path)
    return gateway


def _send(
    email: str | None,
    phone: str | None,
    subject: str,
    body: str,
    attachments: list[tuple[str, bytes, str]],
) -> None:
    if email:
        message = EmailMessage(subject=subject[:250], body=body, to=[email])
        for name, data, content_type in attachments:
            message.attach(name, data, content_type)
        try:
            message.send()
        except Exception:
            logger.exception("Could not e-mail %s", email)
    elif phone:
        try:
            _gateway()(phone, f"{subject}. {body.splitlines()[0] if body else ''}"[:300])
        except Exception:
            logger.exception("Could not send an SMS to %s", phone)


def notify(
    *,
    email: str | None,
    phone: str | None,
    subject: str,
    body: str,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    """Send a message by e-mail (or by SMS when there is no e-mail) once the transaction commits."""
    files = list(attachments or [])
    transaction.on_commit(lambda: _send(email, phone, subject, body, files))

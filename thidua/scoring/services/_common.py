"""Helpers shared by the scoring services: the publication lock, points parsing and authorisation."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db.models import FileField, Model
from django.utils.translation import gettext as _

from thidua.core.audit import snapshot
from thidua.core.errors import DomainError, NotFound, ValidationFailed
from thidua.core.formatting import format_number
from thidua.core.text import collapse_spaces, nfc
from thidua.scoring.calculation import CENT
from thidua.scoring.evidence import EvidenceRefused, Sniffed, sniff
from thidua.scoring.models import Scorecard


class ResultsPublished(DomainError):  # noqa: N818 - reads as the state, like NotFound
    """The scorecard's results are published: nothing about it may change any more."""


def ensure_not_published(scorecard: Scorecard) -> None:
    """Refuse any write once the results are published."""
    if scorecard.is_published:
        raise ResultsPublished(_("The results are published and can no longer change."))


def lock_scorecard(scorecard: Scorecard) -> Scorecard:
    """Re-read the scorecard under a row lock and refuse if it is published."""
    locked = Scorecard.objects.select_for_update().select_related("cluster__owner").get(pk=scorecard.pk)
    ensure_not_published(locked)
    return locked


def parse_points(
    value: Any, field: str, *, minimum: Decimal | None = None, maximum: Decimal | None = None
) -> Decimal:
    """Return `value` as points with two decimals, or raise ValidationFailed naming `field`."""
    try:
        text = value
        if isinstance(value, str):
            # Vietnamese writing: a comma is the decimal mark and dots group thousands (1.234,5).
            text = value.strip().replace(" ", "")
            if "," in text:
                text = text.replace(".", "").replace(",", ".")
        number = Decimal(text) if not isinstance(text, Decimal) else text
    except (InvalidOperation, ValueError, TypeError):
        number = None
    if number is None or not number.is_finite():
        message = _("Enter a number of points.")
        raise ValidationFailed(message, {field: [message]})
    if number != number.quantize(CENT):
        message = _("Points have at most two decimal places.")
        raise ValidationFailed(message, {field: [message]})
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        message = _("The score must be between %(low)s and %(high)s.") % {
            "low": format_number(minimum or 0),
            "high": format_number(maximum) if maximum is not None else "…",
        }
        raise ValidationFailed(message, {field: [message]})
    return number.quantize(CENT)


def authorise(actor: Any, allowed: bool) -> None:
    """Refuse a user who may not do this (actor None is the system: demo data and commands)."""
    if actor is not None and not allowed:
        raise NotFound("scorecard")


def clean_multiline(value: str | None) -> str:
    """Return free text as stored: NFC, lines trimmed, blank runs kept to one empty line."""
    lines = [collapse_spaces(line) for line in nfc(value or "").splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def checked_upload(upload: UploadedFile) -> Sniffed:
    """Recognise an uploaded file by content, or raise ValidationFailed saying why it is refused."""
    try:
        sniffed = sniff(upload.name or "", upload.chunks())
    except EvidenceRefused as exc:
        messages = {
            "too_big": _("The file is larger than 10 MB."),
            "empty": _("The file is empty."),
            "kind": _("Only PDF, JPG, PNG, DOCX and XLSX files are accepted."),
            "extension": _("The file name does not match its content."),
        }
        message = messages.get(str(exc), messages["kind"])
        raise ValidationFailed(message, {"file": [message]}) from None
    upload.seek(0)
    return sniffed


def record(obj: Model) -> dict[str, Any]:
    """Return `snapshot(obj)` with stored files written as their names (FieldFile is not JSON)."""
    out = snapshot(obj, [f.name for f in obj._meta.concrete_fields if not isinstance(f, FileField)])
    for f in obj._meta.concrete_fields:
        if isinstance(f, FileField):
            out[f.attname] = getattr(obj, f.attname).name or ""
    return out

"""The yearly number registers (sổ đăng ký văn bản đi): one counter row per issuing body and year."""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.errors import ValidationFailed
from thidua.core.text import clean_text
from thidua.documents.models import Document, DocumentRegister
from thidua.organization.models import Unit

ALL = "ALL"


@transaction.atomic
def register_next_number(*, issuer: Unit, year: int, scope: str = ALL) -> int:
    """Take the next number of the issuer's register for `year`: 1 on first use, then +1, never repeated.

    The register row stays locked until the caller's transaction ends, so concurrent issuers queue
    behind one another and a rolled-back issue gives its number back (numbers never skip).
    """
    rows = DocumentRegister.objects.filter(issuer=issuer, year=year, scope=scope)
    # Incrementing in one UPDATE takes the write lock first: on PostgreSQL the row lock that
    # SELECT … FOR UPDATE would take, on SQLite the database write lock (where FOR UPDATE is a no-op),
    # so two writers can never read the same last number.
    while not rows.update(last_number=F("last_number") + 1):
        try:
            with transaction.atomic():
                DocumentRegister.objects.create(issuer=issuer, year=year, scope=scope, last_number=1)
            break
        except IntegrityError:
            # Another transaction created the row first; its commit makes our UPDATE see it.
            continue
    return rows.select_for_update().get().last_number


@transaction.atomic
def register_set_start(
    *, actor: Any, issuer: Unit, year: int, last_number: int, reason: str, scope: str = ALL
) -> DocumentRegister:
    """Continue a register kept elsewhere: the next document of `year` gets `last_number + 1`.

    For bodies that move to thidua in the middle of a year. Allowed only while thidua has issued no
    document of that body in that year, so no number already given can be repeated.
    """
    reason = clean_text(reason)
    errors: dict[str, list[str]] = {}
    if last_number < 0:
        errors["last_number"] = [_("The last number cannot be negative.")]
    if not reason:
        errors["reason"] = [_("Give the reason, e.g. the paper register it continues.")]
    if Document.objects.filter(issuer=issuer, year=year, number__isnull=False).exists():
        errors["year"] = [_("Documents of this year are already numbered here; the register cannot restart.")]
    if errors:
        raise ValidationFailed(_("The register cannot be set."), errors)
    register, _created = DocumentRegister.objects.get_or_create(issuer=issuer, year=year, scope=scope)
    register = DocumentRegister.objects.select_for_update().get(pk=register.pk)
    before = {"last_number": register.last_number}
    register.last_number = last_number
    register.save(update_fields=["last_number", "updated_at"])
    audit_record(
        actor=actor,
        action="document_register.set_start",
        obj=register,
        before=before,
        after={"last_number": last_number, "issuer_id": issuer.pk, "year": year, "scope": scope},
        reason=reason,
    )
    return register

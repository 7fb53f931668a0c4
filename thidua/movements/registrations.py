"""Writes and reads about emulation registrations (đăng ký thi đua)."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import roles_of
from thidua.core.audit import audit_record
from thidua.core.errors import DomainError, ValidationFailed
from thidua.core.text import clean_text
from thidua.movements import workflow
from thidua.movements.models import (
    Movement,
    MovementStatus,
    Registration,
    RegistrationEvent,
    RegistrationLine,
    RegistrationStatus,
    SubjectKind,
)
from thidua.organization.models import Person
from thidua.regulations.catalogue import AWARD_CODES


@dataclass(frozen=True)
class LineSpec:
    """One title a unit registers for."""

    award_code: str
    subject: str
    count: int = 1
    person: Person | None = None


def _check_line(registration: Registration, spec: LineSpec) -> None:
    if spec.award_code not in AWARD_CODES:
        raise ValidationFailed(_("Unknown award code %(code)s.") % {"code": spec.award_code})
    if spec.subject not in SubjectKind.values:
        raise ValidationFailed(_("Choose who the title is for."))
    if spec.count < 1:
        raise ValidationFailed(_("The number must be at least 1."))
    if spec.subject == SubjectKind.INDIVIDUAL:
        if spec.person is None:
            raise ValidationFailed(_("Choose the person."))
        unit = spec.person.unit
        if unit is None or not unit.path.startswith(registration.unit.path):
            raise ValidationFailed(_("The person does not belong to the registering unit."))


@transaction.atomic
def registration_save(
    *, actor: Any, registration: Registration, commitment: str, lines: list[LineSpec]
) -> Registration:
    """Fill in the unit's commitments and titles while the unit holds the registration."""
    registration = (
        Registration.objects.select_for_update().select_related("unit", "movement").get(pk=registration.pk)
    )
    if registration.status not in workflow.REGISTRATION_EDITABLE:
        raise DomainError(_("The registration was sent; it can change only if it is returned."))
    if registration.movement.status not in {MovementStatus.LAUNCHED, MovementStatus.IN_PROGRESS}:
        raise DomainError(_("The movement does not take registrations now."))
    for spec in lines:
        _check_line(registration, spec)
    registration.commitment = "\n".join(clean_text(x) for x in commitment.splitlines()).strip()
    registration.save(update_fields=["commitment", "updated_at"])
    registration.lines.all().delete()
    RegistrationLine.objects.bulk_create(
        [
            RegistrationLine(
                registration=registration,
                award_code=s.award_code,
                subject=s.subject,
                count=1 if s.subject == SubjectKind.INDIVIDUAL else s.count,
                person=s.person,
            )
            for s in lines
        ]
    )
    audit_record(
        actor=actor,
        action="registration.save",
        obj=registration,
        after={
            "commitment": registration.commitment,
            "lines": [[s.award_code, s.subject, s.count, s.person.pk if s.person else None] for s in lines],
        },
    )
    return registration


def _move(*, actor: Any, registration: Registration, command: str, reason: str = "") -> Registration:
    registration = Registration.objects.select_for_update().select_related("movement").get(pk=registration.pk)
    t = workflow.find_transition(workflow.REGISTRATION_TRANSITIONS, command, registration.status)
    if t is None:
        raise DomainError(_("This registration cannot do that now."))
    if actor is not None and not (roles_of(actor) & t.roles):
        raise DomainError(_("Your role does not allow this."))
    reason = clean_text(reason)
    if t.needs_reason and not reason:
        raise ValidationFailed(_("Give a reason."), {"reason": [_("Give a reason.")]})
    now = timezone.now()
    RegistrationEvent.objects.create(
        registration=registration,
        command=command,
        from_status=registration.status,
        to_status=t.target,
        actor=actor if getattr(actor, "pk", None) else None,
        occurred_at=now,
        reason=reason,
    )
    before = registration.status
    registration.status = t.target
    if command == "send":
        registration.sent_at = now
    else:
        registration.decided_at = now
    registration.return_reason = reason if command == "return" else ""
    registration.save()
    audit_record(
        actor=actor,
        action=f"registration.{command}",
        obj=registration,
        before={"status": before},
        after={"status": t.target},
        reason=reason,
    )
    # The first registration sent puts a launched movement in progress.
    movement = registration.movement
    if command == "send" and movement.status == MovementStatus.LAUNCHED:
        movement.status = MovementStatus.IN_PROGRESS
        movement.save(update_fields=["status", "updated_at"])
    return registration


@transaction.atomic
def registration_send(*, actor: Any, registration: Registration) -> Registration:
    """Send the registration to the launcher."""
    return _move(actor=actor, registration=registration, command="send")


@transaction.atomic
def registration_return(*, actor: Any, registration: Registration, reason: str) -> Registration:
    """Return the registration to its unit with a reason."""
    return _move(actor=actor, registration=registration, command="return", reason=reason)


@transaction.atomic
def registration_accept(*, actor: Any, registration: Registration) -> Registration:
    """Accept the registration into the consolidated table."""
    return _move(actor=actor, registration=registration, command="accept")


@dataclass(frozen=True)
class ConsolidatedRow:
    """One unit's registered titles: award code → (collective count, members count)."""

    registration: Registration
    counts: dict[str, int]


def registration_table(movement: Movement) -> tuple[list[str], list[ConsolidatedRow], dict[str, int]]:
    """Return the award codes, one row per unit with its counts per code, and the totals (two queries)."""
    registrations: QuerySet[Registration] = movement.registrations.select_related("unit").order_by(
        "unit__path"
    )
    lines = RegistrationLine.objects.filter(registration__movement=movement)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    codes: set[str] = set()
    for line in lines:
        counts[line.registration_id][line.award_code] += line.count
        codes.add(line.award_code)
    ordered = sorted(codes, key=lambda c: AWARD_CODES.index(c) if c in AWARD_CODES else len(AWARD_CODES))
    rows = [ConsolidatedRow(r, dict(counts.get(r.pk, {}))) for r in registrations]
    totals = {
        c: sum(row.counts.get(c, 0) for row in rows if row.registration.status == RegistrationStatus.ACCEPTED)
        for c in ordered
    }
    return ordered, rows, totals

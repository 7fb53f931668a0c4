"""Writes about movements: drafting, copying, launching with the official document, status changes."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import roles_of
from thidua.core.audit import audit_record, changed, snapshot
from thidua.core.errors import DomainError, ValidationFailed
from thidua.core.text import clean_text
from thidua.documents import services as documents
from thidua.movements import workflow
from thidua.movements.launch_document import launch_content, signer_name
from thidua.movements.models import (
    ContentItem,
    Milestone,
    Movement,
    MovementEvent,
    Participant,
    PlannedAward,
    RecipientLine,
    Registration,
)
from thidua.organization.models import Unit

TEXT_FIELDS = (
    "title",
    "headline",
    "opening_assessment",
    "theme_lead",
    "theme",
    "goals",
    "criteria",
    "closing",
    "place_name",
    "signer_title",
    "on_behalf_of",
    "archive",
)
EDITABLE_FIELDS = (
    *TEXT_FIELDS,
    "kind",
    "year",
    "starts_on",
    "ends_on",
    "budget_vnd",
    "registration_required",
    "signer",
    "signing_capacity",
    "drafting_unit",
)


@dataclass(frozen=True)
class RecipientSpec:
    """A "Nơi nhận" line and the units that get the document in their inbox through it."""

    text: str
    units: tuple[Unit, ...] = ()


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown movement fields: {sorted(unknown)}")
    out = dict(fields)
    for name in TEXT_FIELDS:
        if name in out and out[name] is not None:
            # Keep paragraph breaks; normalise each line.
            out[name] = "\n".join(clean_text(line) for line in str(out[name]).splitlines()).strip()
    if "budget_vnd" in out and (not isinstance(out["budget_vnd"], int) or out["budget_vnd"] < 0):
        raise ValidationFailed(_("The budget is a whole, non-negative number of đồng."))
    return out


def _validate(movement: Movement) -> None:
    errors: dict[str, list[str]] = {}
    if not movement.title:
        errors["title"] = [_("The title is missing.")]
    if not movement.theme:
        errors["theme"] = [_("The theme is missing.")]
    if movement.starts_on and movement.ends_on and movement.ends_on < movement.starts_on:
        errors["ends_on"] = [_("The end date comes before the start date.")]
    if errors:
        raise ValidationFailed(_("The movement is not complete."), errors)


def _require_editable(movement: Movement) -> None:
    if movement.status not in workflow.MOVEMENT_EDITABLE:
        raise DomainError(_("The launching document is issued; the movement's content can no longer change."))


@transaction.atomic
def movement_create(*, actor: Any, launcher: Unit, items: list[str] | None = None, **fields: Any) -> Movement:
    """Draft a movement for `launcher` with its numbered content items."""
    data = _clean_fields(fields)
    data.setdefault("place_name", launcher.place_name or launcher.name)
    movement = Movement(launcher=launcher, **data)
    _validate(movement)
    movement.save()
    _replace_items(movement, items or [])
    audit_record(actor=actor, action="movement.create", obj=movement, after=snapshot(movement))
    return movement


@transaction.atomic
def movement_update(
    *, actor: Any, movement: Movement, items: list[str] | None = None, **fields: Any
) -> Movement:
    """Change a draft movement's content (and, if given, replace its items)."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    _require_editable(movement)
    before = snapshot(movement)
    for name, value in _clean_fields(fields).items():
        setattr(movement, name, value)
    _validate(movement)
    movement.save()
    if items is not None:
        _replace_items(movement, items)
    old, new = changed(before, snapshot(movement))
    audit_record(actor=actor, action="movement.update", obj=movement, before=old, after=new)
    return movement


def _replace_items(movement: Movement, items: list[str]) -> None:
    cleaned = ["\n".join(clean_text(x) for x in text.splitlines()).strip() for text in items]
    movement.items.all().delete()
    ContentItem.objects.bulk_create(
        [
            ContentItem(movement=movement, number=i, text=t)
            for i, t in enumerate((t for t in cleaned if t), start=1)
        ]
    )


@transaction.atomic
def movement_set_participants(
    *, actor: Any, movement: Movement, units: list[Unit], include_subtree: bool
) -> None:
    """Replace the participant units."""
    _require_editable(movement)
    movement.participants.all().delete()
    Participant.objects.bulk_create(
        [Participant(movement=movement, unit=u, include_subtree=include_subtree) for u in units]
    )
    audit_record(
        actor=actor,
        action="movement.participants",
        obj=movement,
        after={"units": [u.pk for u in units], "include_subtree": include_subtree},
    )


@transaction.atomic
def movement_set_recipients(*, actor: Any, movement: Movement, recipients: list[RecipientSpec]) -> None:
    """Replace the "Nơi nhận" lines and the units each line delivers to."""
    _require_editable(movement)
    movement.recipients.all().delete()
    for number, spec in enumerate(recipients, start=1):
        line = RecipientLine.objects.create(movement=movement, number=number, text=clean_text(spec.text))
        line.units.set(spec.units)
    audit_record(
        actor=actor,
        action="movement.recipients",
        obj=movement,
        after={"lines": [r.text for r in recipients]},
    )


@transaction.atomic
def movement_add_milestone(
    *, actor: Any, movement: Movement, kind: str, due_on: date, label: str = ""
) -> Milestone:
    """Add a dated step to the movement's timeline."""
    if not movement.starts_on <= due_on <= movement.ends_on:
        raise ValidationFailed(_("The milestone falls outside the movement's period."))
    milestone = Milestone.objects.create(movement=movement, kind=kind, due_on=due_on, label=clean_text(label))
    audit_record(
        actor=actor,
        action="movement.milestone",
        obj=movement,
        after={"kind": kind, "due_on": due_on.isoformat(), "label": milestone.label},
    )
    return milestone


@transaction.atomic
def movement_plan_award(
    *, actor: Any, movement: Movement, award_code: str, quantity: int, note: str = ""
) -> PlannedAward:
    """Plan how many of an award the review may give."""
    if quantity < 1:
        raise ValidationFailed(_("The quantity must be at least 1."))
    planned = PlannedAward.objects.create(
        movement=movement, award_code=award_code, quantity=quantity, note=clean_text(note)
    )
    audit_record(
        actor=actor,
        action="movement.planned_award",
        obj=movement,
        after={"award_code": award_code, "quantity": quantity},
    )
    return planned


def _shift_year(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


@transaction.atomic
def movement_copy(*, actor: Any, source: Movement, year: int) -> Movement:
    """Start next year's movement from this one, with content, participants, recipients and dates moved."""
    shift = year - source.year
    data = {
        name: getattr(source, name)
        for name in EDITABLE_FIELDS
        if name not in {"year", "starts_on", "ends_on"}
    }
    copy = Movement.objects.create(
        launcher=source.launcher,
        year=year,
        starts_on=_shift_year(source.starts_on, shift),
        ends_on=_shift_year(source.ends_on, shift),
        copied_from=source,
        **data,
    )
    ContentItem.objects.bulk_create(
        [ContentItem(movement=copy, number=i.number, text=i.text) for i in source.items.all()]
    )
    Participant.objects.bulk_create(
        [
            Participant(movement=copy, unit=p.unit, include_subtree=p.include_subtree)
            for p in source.participants.all()
        ]
    )
    for line in source.recipients.prefetch_related("units"):
        new = RecipientLine.objects.create(movement=copy, number=line.number, text=line.text)
        new.units.set(line.units.all())
    Milestone.objects.bulk_create(
        [
            Milestone(movement=copy, kind=m.kind, due_on=_shift_year(m.due_on, shift), label=m.label)
            for m in source.milestones.all()
        ]
    )
    PlannedAward.objects.bulk_create(
        [
            PlannedAward(movement=copy, award_code=a.award_code, quantity=a.quantity, note=a.note)
            for a in source.planned_awards.all()
        ]
    )
    audit_record(
        actor=actor, action="movement.copy", obj=copy, after={"copied_from": source.pk, "year": year}
    )
    return copy


def _transition(*, actor: Any, movement: Movement, command: str, reason: str = "") -> Movement:
    t = workflow.find_transition(workflow.MOVEMENT_TRANSITIONS, command, movement.status)
    if t is None:
        raise DomainError(_("This movement cannot do that now."))
    if actor is not None and not (roles_of(actor) & t.roles):
        raise DomainError(_("Your role does not allow this."))
    if t.needs_reason and not clean_text(reason):
        raise ValidationFailed(_("Give a reason."), {"reason": [_("Give a reason.")]})
    MovementEvent.objects.create(
        movement=movement,
        command=command,
        from_status=movement.status,
        to_status=t.target,
        actor=actor if getattr(actor, "pk", None) else None,
        occurred_at=timezone.now(),
        reason=clean_text(reason),
    )
    before = movement.status
    movement.status = t.target
    movement.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=f"movement.{command}",
        obj=movement,
        before={"status": before},
        after={"status": t.target},
        reason=clean_text(reason),
    )
    return movement


@transaction.atomic
def movement_transition(*, actor: Any, movement: Movement, command: str, reason: str = "") -> Movement:
    """Start, review, close or reopen a movement through the transition table."""
    if command == "launch":
        raise DomainError(_("Launch a movement by issuing its document."))
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    return _transition(actor=actor, movement=movement, command=command, reason=reason)


def participant_units(movement: Movement) -> list[Unit]:
    """Return every unit taking part: listed units, and those below the ones that include their subtree."""
    units: dict[int, Unit] = {}
    for p in movement.participants.select_related("unit"):
        units[p.unit.pk] = p.unit
        if p.include_subtree:
            for u in Unit.objects.filter(path__startswith=p.unit.path).exclude(pk=p.unit.pk):
                units[u.pk] = u
    return sorted(units.values(), key=lambda u: u.path)


@transaction.atomic
def movement_launch(*, actor: Any, movement: Movement, issued_on: date) -> Movement:
    """Issue the launching document (numbered from the launcher's register) and open registrations."""
    movement = (
        Movement.objects.select_for_update(of=("self",))
        .select_related("launcher", "drafting_unit", "signer")
        .get(pk=movement.pk)
    )
    if not movement.items.exists():
        raise ValidationFailed(_("Add at least one content item before launching."))
    if not movement.recipients.exists():
        raise ValidationFailed(_("Add the recipients before launching."))
    recipient_units: dict[int, Unit] = {}
    for line in movement.recipients.prefetch_related("units"):
        for unit in line.units.all():
            recipient_units[unit.pk] = unit
    draft = documents.document_create_draft(
        actor=actor,
        issuer=movement.launcher,
        kind="CONG_VAN",
        subject=f"V/v {movement.title}",
        content=launch_content(movement),
        place_name=movement.place_name,
        signer_name=signer_name(movement),
        signer_title=movement.signer_title,
        signing_capacity=movement.signing_capacity,
        on_behalf_of=movement.on_behalf_of,
        recipient_units=list(recipient_units.values()),
        drafting_unit=movement.drafting_unit,
        source=f"movements.movement:{movement.pk}",
    )
    document = documents.document_issue(actor=actor, document=draft, issued_on=issued_on)
    movement.launch_document = document
    movement.save(update_fields=["launch_document", "updated_at"])
    _transition(actor=actor, movement=movement, command="launch")
    if movement.registration_required:
        Registration.objects.bulk_create(
            [Registration(movement=movement, unit=u) for u in participant_units(movement)],
            ignore_conflicts=True,
        )
    return movement

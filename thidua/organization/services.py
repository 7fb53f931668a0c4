"""Writes to the organisation registry. Each is atomic and audited; callers authorise first."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record, changed, snapshot
from thidua.core.errors import ValidationFailed
from thidua.core.text import clean_text
from thidua.organization.models import (
    Ethnicity,
    Household,
    LineageKind,
    Person,
    PersonMembership,
    Sex,
    Unit,
    UnitKind,
    UnitLineage,
)

PERSON_FIELDS = (
    "full_name",
    "family_name",
    "middle_name",
    "given_name",
    "sex",
    "date_of_birth",
    "ethnicity",
    "id_number",
    "position",
    "is_direct_worker",
)


def _clean_id_number(value: str | None) -> str | None:
    value = clean_text(value or "")
    if not value:
        return None
    if not value.isdigit() or len(value) not in (9, 12):
        raise ValidationFailed(
            _("The personal ID number is not valid."),
            {"id_number": [_("The ID number must have 9 or 12 digits.")]},
        )
    return value


def _validate_person(person: Person) -> None:
    errors: dict[str, list[str]] = {}
    if not clean_text(person.given_name):
        errors["given_name"] = [_("The given name is missing.")]
    if person.sex not in Sex.values:
        errors["sex"] = [_("Choose a valid sex.")]
    if person.date_of_birth and person.date_of_birth > date.today():  # noqa: DTZ011 - a date of birth is a civil date
        errors["date_of_birth"] = [_("The date of birth is in the future.")]
    if person.id_number and Person.objects.filter(id_number=person.id_number).exclude(pk=person.pk).exists():
        errors["id_number"] = [_("A person with this ID number already exists.")]
    if errors:
        raise ValidationFailed(_("The person's details are not valid."), errors)


@transaction.atomic
def person_create(
    *,
    actor: Any,
    unit: Unit,
    family_name: str,
    middle_name: str,
    given_name: str,
    sex: str,
    full_name: str = "",
    date_of_birth: date | None = None,
    ethnicity: Ethnicity | None = None,
    id_number: str | None = None,
    position: str = "",
    is_direct_worker: bool = False,
    joined_on: date | None = None,
    reason: str = "",
) -> Person:
    """Create a person in `unit` and open their membership there."""
    person = Person(
        unit=unit,
        family_name=family_name,
        middle_name=middle_name,
        given_name=given_name,
        sex=sex,
        full_name=full_name,
        date_of_birth=date_of_birth,
        ethnicity=ethnicity,
        id_number=_clean_id_number(id_number),
        position=clean_text(position),
        is_direct_worker=is_direct_worker,
    )
    person.refresh_keys()
    _validate_person(person)
    person.save()
    PersonMembership.objects.create(
        person=person,
        unit=unit,
        position=person.position,
        valid_from=joined_on or date.today(),  # noqa: DTZ011
    )
    audit_record(actor=actor, action="person.create", obj=person, after=snapshot(person), reason=reason)
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, reason: str = "", **fields: Any) -> Person:
    """Change a person's details (not their unit: see `person_move`)."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Unknown person fields: {sorted(unknown)}")
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person)
    if "id_number" in fields:
        fields["id_number"] = _clean_id_number(fields["id_number"])
    if "position" in fields:
        fields["position"] = clean_text(fields["position"])
    for name, value in fields.items():
        setattr(person, name, value)
    person.refresh_keys()
    _validate_person(person)
    person.save()
    old, new = changed(before, snapshot(person))
    if new or old:
        audit_record(actor=actor, action="person.update", obj=person, before=old, after=new, reason=reason)
    return person


@transaction.atomic
def person_move(
    *, actor: Any, person: Person, unit: Unit, on: date, position: str = "", reason: str = ""
) -> Person:
    """Move a person to another unit from `on`, closing their current membership the day before."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.unit_id == unit.pk:
        raise ValidationFailed(_("The person already belongs to this unit."))
    open_rows = PersonMembership.objects.filter(person=person, valid_to__isnull=True)
    for row in open_rows:
        if row.valid_from >= on:
            raise ValidationFailed(_("The move date must come after the start of the current membership."))
        row.valid_to = date.fromordinal(on.toordinal() - 1)
        row.save(update_fields=["valid_to", "updated_at"])
    old_unit = person.unit_id
    person.unit = unit
    if position:
        person.position = clean_text(position)
    person.save()
    PersonMembership.objects.create(person=person, unit=unit, position=person.position, valid_from=on)
    audit_record(
        actor=actor,
        action="person.move",
        obj=person,
        before={"unit_id": old_unit},
        after={"unit_id": unit.pk, "on": on.isoformat()},
        reason=reason,
    )
    return person


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: str = UnitKind.OTHER,
    parent: Unit | None = None,
    reason: str = "",
    **fields: Any,
) -> Unit:
    """Create a unit under `parent`."""
    code = clean_text(code)
    if not code:
        raise ValidationFailed(_("The unit code is missing."), {"code": [_("The unit code is missing.")]})
    if Unit.objects.filter(code=code).exists():
        raise ValidationFailed(_("This unit code is taken."), {"code": [_("This unit code is taken.")]})
    if not clean_text(name):
        raise ValidationFailed(_("The unit name is missing."), {"name": [_("The unit name is missing.")]})
    unit = Unit(code=code, name=name, kind=kind, parent=parent, **fields)
    unit.save()
    audit_record(actor=actor, action="unit.create", obj=unit, after=snapshot(unit), reason=reason)
    return unit


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, reason: str = "", **fields: Any) -> Unit:
    """Change a unit's details; moving it (a new parent) moves its whole subtree."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit)
    old_path = unit.path
    new_parent = fields.get("parent", unit.parent)
    if new_parent is not None and new_parent.path.startswith(unit.path):
        raise ValidationFailed(_("A unit cannot be placed under itself or one of its sub-units."))
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.save()
    if unit.path != old_path:
        for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).order_by("depth"):
            child.save()  # recomputes the path from the (already moved) parent
    old, new = changed(before, snapshot(unit))
    if old or new:
        audit_record(actor=actor, action="unit.update", obj=unit, before=old, after=new, reason=reason)
    return unit


@transaction.atomic
def unit_link_lineage(
    *,
    actor: Any,
    predecessors: list[Unit],
    successor: Unit,
    kind: str,
    effective_on: date,
    legal_basis: str = "",
    close_predecessors: bool = True,
) -> list[UnitLineage]:
    """Record that `predecessors` led to `successor` on `effective_on` (merger, split, rename, transfer)."""
    if kind not in LineageKind.values:
        raise ValidationFailed(_("Unknown kind of lineage."))
    links = []
    for pred in predecessors:
        if pred.pk == successor.pk:
            raise ValidationFailed(_("A unit cannot succeed itself."))
        link, _created = UnitLineage.objects.get_or_create(
            predecessor=pred,
            successor=successor,
            defaults={"kind": kind, "effective_on": effective_on, "legal_basis": clean_text(legal_basis)},
        )
        links.append(link)
        if close_predecessors and (pred.valid_to is None or pred.valid_to >= effective_on):
            pred.valid_to = date.fromordinal(effective_on.toordinal() - 1)
            pred.save()
        audit_record(
            actor=actor,
            action="unit.lineage",
            obj=link,
            after={
                "predecessor": pred.pk,
                "successor": successor.pk,
                "kind": kind,
                "on": effective_on.isoformat(),
            },
        )
    return links


@transaction.atomic
def household_create(*, actor: Any, village: Unit, head: Person | None, address: str = "") -> Household:
    """Create a household in a village unit, with its head as first member."""
    if village.kind != UnitKind.VILLAGE:
        raise ValidationFailed(_("A household must belong to a village or residential group."))
    household = Household.objects.create(village=village, head=head, address=clean_text(address))
    if head is not None:
        household.members.add(head)
    audit_record(actor=actor, action="household.create", obj=household, after=snapshot(household))
    return household

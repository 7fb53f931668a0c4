"""Build a decision line's printed data (names, unit, sort keys) from the subject it is about."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from thidua.core.errors import ValidationFailed
from thidua.core.text import clean_text, collation_key
from thidua.decisions.models import SubjectKind
from thidua.organization.models import Household, Person, Sex, Unit

# Within one unit the collective comes first, then its members by given name.
_COLLECTIVE_FIRST = "0"
_MEMBERS_AFTER = "1"


@dataclass(frozen=True)
class LineSubject:
    """The printed data of one line's subject."""

    display_name: str
    honorific: str
    unit_name: str
    position: str
    unit_sort_key: str
    name_sort_key: str


def honorific_for(person: Person) -> str:
    """Return "Ông" or "Bà" for the certificate and the list."""
    if person.sex == Sex.FEMALE:
        return "Bà"
    if person.sex == Sex.MALE:
        return "Ông"
    return ""


def describe_subject(
    *,
    subject_kind: str,
    person: Person | None = None,
    unit: Unit | None = None,
    household: Household | None = None,
    display_name: str = "",
    unit_name: str = "",
    position: str = "",
) -> LineSubject:
    """Return the names and sort keys printed for a subject; given texts override the registry's.

    An individual is listed under their unit and sorted by `Person.sort_key` (given name first); a
    collective is listed under its own name, ahead of its members; a household under its village.
    """
    display_name, unit_name, position = clean_text(display_name), clean_text(unit_name), clean_text(position)
    if subject_kind not in SubjectKind.values:
        raise ValidationFailed(_("Choose who receives the award."), {"subject_kind": [_("Unknown kind.")]})
    if subject_kind == SubjectKind.INDIVIDUAL:
        if person is None and not display_name:
            raise ValidationFailed(_("Choose the person."), {"person": [_("The person is missing.")]})
        name = display_name or (person.full_name if person else "")
        unit_text = unit_name or (person.unit.name if person and person.unit else "")
        name_key = person.sort_key if person else collation_key(name.split(" ")[-1] + " " + name)
        return LineSubject(
            display_name=name,
            honorific=honorific_for(person) if person else "",
            unit_name=unit_text,
            position=position or (person.position if person else ""),
            unit_sort_key=collation_key(unit_text),
            name_sort_key=_MEMBERS_AFTER + name_key,
        )
    if subject_kind == SubjectKind.HOUSEHOLD:
        if household is None and not display_name:
            raise ValidationFailed(
                _("Choose the household."), {"household": [_("The household is missing.")]}
            )
        head = household.head if household else None
        name = display_name or (
            f"Hộ gia đình {honorific_for(head).lower()} {head.full_name}".replace("  ", " ")
            if head
            else f"Hộ gia đình số {household.pk if household else ''}"
        )
        unit_text = unit_name or (household.village.name if household else "")
        return LineSubject(
            display_name=name,
            honorific="",
            unit_name=unit_text,
            position=position or (household.address if household else ""),
            unit_sort_key=collation_key(unit_text),
            name_sort_key=_MEMBERS_AFTER + (head.sort_key if head else collation_key(name)),
        )
    if unit is None and not display_name:
        raise ValidationFailed(_("Choose the unit."), {"unit": [_("The unit is missing.")]})
    name = display_name or (unit.name if unit else "")
    unit_text = unit_name or name
    return LineSubject(
        display_name=name,
        honorific="",
        unit_name=unit_text,
        position=position,
        unit_sort_key=collation_key(unit_text),
        name_sort_key=_COLLECTIVE_FIRST + collation_key(name),
    )

"""Reads from the award register: lists, timelines, eligibility verdicts, dependents and "on track" sentences.

Public API for the other apps (proposals, council, decisions):
`eligibility_for_person`, `eligibility_for_people` (a whole list at once), `eligibility_for_unit`,
`eligibility_for_household`, `awards_for`, `person_timeline`, `unit_timeline`, `on_track`, `dependents_of`,
`open_rechecks`.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from thidua.awards.cases import (
    case_from_records,
    household_case,
    lineage_units,
    load_records,
    person_case,
    rules_for,
    unit_case,
)
from thidua.awards.dependents import Dependent, dependents_of
from thidua.awards.models import (
    Award,
    AwardRecheck,
    DisciplineRecord,
    Evaluation,
    Initiative,
    PersonFlag,
    RecheckStatus,
    ResearchRecord,
    Revocation,
    UnitEvaluation,
)
from thidua.awards.ontrack import on_track
from thidua.organization.models import Household, Person, Unit
from thidua.regulations import RulePack, Verdict, check_eligibility

__all__ = [
    "Dependent",
    "TimelineAward",
    "TimelineYear",
    "award_list",
    "awards_for",
    "dependents_of",
    "eligibility_for_household",
    "eligibility_for_people",
    "eligibility_for_person",
    "eligibility_for_unit",
    "on_track",
    "open_rechecks",
    "person_timeline",
    "rechecks_opened_by",
    "unit_timeline",
]


# -- eligibility ---------------------------------------------------------------------------------------
def eligibility_for_person(
    *,
    person: Person,
    award_code: str,
    year: int,
    on: date,
    rules: RulePack | None = None,
    policy: Mapping[str, object] | None = None,
) -> Verdict:
    """Return the engine's verdict for `person` and `award_code` for `year`, decided `on`, from the register.

    `rules` defaults to the pack of the person's province; `policy` overrides its parameters. Raises
    `thidua.regulations.RegulationError` for an unknown award code or a date before 1 January 2024.
    """
    pack = rules_for(person.unit, rules=rules, policy=policy)
    return check_eligibility(person_case(person, award_code, year, on), rules=pack)


def eligibility_for_people(
    *,
    items: Sequence[tuple[Person, str, int]],
    on: date,
    rules: RulePack | None = None,
    policy: Mapping[str, object] | None = None,
) -> list[Verdict]:
    """Return the verdicts of many (person, award code, year) questions, in order, reading the register once.

    Same answers as `eligibility_for_person` one by one; meant for whole nominee lists and imports.
    """
    records = load_records(p.pk for p, _code, _year in items)
    packs: dict[int | None, RulePack] = {}
    out: list[Verdict] = []
    for person, code, year in items:
        if person.unit_id not in packs:
            packs[person.unit_id] = rules_for(person.unit, rules=rules, policy=policy)
        case = case_from_records(records[person.pk], code, year, on)
        out.append(check_eligibility(case, rules=packs[person.unit_id]))
    return out


def eligibility_for_unit(
    *, unit: Unit, award_code: str, year: int, on: date, rules: RulePack | None = None
) -> Verdict:
    """Return the engine's verdict for a collective (or a village or commune), with its predecessors' awards.

    Member counts come from the people who belonged to the unit during the year and their evaluations,
    awards and discipline in the register.
    """
    pack = rules_for(unit, rules=rules)
    return check_eligibility(unit_case(unit, award_code, year, on, rules=pack), rules=pack)


def eligibility_for_household(
    *, household: Household, award_code: str, year: int, on: date, rules: RulePack | None = None
) -> Verdict:
    """Return the engine's verdict for a household (criteria are the province's checklist)."""
    pack = rules_for(household.village, rules=rules)
    return check_eligibility(household_case(household, award_code, year, on), rules=pack)


# -- lists ---------------------------------------------------------------------------------------------
def awards_for(
    *, person: Person | None = None, unit: Unit | None = None, with_predecessors: bool = True
) -> QuerySet[Award]:
    """Return the awards of a person, or of a unit (and, by default, of the units that led to it)."""
    if person is not None:
        return (
            Award.objects.filter(person=person)
            .select_related("revocation")
            .order_by("-year", "award_code", "id")
        )
    if unit is not None:
        ids = [u.pk for u in lineage_units(unit)] if with_predecessors else [unit.pk]
        return (
            Award.objects.filter(unit_id__in=ids).select_related("unit", "revocation").order_by("-year", "id")
        )
    return Award.objects.none()


def award_list(
    units: QuerySet[Unit],
    *,
    year: int | None = None,
    award_code: str = "",
    unit: Unit | None = None,
    status: str = "",
) -> QuerySet[Award]:
    """Return the awards of the people, units and households in `units` (the caller's scope), filtered."""
    qs = Award.objects.filter(Q(person__unit__in=units) | Q(unit__in=units) | Q(household__village__in=units))
    if unit is not None:
        qs = qs.filter(
            Q(person__unit__path__startswith=unit.path)
            | Q(unit__path__startswith=unit.path)
            | Q(household__village__path__startswith=unit.path)
        )
    if year is not None:
        qs = qs.filter(year=year)
    if award_code:
        qs = qs.filter(award_code=award_code)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("person", "person__unit", "unit", "household", "household__head").order_by(
        "-year", "award_code", "id"
    )


def open_rechecks(*, person: Person | None = None, unit: Unit | None = None) -> QuerySet[AwardRecheck]:
    """Return the awards flagged after a revocation and not yet reviewed, for a person or a unit."""
    qs = AwardRecheck.objects.filter(status=RecheckStatus.OPEN).select_related("award", "revocation__award")
    if person is not None:
        return qs.filter(award__person=person)
    if unit is not None:
        return qs.filter(award__unit=unit)
    return qs.none()


def rechecks_opened_by(award: Award) -> QuerySet[AwardRecheck]:
    """Return the re-check flags opened when `award` was revoked."""
    return AwardRecheck.objects.filter(revocation__award=award).select_related("award")


# -- timelines -----------------------------------------------------------------------------------------
@dataclass
class TimelineAward:
    """An award on a timeline, with its revocation, the predecessor unit it came from and open re-checks."""

    award: Award
    revocation: Revocation | None = None
    predecessor: Unit | None = None
    rechecks: list[AwardRecheck] = field(default_factory=list)


@dataclass
class TimelineYear:
    """Everything the register holds about one evaluation year of a subject."""

    year: int
    rating: str | None = None
    rating_label: str = ""
    awards: list[TimelineAward] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    research: list[ResearchRecord] = field(default_factory=list)
    discipline: list[DisciplineRecord] = field(default_factory=list)
    flags: list[PersonFlag] = field(default_factory=list)


def _revocations(awards: list[Award]) -> dict[int, Revocation]:
    return {r.award_id: r for r in Revocation.objects.filter(award__in=awards)}


def _rechecks(awards: list[Award]) -> dict[int, list[AwardRecheck]]:
    out: dict[int, list[AwardRecheck]] = defaultdict(list)
    for r in AwardRecheck.objects.filter(award__in=awards, status=RecheckStatus.OPEN).select_related(
        "revocation__award"
    ):
        out[r.award_id].append(r)
    return out


def _years_of(start: date, end: date | None, last: int) -> range:
    return range(start.year, (end.year if end else max(last, start.year)) + 1)


def person_timeline(person: Person) -> list[TimelineYear]:
    """Return the person's register year by year, newest first."""
    years: dict[int, TimelineYear] = {}

    def at(y: int) -> TimelineYear:
        return years.setdefault(y, TimelineYear(y))

    for ev in Evaluation.objects.filter(person=person):
        row = at(ev.year)
        row.rating, row.rating_label = ev.rating, ev.get_rating_display()
    awards = list(Award.objects.filter(person=person).order_by("year", "decided_on", "id"))
    revocations, rechecks = _revocations(awards), _rechecks(awards)
    for a in awards:
        at(a.year).awards.append(TimelineAward(a, revocations.get(a.pk), None, rechecks.get(a.pk, [])))
    for ini in Initiative.objects.filter(person=person).order_by("id"):
        at(ini.year).initiatives.append(ini)
    for res in ResearchRecord.objects.filter(person=person).order_by("id"):
        at(res.year).research.append(res)
    last = max(years, default=date.min.year)
    for d in DisciplineRecord.objects.filter(person=person).order_by("effective_from"):
        for y in _years_of(d.effective_from, d.effective_to, last):
            at(y).discipline.append(d)
    for f in PersonFlag.objects.filter(person=person).order_by("valid_from"):
        for y in _years_of(f.valid_from, f.valid_to, last):
            at(y).flags.append(f)
    return [years[y] for y in sorted(years, reverse=True)]


def unit_timeline(unit: Unit) -> list[TimelineYear]:
    """Return a collective's register year by year, newest first, with its predecessors' awards labelled."""
    years: dict[int, TimelineYear] = {}
    for ev in UnitEvaluation.objects.filter(unit=unit):
        years[ev.year] = TimelineYear(ev.year, ev.rating, ev.get_rating_display())
    lineage = {u.pk: u for u in lineage_units(unit)}
    awards = list(Award.objects.filter(unit_id__in=list(lineage)).order_by("year", "decided_on", "id"))
    revocations, rechecks = _revocations(awards), _rechecks(awards)
    for a in awards:
        predecessor = lineage[a.unit_id] if a.unit_id != unit.pk else None  # type: ignore[index]
        row = years.setdefault(a.year, TimelineYear(a.year))
        row.awards.append(TimelineAward(a, revocations.get(a.pk), predecessor, rechecks.get(a.pk, [])))
    return [years[y] for y in sorted(years, reverse=True)]


def register_years(units: QuerySet[Unit]) -> list[int]:
    """Return the years that have awards in scope, newest first (for the year filter)."""
    qs = Award.objects.filter(Q(person__unit__in=units) | Q(unit__in=units) | Q(household__village__in=units))
    return sorted(set(qs.values_list("year", flat=True).distinct()[:200]), reverse=True)


def subject_of(award: Award) -> dict[str, Any]:
    """Return where an award's subject page is: a person's or a unit's (a household's village)."""
    if award.person_id:
        return {"kind": "person", "id": award.person_id}
    if award.unit_id:
        return {"kind": "unit", "id": award.unit_id}
    return {"kind": "unit", "id": award.household.village_id if award.household else None}

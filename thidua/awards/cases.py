"""Build the regulations engine's `Case` from the register: history, discipline, flags and member counts.

`overrides` maps an award id to the "revoked" flag to assume for it and `exclude` leaves awards out; both let
the revocation screens ask "what if this award were (not) revoked" without writing anything.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Min, Q

from thidua.awards.models import (
    COMPLETED_RATINGS,
    Award,
    AwardStatus,
    DisciplineRecord,
    Evaluation,
    FlagKind,
    Initiative,
    PersonFlag,
    ResearchRecord,
    SubjectKind,
    UnitEvaluation,
)
from thidua.organization.models import PROVINCE_LEVEL, Household, Person, PersonMembership, Unit, UnitKind
from thidua.regulations import (
    AwardBasis,
    AwardRecord,
    Case,
    CollectiveCounts,
    Flags,
    HistoryYear,
    Office,
    Rating,
    RegulationError,
    RulePack,
    Scope,
    YearType,
    award,
    load_rule_pack,
)
from thidua.regulations import DisciplineForm as EngineDisciplineForm
from thidua.regulations import DisciplineRecord as EngineDiscipline
from thidua.regulations import Person as EnginePerson
from thidua.regulations import SubjectKind as EngineSubject

ENGINE_SUBJECT = {
    SubjectKind.INDIVIDUAL: EngineSubject.INDIVIDUAL,
    SubjectKind.COLLECTIVE: EngineSubject.COLLECTIVE,
    SubjectKind.HOUSEHOLD: EngineSubject.HOUSEHOLD,
    SubjectKind.VILLAGE: EngineSubject.VILLAGE,
    SubjectKind.COMMUNE: EngineSubject.COMMUNE,
}
LDTT_LIKE = frozenset({"LDTT", "CSTT"})
CSTDCS_LIKE = frozenset({"CSTDCS"})
# Collective titles whose criteria are member ratios (Luật Điều 27, 28): they read the member counts.
RATIO_TITLES = frozenset({"TTLDTT", "DVTT", "TTLDXS", "DVQT"})
EXCELLENT_TITLES = frozenset({"TTLDXS", "DVQT"})


# -- rule packs ----------------------------------------------------------------------------------------
def province_code_for(unit: Unit | None) -> str | None:
    """Return the code of the province above `unit` (through the unit tree and the administrative tree)."""
    current = unit
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        admin = current.admin_unit
        hops = 0
        while admin is not None and hops < 5:
            if admin.division_type in PROVINCE_LEVEL:
                return admin.code
            admin = admin.parent
            hops += 1
        current = current.parent
    return None


def rules_for(
    unit: Unit | None, *, rules: RulePack | None = None, policy: Mapping[str, object] | None = None
) -> RulePack:
    """Return `rules`, or the pack of the province above `unit` (the national pack when it has none)."""
    pack = rules
    if pack is None:
        code = province_code_for(unit)
        try:
            pack = load_rule_pack(province_code=code) if code else load_rule_pack()
        except RegulationError:
            pack = load_rule_pack()
    return pack.with_policy(policy) if policy else pack


def evaluation_period(rules: RulePack, year: int) -> tuple[date, date]:
    """Return the first and last day of evaluation year `year` under the pack's year type."""
    if rules.policy.evaluation_year_type is YearType.SCHOOL_YEAR:
        return date(year - 1, 9, 1), date(year, 8, 31)
    return date(year, 1, 1), date(year, 12, 31)


# -- records -------------------------------------------------------------------------------------------
def _office(value: str) -> Office | None:
    try:
        return Office(value) if value else None
    except ValueError:
        return None


def engine_award(row: Award, overrides: Mapping[int, bool]) -> AwardRecord:
    """Return the engine's view of an award row (its revoked flag possibly overridden)."""
    revoked = overrides.get(row.pk, row.status == AwardStatus.REVOKED)
    return AwardRecord(
        code=row.award_code,
        revoked=revoked,
        authority=_office(row.authority_office),
        basis=AwardBasis(row.basis),
    )


def _scope(values: Iterable[str]) -> Scope | None:
    scopes = [Scope(v) for v in values]
    return max(scopes, key=lambda s: s.rank) if scopes else None


def _history(
    awards: Iterable[Award],
    ratings: Mapping[int, str],
    initiatives: Mapping[int, list[str]],
    research: Mapping[int, list[str]],
    overrides: Mapping[int, bool],
) -> tuple[HistoryYear, ...]:
    by_year: dict[int, list[AwardRecord]] = defaultdict(list)
    for row in awards:
        by_year[row.year].append(engine_award(row, overrides))
    years = sorted(set(by_year) | set(ratings) | set(initiatives) | set(research))
    return tuple(
        HistoryYear(
            year=y,
            rating=Rating(ratings[y]) if y in ratings else None,
            awards=tuple(sorted(by_year.get(y, ()), key=lambda a: (a.code, a.revoked))),
            initiatives=len(initiatives.get(y, ())),
            initiative_scope=_scope(initiatives.get(y, ())),
            research=len(research.get(y, ())),
            research_scope=_scope(research.get(y, ())),
        )
        for y in years
    )


@dataclass
class PersonRecords:
    """Everything the register holds about one person, loaded in a few queries for many people at once."""

    awards: list[Award] = field(default_factory=list)
    ratings: dict[int, str] = field(default_factory=dict)
    initiatives: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    research: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    discipline: list[DisciplineRecord] = field(default_factory=list)
    flags: list[PersonFlag] = field(default_factory=list)
    recruited_on: date | None = None


CHUNK = 500  # ids per IN (…) list, well under SQLite's parameter limit


def load_records(person_ids: Iterable[int]) -> dict[int, PersonRecords]:
    """Return the register of each person in `person_ids` (seven queries per 500 people)."""
    ids = sorted(set(person_ids))
    out = {pk: PersonRecords() for pk in ids}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        for a in Award.objects.filter(person_id__in=chunk).order_by("year", "id"):
            out[a.person_id].awards.append(a)  # type: ignore[index]
        for pid, year, rating in Evaluation.objects.filter(person_id__in=chunk).values_list(
            "person_id", "year", "rating"
        ):
            out[pid].ratings[year] = rating
        for pid, year, scope in Initiative.objects.filter(person_id__in=chunk).values_list(
            "person_id", "year", "scope"
        ):
            out[pid].initiatives[year].append(scope)
        for pid, year, level in ResearchRecord.objects.filter(person_id__in=chunk).values_list(
            "person_id", "year", "level"
        ):
            out[pid].research[year].append(level)
        for d in DisciplineRecord.objects.filter(person_id__in=chunk).order_by("effective_from", "id"):
            out[d.person_id].discipline.append(d)
        for fl in PersonFlag.objects.filter(person_id__in=chunk):
            out[fl.person_id].flags.append(fl)
        firsts = (
            PersonMembership.objects.filter(person_id__in=chunk)
            .values("person_id")
            .annotate(first=Min("valid_from"))
            .values_list("person_id", "first")
        )
        for pid, first in firsts:
            out[pid].recruited_on = first
    return out


def person_history(
    person: Person, *, overrides: Mapping[int, bool] = {}, exclude: Collection[int] = ()
) -> tuple[HistoryYear, ...]:
    """Return the person's evaluation years: rating, awards (revoked ones flagged), initiatives, research."""
    return _records_history(load_records([person.pk])[person.pk], overrides, exclude)


def _records_history(
    records: PersonRecords, overrides: Mapping[int, bool], exclude: Collection[int]
) -> tuple[HistoryYear, ...]:
    awards = [a for a in records.awards if a.pk not in exclude]
    return _history(awards, records.ratings, records.initiatives, records.research, overrides)


def _flags(rows: Iterable[PersonFlag], on: date) -> Flags:
    kinds = {f.kind for f in rows if f.is_active_on(on)}
    return Flags(
        under_investigation=FlagKind.INVESTIGATION in kinds,
        pending_complaint=FlagKind.PENDING_COMPLAINT in kinds,
        discipline_pending=FlagKind.DISCIPLINE_PENDING in kinds,
    )


def case_from_records(
    records: PersonRecords,
    award_code: str,
    year: int,
    on: date,
    *,
    overrides: Mapping[int, bool] = {},
    exclude: Collection[int] = (),
) -> Case:
    """Return the engine's question for a person whose register is `records`."""
    award(award_code)  # unknown codes raise RegulationError here, with the list of known codes
    return Case(
        award=award_code,
        subject=EngineSubject.INDIVIDUAL,
        year=year,
        on=on,
        person=EnginePerson(recruited_on=records.recruited_on),
        history=_records_history(records, overrides, exclude),
        discipline=tuple(
            EngineDiscipline(EngineDisciplineForm(d.form), d.effective_from, d.effective_to)
            for d in records.discipline
        ),
        flags=_flags(records.flags, on),
    )


def person_case(
    person: Person,
    award_code: str,
    year: int,
    on: date,
    *,
    overrides: Mapping[int, bool] = {},
    exclude: Collection[int] = (),
) -> Case:
    """Return the question "may `person` receive `award_code` for `year`, decided `on`?" from the register."""
    records = load_records([person.pk])[person.pk]
    return case_from_records(records, award_code, year, on, overrides=overrides, exclude=exclude)


def with_history_row(case: Case, row: HistoryYear) -> Case:
    """Return `case` with the history row of `row.year` replaced by `row` (for what-if questions)."""
    rows = (*(r for r in case.history if r.year != row.year), row)
    return replace(case, history=tuple(sorted(rows, key=lambda r: r.year)))


# -- collectives ---------------------------------------------------------------------------------------
def lineage_units(unit: Unit) -> list[Unit]:
    """Return `unit` and every unit that led to it through mergers, splits, renames and transfers."""
    found: dict[int, Unit] = {unit.pk: unit}
    frontier = [unit.pk]
    while frontier:
        links = Unit.objects.filter(successor_links__successor_id__in=frontier).distinct()
        frontier = []
        for pred in links:
            if pred.pk not in found:
                found[pred.pk] = pred
                frontier.append(pred.pk)
    return [found[unit.pk], *sorted((u for k, u in found.items() if k != unit.pk), key=lambda u: u.path)]


def unit_subject_kind(unit: Unit, award_code: str) -> SubjectKind:
    """Return how `unit` is considered for `award_code`: a village, a commune or a collective."""
    kinds = award(award_code).subject_kinds
    if unit.kind == UnitKind.VILLAGE and EngineSubject.VILLAGE in kinds:
        return SubjectKind.VILLAGE
    if unit.kind == UnitKind.PEOPLES_COMMITTEE and EngineSubject.COMMUNE in kinds:
        return SubjectKind.COMMUNE
    return SubjectKind.COLLECTIVE


def unit_history(
    unit: Unit, *, overrides: Mapping[int, bool] = {}, exclude: Collection[int] = ()
) -> tuple[HistoryYear, ...]:
    """Return the collective's years: its own rating and the awards of the unit and its predecessors."""
    ids = [u.pk for u in lineage_units(unit)]
    awards = Award.objects.filter(unit_id__in=ids).exclude(pk__in=list(exclude))
    ratings = dict(UnitEvaluation.objects.filter(unit=unit).values_list("year", "rating"))
    return _history(awards, ratings, {}, {}, overrides)


def member_ids(unit: Unit, start: date, end: date) -> list[int]:
    """Return the people who belonged to `unit` at some time between `start` and `end`."""
    return list(
        PersonMembership.objects.filter(unit=unit, valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .values_list("person_id", flat=True)
        .distinct()
    )


def collective_counts(
    unit: Unit, award_code: str, year: int, *, rules: RulePack, overrides: Mapping[int, bool] = {}
) -> CollectiveCounts | None:
    """Return the member counts of `unit` for `year` from the register (None when it had no members)."""
    start, end = evaluation_period(rules, year)
    members = set(member_ids(unit, start, end))
    if not members:
        return None
    completed = {
        pid
        for pid, rating in Evaluation.objects.filter(person_id__in=members, year=year).values_list(
            "person_id", "rating"
        )
        if rating in COMPLETED_RATINGS
    }
    ldtt: set[int] = set()
    cstdcs: set[int] = set()
    rows = Award.objects.filter(person_id__in=members, year=year, award_code__in=LDTT_LIKE | CSTDCS_LIKE)
    for row in rows:
        if engine_award(row, overrides).revoked:
            continue
        assert row.person_id is not None
        ldtt.add(row.person_id)  # a CSTĐCS presupposes the LĐTT of the same year (Luật Điều 23)
        if row.award_code in CSTDCS_LIKE:
            cstdcs.add(row.person_id)
    policy = rules.policy
    bar = (
        policy.ttldxs_bar_member_discipline_from
        if award_code in EXCELLENT_TITLES
        else policy.ttldtt_bar_member_discipline_from
    )
    disciplined: set[int] = set()
    if bar is not None:
        for d in DisciplineRecord.objects.filter(person_id__in=members):
            if EngineDisciplineForm(d.form).severity >= bar.severity and d.overlaps(start, end):
                disciplined.add(d.person_id)
    rating = UnitEvaluation.objects.filter(unit=unit, year=year).values_list("rating", flat=True).first()
    return CollectiveCounts(
        rating=Rating(rating) if rating else None,
        members=len(members),
        # Holding LĐTT implies a rating of at least HTT, so these sets nest as the engine requires.
        members_completed=len(completed | ldtt),
        members_ldtt=len(ldtt),
        members_cstdcs=len(cstdcs),
        members_disciplined=len(disciplined),
    )


def unit_dissolved(unit: Unit, on: date) -> bool:
    """Tell whether the unit ended in the 2025 reorganisation without a successor (TT 15/2025)."""
    return (
        unit.valid_to is not None
        and unit.valid_to.year == 2025
        and unit.valid_to < on
        and not unit.successor_links.exists()
    )


def unit_case(
    unit: Unit,
    award_code: str,
    year: int,
    on: date,
    *,
    rules: RulePack,
    overrides: Mapping[int, bool] = {},
    exclude: Collection[int] = (),
) -> Case:
    """Return the question "may `unit` receive `award_code` for `year`, decided `on`?" from the register."""
    kind = unit_subject_kind(unit, award_code)
    counts = collective_counts(unit, award_code, year, rules=rules, overrides=overrides)
    return Case(
        award=award_code,
        subject=ENGINE_SUBJECT[kind],
        year=year,
        on=on,
        history=unit_history(unit, overrides=overrides, exclude=exclude),
        flags=Flags(unit_dissolved=unit_dissolved(unit, on)),
        collective=counts,
    )


def household_case(household: Household, award_code: str, year: int, on: date) -> Case:
    """Return the question for a household (its own awards are its history)."""
    awards = Award.objects.filter(household=household)
    return Case(
        award=award_code,
        subject=EngineSubject.HOUSEHOLD,
        year=year,
        on=on,
        history=_history(awards, {}, {}, {}, {}),
    )

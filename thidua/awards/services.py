"""Writes to the award register. Each is atomic and audited; interfaces authorise first (permissions.py)."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards.dependents import dependents_of
from thidua.awards.models import (
    UNIT_SUBJECTS,
    Award,
    AwardBasis,
    AwardRecheck,
    AwardStatus,
    DisciplineForm,
    DisciplineRecord,
    Evaluation,
    FlagKind,
    Initiative,
    PersonFlag,
    Rating,
    RecheckStatus,
    ResearchRecord,
    Revocation,
    RevocationReason,
    Scope,
    SubjectKind,
    UnitEvaluation,
)
from thidua.awards.validation import MAX_YEAR, MIN_YEAR, check_award
from thidua.core.audit import audit_record, changed, snapshot
from thidua.core.errors import ValidationFailed
from thidua.core.text import clean_text
from thidua.organization.models import Household, Person, Unit


def _lock(model: Any, obj: Any) -> Any:
    """Lock the subject row so two writers of one person's register take turns."""
    return model.objects.select_for_update().get(pk=obj.pk)


def _check_year(year: int, errors: dict[str, list[str]]) -> None:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        errors.setdefault("year", []).append(
            _("The year must be between %(lo)s and %(hi)s.") % {"lo": MIN_YEAR, "hi": MAX_YEAR}
        )


def _raise(errors: dict[str, list[str]], message: str) -> None:
    if errors:
        raise ValidationFailed(message, errors)


@transaction.atomic
def award_record(
    *,
    actor: Any,
    subject_kind: str,
    person: Person | None = None,
    unit: Unit | None = None,
    household: Household | None = None,
    award_code: str,
    year: int,
    decided_on: date,
    authority_office: str,
    decision_symbol: str,
    source_ref: str,
    prize_vnd: int = 0,
    achievement: str = "",
    basis: str = AwardBasis.MERIT,
) -> Award:
    """Write one award into the register (from a decision, an import or by hand)."""
    if person is not None:
        person = _lock(Person, person)
    elif unit is not None:
        unit = _lock(Unit, unit)
    elif household is not None:
        household = _lock(Household, household)
    award_code = clean_text(award_code or "").upper()
    authority_office = clean_text(authority_office or "").upper()
    decision_symbol = clean_text(decision_symbol or "")
    errors = check_award(
        subject_kind=subject_kind,
        person=person,
        unit=unit,
        household=household,
        award_code=award_code,
        year=year,
        decided_on=decided_on,
        authority_office=authority_office,
        decision_symbol=decision_symbol,
        prize_vnd=prize_vnd,
        basis=basis,
    )
    _raise(errors, _("The award cannot be recorded."))
    award = Award.objects.create(
        subject_kind=subject_kind,
        person=person,
        unit=unit if subject_kind in UNIT_SUBJECTS else None,
        household=household,
        award_code=award_code,
        year=year,
        basis=basis,
        decided_on=decided_on,
        authority_office=authority_office,
        decision_symbol=decision_symbol,
        source_ref=clean_text(source_ref or "")[:80],
        prize_vnd=prize_vnd,
        achievement=clean_text(achievement or ""),
    )
    audit_record(
        actor=actor, action="award.record", obj=award, after=snapshot(award), reason=award.source_ref
    )
    return award


@transaction.atomic
def award_revoke(
    *,
    actor: Any,
    award: Award,
    reason: str,
    decision_symbol: str,
    decided_on: date,
    money_recovered_vnd: int = 0,
    items_recovered: str = "",
    note: str = "",
) -> Revocation:
    """Cancel an award under Luật Điều 93 k2, record the recovery, flag the later awards built on it."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    decision_symbol = clean_text(decision_symbol or "")
    errors: dict[str, list[str]] = {}
    if award.status == AwardStatus.REVOKED:
        raise ValidationFailed(_("This award has already been revoked."))
    if reason not in RevocationReason.values:
        errors["reason"] = [_("Choose one of the four grounds a–d of Article 93(2).")]
    if not decision_symbol:
        errors["decision_symbol"] = [_("Enter the number of the revoking decision.")]
    if decided_on < award.decided_on:
        errors["decided_on"] = [_("The revocation cannot be dated before the award decision.")]
    if (
        isinstance(money_recovered_vnd, bool)
        or not isinstance(money_recovered_vnd, int)
        or money_recovered_vnd < 0
    ):
        errors["money_recovered_vnd"] = [_("Enter the money recovered as a whole number of đồng.")]
    elif award.prize_vnd and money_recovered_vnd > award.prize_vnd:
        errors["money_recovered_vnd"] = [_("More money is recovered than the prize that was paid.")]
    _raise(errors, _("The award cannot be revoked."))
    before = snapshot(award, ["status", "revoked_on"])
    award.status = AwardStatus.REVOKED
    award.revoked_on = decided_on
    award.save(update_fields=["status", "revoked_on", "updated_at"])
    revocation = Revocation.objects.create(
        award=award,
        reason=reason,
        decision_symbol=decision_symbol,
        decided_on=decided_on,
        money_recovered_vnd=money_recovered_vnd,
        items_recovered=clean_text(items_recovered or ""),
        note=clean_text(note or ""),
        actor=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="award.revoke",
        obj=award,
        before=before,
        after={**snapshot(award, ["status", "revoked_on"]), "revocation": snapshot(revocation)},
        reason=f"Điều 93 khoản 2 điểm {reason}",
    )
    for dependent in dependents_of(award):
        recheck = AwardRecheck.objects.create(
            award=dependent.award,
            revocation=revocation,
            reasons=[r.to_dict() for r in dependent.reasons],
        )
        audit_record(
            actor=actor,
            action="award.recheck_flag",
            obj=recheck.award,
            after={"recheck": recheck.pk, "revocation": revocation.pk},
            reason="CHAIN.REVOKED",
        )
    return revocation


@transaction.atomic
def award_recheck_close(*, actor: Any, recheck: AwardRecheck, note: str) -> AwardRecheck:
    """Record that staff reviewed an award flagged after a revocation, and what they concluded."""
    recheck = AwardRecheck.objects.select_for_update().get(pk=recheck.pk)
    note = clean_text(note or "")
    if recheck.status == RecheckStatus.CLOSED:
        raise ValidationFailed(_("This re-check is already closed."))
    if not note:
        raise ValidationFailed(_("Say what the review concluded."), {"note": [_("This field is required.")]})
    recheck.status = RecheckStatus.CLOSED
    recheck.note = note
    recheck.save(update_fields=["status", "note", "updated_at"])
    audit_record(actor=actor, action="award.recheck_close", obj=recheck.award, after={"note": note})
    return recheck


def _upsert_rating(
    model: Any, lookup: dict[str, Any], *, actor: Any, action: str, rating: str, source: str
) -> Any:
    row = model.objects.select_for_update().filter(**lookup).first()
    before = snapshot(row) if row else None
    if row is None:
        row = model(**lookup)
    row.rating = rating
    row.source = clean_text(source or "")[:80]
    row.save()
    old, new = changed(before, snapshot(row))
    if new or old:
        audit_record(actor=actor, action=action, obj=row, before=old or None, after=new)
    return row


@transaction.atomic
def evaluation_set(*, actor: Any, person: Person, year: int, rating: str, source: str = "") -> Evaluation:
    """Record (or correct) a person's rating for a year."""
    person = _lock(Person, person)
    errors: dict[str, list[str]] = {}
    _check_year(year, errors)
    if rating not in Rating.values:
        errors["rating"] = [_("The rating must be HTXS, HTT, HT or KHT.")]
    _raise(errors, _("The evaluation cannot be recorded."))
    return _upsert_rating(
        Evaluation,
        {"person": person, "year": year},
        actor=actor,
        action="evaluation.set",
        rating=rating,
        source=source,
    )


@transaction.atomic
def unit_evaluation_set(
    *, actor: Any, unit: Unit, year: int, rating: str, source: str = ""
) -> UnitEvaluation:
    """Record (or correct) a collective's own rating for a year."""
    unit = _lock(Unit, unit)
    errors: dict[str, list[str]] = {}
    _check_year(year, errors)
    if rating not in Rating.values:
        errors["rating"] = [_("The rating must be HTXS, HTT, HT or KHT.")]
    _raise(errors, _("The evaluation cannot be recorded."))
    return _upsert_rating(
        UnitEvaluation,
        {"unit": unit, "year": year},
        actor=actor,
        action="unit_evaluation.set",
        rating=rating,
        source=source,
    )


def _titled(year: int, title: str, scope: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    _check_year(year, errors)
    if not title:
        errors["title"] = [_("Enter the title.")]
    if scope not in Scope.values:
        errors["scope"] = [_("Choose a valid scope.")]
    return errors


@transaction.atomic
def initiative_record(
    *,
    actor: Any,
    person: Person,
    year: int,
    title: str,
    scope: str = Scope.CO_SO,
    recognised_by: str = "",
    recognised_on: date | None = None,
) -> Initiative:
    """Record an initiative (sáng kiến) recognised for a person in an evaluation year."""
    person = _lock(Person, person)
    title = clean_text(title or "")
    errors = _titled(year, title, scope)
    if recognised_on is not None and recognised_on.year < year - 1:
        errors["recognised_on"] = [_("The recognition date is before the evaluation year.")]
    _raise(errors, _("The initiative cannot be recorded."))
    row = Initiative.objects.create(
        person=person,
        year=year,
        title=title,
        scope=scope,
        recognised_by=clean_text(recognised_by or ""),
        recognised_on=recognised_on,
    )
    audit_record(actor=actor, action="initiative.record", obj=row, after=snapshot(row))
    return row


@transaction.atomic
def research_record(
    *, actor: Any, person: Person, year: int, title: str, level: str = Scope.CO_SO
) -> ResearchRecord:
    """Record an accepted and applied research project for a person in an evaluation year."""
    person = _lock(Person, person)
    title = clean_text(title or "")
    _raise(_titled(year, title, level), _("The research project cannot be recorded."))
    row = ResearchRecord.objects.create(person=person, year=year, title=title, level=level)
    audit_record(actor=actor, action="research.record", obj=row, after=snapshot(row))
    return row


@transaction.atomic
def discipline_record(
    *,
    actor: Any,
    person: Person,
    form: str,
    effective_from: date,
    effective_to: date | None = None,
    decision_symbol: str = "",
) -> DisciplineRecord:
    """Record a disciplinary measure; awards are blocked while it runs and chains restart after it."""
    person = _lock(Person, person)
    errors: dict[str, list[str]] = {}
    if form not in DisciplineForm.values:
        errors["form"] = [_("Choose a valid disciplinary measure.")]
    if effective_to is not None and effective_to < effective_from:
        errors["effective_to"] = [_("The end date is before the start date.")]
    _raise(errors, _("The discipline cannot be recorded."))
    row = DisciplineRecord.objects.create(
        person=person,
        form=form,
        effective_from=effective_from,
        effective_to=effective_to,
        decision_symbol=clean_text(decision_symbol or ""),
    )
    audit_record(actor=actor, action="discipline.record", obj=row, after=snapshot(row))
    return row


@transaction.atomic
def person_flag_record(
    *,
    actor: Any,
    person: Person,
    kind: str,
    valid_from: date,
    valid_to: date | None = None,
    note: str = "",
) -> PersonFlag:
    """Record that a person is under investigation, has a complaint pending, or faces discipline."""
    person = _lock(Person, person)
    errors: dict[str, list[str]] = {}
    if kind not in FlagKind.values:
        errors["kind"] = [_("Choose a valid kind.")]
    if valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = [_("The end date is before the start date.")]
    _raise(errors, _("The flag cannot be recorded."))
    row = PersonFlag.objects.create(
        person=person, kind=kind, valid_from=valid_from, valid_to=valid_to, note=clean_text(note or "")
    )
    audit_record(actor=actor, action="person_flag.record", obj=row, after=snapshot(row))
    return row


@transaction.atomic
def person_flag_close(*, actor: Any, flag: PersonFlag, on: date) -> PersonFlag:
    """End a flag on `on` (the investigation closed, the complaint was settled)."""
    flag = PersonFlag.objects.select_for_update().get(pk=flag.pk)
    if on < flag.valid_from:
        raise ValidationFailed(_("The end date is before the start date."), {"valid_to": [_("Too early.")]})
    before = snapshot(flag, ["valid_to"])
    flag.valid_to = on
    flag.save(update_fields=["valid_to", "updated_at"])
    audit_record(
        actor=actor, action="person_flag.close", obj=flag, before=before, after=snapshot(flag, ["valid_to"])
    )
    return flag


def subject_kind_for(person: Person | None, unit: Unit | None, household: Household | None) -> str:
    """Return the default subject kind of a subject (a unit counts as a collective)."""
    if person is not None:
        return SubjectKind.INDIVIDUAL
    if household is not None:
        return SubjectKind.HOUSEHOLD
    return SubjectKind.COLLECTIVE if unit is not None else ""

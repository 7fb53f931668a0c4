"""Writes about scores: self-assessment with evidence, submission, target-derived points, verification."""

import importlib
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record, changed, snapshot
from thidua.core.errors import ValidationFailed
from thidua.organization.models import Unit
from thidua.scoring import workflow
from thidua.scoring.calculation import points_from_completion
from thidua.scoring.models import (
    ClusterMembership,
    Criterion,
    CriterionKind,
    CriterionSource,
    Evidence,
    Scorecard,
    ScoreEntry,
    ScoreSubmission,
)
from thidua.scoring.permissions import HEAD, HOME_AFFAIRS, can_self_assess, can_verify
from thidua.scoring.services._common import (
    authorise,
    checked_upload,
    clean_multiline,
    lock_scorecard,
    parse_points,
    record,
)

ZERO = Decimal(0)


def _member_or_refuse(scorecard: Scorecard, unit: Unit) -> None:
    if not ClusterMembership.objects.filter(
        cluster=scorecard.cluster, year=scorecard.year, unit=unit
    ).exists():
        raise ValidationFailed(_("This unit is not a member of the cluster in this year."))


def _open_for(scorecard: Scorecard, unit: Unit) -> None:
    if not workflow.self_assessment_open(scorecard.status):
        raise ValidationFailed(_("Self-assessment is not open."))
    if ScoreSubmission.objects.filter(scorecard=scorecard, unit=unit).exists():
        raise ValidationFailed(_("The unit has submitted its self-assessment; it can no longer change."))


def _criterion_of(scorecard: Scorecard, criterion: Criterion) -> Criterion:
    if criterion.group.scorecard_id != scorecard.pk:
        raise ValidationFailed(_("The criterion does not belong to this scorecard."))
    return criterion


def _entry(scorecard: Scorecard, unit: Unit, criterion: Criterion) -> ScoreEntry:
    entry, _created = ScoreEntry.objects.select_for_update().get_or_create(
        scorecard=scorecard, unit=unit, criterion=criterion
    )
    return entry


@transaction.atomic
def score_self_assess(
    *, actor: Any, scorecard: Scorecard, unit: Unit, criterion: Criterion, score: Any, note: str = ""
) -> ScoreEntry:
    """Record the unit's own score on a manual criterion: 0..max (for a penalty, the points removed)."""
    scorecard = lock_scorecard(scorecard)
    authorise(actor, can_self_assess(actor, scorecard, unit))
    _member_or_refuse(scorecard, unit)
    _open_for(scorecard, unit)
    criterion = _criterion_of(scorecard, criterion)
    if criterion.source == CriterionSource.TARGET:
        raise ValidationFailed(_("This criterion is computed from a target and cannot be entered."))
    value = (
        None
        if score in (None, "")
        else parse_points(score, "score", minimum=ZERO, maximum=criterion.max_points)
    )
    entry = _entry(scorecard, unit, criterion)
    before = snapshot(entry, ["self_score", "self_note"])
    entry.self_score = value
    entry.self_note = clean_multiline(note)
    entry.updated_by = actor if getattr(actor, "pk", None) else None
    entry.save()
    old, new = changed(before, snapshot(entry, ["self_score", "self_note"]))
    if old or new:
        audit_record(actor=actor, action="score.self_assess", obj=entry, before=old, after=new)
    return entry


def target_completion_ratio(*, unit: Unit, year: int, indicator_code: str) -> Decimal | None:
    """Return the unit's target completion ratio (1 = 100 %) from the targets app; None without data."""
    # Imported on use: the targets app is a lower layer written separately; without it there is no data.
    try:
        selectors = importlib.import_module("thidua.targets.selectors")
    except ImportError:
        return None
    function = getattr(selectors, "target_completion", None)
    if function is None:
        return None
    return function(unit=unit, year=year, indicator_code=indicator_code)


@transaction.atomic
def score_compute_targets(*, actor: Any, scorecard: Scorecard, unit: Unit) -> list[ScoreEntry]:
    """Fill the unit's target-derived criteria from target completion; no data leaves them empty."""
    scorecard = lock_scorecard(scorecard)
    authorise(actor, can_self_assess(actor, scorecard, unit))
    _member_or_refuse(scorecard, unit)
    _open_for(scorecard, unit)
    out = []
    criteria = Criterion.objects.filter(group__scorecard=scorecard, source=CriterionSource.TARGET)
    for criterion in criteria:
        ratio = target_completion_ratio(
            unit=unit, year=scorecard.year, indicator_code=criterion.indicator_code
        )
        value = None
        if ratio is not None:
            value = points_from_completion(
                ratio, criterion.max_points, criterion.formula, criterion.formula_params
            )
            ratio = ratio.quantize(Decimal("0.000001"))
        entry = _entry(scorecard, unit, criterion)
        before = snapshot(entry, ["self_score", "target_ratio"])
        entry.self_score, entry.target_ratio = value, ratio
        entry.save()
        old, new = changed(before, snapshot(entry, ["self_score", "target_ratio"]))
        if old or new:
            audit_record(actor=actor, action="score.target_compute", obj=entry, before=old, after=new)
        out.append(entry)
    return out


@transaction.atomic
def evidence_attach(
    *, actor: Any, scorecard: Scorecard, unit: Unit, criterion: Criterion, upload: UploadedFile
) -> Evidence:
    """Attach a proof file (PDF, JPG, PNG, DOCX, XLSX up to 10 MB, recognised by content) to a criterion."""
    scorecard = lock_scorecard(scorecard)
    authorise(actor, can_self_assess(actor, scorecard, unit))
    _member_or_refuse(scorecard, unit)
    _open_for(scorecard, unit)
    criterion = _criterion_of(scorecard, criterion)
    sniffed = checked_upload(upload)
    entry = _entry(scorecard, unit, criterion)
    evidence = Evidence(
        entry=entry,
        original_name=(upload.name or "")[-255:],
        content_type=sniffed.content_type,
        size=sniffed.size,
        sha256=sniffed.sha256,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
        uploaded_at=timezone.now(),
    )
    evidence.file.save(upload.name or "file", upload, save=False)
    evidence.save()
    audit_record(actor=actor, action="score.evidence_attach", obj=evidence, after=record(evidence))
    return evidence


@transaction.atomic
def evidence_remove(*, actor: Any, evidence: Evidence) -> None:
    """Remove a proof file before the unit submits (the stored file is kept for the audit trail)."""
    entry = evidence.entry
    scorecard = lock_scorecard(entry.scorecard)
    authorise(actor, can_self_assess(actor, scorecard, entry.unit))
    _open_for(scorecard, entry.unit)
    audit_record(actor=actor, action="score.evidence_remove", obj=evidence, before=record(evidence))
    evidence.delete()


def missing_criteria(scorecard: Scorecard, unit: Unit) -> list[Criterion]:
    """Return the base manual criteria the unit has not scored yet (zero counts as scored)."""
    scored = ScoreEntry.objects.filter(scorecard=scorecard, unit=unit, self_score__isnull=False).values(
        "criterion_id"
    )
    return list(
        Criterion.objects.filter(
            group__scorecard=scorecard, kind=CriterionKind.BASE, source=CriterionSource.MANUAL
        )
        .exclude(pk__in=scored)
        .select_related("group")
    )


@transaction.atomic
def score_submit(*, actor: Any, scorecard: Scorecard, unit: Unit) -> ScoreSubmission:
    """Submit the unit's self-assessment once every base criterion has a score — zero is a score."""
    score_compute_targets(actor=actor, scorecard=scorecard, unit=unit)
    scorecard = lock_scorecard(scorecard)
    missing = missing_criteria(scorecard, unit)
    if missing:
        codes = ", ".join(c.code for c in missing)
        raise ValidationFailed(_("Some criteria have no score yet: %(codes)s.") % {"codes": codes})
    submission = ScoreSubmission.objects.create(
        scorecard=scorecard,
        unit=unit,
        submitted_at=timezone.now(),
        submitted_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(actor=actor, action="score.submit", obj=submission, after=snapshot(submission))
    return submission


@transaction.atomic
def score_verify(*, actor: Any, level: str, entry: ScoreEntry, score: Any, reason: str = "") -> ScoreEntry:
    """Record the score checked at `level` ("HEAD" or "HOME_AFFAIRS"); a changed score needs a reason.

    The score compared against is the one the level checks: the head compares with the self score, Home
    Affairs with the head's score when there is one. Both the earlier and the new score are kept.
    """
    if level not in (HEAD, HOME_AFFAIRS):
        raise ValueError(f"unknown verification level {level!r}")
    scorecard = lock_scorecard(entry.scorecard)
    entry = ScoreEntry.objects.select_for_update().select_related("criterion", "unit").get(pk=entry.pk)
    authorise(actor, can_verify(actor, scorecard, entry.unit, level))
    if not workflow.verification_open(scorecard.status):
        raise ValidationFailed(_("Verification is not open."))
    value = parse_points(score, "score", minimum=ZERO, maximum=entry.criterion.max_points)
    reason = clean_multiline(reason)
    if level == HEAD:
        previous = entry.self_score
        fields = ("head_score", "head_reason", "head_by", "head_at")
    else:
        previous = entry.head_score if entry.head_score is not None else entry.self_score
        fields = ("verified_score", "verified_reason", "verified_by", "verified_at")
    if value != (previous if previous is not None else ZERO) and not reason:
        message = _("The score differs from the one checked; give a reason.")
        raise ValidationFailed(message, {"reason": [message]})
    before = snapshot(entry, list(fields))
    user = actor if getattr(actor, "pk", None) else None
    for name, new in zip(fields, (value, reason, user, timezone.now()), strict=True):
        setattr(entry, name, new)
    entry.save()
    action = "score.verify_head" if level == HEAD else "score.verify_home_affairs"
    old, new_values = changed(before, snapshot(entry, list(fields)))
    audit_record(actor=actor, action=action, obj=entry, before=old, after=new_values, reason=reason)
    return entry


@transaction.atomic
def score_verify_criterion(
    *,
    actor: Any,
    level: str,
    scorecard: Scorecard,
    unit: Unit,
    criterion: Criterion,
    score: Any,
    reason: str = "",
) -> ScoreEntry:
    """Verify a unit's score on a criterion it may have left empty (e.g. a penalty it did not declare)."""
    scorecard = lock_scorecard(scorecard)
    _member_or_refuse(scorecard, unit)
    entry = _entry(scorecard, unit, _criterion_of(scorecard, criterion))
    return score_verify(actor=actor, level=level, entry=entry, score=score, reason=reason)


def _collect(errors: dict[str, list[str]], key: str, exc: ValidationFailed) -> None:
    errors.setdefault(key, []).extend([m for ms in exc.errors.values() for m in ms] or [str(exc)])


@transaction.atomic
def score_self_assess_many(
    *, actor: Any, scorecard: Scorecard, unit: Unit, rows: list[tuple[Criterion, Any, str]]
) -> list[ScoreEntry]:
    """Save a whole sheet (all rows or none; errors keyed by criterion id), then refresh target points."""
    errors: dict[str, list[str]] = {}
    saved = []
    for criterion, score, note in rows:
        try:
            with transaction.atomic():
                saved.append(
                    score_self_assess(
                        actor=actor,
                        scorecard=scorecard,
                        unit=unit,
                        criterion=criterion,
                        score=score,
                        note=note,
                    )
                )
        except ValidationFailed as exc:
            _collect(errors, str(criterion.pk), exc)
    if errors:
        raise ValidationFailed(_("Some scores were not saved; see the marked rows."), errors)
    score_compute_targets(actor=actor, scorecard=scorecard, unit=unit)
    return saved


@transaction.atomic
def score_verify_many(
    *, actor: Any, level: str, scorecard: Scorecard, unit: Unit, rows: list[tuple[Criterion, Any, str]]
) -> list[ScoreEntry]:
    """Verify several criteria of one unit at once: all rows or none; errors are keyed by criterion id."""
    errors: dict[str, list[str]] = {}
    saved = []
    for criterion, score, reason in rows:
        try:
            with transaction.atomic():
                saved.append(
                    score_verify_criterion(
                        actor=actor,
                        level=level,
                        scorecard=scorecard,
                        unit=unit,
                        criterion=criterion,
                        score=score,
                        reason=reason,
                    )
                )
        except ValidationFailed as exc:
            _collect(errors, str(criterion.pk), exc)
    if errors:
        raise ValidationFailed(_("Some scores were not saved; see the marked rows."), errors)
    return saved

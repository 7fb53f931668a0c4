"""Writes on a proposal's list and dossier: nominees, council outcomes, dossier parts."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record, changed
from thidua.core.errors import DomainError, ValidationFailed
from thidua.organization.models import Household, Person, Unit
from thidua.proposals import workflow
from thidua.proposals.eligibility import ENGINE_SUBJECT
from thidua.proposals.models import (
    CouncilOutcome,
    DossierPart,
    DossierPartKind,
    Nominee,
    Proposal,
    ProposalStatus,
    SubjectKind,
)
from thidua.regulations.catalogue import award
from thidua.regulations.versions import RegulationError
from thidua.scoring.evidence import EvidenceRefused, sniff

from ._common import clean_multiline, lock, record, require_editable, require_side
from .checking import run_checks


@dataclass(frozen=True)
class NomineeRow:
    """A checked line of an imported list, ready to become a nominee."""

    row: int
    subject_kind: str
    subject: Any
    award_code: str
    year: int
    position: str
    achievement: str


DOSSIER_KINDS = frozenset({"pdf", "docx", "jpg", "png"})
MAX_PART_BYTES = 10 * 1024 * 1024


def subject_in_unit(subject: Person | Unit | Household, unit: Unit) -> bool:
    """Tell whether the subject belongs to ``unit``'s subtree (a person by current unit)."""
    if isinstance(subject, Person):
        return subject.unit is not None and subject.unit.path.startswith(unit.path)
    if isinstance(subject, Household):
        return subject.village.path.startswith(unit.path)
    return subject.path.startswith(unit.path)


def validate_nominee(
    proposal: Proposal, *, subject_kind: str, subject: Any, award_code: str, year: int
) -> dict[str, list[str]]:
    """Return the problems with a nominee line (empty when it is acceptable)."""
    errors: dict[str, list[str]] = {}
    try:
        entry = award(award_code)
    except RegulationError:
        errors["award_code"] = [_("Unknown award “%(code)s”.") % {"code": award_code}]
        entry = None
    if subject_kind not in SubjectKind.values:
        errors["subject_kind"] = [_("Unknown kind of subject.")]
    elif entry is not None and ENGINE_SUBJECT[SubjectKind(subject_kind)] not in entry.subject_kinds:
        errors["award_code"] = [_("This award cannot be given to this kind of subject.")]
    if subject is None:
        errors["subject"] = [_("Choose who is proposed.")]
    elif not subject_in_unit(subject, proposal.proposing_unit):
        errors["subject"] = [_("The subject is not in the proposing unit.")]
    if not 2000 <= year <= proposal.year + 1:
        errors["year"] = [_("The year of the achievement is not plausible.")]
    return errors


def _subject_fields(subject_kind: str, subject: Any) -> dict[str, Any]:
    return {
        "person": subject if subject_kind == SubjectKind.INDIVIDUAL else None,
        "household": subject if subject_kind == SubjectKind.HOUSEHOLD else None,
        "unit": subject
        if subject_kind in {SubjectKind.COLLECTIVE, SubjectKind.VILLAGE, SubjectKind.COMMUNE}
        else None,
    }


def _period(start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise ValidationFailed(
            _("The period ends before it starts."), {"period_end": [_("Check the dates.")]}
        )


@transaction.atomic
def nominee_add(
    *,
    actor: Any,
    proposal: Proposal,
    subject_kind: str,
    subject: Person | Unit | Household,
    award_code: str,
    year: int,
    achievement: str = "",
    position: str = "",
    period_start: date | None = None,
    period_end: date | None = None,
    on: date | None = None,
    check: bool = True,
) -> Nominee:
    """Add a nominee to a draft (or returned) proposal and check it at once."""
    proposal = lock(proposal)
    require_editable(actor, proposal)
    errors = validate_nominee(
        proposal, subject_kind=subject_kind, subject=subject, award_code=award_code, year=year
    )
    if errors:
        raise ValidationFailed(_("The nominee cannot be added."), errors)
    _period(period_start, period_end)
    last = proposal.nominees.aggregate(m=Max("order"))["m"] or 0
    nominee = Nominee.objects.create(
        proposal=proposal,
        subject_kind=subject_kind,
        award_code=award_code,
        year=year,
        achievement=clean_multiline(achievement),
        position=clean_multiline(position) or getattr(subject, "position", ""),
        period_start=period_start,
        period_end=period_end,
        order=last + 1,
        **_subject_fields(subject_kind, subject),
    )
    if check:
        run_checks(proposal, on=on, recheck={nominee.pk})
        nominee.refresh_from_db()
    audit_record(actor=actor, action="nominee.add", obj=nominee, after=record(nominee))
    return nominee


@transaction.atomic
def nominees_import(
    *,
    actor: Any,
    proposal: Proposal,
    rows: Sequence[NomineeRow],
    on: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Nominee]:
    """Add checked rows to the list at once (all or nothing), then check every new nominee."""
    proposal = lock(proposal)
    require_editable(actor, proposal)
    for r in rows:  # the rows were checked by the reader; check again against this proposal
        errors = validate_nominee(
            proposal, subject_kind=r.subject_kind, subject=r.subject, award_code=r.award_code, year=r.year
        )
        if errors:
            raise ValidationFailed(_("Row %(row)s cannot be added.") % {"row": r.row}, errors)
    last = proposal.nominees.aggregate(m=Max("order"))["m"] or 0
    created = Nominee.objects.bulk_create(
        [
            Nominee(
                proposal=proposal,
                subject_kind=r.subject_kind,
                award_code=r.award_code,
                year=r.year,
                achievement=clean_multiline(r.achievement),
                position=clean_multiline(r.position) or getattr(r.subject, "position", ""),
                order=last + i,
                **_subject_fields(r.subject_kind, r.subject),
            )
            for i, r in enumerate(rows, start=1)
        ],
        batch_size=500,
    )
    if progress:
        progress(len(created), len(rows))
    ids = set(proposal.nominees.filter(order__gt=last).values_list("pk", flat=True))
    run_checks(proposal, on=on, recheck=ids)
    audit_record(
        actor=actor,
        action="nominee.import",
        obj=proposal,
        after={
            "count": len(ids),
            "nominees": [
                [r.subject_kind, getattr(r.subject, "pk", None), r.award_code, r.year] for r in rows
            ],
        },
    )
    return list(proposal.nominees.filter(pk__in=ids).order_by("order"))


EDITABLE_FIELDS = ("award_code", "year", "achievement", "position", "period_start", "period_end")


@transaction.atomic
def nominee_update(*, actor: Any, nominee: Nominee, on: date | None = None, **fields: Any) -> Nominee:
    """Change a nominee's award, year, period or achievement and check it again."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown nominee fields: {sorted(unknown)}")
    proposal = lock(nominee.proposal)
    require_editable(actor, proposal)
    nominee = Nominee.objects.select_related("person__unit", "unit", "household__village").get(pk=nominee.pk)
    before = record(nominee)
    for name, value in fields.items():
        setattr(nominee, name, clean_multiline(value) if name in {"achievement", "position"} else value)
    errors = validate_nominee(
        proposal,
        subject_kind=nominee.subject_kind,
        subject=nominee.subject,
        award_code=nominee.award_code,
        year=nominee.year,
    )
    if errors:
        raise ValidationFailed(_("The nominee cannot be changed."), errors)
    _period(nominee.period_start, nominee.period_end)
    nominee.save()
    run_checks(proposal, on=on, recheck={nominee.pk})
    nominee.refresh_from_db()
    old, new = changed(before, record(nominee))
    audit_record(actor=actor, action="nominee.update", obj=nominee, before=old, after=new)
    return nominee


@transaction.atomic
def nominee_remove(*, actor: Any, nominee: Nominee, on: date | None = None) -> None:
    """Remove a nominee (and its dossier parts) from a draft or returned proposal."""
    proposal = lock(nominee.proposal)
    require_editable(actor, proposal)
    before = record(nominee)
    audit_record(actor=actor, action="nominee.remove", obj=nominee, before=before)
    nominee.delete()
    run_checks(proposal, on=on, recheck=set())


@transaction.atomic
def nominee_set_council_outcome(*, actor: Any, nominee: Nominee, outcome: str, votes_summary: str) -> Nominee:
    """Record the council's outcome for one nominee (called by the council when a poll closes)."""
    proposal = lock(nominee.proposal)
    require_side(actor, proposal, workflow.Side.AUTHORITY, workflow.COUNCIL_ROLES)
    if proposal.status != ProposalStatus.TO_COUNCIL:
        raise DomainError(_("The proposal is not before the council."))
    if outcome not in {CouncilOutcome.APPROVED, CouncilOutcome.REJECTED, CouncilOutcome.PENDING}:
        raise ValidationFailed(_("Unknown council outcome."))
    nominee = Nominee.objects.select_for_update().get(pk=nominee.pk)
    if nominee.forwarded_to_id is not None:
        raise DomainError(_("This nominee was forwarded to the higher authority."))
    before = {"council_outcome": nominee.council_outcome, "votes_summary": nominee.votes_summary}
    nominee.council_outcome = outcome
    nominee.votes_summary = clean_multiline(votes_summary)[:255]
    nominee.save(update_fields=["council_outcome", "votes_summary"])
    audit_record(
        actor=actor,
        action="nominee.council_outcome",
        obj=nominee,
        before=before,
        after={"council_outcome": outcome, "votes_summary": nominee.votes_summary},
    )
    return nominee


def _sniffed(upload: UploadedFile) -> Any:
    messages = {
        "too_big": _("The file is larger than 10 MB."),
        "empty": _("The file is empty."),
        "kind": _("Only PDF, DOCX, JPG and PNG files are accepted."),
        "extension": _("The file name does not match its content."),
    }
    try:
        sniffed = sniff(upload.name or "", upload.chunks(), max_bytes=MAX_PART_BYTES)
    except EvidenceRefused as exc:
        message = messages.get(str(exc), messages["kind"])
        raise ValidationFailed(message, {"file": [message]}) from None
    if sniffed.kind not in DOSSIER_KINDS:
        raise ValidationFailed(messages["kind"], {"file": [messages["kind"]]})
    upload.seek(0)
    return sniffed


@transaction.atomic
def dossier_attach(
    *, actor: Any, proposal: Proposal, kind: str, upload: UploadedFile, nominee: Nominee | None = None
) -> DossierPart:
    """Attach a file to the dossier (for one nominee, or for the whole proposal)."""
    proposal = lock(proposal)
    require_editable(actor, proposal)
    if kind not in DossierPartKind.values:
        raise ValidationFailed(_("Unknown kind of dossier part."), {"kind": [_("Choose a kind.")]})
    if nominee is not None and nominee.proposal_id != proposal.pk:
        raise ValidationFailed(_("The nominee is not on this proposal."))
    sniffed = _sniffed(upload)
    part = DossierPart(
        proposal=proposal,
        nominee=nominee,
        kind=kind,
        original_name=(upload.name or "")[:255],
        content_type=sniffed.content_type,
        size=sniffed.size,
        sha256=sniffed.sha256,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
        uploaded_at=timezone.now(),
    )
    part.file.save(upload.name or "part", upload, save=False)
    part.save()
    audit_record(actor=actor, action="dossier.attach", obj=part, after=record(part))
    return part


@transaction.atomic
def dossier_remove(*, actor: Any, part: DossierPart) -> None:
    """Remove a part from a draft or returned proposal's dossier (the stored file is kept for the audit)."""
    proposal = lock(part.proposal)
    require_editable(actor, proposal)
    audit_record(actor=actor, action="dossier.remove", obj=part, before=record(part))
    part.delete()

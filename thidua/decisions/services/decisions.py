"""Writes on award decisions: draft, lines, prize money, issue (number, register, proposals), cancel.

Interfaces call an access gate first (permissions.py); services check the workflow table and the
actor's roles, validate, lock, write an event row and an audit row.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import roles_of
from thidua.core.audit import audit_record, changed, snapshot
from thidua.core.errors import DomainError, ValidationFailed
from thidua.core.text import clean_text
from thidua.decisions import content, register, workflow
from thidua.decisions.authority import office_for_unit, rules_for_unit
from thidua.decisions.document import document_fields
from thidua.decisions.lines import describe_subject
from thidua.decisions.models import Decision, DecisionEvent, DecisionLine, DecisionStatus
from thidua.decisions.prizes import PrizeInput, compute_prizes, paid_amount
from thidua.documents import services as documents
from thidua.documents.models import SigningCapacity
from thidua.organization.models import Household, Person, Unit
from thidua.regulations import CATALOGUE, Office, RegulationError

TEXT_FIELDS = (
    "title",
    "authority_title",
    "signer_name",
    "signer_title",
    "on_behalf_of",
    "proposed_by",
    "fund",
)
MULTILINE_FIELDS = ("legal_bases", "executors", "recipients")
EDITABLE_FIELDS = (*TEXT_FIELDS, *MULTILINE_FIELDS, "decided_on", "achievement_year", "signing_capacity")
AWARD_CODES = frozenset(a.code for a in CATALOGUE)


def _snapshot(decision: Decision) -> dict[str, Any]:
    data = snapshot(decision, [f.name for f in Decision._meta.concrete_fields if f.name != "appendix_pdf"])
    data["appendix_pdf"] = decision.appendix_pdf.name or ""
    return data


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS) - {"drafting_unit"}
    if unknown:
        raise ValueError(f"Unknown decision fields: {sorted(unknown)}")
    out = dict(fields)
    for name in TEXT_FIELDS:
        if out.get(name) is not None:
            out[name] = clean_text(str(out[name]))
    for name in MULTILINE_FIELDS:
        if out.get(name) is not None:
            value = out[name]
            lines = value if isinstance(value, list | tuple) else str(value).splitlines()
            out[name] = "\n".join(clean_text(line) for line in lines if clean_text(line))
    return out


def _validate(decision: Decision) -> None:
    errors: dict[str, list[str]] = {}
    if not decision.title:
        errors["title"] = [_("The subject is missing.")]
    if not decision.signer_name:
        errors["signer_name"] = [_("The signer is missing.")]
    if not decision.signer_title:
        errors["signer_title"] = [_("The signer's title is missing.")]
    if decision.signing_capacity not in SigningCapacity.values:
        errors["signing_capacity"] = [_("Choose a signing capacity.")]
    elif decision.signing_capacity in {"TM", "KT", "TL", "TUQ"} and not decision.on_behalf_of:
        errors["on_behalf_of"] = [_("Say on whose behalf the signer signs.")]
    if errors:
        raise ValidationFailed(_("The decision is not complete."), errors)


def _event(decision: Decision, *, command: str, before: str, actor: Any, note: str = "") -> None:
    DecisionEvent.objects.create(
        decision=decision,
        command=command,
        from_status=before,
        to_status=decision.status,
        actor=actor if getattr(actor, "pk", None) else None,
        occurred_at=timezone.now(),
        note=note,
    )


def _check(actor: Any, command: str, source: str) -> workflow.Transition:
    t = workflow.find_transition(command, source)
    if t is None:
        raise DomainError(_("This cannot be done to the decision now."))
    if actor is not None and not (roles_of(actor) & t.roles):
        raise DomainError(_("Your role does not allow this."))
    return t


def _require_draft(decision: Decision) -> None:
    if decision.status not in workflow.EDITABLE:
        raise DomainError(_("The decision is issued; its lines and text can no longer change."))


@transaction.atomic
def decision_create(
    *,
    actor: Any,
    authority_unit: Unit,
    title: str,
    decided_on: date,
    achievement_year: int,
    signer_name: str,
    signer_title: str = "Chủ tịch",
    signing_capacity: str = SigningCapacity.NONE,
    on_behalf_of: str = "",
    drafting_unit: Unit | None = None,
    legal_bases: Sequence[str] | str | None = None,
    proposed_by: str | None = None,
    executors: str | None = None,
    recipients: Sequence[str] | str | None = None,
    fund: str = "",
    authority_title: str = "",
) -> Decision:
    """Draft an empty decision of `authority_unit`; the texts default to the usual wording."""
    _check(actor, "create", "")
    name = authority_unit.name
    data = _clean(
        {
            "title": title,
            "authority_title": authority_title or content.authority_title_for(name),
            "decided_on": decided_on,
            "achievement_year": achievement_year,
            "signer_name": signer_name,
            "signer_title": signer_title,
            "signing_capacity": signing_capacity,
            "on_behalf_of": on_behalf_of,
            "legal_bases": legal_bases
            if legal_bases is not None
            else content.default_legal_bases(decided_on),
            "proposed_by": proposed_by if proposed_by is not None else content.default_proposer(name),
            "executors": executors if executors is not None else content.default_executors(name),
            "recipients": recipients if recipients is not None else ["Như Điều 3"],
            "fund": fund,
        }
    )
    decision = Decision(
        authority_unit=authority_unit,
        authority_office=office_for_unit(authority_unit).value,
        drafting_unit=drafting_unit,
        created_by=actor if getattr(actor, "pk", None) else None,
        **data,
    )
    _validate(decision)
    decision.save()
    _event(decision, command="create", before="", actor=actor)
    audit_record(actor=actor, action="decision.create", obj=decision, after=_snapshot(decision))
    return decision


@transaction.atomic
def decision_update(*, actor: Any, decision: Decision, **fields: Any) -> Decision:
    """Change a draft decision's texts or date; a new date reprices every line."""
    decision = (
        Decision.objects.select_for_update(of=("self",)).select_related("authority_unit").get(pk=decision.pk)
    )
    _require_draft(decision)
    before = _snapshot(decision)
    for name, value in _clean(fields).items():
        setattr(decision, name, value)
    _validate(decision)
    decision.save()
    if before["decided_on"] != decision.decided_on.isoformat():
        _reprice(decision)
    old, new = changed(before, _snapshot(decision))
    audit_record(actor=actor, action="decision.update", obj=decision, before=old, after=new)
    return decision


_PRICE_FIELDS = ("prize", "coefficient", "base_salary", "amount_vnd")


def _price(decision: Decision, lines: list[DecisionLine]) -> list[DecisionLine]:
    """Price `lines` on the decision date (lines of one subject together); return those that changed."""
    if not lines:
        return []
    inputs = [
        PrizeInput(
            subject_key=(
                line.subject_kind,
                line.person_id or line.unit_id or line.household_id or line.display_name,
            ),
            subject_kind=line.subject_kind,
            award_code=line.award_code,
            year=line.year,
        )
        for line in lines
    ]
    try:
        prizes = compute_prizes(
            inputs,
            decision.decided_on,
            rules=rules_for_unit(decision.authority_unit),
            issuer=Office(decision.authority_office),
        )
    except RegulationError as exc:
        raise ValidationFailed(_("The prize money cannot be computed: %(error)s") % {"error": exc}) from None
    changed_lines = []
    for line, prize in zip(lines, prizes, strict=True):
        values = (prize, Decimal(prize["coefficient"]), prize["base_salary"], paid_amount(prize))
        if (line.prize, line.coefficient, line.base_salary, line.amount_vnd) != values:
            line.prize, line.coefficient, line.base_salary, line.amount_vnd = values
            changed_lines.append(line)
    return changed_lines


def _reprice(decision: Decision) -> None:
    """Price every stored line on the decision date and save those whose prize changed."""
    changed_lines = _price(decision, list(decision.lines.all()))
    if changed_lines:
        DecisionLine.objects.bulk_update(changed_lines, [*_PRICE_FIELDS, "updated_at"], batch_size=500)


@transaction.atomic
def decision_add_lines(
    *, actor: Any, decision: Decision, lines: Iterable[dict[str, Any]]
) -> list[DecisionLine]:
    """Add lines to a draft and reprice it; each dict holds the keyword arguments of one line.

    Keys: subject_kind, award_code, year (default: the decision's achievement year), person, unit,
    household, display_name, unit_name, position, achievement, source_ref, nominee.
    """
    decision = (
        Decision.objects.select_for_update(of=("self",)).select_related("authority_unit").get(pk=decision.pk)
    )
    _require_draft(decision)
    start = (decision.lines.aggregate(m=Max("order"))["m"] or 0) + 1
    specs = list(lines)
    _cache_person_units(specs)
    created = [_build_line(decision, spec, order=start + i) for i, spec in enumerate(specs)]
    if not created:
        return []
    existing = list(decision.lines.all())
    # Price new and old lines together: a new title may stop an old one of the same period being paid.
    changed_existing = [line for line in _price(decision, existing + created) if line.pk is not None]
    DecisionLine.objects.bulk_create(created, batch_size=500)
    if changed_existing:
        DecisionLine.objects.bulk_update(changed_existing, [*_PRICE_FIELDS, "updated_at"], batch_size=500)
    audit_record(
        actor=actor,
        action="decision.add_lines",
        obj=decision,
        after={"lines": [f"{line.display_name}: {line.award_code} {line.year}" for line in created]},
    )
    return list(decision.lines.filter(order__gte=start).order_by("order"))


def _cache_person_units(specs: list[dict[str, Any]]) -> None:
    """Load the units of the people on the new lines in one query (their names go on the list)."""
    people = [s["person"] for s in specs if s.get("person") is not None]
    wanted = {p.unit_id for p in people if p.unit_id and not Person.unit.is_cached(p)}
    units = Unit.objects.in_bulk(wanted) if wanted else {}
    for p in people:
        if p.unit_id in units:
            p.unit = units[p.unit_id]


def _build_line(decision: Decision, spec: dict[str, Any], *, order: int) -> DecisionLine:
    allowed = {
        "subject_kind",
        "award_code",
        "year",
        "person",
        "unit",
        "household",
        "display_name",
        "unit_name",
        "position",
        "achievement",
        "source_ref",
        "nominee",
    }
    unknown = set(spec) - allowed
    if unknown:
        raise ValueError(f"Unknown line fields: {sorted(unknown)}")
    code = str(spec.get("award_code", "")).strip().upper()
    if code not in AWARD_CODES:
        raise ValidationFailed(_("Unknown award %(code)s.") % {"code": code}, {"award_code": [code]})
    person: Person | None = spec.get("person")
    unit: Unit | None = spec.get("unit")
    household: Household | None = spec.get("household")
    subject = describe_subject(
        subject_kind=str(spec.get("subject_kind", "")),
        person=person,
        unit=unit,
        household=household,
        display_name=str(spec.get("display_name", "")),
        unit_name=str(spec.get("unit_name", "")),
        position=str(spec.get("position", "")),
    )
    line = DecisionLine(
        decision=decision,
        order=order,
        subject_kind=str(spec["subject_kind"]),
        person=person,
        unit=unit,
        household=household,
        display_name=subject.display_name,
        honorific=subject.honorific,
        unit_name=subject.unit_name,
        position=subject.position,
        unit_sort_key=subject.unit_sort_key,
        name_sort_key=subject.name_sort_key,
        award_code=code,
        year=int(spec.get("year") or decision.achievement_year),
        achievement=clean_text(str(spec.get("achievement", ""))),
        source_ref=clean_text(str(spec.get("source_ref", ""))),
    )
    nominee = spec.get("nominee")
    if nominee is not None:
        register.attach_nominee(line, nominee)
    return line


@transaction.atomic
def decision_remove_line(*, actor: Any, line: DecisionLine) -> None:
    """Take a line off a draft decision and reprice the rest."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("authority_unit")
        .get(pk=line.decision_id)
    )
    _require_draft(decision)
    before = snapshot(line)
    line.delete()
    _reprice(decision)
    audit_record(actor=actor, action="decision.remove_line", obj=decision, before=before)


@transaction.atomic
def decision_draft_from_nominees(
    *,
    actor: Any,
    authority_unit: Unit,
    nominees: Iterable[Any],
    decided_on: date,
    title: str = "",
    signer_name: str = "",
    **fields: Any,
) -> Decision:
    """Draft a decision of `authority_unit` with one line per nominee approved by the council."""
    picked = list(nominees)
    if not picked:
        raise ValidationFailed(_("Choose at least one nominee."))
    register.check_nominees(picked, authority_unit=authority_unit)
    year = int(fields.pop("achievement_year", None) or max(int(n.year) for n in picked))
    decision = decision_create(
        actor=actor,
        authority_unit=authority_unit,
        title=title or f"Về việc khen thưởng thành tích năm {year}",
        decided_on=decided_on,
        achievement_year=year,
        signer_name=signer_name or authority_unit.name,
        **fields,
    )
    decision_add_lines(actor=actor, decision=decision, lines=[register.line_spec(n) for n in picked])
    return decision


def _line_units(decision: Decision) -> list[Unit]:
    """Return the units the issued decision is delivered to: those of the people and bodies awarded."""
    units: dict[int, Unit] = {}
    for line in decision.lines.select_related("person__unit", "unit", "household__village"):
        unit = line.unit or (line.person.unit if line.person else None)
        unit = unit or (line.household.village if line.household else None)
        if unit is not None and unit.pk != decision.authority_unit_id:
            units[unit.pk] = unit
    return list(units.values())


@transaction.atomic
def decision_issue(*, actor: Any, decision: Decision, issued_on: date) -> Decision:
    """Issue the decision on `issued_on`: price it on that date, number and freeze its document,
    store the attached list, give each line a certificate number, write every line into the award
    register and mark the proposals decided."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("authority_unit", "drafting_unit", "document")
        .get(pk=decision.pk)
    )
    before = decision.status
    t = _check(actor, "issue", decision.status)
    if not decision.lines.exists():
        raise ValidationFailed(_("Add at least one line before issuing."))
    if decision.decided_on != issued_on:
        decision.decided_on = issued_on
        decision.save(update_fields=["decided_on", "updated_at"])
    _reprice(decision)
    fields = document_fields(decision)
    if decision.document is None:
        draft = documents.document_create_draft(
            actor=actor, issuer=decision.authority_unit, recipient_units=_line_units(decision), **fields
        )
    else:
        draft = documents.document_update_draft(
            actor=actor, document=decision.document, recipient_units=_line_units(decision), **fields
        )
    document = documents.document_issue(actor=actor, document=draft, issued_on=issued_on)
    decision.document = document
    decision.status = t.target
    lines = list(decision.lines.all())
    for i, line in enumerate(lines, start=1):
        line.certificate_number = f"{document.number:02d}.{i:03d}/{document.notation}"
    DecisionLine.objects.bulk_update(lines, ["certificate_number", "updated_at"], batch_size=500)
    from thidua.decisions.rendering.appendix import appendix_pdf  # noqa: PLC0415 - WeasyPrint is heavy

    stem = f"{document.number:02d}-{document.year}-{decision.pk}-danh-sach.pdf"
    decision.appendix_pdf.save(stem, ContentFile(appendix_pdf(decision)), save=False)
    decision.save()
    register.record_awards(actor=actor, decision=decision, lines=lines)
    _event(decision, command="issue", before=before, actor=actor, note=document.symbol)
    audit_record(
        actor=actor,
        action="decision.issue",
        obj=decision,
        before={"status": before},
        after={
            "status": decision.status,
            "symbol": document.symbol,
            "issued_on": issued_on.isoformat(),
            "lines": len(lines),
            "total_vnd": sum(line.amount_vnd for line in lines),
        },
    )
    return decision


@transaction.atomic
def decision_cancel(*, actor: Any, decision: Decision, reason: str) -> Decision:
    """Abandon a draft decision (an issued decision is undone award by award through revocation)."""
    decision = Decision.objects.select_for_update(of=("self",)).select_related("document").get(pk=decision.pk)
    t = _check(actor, "cancel", decision.status)
    reason = clean_text(reason)
    if not reason:
        raise ValidationFailed(_("Give a reason."), {"reason": [_("Give a reason.")]})
    before = decision.status
    decision.status = t.target
    decision.save(update_fields=["status", "updated_at"])
    if decision.document is not None:
        documents.document_cancel(actor=actor, document=decision.document, reason=reason)
    _event(decision, command="cancel", before=before, actor=actor, note=reason)
    audit_record(
        actor=actor,
        action="decision.cancel",
        obj=decision,
        before={"status": before},
        after={"status": decision.status},
        reason=reason,
    )
    return decision


def is_issued(decision: Decision) -> bool:
    """Tell whether the decision is issued."""
    return decision.status == DecisionStatus.ISSUED

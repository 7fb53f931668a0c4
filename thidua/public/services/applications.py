"""Online applications: the applicant's draft, files and submission; the desk's acceptance or refusal;
supplements; and the projection of the proposal's workflow onto the portal's status codes."""

import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import scope_paths, unit_scope_q
from thidua.core.audit import audit_record
from thidua.core.errors import DomainError, NotFound, ValidationFailed
from thidua.core.text import clean_text, split_full_name
from thidua.core.uploads import inspect_upload
from thidua.organization.models import Household, Person, Sex, Unit, UnitKind
from thidua.organization.services import household_create, person_create
from thidua.proposals.models import Proposal, ProposalKind, ProposalStatus
from thidua.proposals.rules import rules_for
from thidua.proposals.services import nominees as nominee_services
from thidua.proposals.services import proposals as proposal_services
from thidua.proposals.services._common import clean_multiline
from thidua.proposals.workflow import Command
from thidua.public.models import (
    Application,
    ApplicationEvent,
    ApplicationFile,
    CitizenAccount,
    DeadlineUnit,
    DossierCounter,
    Procedure,
    ProcedureComponent,
    Reschedule,
    Status,
    SubjectKind,
    SupplementRequest,
)
from thidua.public.notify import notify
from thidua.regulations import Pause

logger = logging.getLogger(__name__)

# Kinds the desk can hand on to the proposal's dossier as they are.
DOSSIER_KINDS = ("pdf", "docx", "jpg", "png")
MAX_FILES = 20
INTAKE_ROLES = frozenset({"EMULATION_OFFICER", "REVIEWER", "ADMINISTRATOR"})

# Status transitions the portal allows (documents.md §9.6), for the applicant's and the desk's moves.
ALLOWED = {
    Status.DRAFT: {Status.NEW},
    Status.NEW: {Status.ACCEPTED, Status.REFUSED, Status.WITHDRAWN},
    Status.ACCEPTED: {Status.PROCESSING, Status.SUPPLEMENT, Status.WITHDRAWN, Status.DONE},
    Status.PROCESSING: {Status.SUPPLEMENT, Status.PAYMENT, Status.STOPPED, Status.DONE, Status.WITHDRAWN},
    Status.SUPPLEMENT: {Status.PROCESSING, Status.STOPPED, Status.WITHDRAWN},
    Status.PAYMENT: {Status.PROCESSING},
    Status.DONE: {Status.DELIVERED},
}

FORM_FIELDS = (
    "applicant_name",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "organisation_name",
    "subject_name",
    "subject_sex",
    "subject_birth_date",
    "subject_address",
    "subject_relation",
    "achievement",
    "act_date",
    "act_place",
)


def _local(now: datetime) -> datetime:
    return timezone.localtime(now) if timezone.is_aware(now) else now


def _move(
    application: Application,
    to: Status,
    *,
    now: datetime,
    note: str = "",
    actor: Any = None,
    by_applicant: bool = False,
) -> None:
    """Change the status through the portal's table, with an event row and an audit row."""
    before = Status(application.status)
    if to not in ALLOWED.get(before, set()):
        raise DomainError(
            _("This cannot be done while the dossier is “%(status)s”.") % {"status": before.label}
        )
    application.status = to
    application.save()
    ApplicationEvent.objects.create(
        application=application,
        from_status=before,
        to_status=to,
        occurred_at=now,
        by_applicant=by_applicant,
        actor=actor if getattr(actor, "pk", None) else None,
        note=note,
    )
    audit_record(
        actor=actor,
        action=f"application.{to.name.lower()}",
        obj=application,
        before={"status": int(before)},
        after={"status": int(to), "code": application.code or ""},
        reason=note,
    )


def _lock(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("procedure__authority_unit", "procedure__intake_unit", "account")
        .get(pk=application.pk)
    )


def _own(account: CitizenAccount, application: Application) -> Application:
    locked = _lock(application)
    if locked.account_id != account.pk:
        raise NotFound("application")
    return locked


def _tell(
    application: Application, subject: str, body: str, files: list[tuple[str, bytes, str]] | None = None
) -> None:
    """Write to the applicant at the address on the form, else the account's."""
    email = application.applicant_email or application.account.email
    phone = application.applicant_phone or application.account.phone
    tracking = f"{settings.THIDUA_PUBLIC_BASE_URL}/dich-vu-cong/tra-cuu/?ma={application.code or ''}"
    text = f"{body}\n\n{_('Follow the dossier at %(url)s') % {'url': tracking}}"
    notify(email=email, phone=phone, subject=subject, body=text, attachments=files)


# --- The applicant -------------------------------------------------------------------------------------


def procedure_open(procedure: Procedure, on: date) -> bool:
    """Tell whether the procedure takes applications on ``on``."""
    return (
        procedure.external
        and procedure.valid_from <= on
        and (procedure.valid_to is None or on <= procedure.valid_to)
    )


@transaction.atomic
def application_start(*, account: CitizenAccount, procedure: Procedure, now: datetime) -> Application:
    """Open a draft for the procedure, with the applicant's details from the account."""
    if account.verified_at is None:
        raise DomainError(_("Confirm your e-mail address or phone number before applying."))
    if not procedure_open(procedure, _local(now).date()):
        raise NotFound("procedure")
    application = Application.objects.create(
        procedure=procedure,
        account=account,
        applicant_name=account.full_name,
        applicant_email=account.email or "",
        applicant_phone=account.phone or "",
        subject_name="",
        achievement="",
    )
    audit_record(actor=None, action="application.start", obj=application, after={"procedure": procedure.code})
    return application


def _clean_fields(fields: dict[str, Any], *, now: datetime) -> tuple[dict[str, Any], dict[str, list[str]]]:
    out: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    today = _local(now).date()
    for name in FORM_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if name in {"subject_birth_date", "act_date"}:
            if value and value > today:
                errors[name] = [_("The date is in the future.")]
            out[name] = value or None
        elif name == "achievement":
            out[name] = clean_multiline(value)
        elif name == "subject_sex":
            out[name] = value if value in Sex.values else ""
        else:
            out[name] = clean_text(value or "")
    return out, errors


@transaction.atomic
def application_save(
    *, account: CitizenAccount, application: Application, fields: dict[str, Any], now: datetime
) -> Application:
    """Save the form of a draft (incomplete drafts are kept; completeness is checked on submission)."""
    application = _own(account, application)
    if not application.editable:
        raise DomainError(_("The dossier has been submitted; it can no longer be changed."))
    cleaned, errors = _clean_fields(fields, now=now)
    if errors:
        raise ValidationFailed(_("Check the dates."), errors)
    for name, value in cleaned.items():
        setattr(application, name, value)
    application.save()
    return application


def _store_file(
    application: Application,
    upload: UploadedFile,
    *,
    component: ProcedureComponent | None,
    supplement: SupplementRequest | None,
    now: datetime,
) -> ApplicationFile:
    if application.files.count() >= MAX_FILES:
        raise ValidationFailed(
            _("A dossier holds at most %(n)s files.") % {"n": MAX_FILES},
            {"file": [_("A dossier holds at most %(n)s files.") % {"n": MAX_FILES}]},
        )
    inspected, data = inspect_upload(
        upload, allowed=DOSSIER_KINDS, max_bytes=settings.THIDUA_UPLOAD_MAX_BYTES
    )
    item = ApplicationFile(
        application=application,
        component=component,
        supplement=supplement,
        original_name=inspected.safe_name,
        extension=inspected.extension,
        content_type=inspected.content_type,
        size=inspected.size,
        sha256=inspected.sha256,
        uploaded_at=now,
    )
    item.file.save(inspected.safe_name, ContentFile(data), save=False)
    try:
        item.save()
    except Exception:
        item.file.delete(save=False)
        raise
    return item


@transaction.atomic
def file_attach(
    *,
    account: CitizenAccount,
    application: Application,
    upload: UploadedFile,
    component: ProcedureComponent | None,
    now: datetime,
) -> ApplicationFile:
    """Check an uploaded document and keep it with the draft, or with the open supplement request."""
    application = _own(account, application)
    if component is not None and component.procedure_id != application.procedure_id:
        raise NotFound("component")
    supplement = None
    if application.status == Status.SUPPLEMENT:
        supplement = application.supplements.filter(received_at__isnull=True).last()
    elif not application.editable:
        raise DomainError(_("Files can be added only to a draft or when a supplement is requested."))
    item = _store_file(application, upload, component=component, supplement=supplement, now=now)
    audit_record(
        actor=None,
        action="application.file_attach",
        obj=application,
        after={"file": item.original_name, "sha256": item.sha256, "size": item.size},
    )
    return item


@transaction.atomic
def file_remove(*, account: CitizenAccount, item: ApplicationFile) -> None:
    """Remove a file the applicant has not sent yet (from a draft, or from an unsent supplement)."""
    application = _own(account, item.application)
    unsent_supplement = (
        application.status == Status.SUPPLEMENT
        and item.supplement is not None
        and item.supplement.received_at is None
    )
    if not (application.editable or unsent_supplement):
        raise DomainError(_("Files already sent cannot be removed."))
    audit_record(
        actor=None, action="application.file_remove", obj=application, before={"file": item.original_name}
    )
    item.delete()


def missing_for_submission(application: Application) -> dict[str, list[str]]:
    """Return what the applicant still has to fill in or attach (empty when the dossier is complete)."""
    errors: dict[str, list[str]] = {}
    required = {
        "applicant_name": _("Give your full name."),
        "subject_name": _("Give the full name of the person proposed."),
        "achievement": _("Describe what happened."),
    }
    for name, message in required.items():
        if not getattr(application, name):
            errors[name] = [message]
    if not (application.applicant_phone or application.applicant_email):
        errors["applicant_phone"] = [_("Give a phone number or an e-mail address.")]
    if application.procedure.subject_kind == "INDIVIDUAL" and not application.subject_sex:
        errors["subject_sex"] = [_("Choose the sex of the person proposed.")]
    attached = set(application.files.values_list("component_id", flat=True))
    for component in application.procedure.components.filter(required=True):
        if component.pk not in attached:
            errors.setdefault("files", []).append(_("Attach “%(name)s”.") % {"name": component.name})
    return errors


def _serial(unit: Unit, kind: str, day: date) -> int:
    """Return the next number of a per-unit counter (the UPDATE holds the row until the commit)."""
    if not DossierCounter.objects.filter(unit=unit, kind=kind, day=day).update(last=F("last") + 1):
        try:
            with transaction.atomic():
                DossierCounter.objects.create(unit=unit, kind=kind, day=day, last=1)
                return 1
        except IntegrityError:
            DossierCounter.objects.filter(unit=unit, kind=kind, day=day).update(last=F("last") + 1)
    return DossierCounter.objects.get(unit=unit, kind=kind, day=day).last


def dossier_code(unit: Unit, day: date, serial: int) -> str:
    """Return a dossier code: receiving unit, date received (YYMMDD), daily serial (TT 01/2018 Điều 19)."""
    pattern: str = settings.THIDUA_DOSSIER_CODE_FORMAT
    return pattern.format(unit=unit.code, date=day, serial=serial)


@transaction.atomic
def application_submit(*, account: CitizenAccount, application: Application, now: datetime) -> Application:
    """Send the complete draft: it gets its dossier code and waits for the desk to accept it."""
    application = _own(account, application)
    if not application.editable:
        raise DomainError(_("The dossier has already been submitted."))
    errors = missing_for_submission(application)
    if errors:
        raise ValidationFailed(_("The dossier is not complete yet."), errors)
    if not procedure_open(application.procedure, _local(now).date()):
        raise DomainError(_("This procedure no longer takes applications."))
    day = _local(now).date()
    unit = application.procedure.authority_unit
    application.code = dossier_code(unit, day, _serial(unit, "code", day))
    application.submitted_at = now
    _move(application, Status.NEW, now=now, by_applicant=True)
    _tell(
        application,
        _("Dossier %(code)s received online") % {"code": application.code},
        _(
            "Your dossier “%(procedure)s” was received online with the code %(code)s. The receiving desk "
            "will check it and send you the receipt with the date of the result."
        )
        % {"procedure": application.procedure.name, "code": application.code},
    )
    return application


@transaction.atomic
def application_withdraw(
    *, account: CitizenAccount, application: Application, reason: str, now: datetime
) -> Application:
    """Take the dossier back before it is decided; the linked proposal is withdrawn too."""
    application = _own(account, application)
    reason = clean_multiline(reason)
    if application.status == Status.DRAFT:
        raise DomainError(_("A draft is not sent; you can simply leave it."))
    if application.proposal is not None and application.proposal.status not in {
        ProposalStatus.DECIDED,
        ProposalStatus.WITHDRAWN,
    }:
        proposal_services.proposal_withdraw(
            actor=None,
            proposal=application.proposal,
            reason=reason or _("Withdrawn by the applicant"),
            on=_local(now).date(),
        )
        application.refresh_from_db()
    if application.status != Status.WITHDRAWN:
        _move(application, Status.WITHDRAWN, now=now, note=reason, by_applicant=True)
    return application


@transaction.atomic
def supplement_send(
    *, account: CitizenAccount, application: Application, note: str, now: datetime
) -> Application:
    """Send the supplement: its files join the proposal's dossier and the proposal goes back to the desk."""
    application = _own(account, application)
    if application.status != Status.SUPPLEMENT or application.proposal is None:
        raise DomainError(_("No supplement is requested for this dossier."))
    request = application.supplements.filter(received_at__isnull=True).last()
    if request is None:
        raise DomainError(_("No supplement is requested for this dossier."))
    files = list(request.files.all())
    note = clean_multiline(note)
    if not files and not note:
        raise ValidationFailed(
            _("Attach the documents asked for, or write what you add."),
            {"files": [_("Attach the documents asked for, or write what you add.")]},
        )
    proposal = application.proposal
    on = received_day(now, application.procedure)
    for item in files:
        _to_dossier(proposal, application, item)
    request.received_at = now
    request.applicant_note = note
    request.save(update_fields=["received_at", "applicant_note"])
    proposal_services.proposal_resubmit(actor=None, proposal=proposal, on=on)
    application.refresh_from_db()
    application.due_on = due_date(application, now=now)
    application.save(update_fields=["due_on", "updated_at"])
    _issue_receipt(application, now=now, actor=None)
    return application


def result_delivered(*, account: CitizenAccount, application: Application, now: datetime) -> None:
    """Record that the applicant downloaded the result (status 10, delivered online)."""
    with transaction.atomic():
        application = _own(account, application)
        if application.status == Status.DONE:
            application.delivered_at = now
            _move(application, Status.DELIVERED, now=now, by_applicant=True, note=_("Downloaded online"))


# --- Deadlines and the receipt ------------------------------------------------------------------------


def _cutoff() -> time | None:
    value = getattr(settings, "THIDUA_INTAKE_CUTOFF", "") or ""
    if not value:
        return None
    hours, minutes = (int(x) for x in value.split(":"))
    return time(hours, minutes)


def received_day(now: datetime, procedure: Procedure) -> date:
    """Return the day a dossier counts as received: the next working day when it came after the cut-off
    hour (documents.md §9.7, `THIDUA_INTAKE_CUTOFF`) or on a day off."""
    local = _local(now)
    day = local.date()
    calendar = rules_for(procedure.authority_unit).calendar
    cutoff = _cutoff()
    if (cutoff is not None and local.time() >= cutoff) or not calendar.is_working_day(day):
        day += timedelta(days=1)
        while not calendar.is_working_day(day):
            day += timedelta(days=1)
    return day


def due_date(application: Application, *, now: datetime | None = None) -> date | None:
    """Return the result's due date: the procedure's deadline from the day the complete dossier was
    received, with the supplement requests counted per the province's clock mode (restart or pause)."""
    if application.received_on is None:
        return None
    procedure = application.procedure
    pack = rules_for(procedure.authority_unit)
    calendar = pack.calendar
    pauses: list[Pause] = []
    for request in application.supplements.all():
        if request.received_at is None:
            return None
        start = _local(request.requested_at).date()
        end = received_day(request.received_at, procedure)
        pauses.append(Pause(start, max(start, end)))
    if procedure.deadline_unit == DeadlineUnit.CALENDAR_DAYS:
        start = max([application.received_on, *(p.end for p in pauses)])
        return calendar.add_calendar_days(start, procedure.deadline_value).due
    return calendar.add_working_days(
        application.received_on,
        procedure.deadline_value,
        pauses=pauses,
        clock_mode=pack.policy.supplement_clock_mode,
    ).due


def _issue_receipt(application: Application, *, now: datetime, actor: Any) -> None:
    """Number and render a receipt slip (Mẫu 01) for the current due date, and send it to the applicant."""
    from thidua.public.receipts import receipt_pdf  # noqa: PLC0415 - WeasyPrint is heavy

    unit = application.procedure.authority_unit
    year = _local(now).year
    application.receipt_number = _serial(unit, "receipt", date(year, 1, 1))
    data = receipt_pdf(application, now=now, officer=actor)
    if application.receipt_pdf:
        application.receipt_pdf.delete(save=False)
    application.receipt_pdf.save(
        f"{application.code}-{application.receipt_number}.pdf", ContentFile(data), save=False
    )
    application.save()
    due = application.due_on.strftime("%d/%m/%Y") if application.due_on else "…"
    _tell(
        application,
        _("Receipt for dossier %(code)s: result due on %(date)s") % {"code": application.code, "date": due},
        _(
            "The receiving desk accepted your dossier %(code)s. The result is due on %(date)s. "
            "The receipt is attached."
        )
        % {"code": application.code, "date": due},
        [(f"giay-tiep-nhan-{application.code}.pdf", data, "application/pdf")],
    )


# --- The receiving desk --------------------------------------------------------------------------------


def desk_paths(user: Any) -> list[str]:
    """Return the unit paths under which the user handles online dossiers at the desk."""
    return scope_paths(user, INTAKE_ROLES)


def desk_scope_q(user: Any, *, prefix: str) -> Q:
    """Return a filter for the authorities (at ``prefix``) whose dossiers the user handles."""
    return unit_scope_q(user, prefix=prefix, roles=INTAKE_ROLES)


def require_desk(user: Any, application: Application) -> None:
    """Refuse a user who does not work at the desk of the application's authority (404)."""
    path = application.procedure.authority_unit.path
    if not any(path.startswith(p) for p in desk_paths(user)):
        raise NotFound("application")


def _to_dossier(proposal: Proposal, application: Application, item: ApplicationFile) -> None:
    kind = item.component.dossier_kind if item.component is not None else "OTHER"
    with item.file.open("rb") as handle:
        data = handle.read()
    upload = SimpleUploadedFile(item.original_name, data, content_type=item.content_type)
    nominee_services.dossier_attach(
        actor=None, proposal=proposal, kind=kind, upload=upload, nominee=application.nominee
    )


@transaction.atomic
def application_accept(
    *,
    actor: Any,
    application: Application,
    now: datetime,
    person: Person | None = None,
    proposing_unit: Unit | None = None,
) -> Application:
    """Accept a complete dossier: it is received (the clock starts), the receipt is issued, and the
    dossier enters the commendation pipeline as a proposal of the desk to the authority.

    The person proposed is taken from the registry when the officer matched one, else recorded from the
    form in the proposing unit (the desk by default). For a household procedure the proposing unit is the
    household's village: the person is its head, and the household is found or recorded there.
    """
    application = _lock(application)
    require_desk(actor, application)
    if application.status != Status.NEW:
        raise DomainError(_("Only a dossier waiting for acceptance can be accepted."))
    procedure = application.procedure
    unit = proposing_unit or procedure.intake_unit
    if not unit.path.startswith(procedure.authority_unit.path) or unit.pk == procedure.authority_unit_id:
        raise ValidationFailed(_("The proposing unit must be under the authority."))
    if procedure.subject_kind not in {SubjectKind.INDIVIDUAL, SubjectKind.HOUSEHOLD}:
        raise DomainError(_("Online dossiers for collectives are received at the desk in person for now."))
    if procedure.subject_kind == SubjectKind.HOUSEHOLD and unit.kind != UnitKind.VILLAGE:
        raise ValidationFailed(
            _("For a household, choose its village or residential group as the proposing unit."),
            {
                "proposing_unit": [
                    _("For a household, choose its village or residential group as the proposing unit.")
                ]
            },
        )
    on = received_day(now, procedure)
    if person is None:
        family, middle, given = split_full_name(application.subject_name)
        person = person_create(
            actor=actor,
            unit=unit,
            family_name=family,
            middle_name=middle,
            given_name=given,
            sex=application.subject_sex or Sex.MALE,
            date_of_birth=application.subject_birth_date,
            joined_on=on,
            reason=_("Recorded from online dossier %(code)s") % {"code": application.code},
        )
    subject: Person | Household = person
    if procedure.subject_kind == SubjectKind.HOUSEHOLD:
        household = Household.objects.filter(village=unit, head=person).first()
        subject = household or household_create(
            actor=actor, village=unit, head=person, address=application.subject_address
        )
    proposal = proposal_services.proposal_create(
        actor=None,
        proposing_unit=unit,
        authority_unit=procedure.authority_unit,
        kind=ProposalKind.AD_HOC,
        year=on.year,
        title=f"{procedure.name} – {application.subject_name} ({application.code})",
        simplified=procedure.simplified,
        simplified_case=procedure.simplified_case,
    )
    if procedure.deadline_unit == DeadlineUnit.WORKING_DAYS:
        # The proposal runs on the procedure's published time limit, so its deadline and its reminders
        # (send_deadline_reminders) fall on the applicant's appointment date.
        Proposal.objects.filter(pk=proposal.pk).update(processing_days=procedure.deadline_value)
    nominee = nominee_services.nominee_add(
        actor=None,
        proposal=proposal,
        subject_kind=procedure.subject_kind,
        subject=subject,
        award_code=procedure.award_code,
        year=(application.act_date or on).year,
        achievement=application.achievement,
        period_start=application.act_date,
        period_end=application.act_date,
        on=on,
    )
    application.proposal = proposal
    application.nominee = nominee
    application.received_on = on
    application.save()
    for item in application.files.all():
        _to_dossier(proposal, application, item)
    proposal_services.proposal_submit(actor=None, proposal=proposal, on=on)
    application.refresh_from_db()
    application.due_on = due_date(application)
    _move(application, Status.ACCEPTED, now=now, actor=actor)
    _issue_receipt(application, now=now, actor=actor)
    return application


@transaction.atomic
def application_refuse(*, actor: Any, application: Application, reason: str, now: datetime) -> Application:
    """Refuse to accept the dossier (Mẫu 03), with the reasons the applicant will read."""
    application = _lock(application)
    require_desk(actor, application)
    reason = clean_multiline(reason)
    if not reason:
        raise ValidationFailed(_("Give the reasons."), {"reason": [_("Give the reasons.")]})
    application.refusal_reason = reason
    _move(application, Status.REFUSED, now=now, actor=actor, note=reason)
    from thidua.public.receipts import refusal_pdf  # noqa: PLC0415 - WeasyPrint is heavy

    number = _serial(application.procedure.authority_unit, "refusal", date(_local(now).year, 1, 1))
    data = refusal_pdf(application, now=now, number=number, officer=actor)
    application.refusal_pdf.save(f"{application.code}-tu-choi.pdf", ContentFile(data), save=False)
    application.save(update_fields=["refusal_pdf", "updated_at"])
    _tell(
        application,
        _("Dossier %(code)s was not accepted") % {"code": application.code},
        _("The receiving desk did not accept your dossier %(code)s, for these reasons:\n%(reason)s")
        % {"code": application.code, "reason": reason},
        [(f"phieu-tu-choi-{application.code}.pdf", data, "application/pdf")],
    )
    return application


@transaction.atomic
def application_reschedule(
    *, actor: Any, application: Application, new_due_on: date, reason: str, now: datetime
) -> Reschedule:
    """Give a new appointment date before the current one lapses, with the apology slip (Mẫu 04)."""
    application = _lock(application)
    require_desk(actor, application)
    reason = clean_multiline(reason)
    errors: dict[str, list[str]] = {}
    if application.status not in {Status.ACCEPTED, Status.PROCESSING} or application.due_on is None:
        raise DomainError(_("A new date can be given only while the dossier is being processed."))
    if _local(now).date() > application.due_on:
        raise DomainError(_("The apology and the new date must be sent before the due date."))
    if new_due_on <= application.due_on:
        errors["new_due_on"] = [_("The new date must come after the current due date.")]
    if not reason:
        errors["reason"] = [_("Give the reasons.")]
    if errors:
        raise ValidationFailed(_("The new date cannot be given."), errors)
    entry = Reschedule.objects.create(
        application=application,
        old_due_on=application.due_on,
        new_due_on=new_due_on,
        reason=reason,
        issued_at=now,
        actor=actor if getattr(actor, "pk", None) else None,
    )
    from thidua.public.receipts import apology_pdf  # noqa: PLC0415 - WeasyPrint is heavy

    number = _serial(application.procedure.authority_unit, "apology", date(_local(now).year, 1, 1))
    data = apology_pdf(entry, number=number)
    entry.slip_pdf.save(f"{application.code}-hen-lai-{entry.pk}.pdf", ContentFile(data), save=True)
    old = application.due_on
    application.due_on = new_due_on
    application.save(update_fields=["due_on", "updated_at"])
    ApplicationEvent.objects.create(
        application=application,
        from_status=application.status,
        to_status=application.status,
        occurred_at=now,
        actor=entry.actor,
        note=_("New due date %(new)s (was %(old)s): %(reason)s")
        % {"new": new_due_on.strftime("%d/%m/%Y"), "old": old.strftime("%d/%m/%Y"), "reason": reason},
    )
    audit_record(
        actor=actor,
        action="application.reschedule",
        obj=application,
        before={"due_on": old.isoformat()},
        after={"due_on": new_due_on.isoformat()},
        reason=reason,
    )
    _tell(
        application,
        _("Dossier %(code)s: new date for the result, %(date)s")
        % {"code": application.code, "date": new_due_on.strftime("%d/%m/%Y")},
        _(
            "We apologise: the result of your dossier %(code)s will not be ready by %(old)s, because:\n"
            "%(reason)s\n\nThe new date is %(new)s."
        )
        % {
            "code": application.code,
            "old": old.strftime("%d/%m/%Y"),
            "reason": reason,
            "new": new_due_on.strftime("%d/%m/%Y"),
        },
        [(f"phieu-xin-loi-hen-lai-{application.code}.pdf", data, "application/pdf")],
    )
    return entry


# --- Following the proposal -----------------------------------------------------------------------------


def _decided(application: Application, now: datetime) -> None:
    from thidua.decisions.models import DecisionLine, DecisionStatus  # noqa: PLC0415

    line = (
        DecisionLine.objects.filter(nominee=application.nominee, decision__status=DecisionStatus.ISSUED)
        .select_related("decision__document")
        .first()
        if application.nominee_id
        else None
    )
    application.decision_line = line
    if line is not None:
        application.result_note = _("Awarded by decision %(symbol)s.") % {"symbol": line.decision.symbol}
    else:
        application.result_note = _("Not awarded.")
    _move(application, Status.DONE, now=now, note=application.result_note)
    _tell(
        application,
        _("Result of dossier %(code)s") % {"code": application.code},
        _("Your dossier %(code)s has been processed. %(result)s You can download the result online.")
        % {"code": application.code, "result": application.result_note},
    )


def follow_proposal(proposal: Proposal, event: Any) -> None:
    """Project a proposal transition onto its online application (called inside the transaction)."""
    application = Application.objects.filter(proposal=proposal).select_related("procedure", "account").first()
    if application is None:
        return
    application = _lock(application)
    # The proposal's date of record is ``event.on`` (given by the caller); the clock gives the time of day.
    clock = timezone.localtime(event.occurred_at)
    now = timezone.make_aware(datetime.combine(event.on, clock.time().replace(tzinfo=None)))
    command = event.command
    if command == Command.ACCEPT and application.status in {Status.ACCEPTED}:
        _move(application, Status.PROCESSING, now=now, note=_("Taken up for appraisal"))
    elif command == Command.RETURN:
        if application.status == Status.ACCEPTED:
            _move(application, Status.PROCESSING, now=now)
        request = SupplementRequest.objects.create(
            application=application, reasons=event.reason, requested_at=now
        )
        from thidua.public.receipts import supplement_pdf  # noqa: PLC0415 - WeasyPrint is heavy

        number = _serial(application.procedure.authority_unit, "supplement", date(now.year, 1, 1))
        slip = supplement_pdf(request, number=number, officer=event.actor)
        request.slip_pdf.save(f"{application.code}-bo-sung-{request.pk}.pdf", ContentFile(slip), save=True)
        application.due_on = None
        _move(application, Status.SUPPLEMENT, now=now, note=event.reason)
        _tell(
            application,
            _("Dossier %(code)s: supplement requested") % {"code": application.code},
            _(
                "The desk asks you to complete your dossier %(code)s:\n%(reasons)s\n\nSign in to the portal, "
                "attach the documents and send the supplement. The time limit starts again when it arrives."
            )
            % {"code": application.code, "reasons": event.reason},
            [(f"phieu-yeu-cau-bo-sung-{application.code}.pdf", slip, "application/pdf")],
        )
    elif command == Command.RESUBMIT and application.status == Status.SUPPLEMENT:
        _move(application, Status.PROCESSING, now=now, note=_("Supplement received"))
    elif command == Command.DECIDE and application.status in {Status.ACCEPTED, Status.PROCESSING}:
        _decided(application, now)
    elif command == Command.WITHDRAW and application.status not in {
        Status.WITHDRAWN,
        Status.DONE,
        Status.DELIVERED,
    }:
        _move(application, Status.WITHDRAWN, now=now, note=event.reason)

"""Writes on councils, members, sessions and the agenda. Polls are in `polls.py`, votes in `voting.py`.

The interfaces call an access gate (permissions.py) first; these functions check the domain rules.
Every public write of the council app is importable from here.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record, changed, snapshot
from thidua.core.errors import DomainError, ValidationFailed
from thidua.core.text import clean_text
from thidua.council import workflow
from thidua.council.agenda import agenda_add_nominees
from thidua.council.models import (
    AgendaItem,
    Attendance,
    Council,
    CouncilEvent,
    CouncilMember,
    CouncilSession,
    MemberRole,
    PollStatus,
    SessionStatus,
)
from thidua.council.polls import poll_close, poll_open, poll_void
from thidua.council.voting import named_vote_cast, paper_counts_enter, secret_vote_cast, written_counts_enter
from thidua.organization.models import Person, Unit
from thidua.regulations.versions import RegulationError
from thidua.regulations.voting import default_voting_rule, voting_rule_with

__all__ = [
    "agenda_add_item",
    "agenda_add_nominees",
    "agenda_remove_item",
    "council_create",
    "council_update",
    "member_add",
    "member_remove",
    "named_vote_cast",
    "paper_counts_enter",
    "poll_close",
    "poll_open",
    "poll_void",
    "secret_vote_cast",
    "session_close",
    "session_create",
    "session_open",
    "session_set_attendance",
    "written_counts_enter",
]


def _check_overrides(overrides: Mapping[str, object]) -> dict[str, object]:
    data = dict(overrides or {})
    try:
        voting_rule_with(default_voting_rule("", date(2025, 1, 1)), data)
    except RegulationError as exc:
        raise ValidationFailed(str(exc), {"voting_overrides": [str(exc)]}) from None
    return data


@transaction.atomic
def council_create(
    *,
    actor: Any,
    authority_unit: Unit,
    name: str,
    rules_note: str = "",
    rules_key: str = "",
    voting_overrides: Mapping[str, object] | None = None,
) -> Council:
    """Set up the council of an authority."""
    name = clean_text(name)
    if not name:
        raise ValidationFailed(_("Give the council a name."), {"name": [_("The name is missing.")]})
    council = Council.objects.create(
        authority_unit=authority_unit,
        name=name,
        rules_note=clean_text(rules_note),
        rules_key=clean_text(rules_key),
        voting_overrides=_check_overrides(voting_overrides or {}),
    )
    audit_record(actor=actor, action="council.create", obj=council, after=snapshot(council))
    return council


@transaction.atomic
def council_update(*, actor: Any, council: Council, **fields: Any) -> Council:
    """Change the council's name, working rules, rule-pack key or voting parameters."""
    council = Council.objects.select_for_update().get(pk=council.pk)
    before = snapshot(council)
    for key, value in fields.items():
        if key == "voting_overrides":
            council.voting_overrides = _check_overrides(value or {})
        elif key in {"name", "rules_note", "rules_key"}:
            setattr(council, key, clean_text(value or ""))
        elif key == "is_active":
            council.is_active = bool(value)
        else:
            raise ValueError(f"Cannot set {key} on a council.")
    if not council.name:
        raise ValidationFailed(_("Give the council a name."), {"name": [_("The name is missing.")]})
    council.save()
    old, new = changed(before, snapshot(council))
    audit_record(actor=actor, action="council.update", obj=council, before=old, after=new)
    return council


@transaction.atomic
def member_add(
    *,
    actor: Any,
    council: Council,
    user: Any,
    role: str,
    valid_from: date,
    person: Person | None = None,
    title: str = "",
) -> CouncilMember:
    """Seat a user on the council from a date."""
    if role not in MemberRole.values:
        raise ValidationFailed(_("Choose a role."), {"role": [_("Choose a role.")]})
    sitting = CouncilMember.objects.filter(council=council, user=user, valid_to__isnull=True)
    if sitting.exists():
        raise ValidationFailed(
            _("This user already sits on the council."), {"user": [_("Already a member.")]}
        )
    member = CouncilMember.objects.create(
        council=council, user=user, role=role, valid_from=valid_from, person=person, title=clean_text(title)
    )
    audit_record(actor=actor, action="council.member_add", obj=member, after=snapshot(member))
    return member


@transaction.atomic
def member_remove(*, actor: Any, member: CouncilMember, on: date) -> CouncilMember:
    """End a member's seat on `on` (the last day they sit)."""
    member = CouncilMember.objects.select_for_update().get(pk=member.pk)
    if member.valid_to is not None:
        raise DomainError(_("This member has already left the council."))
    if on < member.valid_from:
        raise ValidationFailed(_("A member cannot leave before joining."), {"on": [_("Too early.")]})
    member.valid_to = on
    member.save(update_fields=["valid_to", "updated_at"])
    audit_record(actor=actor, action="council.member_remove", obj=member, after={"valid_to": on.isoformat()})
    return member


def _event(
    session: CouncilSession, *, command: str, before: str, after: str, actor: Any, note: str = ""
) -> None:
    CouncilEvent.objects.create(
        session=session,
        command=command,
        from_status=before,
        to_status=after,
        actor=actor if getattr(actor, "pk", None) else None,
        occurred_at=timezone.now(),
        note=note,
    )


@transaction.atomic
def session_create(*, actor: Any, council: Council, held_on: date, place: str = "") -> CouncilSession:
    """Plan a session; every member sitting on that day is on the attendance list, present by default."""
    if not council.is_active:
        raise DomainError(_("This council is no longer active."))
    members = [m for m in council.members.all() if m.sits_on(held_on)]
    if not members:
        raise DomainError(_("Nobody sits on the council on that day; add the members first."))
    session = CouncilSession.objects.create(council=council, held_on=held_on, place=clean_text(place))
    Attendance.objects.bulk_create([Attendance(session=session, member=m, present=True) for m in members])
    _event(session, command="create", before="", after=session.status, actor=actor)
    audit_record(
        actor=actor,
        action="council.session_create",
        obj=session,
        after={**snapshot(session), "members": [m.pk for m in members]},
    )
    return session


@transaction.atomic
def session_set_attendance(
    *, actor: Any, session: CouncilSession, absent: Iterable[CouncilMember]
) -> CouncilSession:
    """Mark who is absent (everybody else is present); refused while a poll is open or after closing."""
    session = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if session.status == SessionStatus.CLOSED:
        raise DomainError(_("The session is closed."))
    if session.polls.filter(status=PollStatus.OPEN).exists():
        raise DomainError(_("Close the open poll before changing the attendance."))
    absent_ids = {m.pk for m in absent}
    rows = list(session.attendance.select_for_update())
    unknown = absent_ids - {a.member_id for a in rows}
    if unknown:
        raise ValidationFailed(_("Only members on the attendance list can be absent."))
    before = {str(a.member_id): a.present for a in rows}
    for row in rows:
        row.present = row.member_id not in absent_ids
    Attendance.objects.bulk_update(rows, ["present"])
    after = {str(a.member_id): a.present for a in rows}
    old, new = changed(before, after)
    audit_record(actor=actor, action="council.session_attendance", obj=session, before=old, after=new)
    return session


def _move(session: CouncilSession, command: str, actor: Any) -> str:
    try:
        return workflow.next_session_status(session.status, command)
    except workflow.WorkflowRefused:
        raise DomainError(
            _("This cannot be done to a session that is %(status)s.")
            % {"status": session.get_status_display().lower()}
        ) from None


@transaction.atomic
def session_open(*, actor: Any, session: CouncilSession) -> CouncilSession:
    """Start the meeting so polls can be opened."""
    session = CouncilSession.objects.select_for_update().get(pk=session.pk)
    before = session.status
    session.status = _move(session, "open", actor)
    session.save(update_fields=["status", "updated_at"])
    _event(session, command="open", before=before, after=session.status, actor=actor)
    audit_record(
        actor=actor,
        action="council.session_open",
        obj=session,
        before={"status": before},
        after={"status": session.status},
    )
    return session


@transaction.atomic
def session_close(*, actor: Any, session: CouncilSession) -> CouncilSession:
    """End the meeting; refused while a poll is still open."""
    session = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if session.polls.filter(status=PollStatus.OPEN).exists():
        raise DomainError(_("Close or void the open poll first."))
    before = session.status
    session.status = _move(session, "close", actor)
    session.save(update_fields=["status", "updated_at"])
    _event(session, command="close", before=before, after=session.status, actor=actor)
    audit_record(
        actor=actor,
        action="council.session_close",
        obj=session,
        before={"status": before},
        after={"status": session.status},
    )
    return session


def _next_order(session: CouncilSession) -> int:
    return (session.items.aggregate(m=Max("order"))["m"] or 0) + 1


def _editable_agenda(session: CouncilSession) -> CouncilSession:
    session = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if session.status == SessionStatus.CLOSED:
        raise DomainError(_("The session is closed; its agenda can no longer change."))
    return session


@transaction.atomic
def agenda_add_item(*, actor: Any, session: CouncilSession, label: str, award_code: str = "") -> AgendaItem:
    """Put a labelled question on the agenda (not tied to a nominee)."""
    session = _editable_agenda(session)
    label = clean_text(label)
    if not label:
        raise ValidationFailed(_("Say what the council votes on."), {"label": [_("The label is missing.")]})
    item = AgendaItem.objects.create(
        session=session, label=label, award_code=clean_text(award_code).upper(), order=_next_order(session)
    )
    audit_record(actor=actor, action="council.agenda_add", obj=item, after=snapshot(item))
    return item


@transaction.atomic
def agenda_remove_item(*, actor: Any, item: AgendaItem) -> None:
    """Take an item off the agenda before any poll covers it."""
    session = _editable_agenda(item.session)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk, session=session)
    if item.polls.exists():
        raise DomainError(_("This item was already put to a vote."))
    audit_record(actor=actor, action="council.agenda_remove", obj=item, before=snapshot(item))
    item.delete()

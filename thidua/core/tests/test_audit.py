"""The audit log is append-only and tamper-evident."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from thidua.core.audit import audit_record, verify_chain
from thidua.core.models import AuditEvent
from thidua.organization.models import Sex, UnitKind
from thidua.organization.services import person_create, person_update, unit_create

pytestmark = pytest.mark.django_db


def _make_history():
    unit = unit_create(actor=None, code="U1", name="Ủy ban nhân dân xã Một", kind=UnitKind.PEOPLES_COMMITTEE)
    person = person_create(
        actor=None, unit=unit, family_name="Lò", middle_name="Văn", given_name="Út", sex=Sex.MALE
    )
    person_update(actor=None, person=person, position="Trưởng bản", reason="bầu mới")
    return unit, person


def test_every_service_write_is_recorded_with_before_and_after():
    _unit, person = _make_history()
    events = list(AuditEvent.objects.filter(object_type="organization.person").order_by("seq"))
    assert [e.action for e in events] == ["person.create", "person.update"]
    update = events[1]
    assert update.before == {"position": ""}
    assert update.after == {"position": "Trưởng bản"}
    assert update.reason == "bầu mới"
    assert update.object_id == str(person.pk)


def test_intact_chain_verifies():
    _make_history()
    assert list(verify_chain()) == []
    call_command("verify_audit_chain")


def test_row_edited_behind_the_applications_back_is_detected():
    _make_history()
    target = AuditEvent.objects.get(action="person.update")
    with connection.cursor() as cur:
        cur.execute("UPDATE core_auditevent SET reason = %s WHERE id = %s", ["sửa lén", target.pk])
    problems = list(verify_chain())
    assert [p.seq for p in problems] == [target.seq]
    assert "edited" in problems[0].message
    with pytest.raises(CommandError, match="Audit chain broken"):
        call_command("verify_audit_chain")


def test_removed_rows_are_detected_in_the_middle_and_at_the_end():
    _make_history()
    first, *_, last = AuditEvent.objects.order_by("seq")
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditevent WHERE id = %s", [last.pk])
    assert any("head records" in p.message for p in verify_chain())
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditevent WHERE id = %s", [first.pk])
    assert any("missing rows" in p.message for p in verify_chain())


def test_events_cannot_be_changed_or_deleted_through_the_orm():
    _make_history()
    event = AuditEvent.objects.first()
    event.reason = "x"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="x", object_type="t", object_id="1")
    with transaction.atomic():
        audit_record(actor=None, action="x", object_type="t", object_id="1")
    assert AuditEvent.objects.count() == 1

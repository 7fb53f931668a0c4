"""Append to and verify the audit chain. Services call `audit_record` inside their transaction."""

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from thidua.core.models import AuditChainHead, AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """Return the concrete field values of `obj` as JSON-ready data (foreign keys by id)."""
    out: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"created_at", "updated_at", "password"}:
            continue
        out[field.attname] = _jsonable(getattr(obj, field.attname))
    return out


def changed(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Reduce two snapshots to the keys whose values differ."""
    before = before or {}
    after = after or {}
    keys = [k for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys if k in before}, {k: after.get(k) for k in keys if k in after}


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event to the chain. Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside a transaction.")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    # Taking the head row's write lock first serialises appenders on PostgreSQL and SQLite alike.
    updated = AuditChainHead.objects.filter(pk=1).update(last_seq=F("last_seq"))
    if not updated:
        AuditChainHead.objects.get_or_create(pk=1)
    head = AuditChainHead.objects.select_for_update().get(pk=1)
    user = actor if getattr(actor, "pk", None) else None
    event = AuditEvent(
        seq=head.last_seq + 1,
        occurred_at=timezone.now(),
        actor=user,
        actor_repr=(getattr(actor, "username", "") or str(actor or "system"))[:200],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:300],
        reason=reason,
        before=before,
        after=after,
        prev_hash=head.last_hash or AuditEvent.GENESIS_HASH,
    )
    event.hash = event.compute_hash()
    event.save()
    head.last_seq = event.seq
    head.last_hash = event.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return event


@dataclass(frozen=True)
class ChainProblem:
    """One break in the audit chain."""

    seq: int
    message: str


def verify_chain(*, batch_size: int = 2000) -> Iterator[ChainProblem]:
    """Yield every break in the audit chain: edited rows, removed rows, or a head that does not match."""
    expected_prev = AuditEvent.GENESIS_HASH
    expected_seq = 1
    last_seq = 0
    last_hash = ""
    qs = AuditEvent.objects.order_by("seq")
    for event in qs.iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            yield ChainProblem(event.seq, f"missing rows {expected_seq}..{event.seq - 1}")
        if event.prev_hash != expected_prev:
            yield ChainProblem(event.seq, "previous hash does not match the row before")
        if event.compute_hash() != event.hash:
            yield ChainProblem(event.seq, "content does not match its hash (row edited)")
        expected_prev = event.hash
        expected_seq = event.seq + 1
        last_seq, last_hash = event.seq, event.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != last_seq or head.last_hash != last_hash):
        yield ChainProblem(last_seq, f"chain ends at row {last_seq} but the head records row {head.last_seq}")


def history_for(obj: models.Model) -> models.QuerySet[AuditEvent]:
    """Return the audit events about one object, newest first."""
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by(
        "-seq"
    )

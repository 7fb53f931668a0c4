"""Writes about clusters: create and edit them, set members and their yearly roles, record the covenant."""

from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record, changed, snapshot
from thidua.core.errors import ValidationFailed
from thidua.core.text import clean_text
from thidua.organization.models import Unit
from thidua.scoring.models import Cluster, ClusterKind, ClusterMembership, Covenant, MemberRole
from thidua.scoring.permissions import can_manage_owner, is_cluster_manager
from thidua.scoring.services._common import authorise, checked_upload, clean_multiline, record

CLUSTER_FIELDS = ("name", "kind", "owner", "description", "is_active")


def _check_year(year: int) -> None:
    if not 2000 <= int(year) <= 2100:
        message = _("Enter a year between 2000 and 2100.")
        raise ValidationFailed(message, {"year": [message]})


@transaction.atomic
def cluster_create(
    *, actor: Any, name: str, kind: str, owner: Unit, description: str = "", is_active: bool = True
) -> Cluster:
    """Create a cluster (cụm) or bloc (khối) organised by `owner`."""
    authorise(actor, can_manage_owner(actor, owner))
    name = clean_text(name)
    if not name:
        message = _("The cluster name is missing.")
        raise ValidationFailed(message, {"name": [message]})
    if kind not in ClusterKind.values:
        message = _("Choose a kind of cluster.")
        raise ValidationFailed(message, {"kind": [message]})
    cluster = Cluster.objects.create(
        name=name, kind=kind, owner=owner, description=clean_text(description), is_active=is_active
    )
    audit_record(actor=actor, action="cluster.create", obj=cluster, after=snapshot(cluster))
    return cluster


@transaction.atomic
def cluster_update(*, actor: Any, cluster: Cluster, reason: str = "", **fields: Any) -> Cluster:
    """Change a cluster's name, kind, owner, description or whether it is active."""
    cluster = Cluster.objects.select_for_update().select_related("owner").get(pk=cluster.pk)
    authorise(actor, is_cluster_manager(actor, cluster))
    unknown = set(fields) - set(CLUSTER_FIELDS)
    if unknown:
        raise ValueError(f"not a cluster field: {sorted(unknown)}")
    before = snapshot(cluster)
    for name, value in fields.items():
        setattr(cluster, name, clean_text(value) if isinstance(value, str) else value)
    if not cluster.name:
        message = _("The cluster name is missing.")
        raise ValidationFailed(message, {"name": [message]})
    cluster.save()
    old, new = changed(before, snapshot(cluster))
    if old or new:
        audit_record(actor=actor, action="cluster.update", obj=cluster, before=old, after=new, reason=reason)
    return cluster


@transaction.atomic
def membership_set(
    *, actor: Any, cluster: Cluster, unit: Unit, year: int, role: str = MemberRole.MEMBER
) -> ClusterMembership:
    """Make `unit` a member of `cluster` in `year` with `role` (one head and one deputy per year)."""
    cluster = Cluster.objects.select_for_update().select_related("owner").get(pk=cluster.pk)
    authorise(actor, is_cluster_manager(actor, cluster))
    _check_year(year)
    if role not in MemberRole.values:
        message = _("Choose a role.")
        raise ValidationFailed(message, {"role": [message]})
    if role != MemberRole.MEMBER:
        holder = (
            ClusterMembership.objects.filter(cluster=cluster, year=year, role=role).exclude(unit=unit).first()
        )
        if holder is not None:
            message = _("%(unit)s already holds this role in %(year)s.") % {"unit": holder.unit, "year": year}
            raise ValidationFailed(message, {"role": [message]})
    membership = ClusterMembership.objects.filter(cluster=cluster, unit=unit, year=year).first()
    if membership is None:
        membership = ClusterMembership.objects.create(cluster=cluster, unit=unit, year=year, role=role)
        audit_record(actor=actor, action="cluster.member_add", obj=membership, after=snapshot(membership))
    elif membership.role != role:
        before = snapshot(membership)
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
        old, new = changed(before, snapshot(membership))
        audit_record(actor=actor, action="cluster.member_role", obj=membership, before=old, after=new)
    return membership


@transaction.atomic
def membership_remove(*, actor: Any, membership: ClusterMembership, reason: str = "") -> None:
    """Take a unit out of a cluster for one year (not once it has scores that year)."""
    cluster = Cluster.objects.select_for_update().select_related("owner").get(pk=membership.cluster_id)
    authorise(actor, is_cluster_manager(actor, cluster))
    if membership.unit.score_entries.filter(
        scorecard__cluster=cluster, scorecard__year=membership.year
    ).exists():
        raise ValidationFailed(_("This unit already has scores for that year; it cannot be removed."))
    audit_record(
        actor=actor,
        action="cluster.member_remove",
        obj=membership,
        before=snapshot(membership),
        reason=reason,
    )
    membership.delete()


@transaction.atomic
def membership_copy_year(*, actor: Any, cluster: Cluster, from_year: int, to_year: int) -> int:
    """Carry a year's members into another as plain members (leaders rotate); return how many."""
    _check_year(to_year)
    existing = set(
        ClusterMembership.objects.filter(cluster=cluster, year=to_year).values_list("unit_id", flat=True)
    )
    added = 0
    for m in ClusterMembership.objects.filter(cluster=cluster, year=from_year).select_related("unit"):
        if m.unit_id not in existing:
            membership_set(actor=actor, cluster=cluster, unit=m.unit, year=to_year, role=MemberRole.MEMBER)
            added += 1
    return added


@transaction.atomic
def covenant_record(
    *,
    actor: Any,
    cluster: Cluster,
    year: int,
    signed_on: date,
    text: str = "",
    file: UploadedFile | None = None,
) -> Covenant:
    """Record (or replace) the covenant the members signed for `year`."""
    cluster = Cluster.objects.select_for_update().select_related("owner").get(pk=cluster.pk)
    authorise(actor, is_cluster_manager(actor, cluster))
    _check_year(year)
    covenant = Covenant.objects.filter(cluster=cluster, year=year).first()
    before = record(covenant) if covenant else None
    if covenant is None:
        covenant = Covenant(cluster=cluster, year=year, signed_on=signed_on)
    covenant.signed_on = signed_on
    covenant.text = clean_multiline(text)
    if file is not None:
        checked_upload(file)
        covenant.file.save(file.name or "giao-uoc", file, save=False)
    covenant.save()
    old, new = changed(before, record(covenant))
    audit_record(actor=actor, action="cluster.covenant", obj=covenant, before=old or None, after=new)
    return covenant

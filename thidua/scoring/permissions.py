"""Who may see and do what with clusters and scorecards. Missing and forbidden both raise NotFound.

* Managers of a cluster: emulation officers, reviewers and administrators whose unit is the cluster's owner,
  an ancestor of it or inside its subtree — except inside a member unit, so nobody manages or verifies at
  Home Affairs level a cluster their own unit competes in (recusal). Managers build scorecards and verify
  at HOME_AFFAIRS level.
* The cluster-year head unit's emulation officers and unit heads verify at HEAD level; the deputy's verify
  the head unit's own entries.
* A member unit's emulation officers and unit heads assess their own unit only.
* Everybody whose scope covers the owner or a member sees the cluster and, once published, the results.
  Before publication a member sees only its own scores.
"""

from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.models import Role
from thidua.accounts.permissions import active_memberships, unit_scope_q
from thidua.core.errors import NotFound
from thidua.organization.models import Unit
from thidua.scoring.models import Cluster, ClusterMembership, MemberRole, Scorecard, ScoreEntry

MANAGER_ROLES = frozenset({Role.EMULATION_OFFICER, Role.REVIEWER, Role.ADMINISTRATOR})
UNIT_ROLES = frozenset({Role.EMULATION_OFFICER, Role.UNIT_HEAD})

HEAD = "HEAD"
HOME_AFFAIRS = "HOME_AFFAIRS"


def _member_paths(cluster: Cluster, year: int | None) -> list[str]:
    qs = ClusterMembership.objects.filter(cluster=cluster)
    if year is not None:
        qs = qs.filter(year=year)
    return list(qs.values_list("unit__path", flat=True).distinct())


def _manager_paths(user: Any, owner: Unit, excluded: list[str]) -> list[str]:
    out = []
    for m in active_memberships(user):
        if m.role not in MANAGER_ROLES:
            continue
        path = m.unit.path
        related = path.startswith(owner.path) or owner.path.startswith(path)
        if related and not any(path.startswith(ex) for ex in excluded):
            out.append(path)
    return out


def can_manage_owner(user: Any, owner: Unit) -> bool:
    """Tell whether the user may organise clusters for `owner` (before any member exists)."""
    return bool(_manager_paths(user, owner, []))


def is_cluster_manager(user: Any, cluster: Cluster, *, year: int | None = None) -> bool:
    """Tell whether the user builds this cluster's scorecards and verifies at Home Affairs level."""
    return bool(_manager_paths(user, cluster.owner, _member_paths(cluster, year)))


def _manager_ancestor_paths(user: Any) -> list[str]:
    """Return the paths of the units above (and at) the user's manager memberships."""
    ancestors: set[str] = set()
    for m in active_memberships(user):
        if m.role in MANAGER_ROLES:
            parts = m.unit.path.strip("/").split("/")
            ancestors |= {"/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))}
    return sorted(ancestors)


def manageable_owners(user: Any) -> QuerySet[Unit]:
    """Return the units for which the user may organise clusters: above, at or below their manager units."""
    return Unit.objects.filter(
        unit_scope_q(user, roles=MANAGER_ROLES) | Q(path__in=_manager_ancestor_paths(user))
    )


def visible_clusters(user: Any) -> QuerySet[Cluster]:
    """Return the clusters whose owner or some member is in the user's scope, or that the user manages."""
    owner_q = unit_scope_q(user, prefix="owner__")
    # Managers sit in or under the owner (Phòng Nội vụ under UBND): they see the owner's clusters too.
    ancestors = _manager_ancestor_paths(user)
    if ancestors:
        owner_q |= Q(owner__path__in=ancestors)
    member_units = ClusterMembership.objects.filter(unit_scope_q(user, prefix="unit__")).values("cluster_id")
    return Cluster.objects.filter(owner_q | Q(pk__in=member_units)).select_related("owner")


def access_cluster(user: Any, cluster_id: Any, *, for_write: bool = False) -> Cluster:
    """Return the cluster if the user may see it (and manage it, with `for_write`); else raise NotFound."""
    try:
        cluster = visible_clusters(user).get(pk=int(cluster_id))
    except (Cluster.DoesNotExist, ValueError, TypeError):
        raise NotFound("cluster") from None
    if for_write and not is_cluster_manager(user, cluster):
        raise NotFound("cluster")
    return cluster


def access_scorecard(user: Any, scorecard_id: Any, *, for_write: bool = False) -> Scorecard:
    """Return the scorecard if the user may see it (and manage it, with `for_write`); else raise NotFound."""
    try:
        scorecard = Scorecard.objects.select_related("cluster__owner").get(pk=int(scorecard_id))
    except (Scorecard.DoesNotExist, ValueError, TypeError):
        raise NotFound("scorecard") from None
    access_cluster(user, scorecard.cluster_id)
    if for_write and not is_cluster_manager(user, scorecard.cluster, year=scorecard.year):
        raise NotFound("scorecard")
    return scorecard


def _unit_roles_at(user: Any, unit: Unit) -> bool:
    return any(m.unit_id == unit.pk and m.role in UNIT_ROLES for m in active_memberships(user))


def assessing_units(user: Any, scorecard: Scorecard) -> list[Unit]:
    """Return the member units (of the scorecard's year) the user assesses: their own units only."""
    own = {m.unit_id for m in active_memberships(user) if m.role in UNIT_ROLES}
    qs = ClusterMembership.objects.filter(cluster=scorecard.cluster, year=scorecard.year, unit_id__in=own)
    return [m.unit for m in qs.select_related("unit").order_by("unit__sort_key")]


def can_self_assess(user: Any, scorecard: Scorecard, unit: Unit) -> bool:
    """Tell whether the user may enter `unit`'s own scores."""
    is_member = ClusterMembership.objects.filter(
        cluster=scorecard.cluster, year=scorecard.year, unit=unit
    ).exists()
    return is_member and _unit_roles_at(user, unit)


def head_level_verifier(scorecard: Scorecard, unit: Unit) -> Unit | None:
    """Return the unit that verifies `unit` at HEAD level: the head, or the deputy for the head itself."""
    roles = dict(
        ClusterMembership.objects.filter(
            cluster=scorecard.cluster, year=scorecard.year, role__in=[MemberRole.HEAD, MemberRole.DEPUTY]
        ).values_list("role", "unit")
    )
    head, deputy = roles.get(MemberRole.HEAD), roles.get(MemberRole.DEPUTY)
    verifier = deputy if unit.pk == head else head
    return Unit.objects.filter(pk=verifier).first() if verifier else None


def can_verify(user: Any, scorecard: Scorecard, unit: Unit, level: str) -> bool:
    """Tell whether the user may verify `unit`'s scores at `level` ("HEAD" or "HOME_AFFAIRS")."""
    if level == HOME_AFFAIRS:
        return is_cluster_manager(user, scorecard.cluster, year=scorecard.year)
    if level == HEAD:
        verifier = head_level_verifier(scorecard, unit)
        return verifier is not None and _unit_roles_at(user, verifier)
    return False


def verification_levels(user: Any, scorecard: Scorecard) -> set[str]:
    """Return the levels at which the user verifies some unit of this scorecard."""
    levels: set[str] = set()
    if is_cluster_manager(user, scorecard.cluster, year=scorecard.year):
        levels.add(HOME_AFFAIRS)
    leaders = ClusterMembership.objects.filter(
        cluster=scorecard.cluster, year=scorecard.year, role__in=[MemberRole.HEAD, MemberRole.DEPUTY]
    ).select_related("unit")
    if any(_unit_roles_at(user, m.unit) for m in leaders):
        levels.add(HEAD)
    return levels


def can_see_unit_scores(user: Any, scorecard: Scorecard, unit: Unit) -> bool:
    """Tell whether the user may read `unit`'s detailed scores now (others' are hidden until publication)."""
    if scorecard.is_published or is_cluster_manager(user, scorecard.cluster, year=scorecard.year):
        return True
    if can_self_assess(user, scorecard, unit):
        return True
    return can_verify(user, scorecard, unit, HEAD)


def can_see_results(user: Any, scorecard: Scorecard) -> bool:
    """Tell whether the user may see the ranking: managers always, everybody in scope once published."""
    return scorecard.is_published or is_cluster_manager(user, scorecard.cluster, year=scorecard.year)


def access_entry(user: Any, entry_id: Any, *, level: str) -> ScoreEntry:
    """Return the entry if the user may verify it at `level`; else raise NotFound."""
    try:
        entry = ScoreEntry.objects.select_related("scorecard__cluster__owner", "unit", "criterion").get(
            pk=int(entry_id)
        )
    except (ScoreEntry.DoesNotExist, ValueError, TypeError):
        raise NotFound("entry") from None
    if not can_verify(user, entry.scorecard, entry.unit, level):
        raise NotFound("entry")
    return entry

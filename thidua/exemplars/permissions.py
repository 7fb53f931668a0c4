"""Access gates for stories and nominations. Missing and forbidden both raise NotFound."""

from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.models import Role
from thidua.accounts.permissions import active_memberships, scope_paths, unit_scope_q
from thidua.core.errors import NotFound
from thidua.exemplars.models import GoodDeedNomination, Story
from thidua.organization.models import Unit

# Who writes and publishes stories in their subtree.
STORY_EDITORS = frozenset({Role.EMULATION_OFFICER, Role.UNIT_HEAD, Role.REVIEWER, Role.ADMINISTRATOR})
# Who moderates citizens' nominations about places in their subtree.
MODERATORS = frozenset({Role.EMULATION_OFFICER, Role.REVIEWER, Role.ADMINISTRATOR})


def stories_in_scope(user: Any) -> QuerySet[Story]:
    """Return the stories of units the user may see."""
    return Story.objects.filter(unit_scope_q(user, prefix="unit__"))


def can_edit_unit(user: Any, unit: Unit) -> bool:
    """Tell whether the user may write and publish stories of `unit`."""
    return any(unit.path.startswith(p) for p in scope_paths(user, STORY_EDITORS))


def editable_units(user: Any) -> QuerySet[Unit]:
    """Return the units whose stories the user may write."""
    return Unit.objects.filter(unit_scope_q(user, roles=STORY_EDITORS))


def access_story(user: Any, story_id: Any, *, for_write: bool = False) -> Story:
    """Return the story if the user may see it (and change it, with `for_write`); else raise NotFound."""
    try:
        story = Story.objects.select_related("unit", "person", "movement", "award").get(pk=int(story_id))
    except (Story.DoesNotExist, ValueError, TypeError):
        raise NotFound("story") from None
    paths = scope_paths(user, STORY_EDITORS if for_write else None)
    if not any(story.unit.path.startswith(p) for p in paths):
        raise NotFound("story")
    return story


def moderates_unplaced(user: Any) -> bool:
    """Tell whether the user moderates nominations whose place was typed, not chosen (province level)."""
    return any(m.role in MODERATORS and m.unit.parent_id is None for m in active_memberships(user))


def nominations_in_scope(user: Any) -> QuerySet[GoodDeedNomination]:
    """Return the nominations the user moderates: their commune is in the user's moderating scope."""
    q = unit_scope_q(user, prefix="unit__", roles=MODERATORS)
    if moderates_unplaced(user):
        q |= Q(unit__isnull=True)
    return GoodDeedNomination.objects.filter(q)


def is_moderator(user: Any) -> bool:
    """Tell whether the user moderates nominations anywhere."""
    return bool(scope_paths(user, MODERATORS))


def can_moderate(user: Any, nomination: GoodDeedNomination) -> bool:
    """Tell whether the user may approve or reject `nomination`."""
    if nomination.unit is None:
        return moderates_unplaced(user)
    return any(nomination.unit.path.startswith(p) for p in scope_paths(user, MODERATORS))


def access_nomination(user: Any, nomination_id: Any) -> GoodDeedNomination:
    """Return the nomination if the user moderates it; else raise NotFound."""
    try:
        nomination = GoodDeedNomination.objects.select_related("unit", "story").get(pk=int(nomination_id))
    except (GoodDeedNomination.DoesNotExist, ValueError, TypeError):
        raise NotFound("nomination") from None
    if not can_moderate(user, nomination):
        raise NotFound("nomination")
    return nomination

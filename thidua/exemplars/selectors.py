"""Reads of the exemplars app. Public reads see published stories only, through bounded, indexed queries."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Subquery

from thidua.core.errors import NotFound
from thidua.exemplars.models import GoodDeedNomination, NominationStatus, Story, StoryPhoto, StoryStatus
from thidua.exemplars.permissions import nominations_in_scope, stories_in_scope
from thidua.movements.models import Movement
from thidua.organization.models import DivisionType, Unit, UnitKind

# Columns a public list needs; the body and the private fields stay in the table.
LIST_COLUMNS = (
    "id",
    "slug",
    "kind",
    "title",
    "summary",
    "year",
    "public_subject",
    "public_place",
    "public_birth_year",
    "published_at",
    "updated_at",
)
COMMUNE_TYPES = (DivisionType.XA, DivisionType.PHUONG, DivisionType.DAC_KHU)
MAX_FILTER_CHOICES = 300


@dataclass(frozen=True)
class PublicFilters:
    """The filters of the public lists (all optional)."""

    year: int | None = None
    unit: Unit | None = None
    movement: Movement | None = None


def _photos() -> Prefetch:
    return Prefetch(
        "photos",
        queryset=StoryPhoto.objects.only("id", "story_id", "alt_text", "caption", "order", "width", "height"),
        to_attr="photo_list",
    )


def published() -> QuerySet[Story]:
    """Return the published stories, newest first."""
    return Story.objects.filter(status=StoryStatus.PUBLISHED).order_by("-published_at", "-id")


def public_stories(filters: PublicFilters, *, kind: str | None = None) -> QuerySet[Story]:
    """Return the published stories matching the filters, with only the columns a list shows."""
    qs = published()
    if kind:
        qs = qs.filter(kind=kind)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.unit is not None:
        qs = qs.filter(unit__path__startswith=filters.unit.path)
    if filters.movement is not None:
        qs = qs.filter(movement=filters.movement)
    return qs.only(*LIST_COLUMNS).prefetch_related(_photos())


def public_filter_choices(*, kind: str | None = None) -> dict[str, list[Any]]:
    """Return the years, units and movements that have published stories (bounded lists)."""
    qs = published()
    if kind:
        qs = qs.filter(kind=kind)
    years = list(qs.order_by("-year").values_list("year", flat=True).distinct()[:MAX_FILTER_CHOICES])
    units = list(
        Unit.objects.filter(pk__in=Subquery(qs.order_by().values("unit_id").distinct()))
        .order_by("sort_key", "id")
        .only("id", "name")[:MAX_FILTER_CHOICES]
    )
    movements = list(
        Movement.objects.filter(
            pk__in=Subquery(qs.filter(movement__isnull=False).order_by().values("movement_id").distinct())
        )
        .order_by("-year", "title")
        .only("id", "title", "year")[:MAX_FILTER_CHOICES]
    )
    return {"years": years, "units": units, "movements": movements}


def public_story(slug: str) -> Story:
    """Return a published story by its address; anything else is NotFound."""
    story = (
        published()
        .filter(slug=slug)
        .select_related("movement", "award")
        .only(
            *LIST_COLUMNS,
            "body",
            "movement__id",
            "movement__title",
            "movement__year",
            "award__id",
            "award__award_code",
            "award__year",
            "award__decision_symbol",
            "award__decided_on",
            "award__status",
        )
        .prefetch_related(_photos())
        .first()
    )
    if story is None:
        raise NotFound("story")
    return story


def public_photo(slug: str, photo_id: int) -> StoryPhoto:
    """Return a photo of a published story; anything else is NotFound."""
    photo = (
        StoryPhoto.objects.filter(pk=photo_id, story__slug=slug, story__status=StoryStatus.PUBLISHED)
        .only("id", "image", "content_type", "sha256", "updated_at")
        .first()
    )
    if photo is None:
        raise NotFound("photo")
    return photo


def latest_published(*, limit: int = 30) -> list[Story]:
    """Return the newest published stories for the feeds."""
    return list(published().only(*LIST_COLUMNS)[:limit])


def public_state() -> tuple[datetime | None, int]:
    """Return when any story last changed and how many there are: the version of every public page."""
    row = Story.objects.aggregate(last=Max("updated_at"), n=Count("id"))
    return row["last"], row["n"]


def commune_units(*, on: date) -> QuerySet[Unit]:
    """Return the People's Committees of communes and wards that exist on `on`, in name order."""
    return (
        Unit.objects.filter(kind=UnitKind.PEOPLES_COMMITTEE, admin_unit__division_type__in=COMMUNE_TYPES)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("sort_key", "id")
    )


# -- staff --------------------------------------------------------------------------------------------------
def staff_stories(user: Any, *, status: str = "", kind: str = "") -> QuerySet[Story]:
    """Return the stories of the user's scope, newest change first."""
    qs = stories_in_scope(user).select_related("unit").order_by("-updated_at", "-id")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def moderation_queue(user: Any, *, status: str = NominationStatus.PENDING) -> QuerySet[GoodDeedNomination]:
    """Return the nominations the user moderates, oldest first."""
    return (
        nominations_in_scope(user)
        .filter(status=status)
        .select_related("unit")
        .annotate(statement_count=Count("statements"))
        .order_by("submitted_at", "id")
    )

"""Reads from the organisation registry. Every selector takes a scoped queryset or a scope from the caller."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When

from thidua.core.text import clean_text, fold, has_diacritics
from thidua.organization.models import AdminUnit, Person, Unit

# Counting more than this many rows for a page header costs more than it tells.
COUNT_CAP = 10_000


@dataclass(frozen=True)
class Page:
    """One page of a list, with a bounded count."""

    items: list[Any]
    number: int
    per_page: int
    has_next: bool
    count: int
    count_is_capped: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.items else 0

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.items) - 1 if self.items else 0


def paginate(qs: QuerySet[Any], *, page: int, per_page: int = 50) -> Page:
    """Return one page of `qs` with two queries whatever the table size (a capped count and the rows)."""
    page = max(1, page)
    offset = (page - 1) * per_page
    rows = list(qs[offset : offset + per_page + 1])
    count = qs.order_by()[: COUNT_CAP + 1].count()
    return Page(
        items=rows[:per_page],
        number=page,
        per_page=per_page,
        has_next=len(rows) > per_page,
        count=min(count, COUNT_CAP),
        count_is_capped=count > COUNT_CAP,
    )


def person_search(qs: QuerySet[Person], query: str) -> QuerySet[Person]:
    """Filter people by an accent-insensitive query matched from the start of words.

    "nguyen van an", "NGUYEN", "dat" and "đạt" all work; a query typed with marks ranks exact matches first.
    """
    query = clean_text(query)
    if not query:
        return qs.order_by("sort_key", "id")
    key = fold(query)
    qs = qs.filter(search_key__contains=f" {key}")
    if has_diacritics(query):
        exact = Case(
            When(exact_key__contains=f" {query.casefold()}", then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
        return qs.annotate(exact=exact).order_by("-exact", "sort_key", "id")
    return qs.order_by("sort_key", "id")


def person_list(scope: QuerySet[Person], *, query: str = "", unit: Unit | None = None) -> QuerySet[Person]:
    """Return the people in `scope` (optionally in a unit subtree), filtered and sorted the Vietnamese way."""
    qs = scope.select_related("unit", "ethnicity")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return person_search(qs, query)


def unit_list(scope: QuerySet[Unit], *, query: str = "", on: date | None = None) -> QuerySet[Unit]:
    """Return units in `scope` matching the query, in tree order."""
    qs = scope.select_related("parent", "admin_unit")
    query = clean_text(query)
    if query:
        qs = qs.filter(search_key__contains=fold(query))
    if on is not None:
        qs = qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )
    return qs.order_by("path")


def unit_lineage(unit: Unit) -> dict[str, list[Unit]]:
    """Return the unit's direct predecessors and successors."""
    return {
        "predecessors": [link.predecessor for link in unit.predecessor_links.select_related("predecessor")],
        "successors": [link.successor for link in unit.successor_links.select_related("successor")],
    }


def admin_units_valid_on(on: date) -> QuerySet[AdminUnit]:
    """Return the administrative units that existed on `on`."""
    return AdminUnit.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )


def admin_unit_successors_on(unit: AdminUnit, on: date) -> list[AdminUnit]:
    """Follow successor links from `unit` to the units valid on `on` (a 2020 commune → its 2025 commune)."""
    seen: set[int] = set()
    frontier: list[AdminUnit] = [unit]
    result: list[AdminUnit] = []
    while frontier:
        current = frontier.pop()
        if current.pk in seen:
            continue
        seen.add(current.pk)
        if current.is_valid_on(on):
            result.append(current)
            continue
        frontier.extend(current.successors.all())
    return sorted(result, key=lambda u: u.code)


def unit_people_count(units: Iterable[Unit]) -> dict[int, int]:
    """Return how many people each unit has directly (one query)."""
    ids = [u.pk for u in units]
    rows = Person.objects.filter(unit_id__in=ids).values("unit_id").annotate(n=Count("id"))
    return {r["unit_id"]: r["n"] for r in rows}

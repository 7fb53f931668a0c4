"""Reads from the organisation registry. Every selector takes a scoped queryset or a scope from the caller."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import BooleanField, Case, Count, IntegerField, Max, Q, QuerySet, Value, When, Window

from thidua.core.text import clean_text, fold, has_diacritics
from thidua.organization.models import AdminUnit, Person, PersonSearchTerm, Unit

# Counting more than this many rows for a page header costs more than it tells.
COUNT_CAP = 10_000
# A search matching more people than this walks the people in order (the first page comes quickly)
# instead of sorting every match.
DENSE_SEARCH = 50_000


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


def paginate(qs: QuerySet[Any], *, page: int, per_page: int = 50, count: int | None = None) -> Page:
    """Return one page of `qs` with at most three queries whatever the table size.

    The page's keys come first from a narrow query that an index can answer alone (skipping `offset`
    rows costs index entries, not table rows), then the rows of those keys, then a capped count,
    which a page that is not full does without.
    """
    page = max(1, page)
    offset = (page - 1) * per_page
    keys = list(qs.values_list("pk", flat=True)[offset : offset + per_page + 1])
    by_key = {row.pk: row for row in qs.filter(pk__in=keys[:per_page])} if keys else {}
    rows = [by_key[k] for k in keys[:per_page] if k in by_key]
    if count is None:
        unknown = len(keys) > per_page or (not keys and page > 1)  # more pages, or past the last
        count = qs.order_by()[: COUNT_CAP + 1].count() if unknown else offset + len(keys)
    return Page(
        items=rows,
        number=page,
        per_page=per_page,
        has_next=len(keys) > per_page,
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
        qs = qs.filter(unit_path__startswith=unit.path)
    return person_search(qs, query)


def _under(paths: list[str]) -> Q:
    """Match rows whose unit_path lies in one of the subtrees."""
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(unit_path__startswith=p)
    return q


def _keys_in_term_order(terms: QuerySet[PersonSearchTerm], query: str, *, want: int) -> list[int]:
    """Return the first `want` distinct people of the matching name suffixes, in list order.

    A name matches once per word that starts with the query, so rows are read in growing batches until
    enough distinct people are found; a query typed with marks puts exact matches first.
    """
    order = ["sort_key", "person_id"]
    if has_diacritics(query):
        exact = When(exact_term__startswith=query.casefold(), then=Value(1))
        terms = terms.annotate(exact=Case(exact, default=Value(0), output_field=IntegerField()))
        order = ["-exact", *order]
    limit = max(want * 2, 2)
    while True:
        rows = list(terms.order_by(*order).values_list("person_id", flat=True)[:limit])
        distinct = list(dict.fromkeys(rows))
        if len(distinct) >= want or len(rows) < limit:
            return distinct[:want]
        limit *= 2


def person_page(
    paths: Iterable[str], *, query: str = "", unit: Unit | None = None, page: int = 1, per_page: int = 50
) -> Page:
    """Return one page of the people in the subtrees `paths` (or in `unit`'s), searched and sorted.

    Three queries whatever the number of people. A search first counts its matches on the index of
    name suffixes (PersonSearchTerm, an index range); if there are few enough, the page and the number
    of people come from that index, sorted; if there are many, walking the people in order (a covering
    index) finds the page sooner.
    """
    paths = list(paths)
    if unit is not None:
        paths = [unit.path] if any(unit.path.startswith(p) for p in paths) else []
    people = Person.objects.filter(_under(paths)).select_related("unit", "ethnicity")
    query = clean_text(query)
    if not query:
        return paginate(people.order_by("sort_key", "id"), page=page, per_page=per_page)
    terms = PersonSearchTerm.objects.filter(_under(paths), term__startswith=fold(query))
    matches = terms.values("person_id")[: DENSE_SEARCH + 1].count()  # suffixes: a name may match twice
    if matches > DENSE_SEARCH:
        return paginate(person_search(people, query), page=page, per_page=per_page, count=matches)
    page = max(1, page)
    offset = (page - 1) * per_page
    if matches > COUNT_CAP:
        # Many matches: take the page from the index in order instead of grouping every match first.
        found = _keys_in_term_order(terms, query, want=offset + per_page + 1)[offset:]
        first = found[:per_page]
        rows = {row.pk: row for row in people.filter(pk__in=first)} if first else {}
        return Page(
            items=[rows[k] for k in first if k in rows],
            number=page,
            per_page=per_page,
            has_next=len(found) > per_page,
            count=COUNT_CAP,
            count_is_capped=True,
        )
    # One row per person (a name may match twice); a query typed with marks ranks exact matches first.
    ranked = terms.values("person_id", "sort_key").annotate(hits=Count("person_id"), total=Window(Count("*")))
    if has_diacritics(query):
        exact = When(exact_term__startswith=query.casefold(), then=Value(1))
        ranked = ranked.annotate(exact=Max(Case(exact, default=Value(0)))).order_by(
            "-exact", "sort_key", "person_id"
        )
    else:
        ranked = ranked.order_by("sort_key", "person_id")
    keys = list(ranked.values_list("person_id", "total")[offset : offset + per_page + 1])
    total = keys[0][1] if keys else (ranked.count() if page > 1 else 0)  # past the last page: count
    wanted = [k for k, _ in keys[:per_page]]
    by_key = {row.pk: row for row in people.filter(pk__in=wanted)} if wanted else {}
    return Page(
        items=[by_key[k] for k in wanted if k in by_key],
        number=page,
        per_page=per_page,
        has_next=len(keys) > per_page,
        count=min(total, COUNT_CAP),
        count_is_capped=total > COUNT_CAP,
    )


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

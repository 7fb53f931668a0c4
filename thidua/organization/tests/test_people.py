"""People: accent-insensitive search, Vietnamese sorting, NFC storage, memberships."""

import unicodedata
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.core.errors import ValidationFailed
from thidua.organization.models import Person, PersonMembership, Sex, UnitKind
from thidua.organization.selectors import paginate, person_list, person_page
from thidua.organization.services import person_create, person_move, person_update, unit_create, unit_update

pytestmark = pytest.mark.django_db

NAMES = [  # (family, middle, given)
    ("Nguyễn", "Văn", "An"),
    ("Lê", "Thị", "Ánh"),
    ("Phạm", "Văn", "Ân"),
    ("Đỗ", "Thị", "Bình"),
    ("Trần", "Thị", "Dung"),
    ("Nguyễn", "Thành", "Đạt"),
    ("Hoàng", "Văn", "Ô"),
    ("Vũ", "Thị", "Ơn"),
    ("Lò", "Văn", "Út"),
    ("Bùi", "Thị", "Ư"),
    ("Nguyễn", "Văn", "Dat"),
]


@pytest.fixture
def unit():
    return unit_create(actor=None, code="U", name="Trường Tiểu học Một", kind=UnitKind.SCHOOL)


@pytest.fixture
def people(unit):
    order = [5, 2, 9, 0, 7, 3, 10, 1, 8, 4, 6]  # created out of order on purpose
    return [
        person_create(
            actor=None,
            unit=unit,
            family_name=NAMES[i][0],
            middle_name=NAMES[i][1],
            given_name=NAMES[i][2],
            sex=Sex.MALE,
        )
        for i in order
    ]


def _given(qs):
    return [p.given_name for p in qs]


def test_lists_sort_by_given_name_the_vietnamese_way(people):
    assert _given(person_list(Person.objects.all())) == [
        "An",
        "Ánh",
        "Ân",
        "Bình",
        "Dat",
        "Dung",
        "Đạt",
        "Ô",
        "Ơn",
        "Út",
        "Ư",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van an", ["Nguyễn Văn An"]),
        ("NGUYEN", ["Nguyễn Văn An", "Nguyễn Văn Dat", "Nguyễn Thành Đạt"]),
        ("dat", ["Nguyễn Văn Dat", "Nguyễn Thành Đạt"]),
        ("đạt", ["Nguyễn Thành Đạt", "Nguyễn Văn Dat"]),  # typed with marks: the exact match ranks first
        ("Ư", ["Bùi Thị Ư", "Lò Văn Út"]),  # the exact match first, then the folded one
        ("thi", ["Lê Thị Ánh", "Đỗ Thị Bình", "Trần Thị Dung", "Vũ Thị Ơn", "Bùi Thị Ư"]),
        ("an", ["Nguyễn Văn An", "Lê Thị Ánh", "Phạm Văn Ân"]),  # from the start of a word: not "Hoàng"
        ("xyz", []),
    ],
)
def test_search_is_accent_insensitive_from_word_starts(people, query, expected):
    assert [p.full_name for p in person_list(Person.objects.all(), query=query)] == expected


def test_nfd_names_are_stored_as_nfc(unit):
    nfd = unicodedata.normalize("NFD", "Nguyễn")
    person = person_create(
        actor=None, unit=unit, family_name=nfd, middle_name="Văn", given_name="Bảy", sex=Sex.MALE
    )
    person.refresh_from_db()
    assert person.family_name == "Nguyễn"
    assert unicodedata.is_normalized("NFC", person.full_name)
    assert person.full_name == "Nguyễn Văn Bảy"


def test_page_costs_at_most_three_queries_whatever_the_size(unit):
    for i in range(120):
        person_create(
            actor=None, unit=unit, family_name="Lò", middle_name="Văn", given_name=f"Số{i}", sex=Sex.MALE
        )
    qs = person_list(Person.objects.all(), query="lo van")
    with CaptureQueriesContext(connection) as small:
        page = paginate(qs, page=1, per_page=20)
        [p.unit.name for p in page.items]
    with CaptureQueriesContext(connection) as later:
        page2 = paginate(qs, page=6, per_page=20)
        [p.unit.name for p in page2.items]
    # Keys, rows and a capped count; the last page is not full, so it knows the count without asking.
    assert len(small) == 3 and len(later) == 2
    assert page.count == 120 and page.has_next and not page2.has_next
    assert page2.count == 120 and len(page2.items) == 20


def test_duplicate_id_number_is_refused(unit):
    person_create(
        actor=None,
        unit=unit,
        family_name="A",
        middle_name="",
        given_name="B",
        sex=Sex.MALE,
        id_number="012345678901",
    )
    with pytest.raises(ValidationFailed) as exc:
        person_create(
            actor=None,
            unit=unit,
            family_name="C",
            middle_name="",
            given_name="D",
            sex=Sex.FEMALE,
            id_number="012345678901",
        )
    assert "id_number" in exc.value.errors


def test_moving_a_person_closes_the_old_membership(unit):
    other = unit_create(actor=None, code="V", name="Trường Mầm non Hai", kind=UnitKind.SCHOOL)
    person = person_create(
        actor=None,
        unit=unit,
        family_name="Lò",
        middle_name="Thị",
        given_name="Ơn",
        sex=Sex.FEMALE,
        joined_on=date(2020, 1, 1),
    )
    person_move(actor=None, person=person, unit=other, on=date(2024, 9, 1), position="Giáo viên")
    rows = list(PersonMembership.objects.filter(person=person).order_by("valid_from"))
    assert [(r.unit.code, r.valid_from, r.valid_to) for r in rows] == [
        ("U", date(2020, 1, 1), date(2024, 8, 31)),
        ("V", date(2024, 9, 1), None),
    ]


def test_updating_unknown_fields_is_a_programming_error(people):
    with pytest.raises(ValueError, match="Unknown person fields"):
        person_update(actor=None, person=people[0], salary=1)


def _ids(items):
    return [p.pk for p in items]


@pytest.mark.parametrize("query", ["", "nguyen", "NGUYỄN", "đạt", "dat", "van", "thi a", "o", "zz"])
def test_person_page_matches_the_list_order_and_count(people, unit, query):
    qs = person_list(Person.objects.filter(unit__path__startswith=unit.path), query=query)
    for number in (1, 2, 3):
        expected = paginate(qs, page=number, per_page=4)
        page = person_page([unit.path], query=query, page=number, per_page=4)
        assert _ids(page.items) == _ids(expected.items)
        assert (page.count, page.has_next) == (expected.count, expected.has_next)


def test_person_page_counts_a_name_matching_twice_once(people, unit):
    person_create(
        actor=None, unit=unit, family_name="Trần", middle_name="Thị", given_name="Thu", sex=Sex.FEMALE
    )
    for query in ("th", "t"):
        expected = paginate(person_list(Person.objects.all(), query=query), page=1, per_page=50)
        page = person_page([unit.path], query=query)
        assert _ids(page.items) == _ids(expected.items)
        assert page.count == expected.count


def test_person_page_is_bounded_by_scope(people, unit):
    other = unit_create(actor=None, code="V", name="Trường Tiểu học Hai", kind=UnitKind.SCHOOL)
    person_create(
        actor=None, unit=other, family_name="Nguyễn", middle_name="Văn", given_name="Xa", sex=Sex.MALE
    )
    assert all(p.unit_id == unit.pk for p in person_page([unit.path], query="nguyen").items)
    assert person_page([], query="nguyen").count == 0
    assert person_page([unit.path], unit=other).count == 0  # a unit outside the scope shows nobody


def test_person_page_costs_three_queries_whatever_the_size(unit):
    for i in range(60):
        person_create(
            actor=None, unit=unit, family_name="Lò", middle_name="Văn", given_name=f"Số{i}", sex=Sex.MALE
        )
    for query in ("", "lo van", "lò"):
        with CaptureQueriesContext(connection) as used:
            page = person_page([unit.path], query=query, page=1, per_page=20)
            [p.unit.name for p in page.items]
        assert len(used) <= 3
        assert page.count == 60


def test_moving_a_unit_moves_its_people_in_searches(people, unit):
    parent = unit_create(actor=None, code="P", name="Phòng Giáo dục", kind=UnitKind.SPECIALISED_OFFICE)
    unit_update(actor=None, unit=unit, parent=parent, reason="test")
    unit.refresh_from_db()
    assert Person.objects.filter(unit=unit).exclude(unit_path=unit.path).count() == 0
    assert person_page([parent.path], query="dat").count == 2
    assert person_page([parent.path]).count == len(people)


@pytest.mark.parametrize("query", ["nguyen", "đạt", "dat", "van", "t", "thi a"])
def test_person_page_with_many_matches_keeps_the_list_order(people, unit, query, monkeypatch):
    from thidua.organization import selectors

    person_create(
        actor=None, unit=unit, family_name="Trần", middle_name="Thị", given_name="Thu", sex=Sex.FEMALE
    )
    # Pretend a handful of matches is "many", so the page comes from the index in order.
    monkeypatch.setattr(selectors, "COUNT_CAP", 1)
    qs = person_list(Person.objects.filter(unit__path__startswith=unit.path), query=query)
    for number in (1, 2, 3):
        expected = paginate(qs, page=number, per_page=2)
        page = person_page([unit.path], query=query, page=number, per_page=2)
        assert _ids(page.items) == _ids(expected.items)
        assert page.has_next == expected.has_next

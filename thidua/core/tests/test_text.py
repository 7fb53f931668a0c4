"""Vietnamese text rules: vectors from shared/domain/vietnamese.md §6, §7, §11."""

import random
import unicodedata
from datetime import date

import pytest

from thidua.core.text import clean_text, collation_key, fold, has_diacritics, name_sort_key, split_full_name

# vietnamese.md §11.1: (family, middle, given, born), in the expected ELECTION order.
SORT_VECTOR = [
    ("Nguyễn", "Thị", "An", date(1985, 3, 3)),
    ("Nguyễn", "Văn", "An", date(1975, 11, 20)),
    ("Nguyễn", "Văn", "An", date(1980, 5, 2)),
    ("Trần", "Văn", "An", date(1990, 1, 1)),
    ("Lê", "Thị", "Ánh", date(1988, 8, 8)),
    ("Phạm", "Văn", "Ân", date(1979, 9, 9)),
    ("Đỗ", "Thị", "Bình", date(1991, 2, 2)),
    ("Đặng", "Văn", "Dũng", date(1970, 7, 7)),
    ("Nguyễn", "Thành", "Đạt", date(1992, 12, 12)),
    ("Tôn Nữ", "Thị", "Hà", date(1965, 6, 6)),
    ("Lê", "Văn", "Hoa", date(1984, 4, 4)),
    ("Trần", "Anh", "Hoa", date(1983, 4, 4)),
    ("Hoàng", "Văn", "Ô", date(1960, 6, 6)),
    ("Vũ", "Thị", "Ơn", date(1961, 6, 6)),
    ("Lò", "Văn", "Út", date(1962, 6, 6)),
    ("Bùi", "Thị", "Ư", date(1963, 6, 6)),
    ("Hà", "Thị", "Yến", date(1964, 6, 6)),
]


def _key(row: tuple[str, str, str, date], order: str) -> str:
    family, middle, given, born = row
    return name_sort_key(
        family_name=family, middle_name=middle, given_name=given, date_of_birth=born, order=order
    )


@pytest.mark.parametrize("seed", range(5))
def test_election_order_matches_the_ballot_rule(seed):
    shuffled = SORT_VECTOR[:]
    random.Random(seed).shuffle(shuffled)
    assert sorted(shuffled, key=lambda r: _key(r, "ELECTION")) == SORT_VECTOR


def test_given_middle_family_order_swaps_only_the_two_hoa():
    expected = SORT_VECTOR[:]
    expected[10], expected[11] = expected[11], expected[10]  # Trần Anh Hoa before Lê Văn Hoa: Anh < Văn
    shuffled = list(reversed(SORT_VECTOR))
    assert sorted(shuffled, key=lambda r: _key(r, "GIVEN_MIDDLE_FAMILY")) == expected


@pytest.mark.parametrize(
    "ordered",
    [
        ["an", "anh", "ánh", "ăn", "ân"],
        ["da", "Dũng", "đa", "Đạt"],
        ["ma", "mà", "mả", "mã", "má", "mạ", "Mai"],
        ["o", "ô", "ơ"],
        ["u", "Uyên", "ư"],
        ["An", "Ánh", "Ân", "Bình", "Dung", "Đạt", "Ô", "Ơn", "Út", "Ư"],
        ["Yến", "Zơ"],  # z keeps its Latin place after y
    ],
)
def test_collation_orders_like_icu_vi(ordered):
    shuffled = random.Random(len(ordered)).sample(ordered, len(ordered))
    assert sorted(shuffled, key=collation_key) == ordered


def test_sort_key_is_digits_only_so_any_database_collation_orders_it():
    key = _key(SORT_VECTOR[9], "ELECTION")
    assert key.isdigit()


def test_tone_placement_does_not_change_order():
    assert collation_key("Hòa") == collation_key("Hoà")
    assert collation_key("Thủy") == collation_key("Thuỷ")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ĐẶNG THỊ HOÀ", "dang thi hoa"),
        ("Đặng Thị Hòa", "dang thi hoa"),
        ("Thủy", "thuy"),
        ("Thuỷ", "thuy"),
        ("Lò Văn Út", "lo van ut"),
        ("  Nguyễn   Văn  An ", "nguyen van an"),
    ],
)
def test_fold_makes_the_accent_insensitive_search_key(text, key):
    assert fold(text) == key


def test_nfd_input_is_stored_as_nfc():
    nfd = unicodedata.normalize("NFD", "Nguyễn")
    assert nfd != "Nguyễn"
    assert clean_text(nfd) == "Nguyễn"
    assert "\u1ec5" in clean_text(nfd)


def test_nfc_hoa_and_hoa_differ_until_folded():
    assert clean_text("Hòa") != clean_text("Hoà")
    assert fold("Hòa") == fold("Hoà")


def test_has_diacritics_tells_typed_marks():
    assert has_diacritics("đạt")
    assert has_diacritics("Đ")
    assert not has_diacritics("DAT")


def test_split_full_name_guesses_family_middle_given():
    assert split_full_name("Nguyễn Thị Thu Trang") == ("Nguyễn", "Thị Thu", "Trang")
    assert split_full_name("Páo") == ("", "", "Páo")

"""Amounts in words: vietnamese.md §3 and the §11.3 vectors."""

import unicodedata

import pytest

from thidua.regulations import amount_in_words, number_in_words

# (number, expected words, source)
VECTORS = [
    (0, "không", "vietnamese.md §11.3"),
    (5, "năm", "issue #3 acceptance"),
    (14, "mười bốn", "vietnamese.md §11.3"),
    (15, "mười lăm", "vietnamese.md §3.1 lăm"),
    (21, "hai mươi mốt", "vietnamese.md §3.1 mốt"),
    (24, "hai mươi tư", "vietnamese.md §3.1 tư"),
    (25, "hai mươi lăm", "vietnamese.md §3.1 lăm"),
    (101, "một trăm linh một", "vietnamese.md §3.1 mốt"),
    (105, "một trăm linh năm", "vietnamese.md §3.1 linh"),
    (111, "một trăm mười một", "vietnamese.md §3.1"),
    (115, "một trăm mười lăm", "vietnamese.md §11.3"),
    (1_001, "một nghìn không trăm linh một", "vietnamese.md §11.3"),
    (1_005, "một nghìn không trăm linh năm", "issue #3 CLI example"),
    (1_010, "một nghìn không trăm mười", "vietnamese.md §11.3"),
    (2_024, "hai nghìn không trăm hai mươi tư", "vietnamese.md §11.3"),
    (10_005, "mười nghìn không trăm linh năm", "vietnamese.md §11.3"),
    (702_000, "bảy trăm linh hai nghìn", "vietnamese.md §11.3"),
    (1_050_000, "một triệu không trăm năm mươi nghìn", "vietnamese.md §11.3"),
    (1_000_005, "một triệu không trăm linh năm", "vietnamese.md §11.3"),
    (1_000_050, "một triệu không trăm năm mươi", "vietnamese.md §11.3"),
    (1_404_000, "một triệu bốn trăm linh bốn nghìn", "vietnamese.md §11.3 (linh bốn, never linh tư)"),
    (1_872_000, "một triệu tám trăm bảy mươi hai nghìn", "vietnamese.md §11.3"),
    (2_340_000, "hai triệu ba trăm bốn mươi nghìn", "vietnamese.md §11.3"),
    (10_005_000, "mười triệu không trăm linh năm nghìn", "vietnamese.md §11.3"),
    (11_385_000, "mười một triệu ba trăm tám mươi lăm nghìn", "vietnamese.md §11.3"),
    (1_000_000_000, "một tỷ", "vietnamese.md §11.3"),
    (1_000_000_001, "một tỷ không trăm linh một", "vietnamese.md §11.3"),
    (1_005_000_000, "một tỷ không trăm linh năm triệu", "vietnamese.md §11.3"),
    (2_530_000_000, "hai tỷ năm trăm ba mươi triệu", "issue #3 acceptance"),
    (2_000_000_000_000, "hai nghìn tỷ", "vietnamese.md §11.3"),
    (1_000_000_000_005, "một nghìn tỷ không trăm linh năm", "vietnamese.md §3.1 group rules"),
]


@pytest.mark.parametrize(("number", "expected", "source"), VECTORS)
def test_number_in_words(number, expected, source):
    assert number_in_words(number) == expected, source


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "Không đồng"),
        (702_000, "Bảy trăm linh hai nghìn đồng"),
        (710_000, "Bảy trăm mười nghìn đồng"),
        (3_510_000, "Ba triệu năm trăm mười nghìn đồng"),
        (3_800_000, "Ba triệu tám trăm nghìn đồng"),
        (1_005, "Một nghìn không trăm linh năm đồng"),
    ],
)
def test_amount_in_words_line(number, expected):
    assert amount_in_words(number) == expected


def test_southern_variants():
    assert amount_in_words(105, linh="lẻ") == "Một trăm lẻ năm đồng"
    assert number_in_words(24_000, thousand="ngàn", four="bốn") == "hai mươi bốn ngàn"


def test_output_is_nfc():
    text = amount_in_words(1_234_567_891)
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("bad", [-1, 1.5, True, "12"])
def test_rejects_non_integers_and_negatives(bad):
    with pytest.raises(ValueError, match="non-negative integer"):
        number_in_words(bad)


def test_rejects_unknown_variant():
    with pytest.raises(ValueError, match="variants"):
        number_in_words(5, linh="lẽ")

"""Vietnamese text: NFC normalisation, accent-insensitive search keys and collation sort keys.

The rules are in shared/domain/vietnamese.md §1, §5–§7. Sort keys are digit strings so that they order
correctly under SQLite's BINARY collation and every PostgreSQL collation, and can be indexed.
"""

import unicodedata
from datetime import date
from typing import Any

# The 29 Vietnamese letters with f, j, w, z in their Latin places (ICU vi tailoring), then the digits.
_ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_DIGITS = "0123456789"
# Two-digit codes: 01 is the space between syllables, 10.. the digits, 20.. the letters.
_LETTER_CODE = {ch: f"{20 + i:02d}" for i, ch in enumerate(_ALPHABET)}
_LETTER_CODE.update({d: f"{10 + i:02d}" for i, d in enumerate(_DIGITS)})
_SPACE_CODE = "01"
_PART_END = "00"

_CIRCUMFLEX = {"a": "â", "e": "ê", "o": "ô"}
_HORN = {"o": "ơ", "u": "ư"}
# Tones in collation order: ngang < huyền < hỏi < ngã < sắc < nặng.
_TONE_MARKS = {"\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0301": 5, "\u0323": 6}
_NO_TONE = 1


def nfc(value: str) -> str:
    """Return `value` in Unicode NFC with surrounding white space removed."""
    return unicodedata.normalize("NFC", value).strip()


def collapse_spaces(value: str) -> str:
    """Return `value` with runs of white space folded to one space."""
    return " ".join(value.split())


def clean_text(value: str) -> str:
    """Return `value` as stored: NFC, trimmed, inner white space collapsed."""
    return collapse_spaces(nfc(value))


def fold(value: str) -> str:
    """Return the accent-insensitive search key: no marks, đ→d, casefolded, single spaces."""
    decomposed = unicodedata.normalize("NFD", value)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return collapse_spaces(stripped.casefold())


def has_diacritics(value: str) -> bool:
    """Tell whether `value` carries any Vietnamese mark or đ (so exact matches can rank first)."""
    return fold(value) != collapse_spaces(value.casefold())


def _letters_and_tones(word: str) -> tuple[str, int]:
    """Split one syllable into its primary code string and its tone (1..6)."""
    codes: list[str] = []
    tone = _NO_TONE
    for ch in word.lower():
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        letter = base
        for mark in marks:
            if mark in _TONE_MARKS:
                tone = _TONE_MARKS[mark]
            elif mark == "\u0306" and base == "a":
                letter = "ă"
            elif mark == "\u0302" and base in _CIRCUMFLEX:
                letter = _CIRCUMFLEX[base]
            elif mark == "\u031b" and base in _HORN:
                letter = _HORN[base]
        code = _LETTER_CODE.get(letter)
        if code is None:
            continue  # hyphens, apostrophes and other signs do not take part in ordering
        codes.append(code)
    return "".join(codes), tone


def collation_key(value: str) -> str:
    """Return a digit string that orders `value` the Vietnamese way (ICU vi tailoring).

    Base letters are compared over the whole text first (a < ă < â, d < đ, o < ô < ơ, u < ư),
    then the tones syllable by syllable (ngang < huyền < hỏi < ngã < sắc < nặng). The tone is taken
    per syllable, so the old and new tone placements ("hòa"/"hoà") sort alike.
    """
    primary: list[str] = []
    tones: list[str] = []
    for i, word in enumerate(value.split()):
        letters, tone = _letters_and_tones(word)
        if i:
            primary.append(_SPACE_CODE)
        primary.append(letters)
        tones.append(str(tone))
    return "".join(primary) + _PART_END + "".join(tones) + "0"


def name_sort_key(
    *,
    family_name: str,
    middle_name: str,
    given_name: str,
    date_of_birth: date | None,
    order: str = "ELECTION",
) -> str:
    """Return the sort key of a person's name.

    ELECTION orders by (tên, họ, tên đệm, ngày sinh): the written rule for ballots and candidate lists.
    GIVEN_MIDDLE_FAMILY orders by (tên, tên đệm, họ, ngày sinh), the habit of many school and HR lists.
    """
    if order == "GIVEN_MIDDLE_FAMILY":
        parts = (given_name, middle_name, family_name)
    else:
        parts = (given_name, family_name, middle_name)
    born = date_of_birth.strftime("%Y%m%d") if date_of_birth else "99999999"
    return "".join(collation_key(p) for p in parts) + born


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """Guess (family, middle, given) from a full name: first word, middle words, last word.

    Only a default for forms; officials correct the parts (two-syllable family names exist).
    """
    words = clean_text(full_name).split(" ")
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def defuse_formula(value: Any) -> Any:
    """Return a cell value a spreadsheet will show as text: a leading "=", "+", "-" or "@" would make it run
    the text as a formula, so such text gets a leading apostrophe. Other values pass unchanged."""
    return f"'{value}" if isinstance(value, str) and value.startswith(("=", "+", "-", "@")) else value

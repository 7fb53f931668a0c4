"""Rows of the printed lists, already formatted (templates stay free of logic)."""

from dataclasses import dataclass
from datetime import date

from thidua.decisions.models import DecisionLine
from thidua.decisions.selectors import UnitGroup, award_name

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(n: int) -> str:
    """Write a positive number in Roman numerals (section headings of a list)."""
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


@dataclass(frozen=True)
class Row:
    """One printed line of a list."""

    stt: int
    name: str
    where: str
    award: str
    amount: int
    line: DecisionLine


@dataclass(frozen=True)
class Section:
    """A unit heading with its rows and subtotal."""

    numeral: str
    unit_name: str
    rows: tuple[Row, ...]
    total_vnd: int


def where_text(line: DecisionLine) -> str:
    """Return "Giáo viên, Trường THCS Tân Uyên" (the unit is left out for the collective itself)."""
    parts = [line.position] if line.position else []
    if line.unit_name and line.unit_name != line.display_name:
        parts.append(line.unit_name)
    return ", ".join(parts)


def sections(groups: list[UnitGroup], on: date) -> list[Section]:
    """Number the lines across unit groups (1, 2, …) and the groups in Roman numerals."""
    names: dict[str, str] = {}
    out: list[Section] = []
    stt = 0
    for i, group in enumerate(groups, start=1):
        rows = []
        for line in group.lines:
            stt += 1
            if line.award_code not in names:
                names[line.award_code] = award_name(line.award_code, on)
            name = f"{line.honorific} {line.display_name}" if line.honorific else line.display_name
            award = f"{names[line.award_code]} năm {line.year}"
            rows.append(Row(stt, name, where_text(line), award, line.amount_vnd, line))
        out.append(Section(roman(i), group.unit_name, tuple(rows), group.total_vnd))
    return out

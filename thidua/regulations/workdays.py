"""Working-day arithmetic with Vietnamese public holidays and a yearly override table.

The ``holidays`` package (country VN: Vietnamese lunar calendar, Tết, Giỗ Tổ, 30/4, 1/5, 2/9 and the
adjacent day, substitute days and swapped working Saturdays) seeds the calendar; the override table,
maintained from the Government's yearly announcement, always wins (vietnamese.md §10.2).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import holidays

from thidua.regulations.policy import ClockMode
from thidua.regulations.versions import RegulationError

_SATURDAY, _SUNDAY = 5, 6
_ONE_DAY = timedelta(days=1)


class OverrideKind(StrEnum):
    """A yearly exception to the base calendar (CalendarOverride.kind)."""

    HOLIDAY = "holiday"  # a day off that the seed calendar lacks
    DAY_OFF_SWAP = "day_off_swap"  # a weekday off in exchange for a worked Saturday
    SUBSTITUTE_DAY_OFF = "substitute_day_off"  # nghỉ bù
    WORKING_SATURDAY = "working_saturday"  # a weekend day worked in exchange (a working day)
    WORKING_DAY = "working_day"  # a seeded holiday that is, after all, worked

    @property
    def is_working(self) -> bool:
        """Return True when the override makes the day a working day."""
        return self in {OverrideKind.WORKING_SATURDAY, OverrideKind.WORKING_DAY}


@dataclass(frozen=True, slots=True)
class CalendarOverride:
    """One row of the override table, with the announcement it comes from."""

    day: date
    kind: OverrideKind
    note: str = ""
    legal_basis: str = ""


@dataclass(frozen=True, slots=True)
class Pause:
    """Days (inclusive) during which a dossier waited for a supplement."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise RegulationError(f"Pause ends ({self.end}) before it starts ({self.start})")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Holiday:
    """A weekday that is not worked, with its name."""

    day: date
    name: str


@dataclass(frozen=True, slots=True)
class Deadline:
    """The result of a deadline computation."""

    due: date
    start: date
    counted_from: date  # the day after which day 1 is counted (the start, or the end of a restart pause)
    working_days: int
    clock_mode: ClockMode
    skipped_holidays: tuple[Holiday, ...]
    paused_days: int

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready mapping."""
        return {
            "due": self.due.isoformat(),
            "start": self.start.isoformat(),
            "counted_from": self.counted_from.isoformat(),
            "working_days": self.working_days,
            "clock_mode": self.clock_mode.value,
            "skipped_holidays": [{"date": h.day.isoformat(), "name": h.name} for h in self.skipped_holidays],
            "paused_days": self.paused_days,
        }


class WorkingCalendar:
    """Monday–Friday minus public holidays, plus swapped working days; overrides win."""

    def __init__(self, overrides: Iterable[CalendarOverride] = (), *, seed: bool = True) -> None:
        self._overrides = {o.day: o for o in overrides}
        self._seed = seed
        self._years: dict[int, tuple[dict[date, str], frozenset[date]]] = {}

    def _year(self, year: int) -> tuple[dict[date, str], frozenset[date]]:
        cached = self._years.get(year)
        if cached is None:
            if self._seed:
                seed = holidays.country_holidays("VN", years=year, language="vi")
                off = {d: str(name) for d, name in seed.items()}
                worked = frozenset(d for d in getattr(seed, "weekend_workdays", ()) if d.year == year)
            else:
                off, worked = {}, frozenset()
            cached = (off, worked)
            self._years[year] = cached
        return cached

    def is_working_day(self, day: date) -> bool:
        """Return True when ``day`` is a working day."""
        override = self._overrides.get(day)
        if override is not None:
            return override.kind.is_working
        off, worked = self._year(day.year)
        if day in worked:
            return True
        if day.weekday() in {_SATURDAY, _SUNDAY}:
            return False
        return day not in off

    def holiday_name(self, day: date) -> str | None:
        """Return the name of the holiday or override on ``day``, if any."""
        override = self._overrides.get(day)
        if override is not None and not override.kind.is_working:
            return override.note or override.kind.value
        return self._year(day.year)[0].get(day)

    def _skipped(self, day: date) -> Holiday | None:
        if day.weekday() in {_SATURDAY, _SUNDAY} or self.is_working_day(day):
            return None
        return Holiday(day, self.holiday_name(day) or "ngày nghỉ")

    def add_working_days(
        self, start: date, n: int, *, pauses: Iterable[Pause] = (), clock_mode: ClockMode = ClockMode.PAUSE
    ) -> Deadline:
        """Return the date ``n`` working days after ``start`` (day 1 is the first working day after it).

        With ``PAUSE`` the days inside ``pauses`` are not counted; with ``RESTART`` the count starts
        again after the end of the last pause (receipt of the complete supplement).
        """
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise RegulationError(f"The number of working days must be a non-negative integer, got {n!r}")
        pause_list = tuple(sorted(pauses, key=lambda p: (p.start, p.end)))
        counted_from = start
        if clock_mode is ClockMode.RESTART:
            ends = [p.end for p in pause_list if p.end >= start]
            counted_from = max(ends, default=start)
            pause_list = ()
        day, counted, paused = counted_from, 0, 0
        skipped: list[Holiday] = []
        while counted < n:
            day += _ONE_DAY
            if any(day in p for p in pause_list):
                paused += 1
                continue
            holiday = self._skipped(day)
            if holiday is not None:
                skipped.append(holiday)
            elif self.is_working_day(day):
                counted += 1
        return Deadline(day, start, counted_from, n, clock_mode, tuple(skipped), paused)

    def add_calendar_days(self, start: date, n: int) -> Deadline:
        """Return ``start`` + ``n`` days, moved to the next working day when that is a day off."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise RegulationError(f"The number of days must be a non-negative integer, got {n!r}")
        day = start + timedelta(days=n)
        skipped: list[Holiday] = []
        while not self.is_working_day(day):
            holiday = self._skipped(day)
            if holiday is not None:
                skipped.append(holiday)
            day += _ONE_DAY
        return Deadline(day, start, start, 0, ClockMode.PAUSE, tuple(skipped), 0)

    def working_days_between(self, start: date, end: date) -> int:
        """Return the number of working days in (start, end]."""
        count, day = 0, start
        while day < end:
            day += _ONE_DAY
            count += self.is_working_day(day)
        return count

"""Working-day deadlines: documents.md §9.7 vectors, Tết, 30/4–1/5, 2/9, overrides and pauses."""

from datetime import date

import lunar_vn
import pytest

from thidua.regulations import (
    CalendarOverride,
    ClockMode,
    OverrideKind,
    Pause,
    RegulationError,
    WorkingCalendar,
    load_rule_pack,
)

CAL = load_rule_pack().calendar


@pytest.mark.parametrize(
    ("start", "days", "due", "source"),
    [
        (date(2025, 4, 25), 10, date(2025, 5, 13), "documents.md §9.7: Sat 26/04 worked; 30/4, 1/5, 2/5 off"),
        (date(2025, 1, 24), 5, date(2025, 2, 7), "documents.md §9.7: Tết 27/01–31/01 off"),
        (date(2025, 8, 29), 5, date(2025, 9, 9), "documents.md §9.7: 01/09 and 02/09 off"),
        (date(2026, 8, 21), 3, date(2026, 8, 25), "documents.md §9.7: Sat 22/08/2026 worked"),
        (date(2026, 2, 13), 1, date(2026, 2, 23), "Tết 2026: 16/02–20/02 off"),
        (date(2026, 4, 24), 1, date(2026, 4, 28), "Giỗ Tổ on Sunday 26/04/2026 → Monday 27/04 off"),
        (date(2026, 4, 29), 1, date(2026, 5, 4), "30/4 and 1/5/2026 off"),
        (date(2026, 11, 23), 1, date(2026, 11, 25), "Ngày Văn hóa Việt Nam 24/11 from 2026"),
        (date(2026, 2, 2), 0, date(2026, 2, 2), "zero days"),
    ],
)
def test_working_day_vectors(start, days, due, source):
    assert CAL.add_working_days(start, days).due == due, source


def test_skipped_holidays_are_reported_with_names():
    result = CAL.add_working_days(date(2025, 1, 24), 5)
    assert [h.day for h in result.skipped_holidays] == [date(2025, 1, d) for d in range(27, 32)]
    assert result.skipped_holidays[2].name == "Tết Nguyên Đán"


def test_pause_keeps_elapsed_days_and_restart_counts_again():
    pause = Pause(date(2026, 2, 10), date(2026, 2, 20))
    paused = CAL.add_working_days(date(2026, 2, 2), 20, pauses=[pause], clock_mode=ClockMode.PAUSE)
    restarted = CAL.add_working_days(date(2026, 2, 2), 20, pauses=[pause], clock_mode=ClockMode.RESTART)
    assert paused.due == date(2026, 3, 13)
    assert paused.paused_days == 11
    assert restarted.counted_from == date(2026, 2, 20)
    assert restarted.due == date(2026, 3, 20)
    assert CAL.add_working_days(date(2026, 2, 2), 20).due == date(2026, 3, 9)


def test_override_table_wins_over_the_seed():
    cal = WorkingCalendar(
        [
            CalendarOverride(date(2026, 3, 2), OverrideKind.HOLIDAY, "Nghỉ theo thông báo giả định"),
            CalendarOverride(date(2026, 2, 20), OverrideKind.WORKING_DAY),
        ]
    )
    assert not cal.is_working_day(date(2026, 3, 2))
    assert cal.is_working_day(date(2026, 2, 20))
    assert cal.holiday_name(date(2026, 3, 2)) == "Nghỉ theo thông báo giả định"


@pytest.mark.parametrize("year", range(2024, 2031))
def test_tet_and_gio_to_agree_with_the_vietnamese_lunar_calendar(year):
    cal = WorkingCalendar(seed=True)
    tet_day = lunar_vn.convert_lunar_to_solar(1, 1, year)
    gio_day = lunar_vn.convert_lunar_to_solar(10, 3, year)
    assert cal.holiday_name(tet_day) is not None
    assert cal.holiday_name(gio_day) is not None


def test_calendar_days_move_to_the_next_working_day():
    result = CAL.add_calendar_days(date(2025, 4, 20), 10)  # 30/04/2025 is a holiday
    assert result.due == date(2025, 5, 5)


def test_bad_inputs():
    with pytest.raises(RegulationError):
        Pause(date(2026, 2, 10), date(2026, 2, 1))
    with pytest.raises(RegulationError):
        CAL.add_working_days(date(2026, 2, 2), -1)


def test_working_days_between():
    assert CAL.working_days_between(date(2025, 4, 25), date(2025, 5, 13)) == 10

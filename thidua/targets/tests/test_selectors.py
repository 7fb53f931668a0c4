"""A unit's targets for a year: the latest period shown, the year's actual put into words, roll-ups."""

from datetime import date
from decimal import Decimal

import pytest

from thidua.targets.models import PeriodKind
from thidua.targets.selectors import (
    latest_actual,
    opening_assessment_sentences,
    rollup,
    rollups,
    target_rows,
    years_with_targets,
)
from thidua.targets.services import actual_report, target_set

pytestmark = pytest.mark.django_db
ON = date(2020, 12, 15)


def _report(target, kind, index, value, **kw):
    return actual_report(
        actor=None, target=target, period_kind=kind, period_index=index, value=value, reported_on=ON, **kw
    )


def test_the_latest_period_is_shown_until_the_year_is_reported(tan_uyen, area):
    target = target_set(actor=None, unit=tan_uyen.town, indicator=area, year=2020, planned=300)
    _report(target, PeriodKind.MONTH, 3, 40)
    _report(target, PeriodKind.HALF, 1, 150)
    _report(target, PeriodKind.QUARTER, 2, 149)
    [row] = target_rows(unit=tan_uyen.town, year=2020)
    assert row.actual is not None and row.actual.period_kind == PeriodKind.HALF  # June: six months beat Q2
    assert not row.is_final and row.sentence is None
    assert row.assessment.completion_pct == Decimal("50.0")
    _report(target, PeriodKind.MONTH, 12, 299)
    _report(target, PeriodKind.YEAR, 1, 306)
    [row] = target_rows(unit=tan_uyen.town, year=2020)
    assert row.is_final and row.actual.value == Decimal("306")
    assert row.sentence == "Diện tích gieo trồng là 306 ha, đạt 102% KH."


def test_latest_actual_of_nothing_is_none():
    assert latest_actual([]) is None


def test_sentences_follow_display_order_and_skip_unreported(tan_uyen, area, poverty, schools):
    t_area = target_set(actor=None, unit=tan_uyen.district, indicator=area, year=2020, planned=6744)
    t_pov = target_set(
        actor=None,
        unit=tan_uyen.district,
        indicator=poverty,
        year=2020,
        planned="7.72",
        previous_actual="9.37",
    )
    target_set(actor=None, unit=tan_uyen.district, indicator=schools, year=2020, planned=None, denominator=34)
    _report(t_area, "YEAR", 1, 6764)
    _report(t_pov, "YEAR", 1, "6.9")
    assert opening_assessment_sentences(tan_uyen.district, 2020) == [
        "Tỷ lệ hộ nghèo còn 6,9%, giảm tỷ lệ nghèo trong năm là 2,47%, vượt 0,82% KH giao.",
        "Diện tích gieo trồng là 6.764 ha, đạt 100,3% KH.",
    ]
    assert years_with_targets(tan_uyen.district.__class__.objects.filter(pk=tan_uyen.district.pk)) == [2020]


def test_a_commune_and_its_school_are_not_counted_twice(tan_uyen, schools):
    town = target_set(actor=None, unit=tan_uyen.town, indicator=schools, year=2020, planned=3, denominator=4)
    school = target_set(
        actor=None, unit=tan_uyen.school, indicator=schools, year=2020, planned=1, denominator=1
    )
    target_set(actor=None, unit=tan_uyen.muong_khoa, indicator=schools, year=2020, planned=2, denominator=3)
    _report(town, "YEAR", 1, 3)
    _report(school, "YEAR", 1, 1)
    r = rollup(tan_uyen.district, schools, 2020)
    assert [c.unit.code for c in r.contributions] == ["TT-TU-UBND", "X-MK-UBND"]
    assert (r.planned, r.actual, r.denominator) == (Decimal(5), Decimal(3), Decimal(7))
    assert [u.code for u in r.not_reported] == ["X-MK-UBND"]
    assert {u.code for u in r.missing} == {"X-NS-UBND", "X-PT-UBND"}  # communes only, not the office
    assert r.assessment.share_pct == Decimal("42.9")
    # Seen from the town, the school is the only contributor.
    assert [c.unit.code for c in rollup(tan_uyen.town, schools, 2020).contributions] == ["TT-TU-THCS"]


def test_units_that_did_not_exist_that_year_are_not_missing(tan_uyen, area):
    for unit in (tan_uyen.town, tan_uyen.muong_khoa, tan_uyen.nam_so, tan_uyen.pac_ta):
        target_set(actor=None, unit=unit, indicator=area, year=2020, planned=1)
    tan_uyen.pac_ta.valid_to = date(2019, 12, 31)
    tan_uyen.pac_ta.save()
    r = rollup(tan_uyen.district, area, 2020)
    assert r.missing == [] and len(r.contributions) == 4


def test_a_rate_without_a_weight_is_flagged(tan_uyen, poverty):
    a = target_set(actor=None, unit=tan_uyen.town, indicator=poverty, year=2020, planned=2, denominator=1000)
    b = target_set(actor=None, unit=tan_uyen.muong_khoa, indicator=poverty, year=2020, planned=10)
    _report(a, "YEAR", 1, 2)
    _report(b, "YEAR", 1, 10)
    r = rollup(tan_uyen.district, poverty, 2020)
    assert [u.code for u in r.unweighted] == ["X-MK-UBND"]
    assert r.actual == Decimal(2)  # only the weighted commune counts


def test_rollups_cover_every_indicator_planned_below(tan_uyen, area, poverty):
    target_set(actor=None, unit=tan_uyen.town, indicator=area, year=2020, planned=1)
    target_set(actor=None, unit=tan_uyen.district, indicator=poverty, year=2020, planned=1)
    assert [r.indicator.code for r in rollups(tan_uyen.district, 2020)] == ["DT"]

"""Setting plans and reporting actuals: validated, audited, one target per unit, indicator and year."""

from datetime import date
from decimal import Decimal

import pytest

from thidua.core.audit import history_for
from thidua.core.errors import ValidationFailed
from thidua.targets.models import PeriodKind, Target, TargetActual
from thidua.targets.services import actual_report, indicator_create, indicator_update, target_set

pytestmark = pytest.mark.django_db
ON = date(2020, 12, 15)


def test_setting_a_plan_twice_changes_the_one_target_and_audits_the_difference(tan_uyen, area):
    first = target_set(
        actor=tan_uyen.officer, unit=tan_uyen.town, indicator=area, year=2020, planned=Decimal("300")
    )
    again = target_set(
        actor=tan_uyen.officer,
        unit=tan_uyen.town,
        indicator=area,
        year=2020,
        planned="310",
        note="Điều chỉnh",
    )
    assert first.pk == again.pk and Target.objects.count() == 1
    assert again.planned == Decimal("310")
    events = list(history_for(again))
    assert [e.action for e in events] == ["target.update", "target.create"]
    assert events[0].before == {"planned": "300.0000", "note": ""}
    assert events[0].after == {"planned": "310.0000", "note": "Điều chỉnh"}


def test_an_unchanged_plan_writes_no_audit_row(tan_uyen, area):
    target_set(actor=None, unit=tan_uyen.town, indicator=area, year=2020, planned=Decimal("300"))
    target = target_set(actor=None, unit=tan_uyen.town, indicator=area, year=2020, planned=Decimal("300.0"))
    assert len(history_for(target)) == 1


@pytest.mark.parametrize(
    ("planned", "field"),
    [("abc", "planned"), ("1.23456", "planned"), (Decimal("NaN"), "planned")],
)
def test_bad_figures_are_refused(tan_uyen, area, planned, field):
    with pytest.raises(ValidationFailed) as exc:
        target_set(actor=None, unit=tan_uyen.town, indicator=area, year=2020, planned=planned)
    assert field in exc.value.errors


def test_floats_are_a_programming_error(tan_uyen, area):
    with pytest.raises(TypeError):
        target_set(actor=None, unit=tan_uyen.town, indicator=area, year=2020, planned=6.9)


def test_rates_and_counts_keep_to_their_ranges(tan_uyen, poverty, schools):
    with pytest.raises(ValidationFailed):
        target_set(actor=None, unit=tan_uyen.town, indicator=poverty, year=2020, planned=Decimal("120"))
    with pytest.raises(ValidationFailed):
        target_set(actor=None, unit=tan_uyen.town, indicator=schools, year=2020, planned=40, denominator=34)
    with pytest.raises(ValidationFailed):
        target_set(actor=None, unit=tan_uyen.town, indicator=schools, year=2020, planned=4, denominator=0)
    with pytest.raises(ValidationFailed):
        target_set(actor=None, unit=tan_uyen.town, indicator=schools, year=1800, planned=4)


def test_an_inactive_indicator_takes_no_new_targets(tan_uyen, area):
    area = indicator_update(actor=None, indicator=area, is_active=False)
    with pytest.raises(ValidationFailed):
        target_set(actor=None, unit=tan_uyen.town, indicator=area, year=2020, planned=1)


def test_reporting_a_period_again_corrects_it(tan_uyen, area):
    target = target_set(actor=None, unit=tan_uyen.town, indicator=area, year=2020, planned=300)
    actual_report(
        actor=tan_uyen.officer,
        target=target,
        period_kind=PeriodKind.QUARTER,
        period_index=2,
        value=150,
        reported_on=ON,
    )
    fixed = actual_report(
        actor=tan_uyen.officer,
        target=target,
        period_kind=PeriodKind.QUARTER,
        period_index=2,
        value="151",
        reported_on=ON,
    )
    assert TargetActual.objects.count() == 1 and fixed.value == Decimal("151")
    assert fixed.reported_by == tan_uyen.officer
    assert [e.action for e in history_for(fixed)] == ["target_actual.correct", "target_actual.report"]


@pytest.mark.parametrize(
    ("kind", "index", "field"),
    [
        ("MONTH", 13, "period_index"),
        ("QUARTER", 0, "period_index"),
        ("HALF", 3, "period_index"),
        ("WEEK", 1, "period_kind"),
    ],
)
def test_periods_out_of_range_are_refused(tan_uyen, area, kind, index, field):
    target = target_set(actor=None, unit=tan_uyen.town, indicator=area, year=2020, planned=300)
    with pytest.raises(ValidationFailed) as exc:
        actual_report(
            actor=None, target=target, period_kind=kind, period_index=index, value=1, reported_on=ON
        )
    assert field in exc.value.errors


def test_an_actual_cannot_be_reported_before_its_year(tan_uyen, area):
    target = target_set(actor=None, unit=tan_uyen.town, indicator=area, year=2021, planned=300)
    with pytest.raises(ValidationFailed) as exc:
        actual_report(actor=None, target=target, period_kind="YEAR", period_index=1, value=1, reported_on=ON)
    assert "reported_on" in exc.value.errors


def test_a_count_cannot_exceed_its_whole(tan_uyen, schools):
    target = target_set(
        actor=None, unit=tan_uyen.district, indicator=schools, year=2020, planned=None, denominator=34
    )
    with pytest.raises(ValidationFailed):
        actual_report(actor=None, target=target, period_kind="YEAR", period_index=1, value=35, reported_on=ON)
    ok = actual_report(
        actor=None,
        target=target,
        period_kind="YEAR",
        period_index=1,
        value=35,
        denominator=36,
        reported_on=ON,
    )
    assert ok.effective_denominator == Decimal("36")


def test_indicator_codes_are_unique_and_rates_do_not_add_up():
    indicator_create(actor=None, code="A", name="A", unit_of_measure="ha")
    with pytest.raises(ValidationFailed) as exc:
        indicator_create(actor=None, code="A", name="B", unit_of_measure="ha")
    assert "code" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        indicator_create(
            actor=None, code="R", name="Rate", unit_of_measure="%", kind="RATE", aggregation="SUM"
        )
    assert "aggregation" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        indicator_create(actor=None, code="C", name="Count", unit_of_measure="xã", sentence_style="ratio")
    assert "sentence_style" in exc.value.errors


def test_indicator_text_is_stored_nfc():
    import unicodedata

    ind = indicator_create(
        actor=None,
        code=" X1 ",
        name=unicodedata.normalize("NFD", "Tỷ lệ  hộ nghèo"),
        unit_of_measure="%",
        kind="RATE",
        aggregation="WEIGHTED",
        sentence_style="rate_reduction",
    )
    assert ind.code == "X1" and ind.name == "Tỷ lệ hộ nghèo"

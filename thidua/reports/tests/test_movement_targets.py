"""A movement's progress and the targets against plan, against figures counted in the test."""

import io
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thidua.movements.models import Movement, Registration, RegistrationStatus
from thidua.organization.models import Unit
from thidua.reports.selectors import movement_progress, targets_against_plan
from thidua.targets.models import PeriodKind, Target

from .conftest import login

pytestmark = pytest.mark.django_db


def _pct(actual: Decimal, planned: Decimal, lower_is_better: bool) -> Decimal:
    ratio = planned / actual if lower_is_better else actual / planned
    return (ratio * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def test_movement_progress_counts_registrations_by_status(client, world):
    movement = Movement.objects.get()
    progress = movement_progress(movement)
    statuses = Counter(r.status for r in Registration.objects.filter(movement=movement))
    assert progress.registrations.total == sum(statuses.values()) > 0
    assert progress.registrations.accepted == statuses[RegistrationStatus.ACCEPTED] == 2
    assert progress.registrations.sent == statuses[RegistrationStatus.SENT] == 2
    assert progress.units_registered == 4
    assert progress.reviews == [] and progress.reviews_done == 0
    assert progress.rankings == []  # the demo cluster's scorecard is open, not published
    # No targets planned for 2021 yet: the report shows 2020's, on which the movement was launched.
    assert progress.targets_year == 2020
    assert len(progress.targets) == Target.objects.filter(unit=movement.launcher, year=2020).count() > 0

    login(client, "canbo")
    html = client.get(reverse("reports:movement", args=[movement.pk])).content.decode()
    assert f'data-testid="movement-registered">4/{sum(statuses.values())}<' in html
    assert "203,7%" in html  # THU-NSNN: 105.920 of a planned 52.000
    client.logout()
    login(client, "thamdinh")  # the province's Department of Home Affairs neither launched nor takes part
    assert client.get(reverse("reports:movement", args=[movement.pk])).status_code == 404


def test_targets_against_plan_equal_the_plain_arithmetic(client, world):
    district = Unit.objects.get(code="TU-UBND")
    units = Unit.objects.filter(path__startswith=district.path)
    lines = targets_against_plan(units, year=2020)
    targets = list(Target.objects.filter(unit__in=units, year=2020).select_related("indicator"))
    assert len(lines) == len(targets) > 3
    for line in lines:
        target = line.row.target
        actual = target.actuals.get(period_kind=PeriodKind.YEAR).value
        a = line.row.assessment
        if target.planned:
            lower = target.indicator.direction == "LOWER"
            assert a.completion_pct == _pct(actual, target.planned, lower), target
        if target.previous_actual:
            change = ((actual - target.previous_actual) / target.previous_actual * 100).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            )
            assert a.change is not None and a.change.relative_pct == change

    login(client, "canbo")
    response = client.get(reverse("reports:targets"), {"year": 2020, "unit": district.pk})
    html = response.content.decode()
    assert "203,7%" in html and html.count('data-testid="targets-pct"') == len(targets)
    response = client.get(reverse("reports:targets_file"), {"year": 2020, "unit": district.pk})
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(targets)
    revenue = next(r for r in rows if r[0] == district.name and r[3] == 52000)
    assert revenue[4] == 105920 and Decimal(str(revenue[6])) == Decimal("203.7")
    login(client, "canbo.xatanuyen")
    assert client.get(reverse("reports:targets"), {"year": 2020, "unit": district.pk}).status_code == 404

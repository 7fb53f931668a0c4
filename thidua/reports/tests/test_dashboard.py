"""The home dashboard per role: what waits, deadlines, movements and charts, in bounded queries."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.models import Membership, Role
from thidua.demo.world import DEMO_LOGINS
from thidua.movements.models import Registration, RegistrationStatus
from thidua.organization.models import Unit
from thidua.proposals.models import Proposal, ProposalKind, ProposalStatus
from thidua.proposals.rules import rules_for, working_days_left
from thidua.reports.dashboard import dashboard_data, online_applications_waiting

from .conftest import login

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def _svgs(html: str) -> list[ET.Element]:
    out, start = [], 0
    while (i := html.find("<svg", start)) >= 0:
        j = html.index("</svg>", i) + len("</svg>")
        out.append(ET.fromstring(html[i:j]))  # noqa: S314 - our own markup
        start = j
    return out


def test_every_demo_role_gets_its_sections_and_charts_in_bounded_queries(
    client, world, django_assert_max_num_queries
):
    for demo in DEMO_LOGINS:
        client.logout()
        login(client, demo.username)
        with django_assert_max_num_queries(20):
            response = client.get(reverse("web:home"))
        assert response.status_code == 200, demo.username
        data = response.context["dashboard"]
        assert data.roles == [demo.role], demo.username
        assert [s.role for s in data.sections] == [demo.role]
        html = response.content.decode()
        assert f'data-testid="dashboard-role-{demo.role.lower()}"' in html
        svgs = _svgs(html)
        assert len(svgs) >= 2, demo.username
        assert all(s.get("role") == "img" and s.find(f"{SVG}title") is not None for s in svgs)


def test_query_count_does_not_grow_with_the_register(client, world, django_assert_max_num_queries):
    from thidua.awards.models import Award

    login(client, "canbo")
    with django_assert_max_num_queries(20) as before:
        client.get(reverse("web:home"))
    extra = list(Award.objects.filter(year=2024)[:20])
    for a in extra:
        a.pk = None
        a.year = 2023
    Award.objects.bulk_create(extra)
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("web:home"))


def test_awards_chart_counts_the_scope(client, world):
    from thidua.awards.models import Award, AwardStatus

    login(client, "hieutruong")
    html = client.get(reverse("web:home")).content.decode()
    chart = next(s for s in _svgs(html) if s.get("aria-labelledby", "").startswith("chart-awards-by-year-"))
    school = Unit.objects.get(code="TT-TU-THCS")
    years = {
        a.year
        for a in Award.objects.select_related("person", "unit")
        if a.status == AwardStatus.VALID and school in (a.unit, a.person.unit if a.person else None)
    }
    today = timezone.localdate()
    shown = [y for y in years if today.year - 5 < y <= today.year]
    # One bar per year with awards (titles only in this school: LĐTT, CSTĐCS, TTLĐTT).
    bars = [r for r in chart.iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert len(bars) == len(shown) > 0


def test_officer_sees_registrations_to_review_and_unit_head_those_to_send(world):
    from thidua.accounts.models import User

    canbo = User.objects.get(username="canbo")
    data = dashboard_data(canbo, on=date(2026, 1, 5))
    items = {i.key: i.count for s in data.sections for i in s.items}
    district = Unit.objects.get(code="TU-UBND")
    expected = sum(
        1
        for r in Registration.objects.select_related("movement__launcher")
        if r.status == RegistrationStatus.SENT and r.movement.launcher.path.startswith(district.path)
    )
    assert items["registrations"] == expected == 2

    head = User.objects.get(username="hieutruong")
    data = dashboard_data(head, on=date(2026, 1, 5))
    items = {i.key: i.count for s in data.sections for i in s.items}
    school = Unit.objects.get(code="TT-TU-THCS")
    assert items["registrations_to_send"] == sum(
        1
        for r in Registration.objects.select_related("unit")
        if r.unit.path.startswith(school.path) and r.status == RegistrationStatus.NOT_SENT
    )
    assert online_applications_waiting(head) == []


def test_deadlines_close_to_lapsing_are_listed_with_working_days_left(client, world):
    xtu = Unit.objects.get(code="XTU-UBND")
    school = Unit.objects.get(code="TT-TU-THCS")
    on = date(2026, 3, 2)  # a Monday
    calendar = rules_for(xtu).calendar

    def proposal(title: str, due: date, status: str = ProposalStatus.UNDER_APPRAISAL) -> Proposal:
        return Proposal.objects.create(
            proposing_unit=school,
            authority_unit=xtu,
            kind=ProposalKind.YEAR_END,
            year=2025,
            title=title,
            status=status,
            submitted_on=on - timedelta(days=20),
            processing_days=20,
            due_on=due,
        )

    soon = proposal("Tờ trình sắp hết hạn", on + timedelta(days=2))
    late = proposal("Tờ trình quá hạn", on - timedelta(days=3))
    proposal("Tờ trình còn xa", on + timedelta(days=40))
    proposal("Tờ trình bị trả lại", on + timedelta(days=1), ProposalStatus.RETURNED)  # the clock is paused
    from thidua.accounts.models import User

    officer = User.objects.get(username="canbo.xatanuyen")
    data = dashboard_data(officer, on=on)
    assert [(d.proposal.pk, d.days_left) for d in data.deadlines] == [
        (late.pk, working_days_left(calendar, on=on, due=late.due_on)),
        (soon.pk, working_days_left(calendar, on=on, due=soon.due_on)),
    ]
    assert data.deadlines[0].overdue and not data.deadlines[1].overdue
    outsider = User.objects.get(username="canbo.muongkhoa")
    assert dashboard_data(outsider, on=on).deadlines == []


def test_a_user_without_roles_gets_an_empty_dashboard(client, world):
    from thidua.accounts.models import User

    user = User.objects.create_user(username="moi", password="mat-khau-dai-2026")
    assert not Membership.objects.filter(user=user).exists()
    client.force_login(user)
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    assert response.context["dashboard"].sections == [] and response.context["charts"] == []
    assert Role.ADMINISTRATOR not in response.context["dashboard"].roles

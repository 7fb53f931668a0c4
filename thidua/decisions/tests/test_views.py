"""The decision screens and downloads, seen by the officer, the chairman and an outsider."""

from datetime import date

import pytest
from django.urls import reverse

from thidua.decisions import services
from thidua.decisions.models import Decision, DecisionStatus
from thidua.testing.cast import PASSWORD

from .conftest import draft, person_line

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def drafted(commune):
    decision = draft(commune)
    services.decision_add_lines(
        actor=commune.world.an,
        decision=decision,
        lines=[person_line(t, "GIAY_KHEN") for t in commune.teachers[:2]],
    )
    return decision


def test_the_officer_sees_the_lines_the_total_and_the_files(client, commune, drafted):
    _login(client, commune.world.an)
    page = client.get(reverse("decisions:detail", args=[drafted.pk])).content.decode()
    for testid in ("decision-lines", "decision-total", "payment-list", "certificates-pdf", "line-form"):
        assert f'data-testid="{testid}"' in page
    assert "1.520.000" in page  # two Giấy khen at 760.000
    assert 'data-testid="issue-form"' in page  # the commune's officer may issue for the chairman


def test_a_council_member_above_reads_but_neither_edits_nor_issues(client, commune, drafted):
    _login(client, commune.world.chau)
    page = client.get(reverse("decisions:detail", args=[drafted.pk])).content.decode()
    assert 'data-testid="decision-lines"' in page
    assert 'data-testid="line-form"' not in page and 'data-testid="issue-form"' not in page
    assert client.get(reverse("decisions:edit", args=[drafted.pk])).status_code == 404
    listing = client.get(reverse("decisions:list")).content.decode()
    assert drafted.title in listing


def test_an_outsider_gets_not_found(client, commune, drafted):
    _login(client, commune.world.dung)
    assert client.get(reverse("decisions:detail", args=[drafted.pk])).status_code == 404
    assert client.get(reverse("decisions:payments", args=[drafted.pk, "pdf"])).status_code == 404


def test_the_chairman_issues_from_the_page_and_the_files_come_out(client, commune, drafted):
    _login(client, commune.chairman)
    response = client.post(reverse("decisions:issue", args=[drafted.pk]), {"issued_on": "03/08/2026"})
    assert response.status_code == 302
    decision = Decision.objects.get(pk=drafted.pk)
    assert decision.status == DecisionStatus.ISSUED and decision.decided_on == date(2026, 8, 3)
    files = {
        ("file", "pdf"): "application/pdf",
        ("file", "docx"): "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ("payments", "xlsx"): "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ("payments", "pdf"): "application/pdf",
    }
    for (name, fmt), content_type in files.items():
        response = client.get(reverse(f"decisions:{name}", args=[decision.pk, fmt]))
        assert response.status_code == 200 and response["Content-Type"] == content_type
    for name in ("appendix", "certificates", "combined"):
        response = client.get(reverse(f"decisions:{name}", args=[decision.pk]))
        assert response.status_code == 200 and response.content[:4] == b"%PDF"


def test_the_officer_adds_a_line_by_registry_number(client, commune, drafted):
    _login(client, commune.world.an)
    teacher = commune.teachers[3]
    client.post(
        reverse("decisions:line_add", args=[drafted.pk]),
        {"subject_kind": "INDIVIDUAL", "person_id": teacher.pk, "award_code": "LDTT", "year": 2026},
    )
    assert drafted.lines.filter(person=teacher, award_code="LDTT").exists()


def test_a_draft_is_created_from_the_form_with_the_usual_wording(client, commune):
    _login(client, commune.world.an)
    response = client.post(
        reverse("decisions:create"),
        {
            "authority_unit": commune.world.commune.pk,
            "title": "Về việc tặng Giấy khen",
            "decided_on": "01/08/2026",
            "achievement_year": 2026,
            "signer_name": "Bùi Huy Phương",
            "signer_title": "Chủ tịch",
            "signing_capacity": "NONE",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(title="Về việc tặng Giấy khen")
    assert decision.legal_basis_lines[1] == "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"


def test_layout_screens_are_for_administrators_and_the_calibration_page_for_all(client, commune):
    _login(client, commune.world.an)
    assert client.get(reverse("decisions:layout_create")).status_code == 404
    response = client.get(reverse("decisions:calibration_default"))
    assert response.status_code == 200 and response.content[:4] == b"%PDF"


def test_the_council_outcome_page_says_when_nothing_awaits_a_decision(client, commune):
    _login(client, commune.world.an)
    response = client.get(reverse("decisions:from_nominees"))
    page = response.content.decode()
    assert response.status_code == 200 and 'data-testid="ready-nominees"' in page
    assert 'data-testid="draft-from-nominees"' not in page

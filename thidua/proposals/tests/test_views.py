"""The screens under /de-nghi/: lists, drafting, the proposal page, nominees, import, commands, forwarding."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from thidua.proposals import services
from thidua.proposals.models import Proposal, ProposalStatus

from .conftest import ON, add, complete_dossier, draft

pytestmark = pytest.mark.django_db


def test_the_school_head_drafts_a_proposal_to_the_commune(client, cast):
    client.force_login(cast.binh)
    page = client.get(reverse("proposals:create"))
    assert page.status_code == 200
    response = client.post(
        reverse("proposals:create"),
        {
            "proposing_unit": cast.school.pk,
            "authority_unit": cast.commune.pk,
            "kind": "YEAR_END",
            "year": 2026,
            "title": "Tờ trình khen thưởng năm 2026",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "proposals:detail", args=[proposal.pk]
    )
    assert proposal.authority_unit == cast.commune


def test_the_proposal_page_shows_verdicts_checks_deadline_and_actions(client, cast):
    proposal = draft(cast)
    add(cast, proposal, cast.teachers[0], "LDTT")
    client.force_login(cast.binh)
    html = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    for testid in (
        "nominee-verdict",
        "list-checks",
        "proposal-status",
        "deadline",
        "command-submit",
        "add-nominee",
    ):
        assert f'data-testid="{testid}"' in html
    assert "Điều 24" in html  # the LĐTT reasons cite the law
    assert "1 / 1 (100%)" in html  # one direct worker of one person, written x / n (y %)
    assert "0 / 1 (0%)" in html  # no woman


def test_a_nominee_is_added_through_the_form(client, cast):
    proposal = draft(cast)
    client.force_login(cast.binh)
    url = reverse("proposals:nominee_add", args=[proposal.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "subject_kind": "INDIVIDUAL",
            "person": cast.teachers[2].pk,
            "award_code": "LDTT",
            "year": 2026,
            "achievement": "Hoàn thành tốt nhiệm vụ.",
        },
    )
    assert response.status_code == 302
    assert proposal.nominees.get().person == cast.teachers[2]


def test_outsiders_see_nothing(client, cast):
    proposal = draft(cast)
    client.force_login(cast.dung)
    assert client.get(reverse("proposals:detail", args=[proposal.pk])).status_code == 404
    assert client.get(reverse("proposals:export", args=[proposal.pk])).status_code == 404
    # The province reviewer does not see the school's draft either.
    client.force_login(cast.hang)
    assert client.get(reverse("proposals:detail", args=[proposal.pk])).status_code == 404


def test_submit_return_and_forward_through_the_screens(client, cast):
    proposal = draft(cast)
    add(cast, proposal, cast.teachers[0], "LDTT")
    add(cast, proposal, cast.teachers[1], "BK_TINH")
    complete_dossier(cast, proposal)
    client.force_login(cast.binh)
    client.post(reverse("proposals:command", args=[proposal.pk, "submit"]))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    client.force_login(cast.an)
    assert proposal.title in client.get(reverse("proposals:list")).content.decode()
    client.post(reverse("proposals:command", args=[proposal.pk, "accept"]))
    client.post(reverse("proposals:command", args=[proposal.pk, "return"]), {"reason": "Thiếu biên bản."})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RETURNED
    client.force_login(cast.binh)
    client.post(reverse("proposals:command", args=[proposal.pk, "resubmit"]))
    client.force_login(cast.an)
    client.post(reverse("proposals:command", args=[proposal.pk, "accept"]))
    page = client.get(reverse("proposals:forward", args=[proposal.pk]))
    assert page.status_code == 200
    bk = proposal.nominees.get(award_code="BK_TINH")
    client.post(
        reverse("proposals:forward", args=[proposal.pk]),
        {"nominees": [bk.pk], "to_authority": cast.province.pk},
    )
    linked = Proposal.objects.get(parent=proposal)
    assert linked.authority_unit == cast.province
    client.force_login(cast.hang)
    assert client.get(reverse("proposals:detail", args=[linked.pk])).status_code == 200


def test_the_import_screen_reports_rows_and_the_export_downloads(client, cast):
    proposal = draft(cast)
    client.force_login(cast.binh)
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Hình thức/Danh hiệu", "Năm"])
    ws.append([1, "Người Lạ", "LDTT", 2026])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "ds.xlsx"
    page = client.post(reverse("proposals:import", args=[proposal.pk]), {"file": buf, "dry_run": ""})
    html = page.content.decode()
    assert 'data-testid="import-report"' in html and "table-danger" in html
    assert not proposal.nominees.exists()
    response = client.get(reverse("proposals:export", args=[proposal.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_public_notice_page_records_comments(client, cast):
    proposal = draft(cast, actor=cast.an, proposing_unit=cast.commune, authority_unit=cast.province)
    n = services.nominee_add(
        actor=cast.an,
        proposal=proposal,
        subject_kind="INDIVIDUAL",
        subject=cast.teachers[0],
        award_code="HCLD_3",
        year=2026,
        on=ON,
    )
    complete_dossier(cast, proposal, actor=cast.an)
    services.proposal_submit(actor=cast.an, proposal=proposal, on=ON)
    services.proposal_accept_for_appraisal(actor=cast.hang, proposal=proposal, on=ON)
    services.proposal_send_to_council(actor=cast.hang, proposal=proposal, on=ON)
    services.nominee_set_council_outcome(actor=None, nominee=n, outcome="APPROVED", votes_summary="15/15")
    services.proposal_mark_council_done(actor=None, proposal=proposal, on=ON)
    services.public_notice_open(actor=cast.hang, proposal=proposal, on=ON)
    client.force_login(cast.hang)
    url = reverse("proposals:notice", args=[proposal.pk])
    client.post(url, {"author_name": "Bà Lò Thị C", "text": "Thống nhất."})
    assert "Bà Lò Thị C" in client.get(url).content.decode()

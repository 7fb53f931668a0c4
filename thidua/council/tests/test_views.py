"""The council screens: the phone ballot, results after closing, paper counts, the session page."""

import pytest
from django.test import Client
from django.urls import reverse

from thidua.council import services
from thidua.council.models import PollMethod, SecretBallot
from thidua.council.tests.conftest import open_items
from thidua.testing.cast import PASSWORD

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def secret(cw):
    items = open_items(cw, ["Nguyễn Văn Quang", "Trần Thị Hạnh"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=items)
    return cw, poll, items


def test_a_member_votes_on_the_phone_ballot_and_then_sees_only_that_they_voted(secret):
    cw, poll, items = secret
    client = client_for(cw.user(0))
    url = reverse("council:ballot", args=[poll.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="ballot-form"' in page and 'data-testid="ballot-submit"' in page
    assert page.count('data-testid="ballot-row"') == 2
    response = client.post(url, {f"item_{items[0].pk}": "YES", f"item_{items[1].pk}": "ABSTAIN"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    main = page.split("<main", 1)[-1]
    assert 'data-testid="ballot-done"' in main and ("Bạn đã bỏ phiếu" in main or "You have voted" in main)
    assert "ballot-form" not in main
    assert not any(word in main for word in ("Nguyễn Văn Quang", "Trần Thị Hạnh", "YES", "ABSTAIN"))
    assert SecretBallot.objects.filter(poll=poll).count() == 1


def test_an_incomplete_ballot_is_shown_again_and_nothing_is_stored(secret):
    cw, poll, items = secret
    client = client_for(cw.user(1))
    response = client.post(reverse("council:ballot", args=[poll.pk]), {f"item_{items[0].pk}": "YES"})
    assert response.status_code == 200 and 'data-testid="ballot-form"' in response.content.decode()
    assert SecretBallot.objects.count() == 0


def test_outsiders_do_not_see_the_poll(secret):
    cw, poll, _items = secret
    client = client_for(cw.world.dung)
    assert client.get(reverse("council:ballot", args=[poll.pk])).status_code == 404
    assert client.get(reverse("council:poll", args=[poll.pk])).status_code == 404
    assert client.get(reverse("council:session", args=[cw.session.pk])).status_code == 404


def test_results_appear_only_after_the_poll_closes(secret):
    cw, poll, items = secret
    client = client_for(cw.officer)
    hidden = client.get(reverse("council:results", args=[poll.pk]))
    assert hidden.status_code == 302
    for i in range(4):
        services.secret_vote_cast(
            actor=cw.user(i), poll=poll, choices={items[0].pk: "YES", items[1].pk: "NO"}
        )
    assert 'data-testid="turnout"' in client.get(reverse("council:poll", args=[poll.pk])).content.decode()
    response = client.post(reverse("council:poll_command", args=[poll.pk, "close"]))
    assert response.status_code == 302
    page = client.get(reverse("council:results", args=[poll.pk])).content.decode()
    assert 'data-testid="poll-results"' in page and "4/5" in page and "80%" in page


def test_the_secretary_enters_paper_counts_and_members_cannot(cw):
    items = open_items(cw, ["A"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.PAPER, items=items)
    url = reverse("council:paper", args=[poll.pk])
    assert client_for(cw.user(0)).get(url).status_code == 404
    client = client_for(cw.secretary)  # seated as SECRETARY, with no office role
    assert 'data-testid="paper-form"' in client.get(url).content.decode()
    data = {
        f"i{items[0].pk}_{k}": v
        for k, v in {
            "yes": 4,
            "no": 1,
            "abstain": 0,
            "invalid": 0,
            "ballots_issued": 5,
            "ballots_returned": 5,
        }.items()
    }
    assert client.post(url, data).status_code == 302
    assert poll.paper_counts.get().yes == 4


def test_the_session_page_lists_agenda_attendance_polls_and_offers_the_minutes(secret):
    cw, _poll, _items = secret
    page = client_for(cw.officer).get(reverse("council:session", args=[cw.session.pk])).content.decode()
    for testid in ("agenda", "attendance", "polls", "minutes-pdf"):
        assert f'data-testid="{testid}"' in page
    assert "Nguyễn Văn Quang" in page
    cw.world.commune.abbreviation = "UBND"
    cw.world.commune.save()
    response = client_for(cw.user(2)).get(reverse("council:minutes", args=[cw.session.pk, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_council_pages_show_members_and_sessions(cw):
    client = client_for(cw.officer)
    assert "Hội đồng Thi đua - Khen thưởng xã Một" in client.get(reverse("council:list")).content.decode()
    page = client.get(reverse("council:detail", args=[cw.council.pk])).content.decode()
    assert page.count("Thành viên") >= 5 and 'data-testid="council-sessions"' in page

"""A token of one unit cannot read or change another unit's objects: everything answers 404."""

from datetime import date

import pytest

from thidua.awards.models import Award
from thidua.awards.services import award_record
from thidua.decisions import services as decision_services
from thidua.proposals import services as proposal_services
from thidua.proposals.models import Nominee, Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(api):
    """Objects of commune Một (officer An's) and commune Hai (officer Dũng's)."""
    w = api.world
    mine = award_record(
        actor=None,
        subject_kind="INDIVIDUAL",
        person=w.teacher,
        award_code="LDTT",
        year=2024,
        decided_on=date(2024, 12, 20),
        authority_office="CT_UBND_XA",
        decision_symbol="12/QĐ-UBND",
        source_ref="test",
    )
    theirs = award_record(
        actor=None,
        subject_kind="INDIVIDUAL",
        person=w.outsider_person,
        award_code="LDTT",
        year=2024,
        decided_on=date(2024, 12, 20),
        authority_office="CT_UBND_XA",
        decision_symbol="34/QĐ-UBND",
        source_ref="test",
    )
    proposal = proposal_services.proposal_create(
        actor=w.dung,
        proposing_unit=w.other_commune,
        authority_unit=w.district,
        kind="YEAR_END",
        year=2025,
        title="Đề nghị của xã Hai",
    )
    decision = decision_services.decision_create(
        actor=w.dung,
        authority_unit=w.other_commune,
        title="Về việc khen thưởng xã Hai",
        decided_on=date(2025, 8, 1),
        achievement_year=2025,
        signer_name="Trần Văn Hai",
    )
    decision_services.decision_add_lines(
        actor=w.dung,
        decision=decision,
        lines=[{"subject_kind": "INDIVIDUAL", "person": w.outsider_person, "award_code": "LDTT"}],
    )
    return {"mine": mine, "theirs": theirs, "proposal": proposal, "decision": decision}


def _detail_urls(api, two):
    w = api.world
    return [
        f"/api/v1/units/{w.other_commune.pk}/",
        f"/api/v1/people/{w.outsider_person.pk}/",
        f"/api/v1/awards/{two['theirs'].pk}/",
        f"/api/v1/proposals/{two['proposal'].pk}/",
        f"/api/v1/proposals/{two['proposal'].pk}/nominees/",
        f"/api/v1/decisions/{two['decision'].pk}/",
        f"/api/v1/decisions/{two['decision'].pk}/lines/",
        f"/api/v1/people/?unit={w.other_commune.pk}",
        f"/api/v1/awards/?unit={w.other_commune.pk}",
        f"/api/v1/awards/?person={w.outsider_person.pk}",
        f"/api/v1/decisions/?unit={w.other_commune.pk}",
        f"/api/v1/exchange/awards.json?person={w.outsider_person.pk}",
    ]


def test_the_owner_reads_their_own_objects(api, two):
    for url in _detail_urls(api, two):
        assert api.dung.get(url).status_code == 200, url


def test_another_units_token_gets_404_for_every_object(api, two):
    for url in _detail_urls(api, two):
        response = api.an.get(url)
        assert response.status_code == 404, url
        assert response.json()["error"]["code"] == "not_found"
    # A missing id answers the same.
    missing = api.an.get("/api/v1/awards/999999/")
    assert (
        missing.status_code == 404
        and missing.json() == api.an.get(f"/api/v1/awards/{two['theirs'].pk}/").json()
    )


def test_lists_hold_only_the_callers_scope(api, two):
    w = api.world
    awards = api.an.get("/api/v1/awards/").json()["results"]
    assert [a["id"] for a in awards] == [two["mine"].pk]
    people = {p["id"] for p in api.an.get("/api/v1/people/").json()["results"]}
    assert w.teacher.pk in people and w.outsider_person.pk not in people
    units = {u["code"] for u in api.an.get("/api/v1/units/").json()["results"]}
    assert units == {"XA", "XA-TH"}
    assert api.an.get("/api/v1/proposals/").json()["count"] == 0
    assert api.an.get("/api/v1/decisions/").json()["count"] == 0
    records = api.an.get("/api/v1/exchange/awards.json").json()["records"]
    assert [r["decision_symbol"] for r in records] == ["12/QĐ-UBND"]
    assert api.an.get("/api/v1/exchange/decisions.json").json()["decisions"] == []


def test_another_units_token_cannot_change_its_objects(api, two):
    w = api.world
    proposal = two["proposal"]
    add = api.an.post(
        f"/api/v1/proposals/{proposal.pk}/nominees/",
        {"subject_kind": "INDIVIDUAL", "person": w.outsider_person.pk, "award_code": "LDTT", "year": 2025},
        format="json",
    )
    assert add.status_code == 404
    assert api.an.post(f"/api/v1/proposals/{proposal.pk}/submit/").status_code == 404
    create = api.an.post(
        "/api/v1/proposals/",
        {"proposing_unit": w.other_commune.pk, "kind": "YEAR_END", "year": 2025, "title": "Không được"},
        format="json",
    )
    assert create.status_code == 404
    assert not Nominee.objects.filter(proposal=proposal).exists()
    assert Proposal.objects.get(pk=proposal.pk).status == "DRAFT"
    assert Proposal.objects.count() == 1
    # Importing an award for the other commune's person is refused row by row; nothing is recorded.
    document = api.dung.get(f"/api/v1/exchange/awards.json?person={w.outsider_person.pk}").json()
    Award.objects.filter(pk=two["theirs"].pk).delete()
    response = api.an.post("/api/v1/exchange/awards/import", {**document, "dry_run": False}, format="json")
    assert response.status_code == 200
    assert response.json()["created"] == 0 and not response.json()["is_clean"]
    assert not Award.objects.filter(person=w.outsider_person).exists()


def test_a_nominee_from_outside_the_proposing_unit_is_refused(api):
    w = api.world
    created = api.an.post(
        "/api/v1/proposals/",
        {"proposing_unit": w.commune.pk, "kind": "YEAR_END", "year": 2025, "title": "Đề nghị xã Một"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["authority_unit"]["code"] == "H"
    response = api.an.post(
        f"/api/v1/proposals/{created.json()['id']}/nominees/",
        {"subject_kind": "INDIVIDUAL", "person": w.outsider_person.pk, "award_code": "LDTT", "year": 2025},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_failed"
    assert "subject" in response.json()["error"]["details"]

"""Online dossiers' status through the REST API (the portal offers it through thidua.core.hooks)."""

import pytest
from django.core.cache import cache

from thidua.api.tests.conftest import client_with, token_for
from thidua.public.services import applications as services
from thidua.public.tests.conftest import at
from thidua.public.tests.test_applications import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()


def test_the_desk_lists_its_dossiers_and_others_see_none(desk, lan):
    first = submitted(desk, lan)
    second = submitted(desk, lan)
    services.application_accept(actor=desk.cast.an, application=first, now=at(2026, 8, 21, 10))
    an = client_with(token_for(desk.cast.an))
    rows = an.get("/api/v1/applications/").json()
    assert [r["code"] for r in rows] == [second.code, first.code]
    accepted = an.get("/api/v1/applications/", {"status": 2}).json()
    assert [(r["code"], r["status"], r["due_on"]) for r in accepted] == [(first.code, 2, "2026-08-25")]
    assert "Tòng Văn Dũng" not in str(rows) and "Lò Thị Lan" not in str(rows)
    assert client_with(token_for(desk.cast.dung)).get("/api/v1/applications/").json() == []
    assert client_with(token_for(desk.cast.binh)).get("/api/v1/applications/").json() == []


def test_a_dossier_by_its_code(desk, lan):
    application = submitted(desk, lan)
    client = client_with(token_for(desk.cast.dung))
    found = client.get(f"/api/v1/applications/{application.code.lower()}/")
    assert found.status_code == 200 and found.json()["status_label"] == "Mới đăng ký"
    missing = client.get("/api/v1/applications/C-000000-0000/")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert client_with(None).get(f"/api/v1/applications/{application.code}/").status_code == 401
    bad = client.get("/api/v1/applications/", {"status": 11})
    assert bad.status_code == 400

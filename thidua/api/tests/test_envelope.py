"""One error envelope in Vietnamese and English, pagination bounds, rate limits, CSRF for sessions."""

import pytest
from rest_framework.test import APIClient

from thidua.api.tests.conftest import client_with
from thidua.organization.models import Sex
from thidua.organization.services import person_create

pytestmark = pytest.mark.django_db


def test_errors_speak_vietnamese_by_default_and_english_on_request(api):
    vi = api.an.get("/api/v1/awards/999999/")
    assert vi.status_code == 404
    assert vi.json() == {"error": {"code": "not_found", "message": "Không tìm thấy.", "details": {}}}
    en = api.an.get("/api/v1/awards/999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert en.json()["error"]["message"] == "Not found."
    assert api.an.get("/api/v1/awards/999999/?lang=en").json()["error"]["message"] == "Not found."
    assert (
        api.an.get("/api/v1/awards/999999/?lang=vi", HTTP_ACCEPT_LANGUAGE="en").json()["error"]["message"]
        == "Không tìm thấy."
    )


def test_validation_errors_carry_their_details_in_the_chosen_language(api):
    vi = api.an.get("/api/v1/awards/?year=abc")
    assert vi.status_code == 400
    body = vi.json()["error"]
    assert body["code"] == "invalid" and body["message"] == "Yêu cầu không hợp lệ."
    assert body["details"]["year"] == ["Nhập số nguyên từ 1900 đến 2100."]
    en = api.an.get("/api/v1/awards/?year=abc&lang=en").json()["error"]
    assert en["message"] == "The request is not valid."
    assert en["details"]["year"] == ["Enter a whole number from 1900 to 2100."]
    missing = api.an.post("/api/v1/proposals/", {}, format="json", HTTP_ACCEPT_LANGUAGE="vi").json()
    assert missing["error"]["details"]["title"] == ["Trường này là bắt buộc."]


def test_a_domain_refusal_is_a_409_with_its_message(api):
    w = api.world
    created = api.an.post(
        "/api/v1/proposals/",
        {"proposing_unit": w.commune.pk, "kind": "YEAR_END", "year": 2025, "title": "Đề nghị"},
        format="json",
    ).json()
    refused = api.an.post(f"/api/v1/proposals/{created['id']}/submit/?lang=en")
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "validation_failed"
    assert refused.json()["error"]["details"]["nominees"] == ["The list has no nominees."]


def test_unknown_addresses_under_api_answer_the_json_404(api):
    response = api.an.get("/api/v1/nothing-here/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert api.an.get("/api/v1/awards/12345678901234567890123/").status_code == 404


@pytest.fixture
def many(api):
    for i in range(7):
        person_create(
            actor=None,
            unit=api.world.school,
            family_name="Lê",
            middle_name="Văn",
            given_name=f"Tư{i}",
            sex=Sex.MALE,
        )
    return api


def test_pages_are_bounded_stable_and_linked(many):
    client = many.an
    first = client.get("/api/v1/people/?page_size=3").json()
    assert first["count"] == 8 and first["page"] == 1 and first["page_size"] == 3
    assert len(first["results"]) == 3 and first["previous"] is None
    assert first["next"].endswith("page=2&page_size=3") or "page=2" in first["next"]
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    ids = [p["id"] for page in (first, second, third) for p in page["results"]]
    assert len(ids) == len(set(ids)) == 8 and third["next"] is None
    assert client.get("/api/v1/people/?page_size=3").json()["results"] == first["results"]  # stable
    assert client.get("/api/v1/people/?page=99").json()["results"] == []
    for bad in ("page=0", "page=-1", "page=x", "page_size=0", "page_size=201"):
        response = client.get(f"/api/v1/people/?{bad}")
        assert response.status_code == 400, bad
        assert response.json()["error"]["code"] == "invalid"
    assert len(client.get("/api/v1/people/?page_size=200").json()["results"]) == 8


def test_the_people_search_is_accent_insensitive(many):
    found = many.an.get("/api/v1/people/?q=nguyen van an").json()["results"]
    assert [p["full_name"] for p in found] == ["Nguyễn Văn An"]


def test_throttling_answers_429_with_the_envelope(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "user": "3/minute"},
    }
    codes = [api.an.get("/api/v1/units/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = api.an.get("/api/v1/units/?lang=en")
    assert response.json()["error"]["code"] == "throttled"
    assert response.json()["error"]["message"] == "Too many requests; try again later."
    assert int(response["Retry-After"]) > 0
    assert api.dung.get("/api/v1/units/").status_code == 200  # counted per user


def test_anonymous_regulations_have_their_own_stricter_limit(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "regulations_anon": "2/minute",
        },
    }
    anon = client_with(None)
    codes = [anon.get("/api/v1/regulations/words?number=5").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_imports_have_a_scoped_limit(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "imports": "1/minute",
        },
    }
    body = {"format": "thidua.awards/1", "records": [], "dry_run": True}
    assert api.an.post("/api/v1/exchange/awards/import", body, format="json").status_code == 200
    assert api.an.post("/api/v1/exchange/awards/import", body, format="json").status_code == 429
    assert api.an.get("/api/v1/units/").status_code == 200  # other endpoints are not affected


def test_the_browser_session_works_and_needs_the_csrf_token_to_write(api):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(api.world.an)
    assert client.get("/api/v1/units/").status_code == 200
    body = {"proposing_unit": api.world.commune.pk, "kind": "YEAR_END", "year": 2025, "title": "Đề nghị"}
    refused = client.post("/api/v1/proposals/", body, format="json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf_failed"
    client.get("/api/docs/")  # any page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    assert client.post("/api/v1/proposals/", body, format="json", HTTP_X_CSRFTOKEN=token).status_code == 201


def test_the_docs_page_lists_the_endpoints_offline(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/api/v1/awards/" in html and "/api/v1/regulations/prize" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert client.get("/api/schema/").status_code == 200

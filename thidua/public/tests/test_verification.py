"""Public verification: by the QR code's token and by number, valid/revoked/unknown, caching and limits."""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse

from thidua.awards.services import award_revoke
from thidua.decisions import services
from thidua.decisions.models import Decision, DecisionLine
from thidua.decisions.rendering.certificates import certificate_texts, verification_url
from thidua.decisions.tests import conftest as decision_cast
from thidua.decisions.tests.conftest import Commune, draft, person_line
from thidua.organization.models import Person, Sex, Unit
from thidua.organization.services import person_create
from thidua.public.views.verification import parse_date

pytestmark = pytest.mark.django_db
commune = decision_cast.commune  # the decisions' cast: commune Một, its school and its signatory

ISSUED_ON = date(2026, 8, 3)
FULL_NAME = "Hoàng Thị Mai Phương"
BIRTH = date(1987, 4, 23)
ID_NUMBER = "012345678901"


@dataclass
class Issued:
    commune: Commune
    decision: Decision
    line: DecisionLine  # Hoàng Thị Mai Phương, Chiến sĩ thi đua cơ sở
    other: DecisionLine  # a Giấy khen on the same decision


def issue_decision(commune: Commune) -> Issued:
    """The commune issues 01/QĐ-UBND on 03/08/2026 for a teacher with a birth date and an ID number."""
    person: Person = person_create(
        actor=None,
        unit=commune.world.school,
        family_name="Hoàng",
        middle_name="Thị Mai",
        given_name="Phương",
        sex=Sex.FEMALE,
        date_of_birth=BIRTH,
        id_number=ID_NUMBER,
        position="Giáo viên",
    )
    decision = draft(commune)
    services.decision_add_lines(
        actor=commune.world.an,
        decision=decision,
        lines=[person_line(person, "CSTDCS"), person_line(commune.teachers[1], "GIAY_KHEN")],
    )
    decision = services.decision_issue(actor=commune.chairman, decision=decision, issued_on=ISSUED_ON)
    return Issued(
        commune=commune,
        decision=decision,
        line=decision.lines.get(person=person),
        other=decision.lines.get(award_code="GIAY_KHEN"),
    )


def revoke(issued: Issued, line: DecisionLine, on: date = date(2026, 10, 1)) -> None:
    line.refresh_from_db()
    assert line.award is not None
    award_revoke(
        actor=issued.commune.chairman,
        award=line.award,
        reason="a",
        decision_symbol="05/QĐ-UBND",
        decided_on=on,
    )


@pytest.fixture
def issued(commune) -> Issued:
    return issue_decision(commune)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _token_url(line: DecisionLine) -> str:
    return reverse("public:verify_token", args=[line.verification_token])


def _no_personal_data(html: str) -> None:
    assert FULL_NAME not in html
    assert "Hoàng Thị" not in html
    assert ID_NUMBER not in html
    for shown in ("23/04/1987", "1987-04-23", "23/4/1987"):
        assert shown not in html


# --- By token (the QR code) -----------------------------------------------------------------------------


def test_a_valid_certificate_shows_its_status_decision_award_and_masked_recipient(client, issued):
    response = client.get(_token_url(issued.line))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="valid"' in html and "Còn hiệu lực" in html
    assert "01/QĐ-UBND" in html and "03/08/2026" in html
    assert "Ủy ban nhân dân xã Một" in html
    assert "Chiến sĩ thi đua cơ sở" in html
    assert "H. T. M. Phương" in html
    assert "2026" in html
    _no_personal_data(html)


def test_a_revoked_certificate_says_so_with_the_date(client, issued):
    revoke(issued, issued.line)
    response = client.get(_token_url(issued.line))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="revoked"' in html
    assert "Đã bị thu hồi ngày 01/10/2026" in html
    assert "Còn hiệu lực" not in html
    _no_personal_data(html)


@pytest.mark.parametrize("token", ["khong-co-ma-nay", "x" * 41, "%20", "abc.def"])
def test_unknown_malformed_and_unissued_tokens_answer_the_same_404_page(client, commune, token):
    response = client.get(reverse("public:verify_token", args=[token]))
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-status="unknown"' in html and "Không tìm thấy" in html
    assert 'aria-current="page"' in html  # the public layout, not a bare error page


def test_a_draft_lines_token_is_as_unknown_as_a_made_up_one(client, commune):
    decision = draft(commune)
    (line,) = services.decision_add_lines(
        actor=commune.world.an, decision=decision, lines=[person_line(commune.teachers[0], "GIAY_KHEN")]
    )
    unissued = client.get(_token_url(line))
    made_up = client.get(reverse("public:verify_token", args=["khong-co-ma-nay"]))
    assert unissued.status_code == made_up.status_code == 404
    # Only the address itself (in the language link) differs.
    assert unissued.content.decode().replace(
        line.verification_token, "T"
    ) == made_up.content.decode().replace("khong-co-ma-nay", "T")


def test_the_qr_code_on_a_real_certificate_opens_this_page(client, settings, issued):
    settings.THIDUA_PUBLIC_BASE_URL = "https://thidua.laichau.gov.vn"
    texts = certificate_texts(issued.decision, issued.line)
    url = verification_url(issued.line.verification_token)
    assert url.startswith("https://thidua.laichau.gov.vn/xac-minh/")
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200
    assert 'data-status="valid"' in response.content.decode()
    # The number printed on the same certificate finds the same certificate by number.
    number = texts["certificate_number"]
    assert number.startswith("Số: 01.")
    by_number = client.get(reverse("public:verify"), {"number": number, "issued_on": "03/08/2026"})
    assert 'data-status="valid"' in by_number.content.decode()


def test_the_answer_carries_an_etag_a_revalidation_gets_304_and_a_revocation_changes_it(client, issued):
    url = _token_url(issued.line)
    first = client.get(url)
    etag = first["ETag"]
    assert etag and "must-revalidate" in first["Cache-Control"] and "public" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    revoke(issued, issued.line)
    after = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200
    assert after["ETag"] != etag
    assert 'data-status="revoked"' in after.content.decode()


def test_the_by_number_answer_revalidates_and_changes_on_revocation(client, issued):
    url = reverse("public:verify")
    query = {"number": "01/QĐ-UBND", "issued_on": "03/08/2026"}
    first = client.get(url, query)
    assert client.get(url, query, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    revoke(issued, issued.other)
    after = client.get(url, query, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200 and after["ETag"] != first["ETag"]


# --- By number --------------------------------------------------------------------------------------------


def test_a_decision_by_its_number_shows_counts_without_names(client, issued):
    revoke(issued, issued.other)
    response = client.get(reverse("public:verify"), {"number": "số 01 / qđ-ubnd", "issued_on": "3/8/2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="valid"' in html
    assert "01/QĐ-UBND" in html and "Ủy ban nhân dân xã Một" in html
    assert "Về việc khen thưởng thành tích năm học 2025 - 2026" in html
    assert 'data-testid="verify-awards">2<' in html
    assert 'data-testid="verify-revoked">1<' in html
    _no_personal_data(html)
    assert "Phương" not in html and "Lê Thị Ánh" not in html and "Ánh" not in html


def test_a_certificate_by_its_number_shows_its_own_status_without_a_name(client, issued):
    number = issued.line.certificate_number
    assert number in {"01.001/QĐ-UBND", "01.002/QĐ-UBND"}
    loose = f"Số:  {number.lower().replace('-', ' – ')}"
    response = client.get(reverse("public:verify"), {"number": loose, "issued_on": "03-08-2026"})
    html = response.content.decode()
    assert 'data-status="valid"' in html and "Chiến sĩ thi đua cơ sở" in html
    assert "Phương" not in html
    revoke(issued, issued.line)
    html = client.get(
        reverse("public:verify"), {"number": number, "issued_on": "03/08/2026"}
    ).content.decode()
    assert 'data-status="revoked"' in html and "01/10/2026" in html
    _no_personal_data(html)


def test_a_wrong_date_or_unknown_number_is_not_found(client, issued):
    for query in (
        {"number": "01/QĐ-UBND", "issued_on": "04/08/2026"},
        {"number": "02/QĐ-UBND", "issued_on": "03/08/2026"},
        {"number": "01/QĐ-UBND-NV", "issued_on": "03/08/2026"},
        {"number": "01.099/QĐ-UBND", "issued_on": "03/08/2026"},
    ):
        html = client.get(reverse("public:verify"), query).content.decode()
        assert 'data-status="unknown"' in html, query
        assert "Ủy ban nhân dân xã Một" not in html


def test_malformed_input_explains_what_to_type(client, issued):
    response = client.get(reverse("public:verify"), {"number": "mười hai", "issued_on": "31/02/2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "05.012/QĐ-UBND" in html  # the example of a well-formed number
    assert html.count("is-invalid") == 2
    assert 'aria-invalid="true"' in html
    assert 'data-testid="verify-answer"' not in html


def test_the_same_number_from_two_authorities_asks_which_one(client, commune):
    issued = issue_decision(commune)
    Unit.objects.filter(pk=commune.world.other_commune.pk).update(abbreviation="UBND", place_name="Hai")
    other = draft(commune, authority_unit=commune.world.other_commune, drafting_unit=None)
    services.decision_add_lines(
        actor=commune.world.an,
        decision=other,
        lines=[person_line(commune.world.outsider_person, "GIAY_KHEN")],
    )
    # The other commune's officer is not needed: the signatory issues within the test's cast.
    other = services.decision_issue(actor=None, decision=other, issued_on=ISSUED_ON)
    assert other.symbol == issued.decision.symbol == "01/QĐ-UBND"
    url = reverse("public:verify")
    html = client.get(url, {"number": "01/QĐ-UBND", "issued_on": "03/08/2026"}).content.decode()
    assert 'data-testid="verify-ambiguous"' in html
    assert "Ủy ban nhân dân xã Một" in html and "Ủy ban nhân dân xã Hai" in html
    chosen = client.get(
        url, {"number": "01/QĐ-UBND", "issued_on": "03/08/2026", "authority": commune.world.other_commune.pk}
    ).content.decode()
    assert 'data-status="valid"' in chosen and 'data-testid="verify-awards">1<' in chosen


def test_look_ups_by_number_are_limited_per_address(client, settings, issued):
    settings.THIDUA_PUBLIC_LOOKUPS_PER_MINUTE = 3
    url = reverse("public:verify")
    query = {"number": "01/QĐ-UBND", "issued_on": "03/08/2026"}
    for _ in range(3):
        assert client.get(url, query).status_code == 200
    refused = client.get(url, query)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60" and refused["Cache-Control"] == "no-store"
    assert 'data-testid="verify-throttled"' in refused.content.decode()
    assert 'data-testid="verify-answer"' not in refused.content.decode()
    # Another address is counted apart; the empty form and the QR pages are never counted.
    assert client.get(url, query, REMOTE_ADDR="10.0.0.9").status_code == 200
    assert client.get(url).status_code == 200
    assert client.get(_token_url(issued.line)).status_code == 200


def test_the_empty_form_needs_no_csrf_token_or_session(client, db):
    response = client.get(reverse("public:verify"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="get"' in html and "csrfmiddlewaretoken" not in html
    assert "Set-Cookie" not in str(response.headers)
    assert client.get(reverse("public:verify"), HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("03/08/2026", date(2026, 8, 3)),
        ("3/8/2026", date(2026, 8, 3)),
        ("03.08.2026", date(2026, 8, 3)),
        ("03-08-2026", date(2026, 8, 3)),
        ("2026-08-03", date(2026, 8, 3)),
        ("31/02/2026", None),
        ("08/2026", None),
        ("", None),
    ],
)
def test_dates_are_read_day_first(typed, expected):
    assert parse_date(typed) == expected

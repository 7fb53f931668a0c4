"""The regulations endpoints answer what `python -m thidua.regulations` prints for the same question."""

import io
import json

import pytest

from thidua.api.tests.conftest import client_with
from thidua.regulations.cli import main

pytestmark = pytest.mark.django_db


def cli(*argv: str) -> str:
    out = io.StringIO()
    assert main(list(argv), out=out) == 0
    return out.getvalue()


@pytest.fixture
def anon():
    return client_with(None)


@pytest.mark.parametrize(
    ("query", "argv"),
    [
        (
            "award=CSTDCS&subject=individual&on=2026-01-10",
            ["--award", "CSTDCS", "--subject", "individual", "--on", "2026-01-10"],
        ),
        (
            "award=BK_TINH&subject=collective&on=2026-08-01&rounding=none&province=12",
            [
                "--award",
                "BK_TINH",
                "--subject",
                "collective",
                "--on",
                "2026-08-01",
                "--rounding",
                "none",
                "--province",
                "12",
            ],
        ),
    ],
)
def test_prize_equals_the_cli(anon, query, argv):
    response = anon.get(f"/api/v1/regulations/prize?{query}")
    assert response.status_code == 200
    assert response.json() == json.loads(cli("prize", *argv))


def test_deadline_equals_the_cli(anon):
    response = anon.get(
        "/api/v1/regulations/deadline?start=2026-02-02&working_days=20"
        "&pause=2026-02-10:2026-02-20&clock_mode=pause&province=12"
    )
    assert response.status_code == 200
    expected = cli(
        "deadline", "--start", "2026-02-02", "--working-days", "20",
        "--pause", "2026-02-10:2026-02-20", "--clock-mode", "pause", "--province", "12",
    )  # fmt: skip
    assert response.json() == json.loads(expected)
    calendar = anon.get("/api/v1/regulations/deadline?start=2025-04-20&calendar_days=10").json()
    assert calendar == json.loads(cli("deadline", "--start", "2025-04-20", "--calendar-days", "10"))


def test_words_equal_the_cli(anon):
    response = anon.get("/api/v1/regulations/words?number=1005000&linh=lẻ&thousand=ngàn")
    assert response.status_code == 200
    assert response.json() == {
        "number": "1005000",
        "words": cli("words", "1005000", "--linh", "lẻ", "--thousand", "ngàn").strip(),
    }


def test_check_equals_the_cli(anon, tmp_path):
    case = {"award": "CSTDCS", "subject": "individual", "year": 2025, "on": "2026-01-10"}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    response = anon.post("/api/v1/regulations/check", case, format="json")
    assert response.status_code == 200
    assert response.json() == json.loads(cli("check", str(path)))


def test_authority_equals_the_cli(anon):
    response = anon.get("/api/v1/regulations/authority?award=CSTDCS&on=2026-01-10&office=CT_UBND_XA")
    assert response.status_code == 200
    expected = cli("authority", "--award", "CSTDCS", "--on", "2026-01-10", "--office", "CT_UBND_XA")
    assert response.json() == json.loads(expected)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/regulations/prize?award=NOPE&subject=individual&on=2026-01-10",  # engine: unknown award
        "/api/v1/regulations/prize?award=CSTDCS&subject=alien&on=2026-01-10",  # bad choice
        "/api/v1/regulations/prize?award=CSTDCS&subject=individual&on=10/01/2026",  # bad date
        "/api/v1/regulations/deadline?start=2026-02-02",  # neither kind of days
        "/api/v1/regulations/words?number=-5",
    ],
)
def test_bad_questions_answer_400_with_the_envelope(anon, url):
    response = anon.get(url)
    assert response.status_code == 400
    assert response.json()["error"]["code"] in {"invalid", "validation_failed"}


def test_an_unknown_case_field_is_refused_as_the_cli_refuses_it(anon):
    response = anon.post("/api/v1/regulations/check", {"award": "CSTDCS", "colour": "red"}, format="json")
    assert response.status_code == 400
    assert "colour" in str(response.json()["error"]["details"])

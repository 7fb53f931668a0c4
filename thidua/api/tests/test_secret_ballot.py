"""No API response links a secret ballot's voter to a choice: every GET endpoint of the schema is walked
after a secret poll, as the officer who ran it and as each voter, and every object of every response is
searched for a voter identifier next to a choice."""

from typing import Any

import pytest

from thidua.api.tests.conftest import client_with, token_for
from thidua.council import services
from thidua.council.models import PollMethod
from thidua.council.tests.conftest import make_council, open_items
from thidua.testing.cast import build_world

pytestmark = pytest.mark.django_db

VOTES = [("YES", "NO"), ("NO", "YES"), ("YES", "YES"), ("ABSTAIN", "NO")]
CHOICES = {"YES", "NO", "ABSTAIN"}
ID_KEYS = ("user", "member", "voter", "actor")


def links(value: Any, *, ids: set[int], names: set[str]) -> list[dict[str, Any]]:
    """Return every object in `value` that holds both a voter identifier and a choice."""
    found: list[dict[str, Any]] = []
    if isinstance(value, list):
        for v in value:
            found += links(v, ids=ids, names=names)
        return found
    if not isinstance(value, dict):
        return found
    voter = choice = False
    for key, v in value.items():
        if isinstance(v, str):
            voter |= any(n in v for n in names)
            choice |= v in CHOICES or "choice" in key.lower()
        elif isinstance(v, int) and not isinstance(v, bool):
            voter |= any(k in key.lower() for k in ID_KEYS) and v in ids
        elif isinstance(v, dict | list):
            found += links(v, ids=ids, names=names)
            choice |= "choice" in key.lower() or "ballot" in key.lower()
    if voter and choice:
        found.append(value)
    return found


def test_the_detector_is_not_blind():
    assert links({"member": 7, "choice": "YES"}, ids={7}, names=set())
    assert links([{"x": [{"voter": "tv1", "vote": "NO"}]}], ids=set(), names={"tv1"})
    assert not links({"member": 7, "yes": 3}, ids={7}, names=set())


def _get_all(client, start: str) -> list[Any]:
    """GET a URL, following `next` links of lists; return every JSON body."""
    bodies = []
    url: str | None = start
    while url:
        response = client.get(url)
        assert response.status_code in (200, 400, 404), (url, response.status_code)  # 400: needs params
        if response["Content-Type"].startswith("application/json"):
            body = response.json()
            bodies.append(body)
            url = body.get("next") if isinstance(body, dict) else None
        else:
            url = None
    return bodies


def _walk(client) -> list[Any]:
    """GET every GET path of the served schema, detail paths with every id their list shows."""
    schema = client.get("/api/schema/?format=json").json()
    paths = [p for p, item in schema["paths"].items() if "get" in item]
    bodies: list[Any] = []
    ids: dict[str, list[int]] = {}
    for path in sorted(paths, key=lambda p: "{" in p):
        if "{" not in path:
            got = _get_all(client, path)
            bodies += got
            ids[path] = [
                r["id"] for b in got if isinstance(b, dict) for r in b.get("results", []) if "id" in r
            ]
            continue
        base = path.split("{", 1)[0]
        for pk in ids.get(base, []):
            bodies += _get_all(client, path.replace("{id}", str(pk)))
    return bodies


def test_no_endpoint_reveals_who_voted_what():
    cw = make_council(build_world())
    items = open_items(cw, ["Nguyễn Văn A", "Trần Thị B"], award_code="LDTT")
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=items)
    for i, (a, b) in enumerate(VOTES):
        services.secret_vote_cast(actor=cw.user(i), poll=poll, choices={items[0].pk: a, items[1].pk: b})
    services.poll_close(actor=cw.officer, poll=poll)
    voters = [cw.user(i) for i in range(len(VOTES))]
    ids = {u.pk for u in voters} | {m.pk for m in cw.members[: len(VOTES)]}
    names = {u.username for u in voters} | {u.full_name for u in voters}

    seen_tally = False
    for user in [cw.officer, *voters]:
        bodies = _walk(client_with(token_for(user)))
        assert links(bodies, ids=ids, names=names) == [], user.username
        text = str(bodies)
        assert "ballot" not in text.lower() and "choice" not in text.lower()
        # The tallies are there (counts only): the walk did reach the results.
        for body in bodies:
            for item in body.get("items", []) if isinstance(body, dict) else []:
                for result in item["results"]:
                    seen_tally = True
                    assert {"yes", "no", "abstain", "passed"} <= set(result)
    assert seen_tally

"""A member's second vote is refused even when fifty attempts arrive at the same moment."""

import threading

import pytest
from django.db import connection, connections

from thidua.core.errors import DomainError
from thidua.council import services
from thidua.council.models import PollMethod, SecretBallot, VoterRoll
from thidua.council.tests.conftest import make_council, open_items
from thidua.testing.cast import build_world

ATTEMPTS = 50


def _race(poll, user, choices, attempts):
    barrier = threading.Barrier(attempts)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt() -> None:
        try:
            barrier.wait(timeout=60)
            services.secret_vote_cast(actor=user, poll=poll, choices=choices)
            result = "stored"
        except DomainError:
            result = "refused"
        except Exception as exc:
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt) for _ in range(attempts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcomes


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database is shared between threads through one cache with table locks, "
    "so simultaneous writers fail with 'table is locked' instead of waiting; the race needs PostgreSQL.",
)
def test_fifty_simultaneous_attempts_store_one_ballot():
    cw = make_council(build_world())
    items = open_items(cw, ["Nguyễn Văn A", "Trần Thị B"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=items)
    choices = {items[0].pk: "YES", items[1].pk: "NO"}
    outcomes = _race(poll, cw.user(0), choices, ATTEMPTS)
    assert sorted(outcomes) == ["refused"] * (ATTEMPTS - 1) + ["stored"]
    assert SecretBallot.objects.filter(poll=poll).count() == 1
    assert VoterRoll.objects.filter(poll=poll, has_voted=True).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin is a PostgreSQL system column.")
def test_after_closing_no_ballot_shares_a_writing_transaction_with_a_roll_row():
    cw = make_council(build_world())
    items = open_items(cw, ["A"])
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=items)
    for i in range(4):
        services.secret_vote_cast(
            actor=cw.user(i), poll=poll, choices={items[0].pk: "YES" if i % 2 else "NO"}
        )

    def xmins(table: str) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT xmin::text FROM {table} WHERE poll_id = %s", [poll.pk])  # noqa: S608
            return [r[0] for r in cursor.fetchall()]

    # While the poll is open a database reader can pair rows written by one transaction (see ADR 0008)...
    assert set(xmins("council_secretballot")) <= set(xmins("council_voterroll"))
    services.poll_close(actor=cw.officer, poll=poll)
    # ...after closing, every ballot was rewritten by the closing transaction.
    ballots = xmins("council_secretballot")
    assert len(set(ballots)) == 1 and set(ballots).isdisjoint(xmins("council_voterroll"))

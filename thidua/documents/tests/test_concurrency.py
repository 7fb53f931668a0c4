"""Numbers stay distinct and consecutive when several processes issue documents at once."""

import multiprocessing
import threading
from datetime import date

import pytest
from django.db import connection, transaction

from thidua.documents import services
from thidua.documents.models import Document, DocumentRegister

from .concurrency_worker import issue_documents
from .conftest import draft_for

pytestmark = pytest.mark.django_db(transaction=True)


def _drafts(office, count):
    return [draft_for(office, recipient_units=[]).pk for _ in range(count)]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's in-memory test database cannot be shared with other processes",
)
def test_four_processes_issue_200_documents_with_numbers_1_to_200(office, tmp_path):
    ids = _drafts(office, 200)
    chunks = [ids[i::4] for i in range(4)]
    db_name = connection.settings_dict["NAME"]
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.starmap(issue_documents, [(db_name, str(tmp_path / "media"), c) for c in chunks])
    numbers = sorted(n for chunk in results for n in chunk)
    assert numbers == list(range(1, 201))
    assert sorted(Document.objects.filter(year=2021).values_list("number", flat=True)) == numbers
    assert DocumentRegister.objects.get(issuer=office.world.district, year=2021).last_number == 200


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's shared-cache in-memory test database locks whole tables and fails at once "
    "instead of waiting; on a file database SQLite serialises writers (see ADR 0006)",
)
def test_threads_taking_numbers_at_once_never_share_one(office):
    issuer = office.world.district
    taken: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def take(count: int) -> None:
        try:
            for _ in range(count):
                number = services.register_next_number(issuer=issuer, year=2022)
                with lock:
                    taken.append(number)
        except BaseException as exc:  # report any failure to the test thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(25,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(taken) == list(range(1, 101))


def test_a_rolled_back_issue_gives_its_number_back(office):
    draft = Document.objects.get(pk=_drafts(office, 1)[0])

    def take_then_fail() -> None:
        with transaction.atomic():
            services.register_next_number(issuer=office.world.district, year=2023)
            raise RuntimeError("rendering failed")

    with pytest.raises(RuntimeError):
        take_then_fail()
    document = services.document_issue(actor=None, document=draft, issued_on=date(2023, 1, 3))
    assert document.number == 1

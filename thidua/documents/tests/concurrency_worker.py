"""Run in a separate OS process: set Django up against the live test database and issue documents."""

import os
from datetime import date


def issue_documents(db_name: str, media_dir: str, document_ids: list[int]) -> list[int]:
    """Issue the given drafts one after another; return the numbers they got."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["THIDUA_DB_ENGINE"] = "postgresql"
    # The test database is already "test_…"; the child connects to exactly that name.
    os.environ["THIDUA_DB_NAME"] = db_name
    os.environ["THIDUA_MEDIA_DIR"] = media_dir
    import django

    django.setup()
    from django.db import connection

    from thidua.documents import services
    from thidua.documents.models import Document

    assert connection.settings_dict["NAME"] == db_name
    numbers = []
    for pk in document_ids:
        document = services.document_issue(
            actor=None, document=Document.objects.get(pk=pk), issued_on=date(2021, 1, 4)
        )
        assert document.number is not None
        numbers.append(document.number)
    connection.close()
    return numbers

"""The inbox, the document page, downloads and the register, through the access gate."""

from datetime import date

import pytest
from django.urls import reverse

from thidua.documents import services
from thidua.documents.models import Delivery
from thidua.testing.cast import PASSWORD

from .conftest import draft_for

pytestmark = pytest.mark.django_db

ON = date(2020, 12, 30)


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def issued(office):
    return services.document_issue(actor=office.chairman, document=draft_for(office), issued_on=ON)


def test_recipient_sees_the_document_bold_in_the_inbox_until_opened(client, office, issued):
    login(client, office.world.an)
    page = client.get(reverse("documents:inbox")).content.decode()
    assert 'data-unread="1"' in page and "01/UBND-NV" in page
    client.get(reverse("documents:detail", args=[issued.pk]))
    page = client.get(reverse("documents:inbox")).content.decode()
    assert 'data-unread="1"' not in page


def test_opening_the_page_records_the_first_opening_for_the_users_unit(client, office, issued):
    w = office.world
    login(client, w.an)
    assert client.get(reverse("documents:detail", args=[issued.pk])).status_code == 200
    delivery = Delivery.objects.get(document=issued, unit=w.commune)
    assert delivery.first_opened_by == w.an
    assert Delivery.objects.get(document=issued, unit=w.other_commune).first_opened_at is None


def test_issuer_side_reading_does_not_count_as_the_recipients_opening(client, office, issued):
    login(client, office.world.chau)  # district member: the communes are in scope, but not theirs
    page = client.get(reverse("documents:detail", args=[issued.pk])).content.decode()
    assert not Delivery.objects.filter(document=issued, first_opened_at__isnull=False).exists()
    assert 'data-testid="remind-button"' not in page  # a council member may read, not manage


def test_signatory_sees_who_has_not_opened_and_the_remind_button(client, office, issued):
    login(client, office.chairman)
    page = client.get(reverse("documents:detail", args=[issued.pk])).content.decode()
    assert page.count('data-testid="delivery-row"') == 2
    assert 'data-testid="remind-button"' in page


def test_school_head_outside_the_recipients_gets_404(client, office, issued):
    login(client, office.world.binh)
    assert client.get(reverse("documents:detail", args=[issued.pk])).status_code == 404
    assert client.get(reverse("documents:pdf", args=[issued.pk])).status_code == 404


def test_recipient_downloads_the_stored_pdf_and_docx(client, office, issued):
    login(client, office.world.dung)
    pdf = client.get(reverse("documents:pdf", args=[issued.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content]).startswith(b"%PDF")
    assert client.get(reverse("documents:docx", args=[issued.pk])).content[:2] == b"PK"
    assert (
        Delivery.objects.get(document=issued, unit=office.world.other_commune).first_opened_by
        == office.world.dung
    )


def test_recipient_cannot_remind_and_sees_no_delivery_table(client, office, issued):
    login(client, office.world.an)
    page = client.get(reverse("documents:detail", args=[issued.pk])).content.decode()
    assert 'data-testid="delivery-table"' not in page
    assert client.post(reverse("documents:remind", args=[issued.pk])).status_code == 404


def test_signatory_reminds_unopened_units_from_the_page(client, office, issued):
    login(client, office.chairman)
    response = client.post(reverse("documents:remind", args=[issued.pk]), follow=True)
    assert response.status_code == 200
    assert set(Delivery.objects.filter(document=issued).values_list("reminders", flat=True)) == {1}


def test_drafts_are_previewed_only_on_the_issuer_side(client, office):
    draft = draft_for(office)
    login(client, office.chairman)
    preview = client.get(reverse("documents:pdf", args=[draft.pk]))
    assert preview.status_code == 200 and preview.content.startswith(b"%PDF")
    client.logout()
    login(client, office.world.an)
    assert client.get(reverse("documents:detail", args=[draft.pk])).status_code == 404


def test_register_lists_numbered_documents_in_order(client, office, issued):
    services.document_issue(
        actor=office.chairman, document=draft_for(office, subject="Thứ hai"), issued_on=ON
    )
    login(client, office.chairman)
    page = client.get(reverse("documents:register"), {"issuer": office.world.district.pk, "year": 2020})
    text = page.content.decode()
    assert text.index("01/UBND-NV") < text.index("02/UBND-NV")

"""export_document writes an issued document by its number; unknown and ambiguous numbers are errors."""

from datetime import date

import docx
import pytest
from django.core.management import CommandError, call_command

from thidua.documents import services
from thidua.organization.models import Unit, UnitKind
from thidua.organization.services import unit_create

from .conftest import draft_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(office):
    services.register_set_start(
        actor=None, issuer=office.world.district, year=2020, last_number=2376, reason="Sổ giấy"
    )
    return services.document_issue(
        actor=office.chairman, document=draft_for(office), issued_on=date(2020, 12, 30)
    )


def test_export_writes_the_stored_pdf(issued, tmp_path):
    out = tmp_path / "out.pdf"
    call_command("export_document", "2377/UBND-NV", year=2020, format="pdf", output=str(out), stdout=None)
    assert out.read_bytes() == issued.pdf.open("rb").read()


def test_export_writes_an_editable_docx(issued, tmp_path):
    out = tmp_path / "out.docx"
    call_command("export_document", "2377/UBND-NV", year=2020, format="docx", output=str(out))
    assert docx.Document(str(out)).tables[0].cell(1, 0).text.strip() == "Số: 2377/UBND-NV"


def test_export_refuses_an_unknown_number(issued, tmp_path):
    with pytest.raises(CommandError, match="No document"):
        call_command("export_document", "2378/UBND-NV", year=2020, output=str(tmp_path / "x.pdf"))


def test_export_asks_for_the_issuer_when_two_bodies_used_the_number(issued, office, tmp_path):
    other = Unit.objects.get(pk=office.world.other_commune.pk)
    Unit.objects.filter(pk=other.pk).update(abbreviation="UBND", place_name="Hai")
    nv = unit_create(
        actor=None,
        code="XB-NV",
        name="Văn phòng xã Hai",
        kind=UnitKind.SPECIALISED_OFFICE,
        parent=other,
        abbreviation="NV",
    )
    other.refresh_from_db()
    services.register_set_start(actor=None, issuer=other, year=2020, last_number=2376, reason="Sổ giấy")
    draft = draft_for(office, issuer=other, drafting_unit=nv, place_name="Hai")
    services.document_issue(actor=None, document=draft, issued_on=date(2020, 12, 30))
    with pytest.raises(CommandError, match="Several bodies"):
        call_command("export_document", "2377/UBND-NV", year=2020, output=str(tmp_path / "x.pdf"))
    out = tmp_path / "x.pdf"
    call_command("export_document", "2377/UBND-NV", year=2020, issuer="H", output=str(out))
    assert out.read_bytes().startswith(b"%PDF")

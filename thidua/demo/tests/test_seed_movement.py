"""The demo world carries the seed's movement: dispatch 2377/UBND-NV of 30/12/2020, as PDF and DOCX."""

import io
import re
import shutil
import subprocess
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from docx import Document as Docx

from thidua.demo import seed_movement as seed
from thidua.demo.movement_2021 import RECIPIENT_UNITS
from thidua.demo.world import build_demo_world
from thidua.documents.models import Delivery
from thidua.documents.rendering import render_docx, render_pdf
from thidua.movements.models import Movement, MovementStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("import_admin_units", verbosity=0)
        build_demo_world(people_per_unit=1, progress=lambda _s: None)
        yield
        # Leave the database as the migrations made it, reference data included, for the tests that follow.
        call_command("flush", interactive=False, verbosity=0)
        import_module("thidua.organization.migrations.0002_ethnicities").load(django_apps, None)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _pdf_text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)  # noqa: S607
    return _flat(out.stdout.decode("utf-8"))


@pytest.fixture
def movement(world):
    return Movement.objects.select_related("launch_document").get(year=2021)


def test_the_seed_movement_is_launched_as_2377(movement):
    doc = movement.launch_document
    assert movement.status in {MovementStatus.LAUNCHED, MovementStatus.IN_PROGRESS}
    assert doc.symbol == "2377/UBND-NV"
    assert doc.issued_on.isoformat() == "2020-12-30"
    assert movement.items.count() == 8
    assert movement.signer.full_name == "Bùi Huy Phương"


def test_opening_assessment_carries_the_generated_seed_figures(movement):
    text = movement.opening_assessment
    for fragment in [
        "thu nhập bình quân đầu người đạt 37 triệu đồng/người/năm, tăng 04 triệu đồng/người/năm "
        "so với năm 2019",
        "Thu ngân sách nhà nước trên địa bàn 105.920 triệu đồng, đạt 203,7% KH, tăng 65,8% so với năm 2019",
        "Tổng diện tích trồng cây lương thực là 6.764 ha, đạt 100,3% KH",
        "Tỷ lệ hộ nghèo còn 6,9%, giảm tỷ lệ nghèo trong năm là 2,47%, vượt 0,82% KH giao",
        "26/34 trường, đạt 76,5%",
    ]:
        assert fragment in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by make setup")
def test_launching_pdf_has_the_seed_components_in_nd30_layout(movement):
    text = _pdf_text(render_pdf(movement.launch_document))
    expected = [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN TÂN UYÊN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 2377/UBND-NV",
        "Tân Uyên, ngày 30 tháng 12 năm 2020",
        "PHÁT ĐỘNG THI ĐUA",
        _flat(seed.THEME),
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Bùi Huy Phương",
        "Nơi nhận:",
        "- Ban TĐKT tỉnh;",
        "- UBND các xã, thị trấn;",
        "- Lưu: VT, NV.",
        "đạt 203,7% KH",
    ]
    for fragment in expected:
        assert fragment in text, fragment
    for number, item in enumerate(seed.ITEMS, start=1):
        assert f"{number}. {_flat(item)[:60]}" in text


def test_launching_docx_is_editable_with_the_same_components(movement):
    doc = Docx(io.BytesIO(render_docx(movement.launch_document)))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    text = _flat(" ".join(parts))
    for fragment in [
        "Số: 2377/UBND-NV",
        "Tân Uyên, ngày 30 tháng 12 năm 2020",
        "PHÁT ĐỘNG THI ĐUA",
        "Bùi Huy Phương",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        _flat(seed.ITEMS[7])[:80],
    ]:
        assert fragment in text, fragment


def test_every_recipient_unit_got_the_document(movement):
    delivered = set(
        Delivery.objects.filter(document=movement.launch_document).values_list("unit__code", flat=True)
    )
    assert {
        "LC-BTDKT",
        "TU-HU",
        "TU-HDND",
        "TU-CTTDT",
        "TU-NV",
        "TU-HTX-CHE",
        "X-MK-UBND",
        "TT-TU-UBND",
    } <= delivered
    assert delivered == {code for codes in RECIPIENT_UNITS.values() for code in codes}
    assert len(delivered) == 25  # the Văn phòng is on two lines but gets one delivery


def test_export_document_writes_the_pdf_and_docx_by_number(movement, tmp_path):
    pdf, docx = tmp_path / "2377.pdf", tmp_path / "2377.docx"
    call_command("export_document", "2377/UBND-NV", year=2020, format="pdf", output=str(pdf), verbosity=0)
    call_command("export_document", "2377/UBND-NV", year=2020, format="docx", output=str(docx), verbosity=0)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert docx.read_bytes()[:2] == b"PK"

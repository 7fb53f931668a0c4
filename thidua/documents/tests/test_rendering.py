"""The seed letter comes out of the PDF and DOCX renderers with every component and every letter."""

import io
import shutil
import subprocess
import unicodedata
from datetime import date

import docx
import pytest

from thidua.documents.content import letterhead_for
from thidua.documents.rendering import build_sheet, render_docx, render_pdf
from thidua.documents.samples import launching_letter_2377

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def seed_sheet(number: int | None = 2377, issued_on: date | None = date(2020, 12, 30)):
    return build_sheet(
        kind="CONG_VAN",
        letterhead=letterhead_for("Ủy ban nhân dân huyện Tân Uyên"),
        notation="UBND-NV",
        number=number,
        place_name="Tân Uyên",
        issued_on=issued_on,
        subject="Phát động thi đua năm 2021",
        content=launching_letter_2377(),
        signing_capacity="TM",
        on_behalf_of="Ủy ban nhân dân",
        signer_title="Chủ tịch",
        signer_name="Bùi Huy Phương",
        author="Ủy ban nhân dân huyện Tân Uyên",
    )


def pdf_text(pdf: bytes, tmp_path, *, layout: bool = False) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    out = subprocess.run(args, capture_output=True, check=True, text=True).stdout  # noqa: S603
    return unicodedata.normalize("NFC", out)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed_pdf() -> bytes:
    return render_pdf(seed_sheet())


@needs_poppler
def test_pdf_shows_number_date_title_items_signature_and_recipients(seed_pdf, tmp_path):
    text = flat(pdf_text(seed_pdf, tmp_path))
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "HUYỆN TÂN UYÊN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 2377/UBND-NV",
        "Tân Uyên, ngày 30 tháng 12 năm 2020",
        "PHÁT ĐỘNG THI ĐUA",
        "8. Các cơ quan, đơn vị thông tin đại chúng",
        "Nơi nhận:",
        "- TT. Huyện ủy; (B/c)",
        "- Lưu: VT, NV.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Bùi Huy Phương",
        "105.920 triệu đồng, đạt 203,7% KH",
    ):
        assert expected in text, expected
    for n in range(1, 9):
        assert f"{n}. " in text


@needs_poppler
def test_every_vietnamese_letter_of_the_seed_reaches_the_pdf(seed_pdf, tmp_path):
    source = "".join(b.text for b in launching_letter_2377().body).replace("*", "")
    letters = {ch for ch in source if ch.isalpha()}
    text = pdf_text(seed_pdf, tmp_path)
    missing = sorted(ch for ch in letters if ch not in text)
    assert missing == []


@needs_poppler
def test_pdf_embeds_only_liberation_serif(seed_pdf, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(seed_pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout  # noqa: S603, S607
    names = [line.split()[0] for line in fonts.splitlines()[2:] if line.strip()]
    assert names and all("Liberation-Serif" in n for n in names), names


@needs_poppler
def test_seed_letter_runs_to_a_few_pages_numbered_from_the_second(seed_pdf, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(seed_pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout  # noqa: S603, S607
    pages = int(next(ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages:")))
    assert 2 <= pages <= 5
    first = pdf_text(seed_pdf, tmp_path, layout=True).split("\f")
    assert first[1].strip().splitlines()[0].strip() == "2"
    assert not first[0].strip().splitlines()[0].strip().isdigit()


@needs_poppler
def test_draft_preview_leaves_number_and_date_blank(tmp_path):
    text = flat(pdf_text(render_pdf(seed_sheet(number=None, issued_on=None)), tmp_path))
    assert "Số: /UBND-NV" in text
    assert "Tân Uyên, ngày … tháng … năm …" in text


def test_docx_has_the_header_table_body_and_signature():
    document = docx.Document(io.BytesIO(render_docx(seed_sheet())))
    header, footer = document.tables[0], document.tables[-1]
    assert header.cell(0, 0).text.split("\n")[:2] == ["ỦY BAN NHÂN DÂN", "HUYỆN TÂN UYÊN"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert header.cell(1, 0).text.strip() == "Số: 2377/UBND-NV"
    assert header.cell(1, 1).text.strip() == "Tân Uyên, ngày 30 tháng 12 năm 2020"
    body = [p.text for p in document.paragraphs]
    assert "PHÁT ĐỘNG THI ĐUA" in body
    assert sum(1 for p in body if p[:2] in {f"{n}." for n in range(1, 9)}) == 8
    assert "Nơi nhận:" in footer.cell(0, 0).text and "- Lưu: VT, NV." in footer.cell(0, 0).text
    signature = footer.cell(0, 1).text
    assert "TM. ỦY BAN NHÂN DÂN" in signature and "Bùi Huy Phương" in signature
    run = next(r for p in document.paragraphs for r in p.runs if r.text)
    assert run.font.name == "Times New Roman"

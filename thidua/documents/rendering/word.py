"""Render a sheet to an editable DOCX with python-docx: the same components as the PDF."""

import io
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from thidua.documents.content import MOTTO, NATIONAL_TITLE, inline_runs
from thidua.documents.rendering.sheet import Sheet

# Word users have Times New Roman, which NĐ 30/2020 prescribes; LibreOffice substitutes the
# metric-compatible Liberation Serif.
FONT = "Times New Roman"
TEXT_WIDTH_MM = 210 - 30 - 15


def _font(run: Any, size: float, *, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    # Without the East-Asian attribute Word may pick another font for some Vietnamese letters.
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(
    container: Any,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    before: float = 0,
    after: float = 0,
) -> Any:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    if text:
        _font(paragraph.add_run(text), size, bold=bold, italic=italic)
    return paragraph


def _rule(container: Any, *, width_fraction: float, column_mm: float) -> None:
    """Add a short centred solid line: an empty paragraph with a bottom border and side indents."""
    paragraph = _para(container, size=4)
    indent = Mm(column_mm * (1 - width_fraction) / 2)
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.right_indent = indent
    ppr = paragraph._element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _first_cell_paragraph(cell: Any) -> Any:
    """Drop the empty paragraph python-docx puts in every new cell (we add our own)."""
    for p in list(cell.paragraphs):
        p._element.getparent().remove(p._element)
    return cell


def _page_number_header(section: Any) -> None:
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _font(run, 13)
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)


def sheet_to_docx(sheet: Sheet) -> bytes:
    """Return the sheet as DOCX bytes (A4 portrait, NĐ 30/2020 margins and typography)."""
    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _page_number_header(section)
    core = doc.core_properties
    core.title = sheet.pdf_title
    core.author = sheet.author
    core.keywords = sheet.number_line

    left_mm, right_mm = TEXT_WIDTH_MM * 0.38, TEXT_WIDTH_MM * 0.62
    head = doc.add_table(rows=2, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    head.autofit = False
    for row in head.rows:
        row.cells[0].width, row.cells[1].width = Mm(left_mm), Mm(right_mm)
    issuer = _first_cell_paragraph(head.cell(0, 0))
    for line in sheet.letterhead.governing:
        _para(issuer, line, size=13)
    for line in sheet.letterhead.issuer:
        _para(issuer, line, size=13, bold=True)
    _rule(issuer, width_fraction=0.38, column_mm=left_mm)
    nation = _first_cell_paragraph(head.cell(0, 1))
    _para(nation, NATIONAL_TITLE, size=12, bold=True)
    motto = _para(nation)
    motto_run = motto.add_run(MOTTO)
    _font(motto_run, 13, bold=True)
    motto_run.font.underline = True
    number = _first_cell_paragraph(head.cell(1, 0))
    _para(number, f"Số: {sheet.number_text or '    '}/{sheet.notation}", size=13, before=6)
    if sheet.subject_line:
        _para(number, sheet.subject_line, size=12, before=6)
    when = _first_cell_paragraph(head.cell(1, 1))
    _para(when, sheet.date_line, size=14, italic=True, before=6)

    if sheet.title:
        _para(doc, sheet.title, size=14, bold=True, before=12)
    if sheet.subtitle:
        _para(doc, sheet.subtitle, size=14, bold=True)
    if sheet.title or sheet.subtitle:
        _rule(doc, width_fraction=0.3, column_mm=TEXT_WIDTH_MM)
    if sheet.addressees:
        first, *rest = sheet.addressees
        p = _para(doc, f"Kính gửi: {first}", align=WD_ALIGN_PARAGRAPH.LEFT, before=12)
        p.paragraph_format.left_indent = Cm(3)
        for line in rest:
            q = _para(doc, line, align=WD_ALIGN_PARAGRAPH.LEFT)
            q.paragraph_format.left_indent = Cm(5.2)

    for block in sheet.body:
        centred = block.kind == "center"
        p = _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
        p.paragraph_format.first_line_indent = Cm(0 if centred else 1)
        strong = block.kind in ("heading", "center")
        if block.number:
            _font(p.add_run(f"{block.number} "), 14, bold=strong)
        for run in inline_runs(block.text):
            _font(
                p.add_run(run.text),
                14,
                bold=run.bold or strong,
                italic=run.italic or block.kind == "quote",
            )

    foot = doc.add_table(rows=1, cols=2)
    foot.autofit = False
    foot.rows[0].cells[0].width, foot.rows[0].cells[1].width = (
        Mm(TEXT_WIDTH_MM * 0.45),
        Mm(TEXT_WIDTH_MM * 0.55),
    )
    recipients = _first_cell_paragraph(foot.cell(0, 0))
    _para(recipients, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=6)
    for line in sheet.recipients:
        _para(recipients, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    signature = _first_cell_paragraph(foot.cell(0, 1))
    for i, line in enumerate(sheet.signature_lines):
        _para(signature, line, size=14, bold=True, before=6 if i == 0 else 0)
    _para(signature, "", size=14, after=72)
    _para(signature, sheet.signer_name, size=14, bold=True)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

"""Render official documents: PDF through WeasyPrint, editable DOCX through python-docx.

`render_pdf(document_or_sheet)` and `render_docx(document_or_sheet)` take a stored `Document` (a draft
renders as a preview with a blank number) or a `Sheet` built with `build_sheet` for an unsaved preview.
"""

from typing import Any

from thidua.documents.rendering.pdf import html_to_pdf, render_html
from thidua.documents.rendering.sheet import Sheet, build_sheet, sheet_for
from thidua.documents.rendering.word import sheet_to_docx

__all__ = ["Sheet", "build_sheet", "render_docx", "render_html", "render_pdf", "sheet_for"]


def render_pdf(document_or_preview: Any) -> bytes:
    """Return the document as PDF bytes (A4, NĐ 30/2020 layout)."""
    return html_to_pdf(render_html(sheet_for(document_or_preview)))


def render_docx(document_or_preview: Any) -> bytes:
    """Return the document as an editable DOCX."""
    return sheet_to_docx(sheet_for(document_or_preview))

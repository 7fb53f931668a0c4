"""Render a sheet to PDF: a Django template laid out by WeasyPrint on A4."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from thidua.documents.content import MOTTO, NATIONAL_TITLE, inline_runs
from thidua.documents.rendering.sheet import Sheet

# Liberation Serif 2.x covers every Vietnamese letter; 1.07 (package fonts-liberation) does not, so the
# faces are loaded by path from the liberation2 directory rather than left to fontconfig's choice.
DEFAULT_FONT_DIR = "/usr/share/fonts/truetype/liberation2"
_FACES = (
    ("LiberationSerif-Regular.ttf", "normal", "normal"),
    ("LiberationSerif-Bold.ttf", "bold", "normal"),
    ("LiberationSerif-Italic.ttf", "normal", "italic"),
    ("LiberationSerif-BoldItalic.ttf", "bold", "italic"),
)


def font_faces() -> list[dict[str, str]]:
    """Return the @font-face sources found in THIDUA_DOCUMENT_FONT_DIR (or the Debian liberation2 dir)."""
    folder = Path(getattr(settings, "THIDUA_DOCUMENT_FONT_DIR", None) or DEFAULT_FONT_DIR)
    faces = []
    for filename, weight, style in _FACES:
        path = folder / filename
        if path.is_file():
            faces.append({"url": path.resolve().as_uri(), "weight": weight, "style": style})
    return faces


def render_html(sheet: Sheet) -> str:
    """Return the document as print HTML."""
    blocks: list[dict[str, Any]] = [
        {"kind": b.kind, "number": b.number, "runs": inline_runs(b.text)} for b in sheet.body
    ]
    return render_to_string(
        "documents/official/document.html",
        {
            "sheet": sheet,
            "blocks": blocks,
            "national_title": NATIONAL_TITLE,
            "motto": MOTTO,
            "font_faces": font_faces(),
        },
    )


def html_to_pdf(html: str) -> bytes:
    """Lay out print HTML as PDF bytes."""
    from weasyprint import HTML  # noqa: PLC0415 - heavy import, loaded on first render

    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())

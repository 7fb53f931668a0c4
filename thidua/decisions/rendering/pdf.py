"""Render a print template to PDF with the same fonts as the official documents."""

from typing import Any

from django.template.loader import render_to_string

from thidua.documents.content import MOTTO, NATIONAL_TITLE
from thidua.documents.rendering.pdf import font_faces, html_to_pdf


def print_html(template: str, context: dict[str, Any]) -> str:
    """Return a print template as HTML with the Liberation Serif faces and the national title."""
    data = {"font_faces": font_faces(), "national_title": NATIONAL_TITLE, "motto": MOTTO, **context}
    return render_to_string(template, data)


def print_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Return a print template laid out as PDF bytes."""
    return html_to_pdf(print_html(template, context))

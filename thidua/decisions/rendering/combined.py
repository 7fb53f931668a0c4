"""The decision and its attached list in one PDF, each numbered on its own (for printing)."""

from django.conf import settings

from thidua.decisions.document import decision_preview_sheet
from thidua.decisions.models import Decision, DecisionStatus
from thidua.decisions.rendering.appendix import appendix_context
from thidua.decisions.rendering.pdf import print_html
from thidua.documents.rendering import render_html, sheet_for


def combined_pdf(decision: Decision) -> bytes:
    """Lay out the decision and the attached list separately and join their pages."""
    from weasyprint import HTML  # noqa: PLC0415 - heavy import, loaded on first render

    if decision.status == DecisionStatus.ISSUED and decision.document is not None:
        sheet = sheet_for(decision.document)
    else:
        sheet = decision_preview_sheet(decision)
    base = str(settings.BASE_DIR)
    main = HTML(string=render_html(sheet), base_url=base).render()
    annex = HTML(
        string=print_html("decisions/print/appendix.html", appendix_context(decision)), base_url=base
    ).render()
    return bytes(main.copy([*main.pages, *annex.pages]).write_pdf())

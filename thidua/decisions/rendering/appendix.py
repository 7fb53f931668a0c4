"""The attached list (danh sách kèm theo) of a decision as a separate PDF, sorted the official way."""

from thidua.core.formatting import official_date_line
from thidua.decisions import selectors
from thidua.decisions.models import Decision, DecisionStatus
from thidua.decisions.rendering.pdf import print_pdf
from thidua.decisions.rendering.rows import sections
from thidua.documents import signing
from thidua.documents.content import format_document_number


def attached_to_line(decision: Decision, *, electronic: bool) -> str:
    """Return "(Kèm theo Quyết định số 12/QĐ-UBND ngày 05 tháng 01 năm 2026 của …)".

    In a digitally signed electronic copy the number and date stay blank (NĐ 30/2020 PL I III.1.c):
    the signature carries them.
    """
    document = decision.document
    name = decision.authority_unit.name
    of = f"Chủ tịch {name}" if decision.authority_title.startswith("CHỦ TỊCH") else name
    if document is None or document.number is None or electronic:
        notation = document.notation if document is not None else "QĐ-…"
        return f"(Kèm theo Quyết định số      /{notation} ngày    tháng    năm     của {of})"
    when = official_date_line(document.issued_on, "").removeprefix(", ") if document.issued_on else ""
    number = format_document_number(document.number)
    return f"(Kèm theo Quyết định số {number}/{document.notation} {when} của {of})"


def appendix_context(decision: Decision) -> dict[str, object]:
    """Return what the attached list prints: unit groups with award names, totals and the heading."""
    lines = list(selectors.decision_lines(decision))
    signed = decision.status == DecisionStatus.ISSUED and signing.signing_config() is not None
    return {
        "decision": decision,
        "groups": sections(selectors.group_by_unit(lines), decision.decided_on),
        "totals": selectors.totals(lines),
        "attached_to": attached_to_line(decision, electronic=signed),
        "is_draft": decision.status != DecisionStatus.ISSUED,
    }


def appendix_pdf(decision: Decision) -> bytes:
    """Return the attached list as PDF (A4 portrait, pages numbered on their own)."""
    pdf = print_pdf("decisions/print/appendix.html", appendix_context(decision))
    config = signing.signing_config()
    if config is not None and decision.status == DecisionStatus.ISSUED and decision.document is not None:
        pdf = signing.sign_pdf(pdf, config=config, reason=decision.document.symbol, location="")
    return pdf

"""The payment list (danh sách chi tiền thưởng) of a decision: per unit, with the fund, as PDF and Excel."""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from thidua.decisions import selectors
from thidua.decisions.models import Decision, DecisionStatus
from thidua.decisions.rendering.appendix import attached_to_line
from thidua.decisions.rendering.pdf import print_pdf
from thidua.decisions.rendering.rows import sections
from thidua.documents.services import default_letterhead
from thidua.regulations import amount_in_words


def payment_context(decision: Decision, *, unit_name: str = "") -> dict[str, Any]:
    """Return the payment list: unit sections with subtotals, the grand total and its words."""
    groups = selectors.payment_groups(decision, unit_name=unit_name)
    total = sum(g.total_vnd for g in groups)
    letterhead = (
        decision.document.header if decision.document else default_letterhead(decision.authority_unit)
    )
    return {
        "decision": decision,
        "letterhead": letterhead,
        "sections": sections(groups, decision.decided_on),
        "total_vnd": total,
        "total_words": amount_in_words(total),
        "count": sum(len(g.lines) for g in groups),
        "fund": decision.fund,
        "unit_name": unit_name,
        "attached_to": attached_to_line(decision, electronic=False).replace("Kèm theo", "Theo"),
        "is_draft": decision.status != DecisionStatus.ISSUED,
    }


def payment_pdf(decision: Decision, *, unit_name: str = "") -> bytes:
    """Return the payment list as PDF (A4 landscape, a signature column for each recipient)."""
    return print_pdf("decisions/print/payments.html", payment_context(decision, unit_name=unit_name))


_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_MONEY = "#,##0"


def payment_xlsx(decision: Decision, *, unit_name: str = "") -> bytes:
    """Return the payment list as an Excel workbook with live subtotal and total formulas."""
    data = payment_context(decision, unit_name=unit_name)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Chi tiền thưởng"
    ws.append(["DANH SÁCH CHI TIỀN THƯỞNG"])
    ws.append([data["attached_to"]])
    ws.append([f"Nguồn: {decision.fund}" if decision.fund else ""])
    ws.append([])
    header = [
        "STT",
        "Họ và tên / Tên tập thể",
        "Chức vụ, đơn vị",
        "Danh hiệu, hình thức",
        "Số tiền (đồng)",
        "Ký nhận",
    ]
    ws.append(header)
    head_row = ws.max_row
    subtotal_cells = []
    for section in data["sections"]:
        ws.append([section.numeral, section.unit_name])
        ws.cell(ws.max_row, 1).font = ws.cell(ws.max_row, 2).font = Font(bold=True)
        first = ws.max_row + 1
        for row in section.rows:
            ws.append([row.stt, row.name, row.where, row.award, row.amount, ""])
        last = ws.max_row
        ws.append(["", "Cộng", "", "", f"=SUM(E{first}:E{last})", ""])
        ws.cell(ws.max_row, 2).font = ws.cell(ws.max_row, 5).font = Font(bold=True)
        subtotal_cells.append(f"E{ws.max_row}")
    ws.append(["", "Tổng cộng", "", "", f"={'+'.join(subtotal_cells) or 0}", ""])
    total_row = ws.max_row
    ws.cell(total_row, 2).font = ws.cell(total_row, 5).font = Font(bold=True)
    ws.append(["", f"Bằng chữ: {data['total_words']}."])
    for r in range(head_row, total_row + 1):
        for c in range(1, 7):
            cell = ws.cell(r, c)
            cell.border = _BOX
            if c == 5:
                cell.number_format = _MONEY
            cell.alignment = Alignment(vertical="top", wrap_text=c in (2, 3, 4))
    for c in range(1, 7):
        ws.cell(head_row, c).font = Font(bold=True)
    for letter, width in zip("ABCDEF", (6, 30, 34, 30, 16, 16), strict=True):
        ws.column_dimensions[letter].width = width
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.freeze_panes = ws.cell(head_row + 1, 1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

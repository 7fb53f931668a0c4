"""The reports as files: Excel (openpyxl, Vietnamese headers, text cells defused) and PDF (WeasyPrint,
A4 landscape, the Liberation Serif faces of the official documents)."""

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from thidua.core.formatting import format_percent, official_date_line
from thidua.core.text import defuse_formula as _safe
from thidua.decisions.rendering.pdf import print_pdf
from thidua.documents.services import default_letterhead
from thidua.regulations import Office
from thidua.reports.selectors import TargetLine, YearReport

SUBJECT_VI = {
    "INDIVIDUAL": "Cá nhân",
    "COLLECTIVE": "Tập thể",
    "HOUSEHOLD": "Hộ gia đình",
    "VILLAGE": "Thôn, tổ dân phố",
    "COMMUNE": "Xã, phường, đặc khu",
}
SHARE_VI = {
    "direct_workers": "Người trực tiếp lao động, sản xuất, công tác",
    "women": "Nữ",
    "ethnic_minorities": "Người dân tộc thiểu số",
}
_MONEY = "#,##0"


def _append(ws: Worksheet, values: Sequence[Any], *, bold: bool = False) -> None:
    ws.append([_safe(v) for v in values])
    if bold:
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)


def office_title(report: YearReport) -> str:
    """Return the awarding office line of a report ("Mọi cấp quyết định" when not filtered)."""
    if not report.office:
        return "Tất cả cấp quyết định khen thưởng"
    try:
        return Office(report.office).label
    except ValueError:
        return report.office


def share_rows(report: YearReport) -> list[list[Any]]:
    """Return the priority shares as table rows (group, part, whole, share, threshold, result)."""
    rows = []
    for s in report.shares:
        result = "Không đặt ngưỡng" if s.met is None else ("Đạt" if s.met else "Chưa đạt")
        rows.append(
            [
                SHARE_VI[s.group],
                s.part,
                s.whole,
                format_percent(s.ratio),
                s.threshold.text if s.threshold else "—",
                result,
            ]
        )
    return rows


def year_report_xlsx(report: YearReport) -> bytes:
    """Return the year report as a workbook: one sheet per breakdown, money in whole đồng."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tổng hợp"
    _append(ws, [f"BÁO CÁO THỐNG KÊ KHEN THƯỞNG NĂM {report.year}"], bold=True)
    _append(ws, [f"Đơn vị: {report.root.name}"])
    _append(ws, [f"Cấp quyết định: {office_title(report)}"])
    _append(ws, [])
    _append(ws, ["Chỉ tiêu", "Số lượng", "Tiền thưởng (đồng)"], bold=True)
    _append(ws, ["Tổng số khen thưởng", report.total, report.prize_vnd])
    for line in report.by_subject:
        _append(ws, [f"  {SUBJECT_VI.get(line.key, line.label)}", line.count, line.prize_vnd])
    _append(ws, ["Khen thưởng cá nhân", report.individuals])
    _append(ws, ["  Nữ", report.women])
    _append(ws, ["  Nam", report.men])
    _append(ws, ["  Dân tộc Kinh", report.kinh])
    _append(ws, ["  Dân tộc thiểu số", report.minorities])
    _append(ws, ["  Chưa ghi dân tộc", report.ethnicity_unknown])
    _append(ws, ["  Người trực tiếp lao động, sản xuất, công tác", report.direct_workers])
    _append(ws, ["Khen thưởng đã bị hủy bỏ (không tính)", report.revoked_excluded])
    for row in ws.iter_rows(min_row=6, max_row=ws.max_row, min_col=3, max_col=3):
        row[0].number_format = _MONEY

    sheet = wb.create_sheet("Theo danh hiệu")
    _append(
        sheet,
        ["Mã", "Danh hiệu, hình thức", "Cá nhân", "Tập thể", "Hộ gia đình", "Tổng số", "Tiền thưởng (đồng)"],
        bold=True,
    )
    for a in report.by_award:
        _append(sheet, [a.code, a.name, a.individuals, a.collectives, a.households, a.count, a.prize_vnd])
    _append(
        sheet,
        [
            "",
            "Cộng",
            sum(a.individuals for a in report.by_award),
            sum(a.collectives for a in report.by_award),
            sum(a.households for a in report.by_award),
            report.total,
            report.prize_vnd,
        ],
        bold=True,
    )
    for row in sheet.iter_rows(min_row=2, min_col=7, max_col=7):
        row[0].number_format = _MONEY

    for title, head, lines in (
        ("Theo cấp", "Cấp khen thưởng", report.by_level),
        ("Theo cấp quyết định", "Cấp quyết định", report.by_office),
        ("Theo đơn vị", "Đơn vị", report.by_unit),
    ):
        sheet = wb.create_sheet(title)
        _append(sheet, [head, "Số lượng", "Tiền thưởng (đồng)"], bold=True)
        for line in lines:
            _append(sheet, [line.label, line.count, line.prize_vnd])
        for row in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
            row[0].number_format = _MONEY

    sheet = wb.create_sheet("Theo dân tộc")
    _append(sheet, ["Dân tộc", "Số lượt khen thưởng cá nhân"], bold=True)
    for line in report.by_ethnicity:
        _append(sheet, [line.label, line.count])

    sheet = wb.create_sheet("Tỷ lệ ưu tiên")
    _append(sheet, ["Nhóm", "Số lượt", "Tổng số lượt cá nhân", "Tỷ lệ", "Ngưỡng", "Kết quả"], bold=True)
    for row in share_rows(report):
        _append(sheet, row)
    _append(sheet, [])
    _append(sheet, [f"Căn cứ: {report.share_basis} (nguyên tắc ưu tiên); ngưỡng do cơ quan cấu hình."])
    for s in wb.worksheets:
        s.column_dimensions["A"].width = 48
        s.column_dimensions["B"].width = 34 if s.title == "Theo danh hiệu" else 16
        for letter in "CDEFG":
            s.column_dimensions[letter].width = 18
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def year_report_pdf(report: YearReport, *, on: date) -> bytes:
    """Return the year report as PDF (A4 landscape)."""
    root = report.root
    return print_pdf(
        "reports/print/year.html",
        {
            "report": report,
            "letterhead": default_letterhead(root),
            "date_line": official_date_line(on, root.place_name or root.name),
            "office_title": office_title(report),
            "subject_vi": SUBJECT_VI,
            "share_rows": share_rows(report),
        },
    )


def targets_xlsx(lines: Sequence[TargetLine], *, year: int) -> bytes:
    """Return the targets against plan by unit as a workbook."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"Chỉ tiêu {year}"
    _append(
        ws,
        [
            "Đơn vị",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Kế hoạch",
            "Thực hiện",
            "Kỳ số liệu",
            "Hoàn thành kế hoạch (%)",
            "Năm trước",
            "Tăng/giảm so năm trước (%)",
        ],
        bold=True,
    )
    for line in lines:
        row = line.row
        a = row.assessment
        change = a.change.relative_pct if a.change is not None else None
        _append(
            ws,
            [
                line.unit.name,
                line.indicator.name,
                line.indicator.unit_of_measure,
                row.target.planned,
                row.actual.value if row.actual is not None else None,
                row.actual.period_label if row.actual is not None else "",
                a.completion_pct,
                row.target.previous_actual,
                change,
            ],
        )
    for letter, width in zip("ABCDEFGHI", (40, 48, 14, 14, 14, 14, 12, 14, 18), strict=True):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

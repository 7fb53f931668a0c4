"""The dossier log book (Sổ theo dõi hồ sơ, Mẫu 06 of TT 01/2018) as a workbook."""

import io
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from thidua.core.text import defuse_formula
from thidua.public.models import Application, Status

HEADERS = [
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ vào ngày",
    "Hẹn trả kết quả",
    "Trạng thái",
    "Ngày có kết quả",
    "Trả kết quả (ngày)",
    "Ghi chú",
]


def _day(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y")


def logbook_xlsx(applications: Iterable[Application], *, authority: str, start: date, end: date) -> bytes:
    """Write the log book of the dossiers sent between ``start`` and ``end`` (inclusive)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Sổ theo dõi hồ sơ"
    sheet.append([defuse_formula(authority.upper())])
    sheet.append([f"SỔ THEO DÕI HỒ SƠ (từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y})"])
    sheet["A2"].font = Font(bold=True)
    sheet.append(HEADERS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, a in enumerate(applications, start=1):
        decided = next((e.occurred_at for e in a.events.all() if e.to_status == Status.DONE), None)
        contact = ", ".join(x for x in (a.applicant_address, a.applicant_phone) if x)
        applicant = a.applicant_name + (f" ({a.organisation_name})" if a.organisation_name else "")
        sheet.append(
            [
                i,
                defuse_formula(a.code or ""),
                defuse_formula(a.procedure.name),
                1,
                defuse_formula(applicant),
                defuse_formula(contact),
                defuse_formula(a.procedure.authority_unit.name),
                _day(a.received_on or a.submitted_at),
                _day(a.due_on),
                str(Status(a.status).label),
                _day(decided),
                _day(a.delivered_at),
                defuse_formula(a.refusal_reason or a.result_note),
            ]
        )
    for column, width in zip(
        "ABCDEFGHIJKLM", (5, 24, 40, 8, 24, 30, 28, 12, 12, 18, 12, 12, 30), strict=True
    ):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

"""Spreadsheet exports of a movement."""

import io

from openpyxl import Workbook

from thidua.movements.models import Movement
from thidua.movements.registrations import registration_table
from thidua.regulations.catalogue import award


def registration_workbook(movement: Movement) -> bytes:
    """Write the consolidated registration table: one row per unit, one column per title."""
    codes, rows, totals = registration_table(movement)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Đăng ký thi đua")
    ws.append([f"Tổng hợp đăng ký thi đua – {movement.title}"])
    ws.append(["STT", "Đơn vị", "Trạng thái", *[award(c).name for c in codes]])
    for n, row in enumerate(rows, start=1):
        reg = row.registration
        ws.append([n, reg.unit.name, reg.get_status_display(), *[row.counts.get(c, 0) for c in codes]])
    ws.append(["", "Cộng (đã chấp nhận)", "", *[totals.get(c, 0) for c in codes]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()

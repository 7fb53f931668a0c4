"""Certificates (Giấy khen, Bằng khen, Bằng chứng nhận) as one print-ready PDF per decision, and the
calibration page for pre-printed blanks. Each certificate carries a QR code of its public verification
address."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings

from thidua.core.formatting import format_date, official_date_line
from thidua.decisions import qr, selectors
from thidua.decisions.layout import DEFAULT_FIELDS, FieldBox, resolve_fields
from thidua.decisions.models import CertificateLayout, Decision, DecisionLine, DecisionStatus
from thidua.decisions.rendering.pdf import print_pdf
from thidua.decisions.rendering.rows import where_text
from thidua.documents.content import signature_lines, upper_vi
from thidua.regulations import AwardKind, award

DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8000"
_HEADINGS = {"GIAY_KHEN": "GIẤY KHEN", "BK_TINH": "BẰNG KHEN", "BK_TTG": "BẰNG KHEN"}


def verification_url(token: str) -> str:
    """Return the public address that verifies a certificate: {base}/xac-minh/<token>."""
    base = str(
        getattr(settings, "THIDUA_PUBLIC_BASE_URL", DEFAULT_PUBLIC_BASE_URL) or DEFAULT_PUBLIC_BASE_URL
    )
    return f"{base.rstrip('/')}/xac-minh/{token}"


def heading_for(code: str, on: date) -> tuple[str, str]:
    """Return the lead-in and the large heading: ("TẶNG", "GIẤY KHEN") or ("TẶNG DANH HIỆU", "CHIẾN SĨ…")."""
    if code in _HEADINGS:
        return "TẶNG", _HEADINGS[code]
    entry = award(code)
    if entry.kind is AwardKind.TITLE:
        return "TẶNG DANH HIỆU", upper_vi(entry.name_on(on))
    return "TẶNG", upper_vi(entry.name_on(on))


def achievement_for(line: DecisionLine, on: date) -> str:
    """Return the achievement text: as written on the line, or the usual sentence for the award."""
    if line.achievement:
        return line.achievement
    if award(line.award_code).kind is AwardKind.TITLE:
        return f"Đã đạt danh hiệu {award(line.award_code).name_on(on)} năm {line.year}"
    return f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {line.year}"


def certificate_texts(decision: Decision, line: DecisionLine) -> dict[str, Any]:
    """Return the text of every field of one line's certificate."""
    document = decision.document
    issued = document is not None and document.number is not None and document.issued_on is not None
    on = document.issued_on if issued and document and document.issued_on else decision.decided_on
    place = decision.authority_unit.place_name or decision.authority_unit.name
    lead, heading = heading_for(line.award_code, on)
    recipient = f"{line.honorific} {line.display_name}" if line.honorific else line.display_name
    return {
        "national_title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto": "Độc lập - Tự do - Hạnh phúc",
        "authority": decision.authority_title,
        "lead": lead,
        "heading": heading,
        "recipient": recipient,
        "position": where_text(line),
        "achievement": achievement_for(line, on),
        "date_line": official_date_line(on, place) if issued else f"{place}, ngày … tháng … năm …",
        "signature_title": signature_lines(
            decision.signing_capacity, decision.on_behalf_of, decision.signer_title
        ),
        "signer": decision.signer_name,
        "decision_line": (
            f"Quyết định số {document.symbol} ngày {format_date(document.issued_on)}"
            if issued and document
            else "Quyết định số …"
        ),
        "certificate_number": f"Số: {line.certificate_number}" if line.certificate_number else "Số: …",
    }


@dataclass(frozen=True)
class SheetLayout:
    """A resolved layout: page size, whether to print the background, and the field boxes."""

    key: str
    width_mm: float
    height_mm: float
    print_background: bool
    boxes: dict[str, FieldBox]


def sheet_layout(layout: CertificateLayout | None, *, print_background: bool | None = None) -> SheetLayout:
    """Resolve a stored layout (or the A4-landscape default) into boxes in mm."""
    if layout is None:
        return SheetLayout(
            "default",
            297.0,
            210.0,
            True if print_background is None else print_background,
            resolve_fields(None),
        )
    return SheetLayout(
        f"l{layout.pk}",
        float(layout.page_width_mm),
        float(layout.page_height_mm),
        layout.print_background if print_background is None else print_background,
        resolve_fields(
            layout.positions, offset_x=float(layout.offset_x_mm), offset_y=float(layout.offset_y_mm)
        ),
    )


def certificate_pages(
    decision: Decision,
    lines: list[DecisionLine],
    *,
    layout: CertificateLayout | None = None,
    print_background: bool | None = None,
) -> tuple[list[dict[str, Any]], list[SheetLayout]]:
    """Return one page per line (texts, QR as SVG, layout key) and the distinct layouts used."""
    used: dict[str, SheetLayout] = {}
    pages = []
    issued = decision.status == DecisionStatus.ISSUED
    for line in lines:
        stored = layout or selectors.layout_for_award(decision.authority_unit, line.award_code)
        sheet = sheet_layout(stored, print_background=print_background)
        used.setdefault(sheet.key, sheet)
        box = sheet.boxes["qr"]
        url = verification_url(line.verification_token)
        pages.append(
            {
                "layout": sheet,
                "texts": certificate_texts(decision, line),
                "qr": qr.to_svg(qr.encode(url), size_mm=box.width, title=url) if issued else "",
            }
        )
    return pages, list(used.values())


def certificates_pdf(
    decision: Decision,
    *,
    every_line: bool = False,
    layout: CertificateLayout | None = None,
    print_background: bool | None = None,
) -> bytes:
    """Return every certificate of the decision in one PDF, one page per line."""
    lines = selectors.certificate_lines(decision, every_line=every_line)
    pages, layouts = certificate_pages(decision, lines, layout=layout, print_background=print_background)
    return print_pdf(
        "decisions/print/certificates.html",
        {"pages": pages, "layouts": layouts, "decision": decision, "is_draft": decision.status != "ISSUED"},
    )


def certificate_pdf_for_line(line: DecisionLine) -> bytes:
    """Return the certificate of one line of an issued decision (what its recipient downloads)."""
    decision = line.decision
    pages, layouts = certificate_pages(decision, [line])
    return print_pdf(
        "decisions/print/certificates.html",
        {"pages": pages, "layouts": layouts, "decision": decision, "is_draft": decision.status != "ISSUED"},
    )


def calibration_pdf(layout: CertificateLayout | None) -> bytes:
    """Return a test page with a millimetre grid and every field's box, to lay on a blank and compare."""
    sheet = sheet_layout(layout, print_background=False)
    width, height = int(sheet.width_mm), int(sheet.height_mm)
    return print_pdf(
        "decisions/print/calibration.html",
        {
            "sheet": sheet,
            "layout": layout,
            "boxes": [sheet.boxes[f.name] for f in DEFAULT_FIELDS],
            "xs": list(range(width + 1)),
            "ys": list(range(height + 1)),
            "labels_x": list(range(0, width + 1, 10)),
            "labels_y": list(range(0, height + 1, 10)),
        },
    )

"""Certificates: the text of each field, one page per line, layouts and the public verification."""

import io
from datetime import date
from decimal import Decimal

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from thidua.awards.services import award_revoke
from thidua.core.errors import ValidationFailed
from thidua.decisions import selectors, services
from thidua.decisions.rendering.certificates import (
    calibration_pdf,
    certificate_texts,
    certificates_pdf,
    sheet_layout,
    verification_url,
)
from thidua.organization.models import Unit

from .conftest import draft, person_line

pytestmark = pytest.mark.django_db


def _pages(pdf: bytes) -> int:
    return int(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Count"])


@pytest.fixture
def issued(commune):
    decision = draft(commune)
    t = commune.teachers
    services.decision_add_lines(
        actor=commune.world.an,
        decision=decision,
        lines=[
            person_line(t[0], "LDTT"),
            person_line(t[1], "CSTDCS"),
            person_line(t[2], "GIAY_KHEN"),
            {"subject_kind": "COLLECTIVE", "unit": commune.world.school, "award_code": "GIAY_KHEN"},
        ],
    )
    return services.decision_issue(actor=commune.chairman, decision=decision, issued_on=date(2026, 8, 3))


def test_only_awards_with_a_printed_certificate_get_one(issued):
    codes = sorted(line.award_code for line in selectors.certificate_lines(issued))
    assert codes == ["CSTDCS", "GIAY_KHEN", "GIAY_KHEN"]  # LĐTT comes with money only
    assert len(selectors.certificate_lines(issued, every_line=True)) == 4


def test_a_certificate_names_the_authority_the_recipient_the_decision_and_its_number(issued):
    line = issued.lines.get(award_code="CSTDCS")
    texts = certificate_texts(issued, line)
    assert texts["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ MỘT"
    assert (texts["lead"], texts["heading"]) == ("TẶNG DANH HIỆU", "CHIẾN SĨ THI ĐUA CƠ SỞ")
    assert texts["recipient"] == "Bà Lê Thị Ánh"
    assert texts["date_line"] == "Một, ngày 03 tháng 8 năm 2026"
    assert texts["decision_line"] == "Quyết định số 01/QĐ-UBND ngày 03/08/2026"
    assert texts["certificate_number"] == f"Số: {line.certificate_number}"
    assert texts["signature_title"] == ["CHỦ TỊCH"]
    school = issued.lines.get(award_code="GIAY_KHEN", subject_kind="COLLECTIVE")
    assert certificate_texts(issued, school)["heading"] == "GIẤY KHEN"


def test_the_batch_has_one_page_per_certificate(issued):
    assert _pages(certificates_pdf(issued)) == 3
    assert _pages(certificates_pdf(issued, every_line=True, print_background=False)) == 4


def test_the_qr_address_uses_the_public_base_url(settings, issued):
    settings.THIDUA_PUBLIC_BASE_URL = "https://thidua.laichau.gov.vn/"
    line = issued.lines.first()
    assert verification_url(line.verification_token) == (
        f"https://thidua.laichau.gov.vn/xac-minh/{line.verification_token}"
    )


def test_verification_tells_valid_revoked_and_unknown_apart(commune, issued):
    line = issued.lines.get(award_code="CSTDCS")
    result = selectors.verify_token(line.verification_token)
    assert result.status == "valid"
    assert (result.decision_symbol, result.decision_date) == ("01/QĐ-UBND", "03/08/2026")
    assert result.recipient == "L. T. Ánh"
    assert result.award_name == "Chiến sĩ thi đua cơ sở"
    assert selectors.verify_token("khong-co-ma-nay").status == "unknown"
    line.refresh_from_db()
    award_revoke(
        actor=commune.chairman,
        award=line.award,
        reason="a",
        decision_symbol="05/QĐ-UBND",
        decided_on=date(2026, 10, 1),
    )
    revoked = selectors.verify_token(line.verification_token)
    assert revoked.status == "revoked" and revoked.revoked_on == "01/10/2026"


def test_a_draft_line_cannot_be_verified(commune):
    decision = draft(commune)
    (line,) = services.decision_add_lines(
        actor=commune.world.an, decision=decision, lines=[person_line(commune.teachers[0], "GIAY_KHEN")]
    )
    assert selectors.verify_token(line.verification_token).status == "unknown"


def test_a_layout_moves_fields_and_shifts_the_whole_sheet(commune):
    layout = services.layout_save(
        actor=commune.chairman,
        owner_unit=commune.world.district,
        name="Phôi Giấy khen A4",
        award_codes="giay_khen",
        offset_x_mm=Decimal("1.5"),
        offset_y_mm=Decimal("-2"),
        positions={"recipient": {"y": "90", "size": "28"}},
        print_background=False,
    )
    sheet = sheet_layout(layout)
    assert (sheet.boxes["recipient"].y, sheet.boxes["recipient"].size) == (88.0, 28.0)
    assert sheet.boxes["recipient"].x == 21.5  # default 20 + 1,5 mm shift
    assert not sheet.print_background
    # The commune below the district finds the layout for Giấy khen, not for CSTĐCS.
    commune_unit = Unit.objects.get(pk=commune.world.commune.pk)
    assert selectors.layout_for_award(commune_unit, "GIAY_KHEN") == layout
    assert selectors.layout_for_award(commune_unit, "CSTDCS") is None
    assert _pages(calibration_pdf(layout)) == 1


def test_a_layout_refuses_unknown_fields_and_awards(commune):
    with pytest.raises(ValidationFailed):
        services.layout_save(actor=None, owner_unit=commune.world.district, name="X", award_codes="NOPE")
    with pytest.raises(ValidationFailed):
        services.layout_save(
            actor=None, owner_unit=commune.world.district, name="X", positions={"stamp": {"x": 1}}
        )

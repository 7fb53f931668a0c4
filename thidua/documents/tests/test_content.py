"""The pure NĐ 30/2020 rules: numbers, notations, letterheads, date lines, signature and recipient lines."""

import unicodedata
from datetime import date

import pytest

from thidua.documents.content import (
    Block,
    DocumentContent,
    addressee_lines,
    date_line,
    inline_runs,
    letterhead_for,
    notation_for,
    parse_symbol,
    recipient_lines,
    signature_lines,
    symbol,
    upper_vi,
)
from thidua.documents.samples import launching_letter_2377
from thidua.documents.workflow import WorkflowRefused, next_status


@pytest.mark.parametrize(
    ("number", "expected"), [(1, "01/UBND-NV"), (5, "05/UBND-NV"), (12, "12/UBND-NV"), (2377, "2377/UBND-NV")]
)
def test_numbers_below_ten_get_one_leading_zero(number, expected):
    assert symbol(number, "UBND-NV") == expected


def test_a_draft_symbol_has_a_blank_number():
    assert symbol(None, "UBND-NV") == "/UBND-NV"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("CONG_VAN", "UBND-NV"),
        ("QD", "QĐ-UBND"),
        ("KH", "KH-UBND"),
        ("BC", "BC-UBND"),
        ("TB", "TB-UBND"),
        ("TTR", "TTr-UBND"),
        ("QYD", "QyĐ-UBND"),
    ],
)
def test_notation_follows_the_type_or_the_drafting_unit(kind, expected):
    assert notation_for(kind, "UBND", "NV") == expected


def test_official_letter_has_no_invented_abbreviation():
    assert "CV" not in notation_for("CONG_VAN", "UBND", "VX")


def test_symbol_is_parsed_back_with_or_without_leading_zero():
    assert parse_symbol("2377/UBND-NV") == (2377, "UBND-NV")
    assert parse_symbol("Số: 05/QĐ-UBND") == (5, "QĐ-UBND")
    with pytest.raises(ValueError, match="not a document number"):
        parse_symbol("UBND-NV")


def test_committee_letterhead_splits_body_and_locality():
    head = letterhead_for("Ủy ban nhân dân huyện Tân Uyên")
    assert head.governing == ()
    assert head.issuer == ("ỦY BAN NHÂN DÂN", "HUYỆN TÂN UYÊN")


def test_office_letterhead_prints_its_governing_body_above():
    head = letterhead_for("Phòng Nội vụ huyện Tân Uyên", governing_name="Ủy ban nhân dân huyện Tân Uyên")
    assert head.governing == ("UBND HUYỆN TÂN UYÊN",)
    assert head.issuer == ("PHÒNG NỘI VỤ",)


def test_upper_case_keeps_vietnamese_letters_composed():
    text = upper_vi(unicodedata.normalize("NFD", "ủy ban nhân dân xã đạo"))
    assert text == "ỦY BAN NHÂN DÂN XÃ ĐẠO"
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2020, 12, 30), "Tân Uyên, ngày 30 tháng 12 năm 2020"),
        (date(2025, 2, 1), "Tân Uyên, ngày 01 tháng 02 năm 2025"),
        (date(2025, 3, 9), "Tân Uyên, ngày 09 tháng 3 năm 2025"),
    ],
)
def test_date_line_pads_days_and_the_first_two_months(on, expected):
    assert date_line("Tân Uyên", on) == expected


def test_signature_lines_for_each_capacity():
    assert signature_lines("TM", "Ủy ban nhân dân", "Chủ tịch") == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert signature_lines("KT", "Chủ tịch", "Phó Chủ tịch") == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert signature_lines("NONE", "", "Chủ tịch") == ["CHỦ TỊCH"]
    assert signature_lines("Q", "", "Giám đốc") == ["Q. GIÁM ĐỐC"]


def test_recipient_list_ends_with_the_archive_line():
    content = DocumentContent(recipients=("Ban TĐKT tỉnh", "TT. Huyện ủy; (B/c)"), archive="VT, NV")
    assert recipient_lines(content, has_addressees=False) == [
        "- Ban TĐKT tỉnh;",
        "- TT. Huyện ủy; (B/c)",
        "- Lưu: VT, NV.",
    ]
    assert recipient_lines(content, has_addressees=True)[0] == "- Như trên;"


def test_addressees_one_on_the_line_several_as_a_list():
    assert addressee_lines(["UBND tỉnh Lai Châu"]) == ["UBND tỉnh Lai Châu."]
    assert addressee_lines(["Sở Nội vụ", "Ban TĐKT"]) == ["- Sở Nội vụ;", "- Ban TĐKT."]


def test_content_survives_json_storage():
    content = launching_letter_2377()
    assert DocumentContent.from_dict(content.to_dict()) == content


def test_seed_letter_has_three_paragraphs_eight_items_and_a_closing():
    content = launching_letter_2377()
    items = [b for b in content.body if b.kind == "item"]
    assert [b.number for b in items] == [f"{n}." for n in range(1, 9)]
    assert [b.kind for b in content.body].count("paragraph") == 3
    assert content.body[-1].text.endswith("các nhiệm vụ chính trị của địa phương./.")


def test_bold_and_italic_marks_become_runs():
    runs = inline_runs('chủ đề: **"Đảng bộ"**. Phong trào "*Chung tay*".')
    assert [(r.text, r.bold, r.italic) for r in runs] == [
        ("chủ đề: ", False, False),
        ('"Đảng bộ"', True, False),
        ('. Phong trào "', False, False),
        ("Chung tay", False, True),
        ('".', False, False),
    ]


def test_blocks_refuse_unknown_kinds():
    with pytest.raises(ValueError, match="Unknown block kind"):
        Block("table", "x")


def test_issued_documents_cannot_be_edited_but_can_be_cancelled():
    assert next_status("DRAFT", "issue") == "ISSUED"
    assert next_status("ISSUED", "cancel") == "CANCELLED"
    with pytest.raises(WorkflowRefused):
        next_status("ISSUED", "update")
    with pytest.raises(WorkflowRefused):
        next_status("CANCELLED", "issue")

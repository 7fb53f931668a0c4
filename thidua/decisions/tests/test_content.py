"""The decision's wording (pure): articles, legal bases by date, counts, the authority line."""

from datetime import date

from thidua.decisions import content
from thidua.decisions.layout import resolve_fields
from thidua.decisions.selectors import mask_name


def _text(groups, total=3_800_000):
    return content.DecisionText(
        authority_title="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN UYÊN",
        legal_bases=tuple(content.default_legal_bases(date(2026, 8, 1))),
        proposed_by="Hội đồng Thi đua - Khen thưởng xã Tân Uyên",
        groups=tuple(groups),
        total_vnd=total,
        base_salary=2_530_000,
        fund="Quỹ thi đua, khen thưởng xã",
        executors="Chánh Văn phòng",
        recipients=("Như Điều 3;",),
        archive="VT, VP",
        on=date(2026, 8, 1),
    )


def test_one_award_is_conferred_in_article_1_with_the_count():
    groups = content.award_groups([("LDTT", 2026, "INDIVIDUAL")] * 12)
    doc = content.decision_content(_text(groups))
    texts = [b.text for b in doc.body]
    assert texts[0] == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN UYÊN"
    assert (
        "**Điều 1.** Tặng danh hiệu “Lao động tiên tiến” năm 2026 cho 12 cá nhân (có danh sách kèm theo)."
        in texts
    )
    assert (
        texts[-2].startswith("**Điều 2.**")
        and "3.800.000 đồng (bằng chữ: Ba triệu tám trăm nghìn đồng)" in texts[-2]
    )
    assert texts[-1].endswith("chịu trách nhiệm thi hành Quyết định này./.")


def test_several_awards_are_numbered_items_ending_with_a_full_stop():
    groups = content.award_groups(
        [("LDTT", 2026, "INDIVIDUAL"), ("GIAY_KHEN", 2026, "INDIVIDUAL"), ("GIAY_KHEN", 2026, "COLLECTIVE")]
    )
    doc = content.decision_content(_text(groups))
    items = [b for b in doc.body if b.kind == "item"]
    assert [i.number for i in items] == ["1.", "2."]
    assert items[1].text == "Tặng Giấy khen cho 01 cá nhân và 01 tập thể đã có thành tích xuất sắc năm 2026."
    assert items[0].text.endswith(";")


def test_the_legal_bases_end_with_the_proposer():
    doc = content.decision_content(_text(content.award_groups([("LDTT", 2026, "INDIVIDUAL")])))
    quotes = [b.text for b in doc.body if b.kind == "quote"]
    assert all(q.endswith(";") for q in quotes[:-1])
    assert quotes[-1] == "Theo đề nghị của Hội đồng Thi đua - Khen thưởng xã Tân Uyên."


def test_the_decree_cited_follows_the_decision_date():
    assert "152/2025/NĐ-CP" in content.default_legal_bases(date(2025, 7, 1))[2]
    assert "98/2023/NĐ-CP" in content.default_legal_bases(date(2025, 6, 30))[2]


def test_the_authority_line_names_the_chairman_of_a_committee():
    assert (
        content.authority_title_for("Ủy ban nhân dân xã Tân Uyên") == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN UYÊN"
    )
    assert content.authority_title_for("Sở Nội vụ tỉnh Lai Châu") == "SỞ NỘI VỤ TỈNH LAI CHÂU"


def test_public_names_are_masked_to_initials_and_the_given_name():
    assert mask_name("Nguyễn Thị Ánh") == "N. T. Ánh"
    assert mask_name("An") == "An"


def test_layout_defaults_are_kept_for_fields_not_given():
    boxes = resolve_fields({"signer": {"x": "160"}}, offset_y=1)
    assert boxes["signer"].x == 160 and boxes["signer"].y == 181
    assert boxes["heading"].static and not boxes["recipient"].static

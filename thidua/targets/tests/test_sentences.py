"""Generated sentences reproduce the 2020 results of dispatch 2377/UBND-NV, without a database."""

from decimal import Decimal

import pytest

from thidua.targets.calculation import Direction, Figures
from thidua.targets.sentences import (
    SentenceStyle,
    Wording,
    as_sentence,
    clause,
    figure,
    paragraph,
    pct,
    sentence,
)

INCOME = Wording(
    "thu nhập bình quân đầu người", "triệu đồng/người/năm", SentenceStyle.VALUE_VS_PREVIOUS, "đạt", decimals=1
)
BUDGET = Wording(
    "thu ngân sách nhà nước trên địa bàn", "triệu đồng", SentenceStyle.VALUE_VS_PLAN_AND_PREVIOUS
)
AREA = Wording("tổng diện tích trồng cây lương thực", "ha", SentenceStyle.VALUE_VS_PLAN, "là")
POVERTY = Wording("tỷ lệ hộ nghèo", "%", SentenceStyle.RATE_REDUCTION, "còn", "tỷ lệ nghèo", decimals=2)
SCHOOLS = Wording("tổng số trường chuẩn quốc gia", "trường", SentenceStyle.RATIO)
NTM = Wording("đạt chuẩn nông thôn mới", "xã", SentenceStyle.COUNT_RATIO, "có")
HEALTH = Wording(
    "đạt tiêu chí quốc gia về y tế", "xã, thị trấn", SentenceStyle.COUNT_RATIO, "duy trì, nâng cao chất lượng"
)

UP, DOWN = Direction.HIGHER, Direction.LOWER

D = Decimal


@pytest.mark.parametrize(
    ("wording", "figures", "expected"),
    [
        (
            INCOME,
            Figures(UP, actual=D("37"), previous=D("33")),
            "thu nhập bình quân đầu người đạt 37 triệu đồng/người/năm, "
            "tăng 04 triệu đồng/người/năm so với năm 2019",
        ),
        (
            BUDGET,
            Figures(UP, actual=D("105920"), planned=D("52000"), previous=D("63880")),
            "thu ngân sách nhà nước trên địa bàn 105.920 triệu đồng, "
            "đạt 203,7% KH, tăng 65,8% so với năm 2019",
        ),
        (
            AREA,
            Figures(UP, actual=D("6764"), planned=D("6744")),
            "tổng diện tích trồng cây lương thực là 6.764 ha, đạt 100,3% KH",
        ),
        (
            POVERTY,
            Figures(DOWN, actual=D("6.9"), planned=D("7.72"), previous=D("9.37")),
            "tỷ lệ hộ nghèo còn 6,9%, giảm tỷ lệ nghèo trong năm là 2,47%, vượt 0,82% KH giao",
        ),
        (
            SCHOOLS,
            Figures(UP, actual=D("26"), previous=D("20"), denominator=D("34")),
            "tổng số trường chuẩn quốc gia 26/34 trường, đạt 76,5%, tăng 06 trường so với năm 2019",
        ),
        (
            NTM,
            Figures(UP, actual=D("9"), previous=D("8"), denominator=D("9")),
            "có 09/09 xã đạt chuẩn nông thôn mới, tăng 01 xã so với năm 2019",
        ),
        (
            HEALTH,
            Figures(UP, actual=D("10"), denominator=D("10")),
            "duy trì, nâng cao chất lượng 10/10 xã, thị trấn đạt tiêu chí quốc gia về y tế",
        ),
    ],
)
def test_seed_results_of_2020_are_reproduced(wording, figures, expected):
    assert clause(wording, figures, year=2020) == expected


def test_seed_fragments_appear_exactly_in_the_sentences():
    made = [
        sentence(INCOME, Figures(UP, actual=D("37"), previous=D("33")), year=2020),
        sentence(BUDGET, Figures(UP, actual=D("105920"), planned=D("52000"), previous=D("63880")), year=2020),
        sentence(AREA, Figures(UP, actual=D("6764"), planned=D("6744")), year=2020),
        sentence(POVERTY, Figures(DOWN, actual=D("6.9"), planned=D("7.72"), previous=D("9.37")), year=2020),
        sentence(SCHOOLS, Figures(UP, actual=D("26"), previous=D("20"), denominator=D("34")), year=2020),
    ]
    text = " ".join(s or "" for s in made)
    assert (
        "hu nhập bình quân đầu người đạt 37 triệu đồng/người/năm, "
        "tăng 04 triệu đồng/người/năm so với năm 2019" in text
    )
    assert (
        "Thu ngân sách nhà nước trên địa bàn 105.920 triệu đồng, đạt 203,7% KH, tăng 65,8% so với năm 2019"
        in text
    )
    assert "Tổng diện tích trồng cây lương thực là 6.764 ha, đạt 100,3% KH" in text
    assert "còn 6,9%, giảm tỷ lệ nghèo trong năm là 2,47%, vượt 0,82% KH giao" in text
    assert "26/34 trường, đạt 76,5%" in text
    assert made[0] == made[0][0].upper() + made[0][1:] and made[0].endswith("2019.")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (D("4"), 0, "04"),  # a count below 10 takes a leading zero
        (D("4.0"), 1, "04"),  # also when the indicator allows decimals but the figure is whole
        (D("9"), 0, "09"),
        (D("10"), 0, "10"),
        (D("0"), 0, "0"),  # nothing to pad
        (D("4.5"), 1, "4,5"),  # a fraction is not a count
        (D("105920"), 0, "105.920"),
        (D("6.90"), 2, "6,9"),  # trailing zeros dropped
        (D("2.475"), 2, "2,48"),  # half up
    ],
)
def test_figures_are_written_the_vietnamese_administrative_way(value, decimals, expected):
    assert figure(value, decimals) == expected


def test_percentages_are_never_padded():
    assert pct(D("5")) == "5%"
    assert pct(D("203.65")) == "203,7%"
    poverty = clause(POVERTY, Figures(DOWN, actual=D("5"), planned=D("6"), previous=D("7")), year=2020)
    assert poverty == "tỷ lệ hộ nghèo còn 5%, giảm tỷ lệ nghèo trong năm là 2%, vượt 1% KH giao"


@pytest.mark.parametrize(
    ("wording", "figures", "expected"),
    [
        (
            INCOME,
            Figures(UP, actual=D("30"), previous=D("33")),
            "thu nhập bình quân đầu người đạt 30 triệu đồng/người/năm, "
            "giảm 03 triệu đồng/người/năm so với năm 2019",
        ),
        (
            INCOME,
            Figures(UP, actual=D("33"), previous=D("33")),
            "thu nhập bình quân đầu người đạt 33 triệu đồng/người/năm, bằng năm 2019",
        ),
        (
            AREA,
            Figures(UP, actual=D("6500"), planned=D("6744")),
            "tổng diện tích trồng cây lương thực là 6.500 ha, đạt 96,4% KH, chưa đạt KH (thiếu 244 ha)",
        ),
        (
            BUDGET,
            Figures(UP, actual=D("50000"), planned=D("52000"), previous=D("60000")),
            "thu ngân sách nhà nước trên địa bàn 50.000 triệu đồng, đạt 96,2% KH, "
            "chưa đạt KH (thiếu 2.000 triệu đồng), "
            "giảm 16,7% so với năm 2019",
        ),
        (
            POVERTY,
            Figures(DOWN, actual=D("8"), planned=D("7.72"), previous=D("9.37")),
            "tỷ lệ hộ nghèo còn 8%, giảm tỷ lệ nghèo trong năm là 1,37%, chưa đạt KH giao (cao hơn KH 0,28%)",
        ),
        (
            POVERTY,
            Figures(DOWN, actual=D("7.72"), planned=D("7.72"), previous=D("7.5")),
            "tỷ lệ hộ nghèo còn 7,72%, tăng tỷ lệ nghèo trong năm là 0,22%, đạt KH giao",
        ),
        (
            AREA,
            Figures(UP, actual=D("6764")),  # no plan: the plan clause is left out
            "tổng diện tích trồng cây lương thực là 6.764 ha",
        ),
        (
            SCHOOLS,
            Figures(UP, actual=D("26"), planned=D("28"), previous=D("20"), denominator=D("34")),
            "tổng số trường chuẩn quốc gia 26/34 trường, đạt 76,5%, đạt 92,9% KH, "
            "chưa đạt KH (thiếu 02 trường), "
            "tăng 06 trường so với năm 2019",
        ),
    ],
)
def test_falls_misses_and_missing_figures_are_worded(wording, figures, expected):
    assert clause(wording, figures, year=2020) == expected


def test_no_sentence_without_an_actual():
    assert clause(AREA, Figures(UP, actual=None, planned=D("6744")), year=2020) is None
    assert sentence(AREA, Figures(UP, actual=None), year=2020) is None


def test_paragraph_follows_the_lead_in_then_writes_sentences():
    text = paragraph(["thu nhập đạt 37", "thu ngân sách 105.920"], lead_in="Kết thúc năm 2020, ")
    assert text == "Kết thúc năm 2020, thu nhập đạt 37. Thu ngân sách 105.920."
    assert as_sentence("có 09/09 xã.") == "Có 09/09 xã."
    assert paragraph([]) == ""

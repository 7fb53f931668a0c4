"""The demo hook loads the seed's 2020 results, and the generated sentences carry the seed's figures."""

from decimal import Decimal

import pytest

from thidua.core.models import AuditEvent
from thidua.targets.demo import load_demo_targets
from thidua.targets.models import Indicator, Target
from thidua.targets.selectors import (
    opening_assessment_paragraph,
    opening_assessment_sentences,
    rollup,
    target_completion,
)

pytestmark = pytest.mark.django_db

SEED_FRAGMENTS = [
    "thu nhập bình quân đầu người đạt 37 triệu đồng/người/năm, tăng 04 triệu đồng/người/năm so với năm 2019",
    "Thu ngân sách nhà nước trên địa bàn 105.920 triệu đồng, đạt 203,7% KH, tăng 65,8% so với năm 2019",
    "Tổng diện tích trồng cây lương thực là 6.764 ha, đạt 100,3% KH",
    "Tỷ lệ hộ nghèo còn 6,9%, giảm tỷ lệ nghèo trong năm là 2,47%, vượt 0,82% KH giao",
    "26/34 trường, đạt 76,5%, tăng 06 trường so với năm 2019",
    "Duy trì, nâng cao chất lượng 10/10 xã, thị trấn đạt tiêu chí quốc gia về y tế",
    "Có 09/09 xã đạt chuẩn nông thôn mới, tăng 01 xã so với năm 2019",
]


def test_the_opening_paragraph_carries_every_seed_figure(tan_uyen):
    load_demo_targets(unit=tan_uyen.district)
    text = opening_assessment_paragraph(tan_uyen.district, 2020)
    assert text.startswith(
        "Kết thúc năm 2020, thu nhập bình quân đầu người đạt 37 triệu đồng/người/năm, "
        "tăng 04 triệu đồng/người/năm so với năm 2019. Thu ngân sách"
    )
    for fragment in SEED_FRAGMENTS:
        assert fragment in text


def test_sentences_come_in_display_order_one_per_indicator(tan_uyen):
    load_demo_targets(unit=tan_uyen.district)
    sentences = opening_assessment_sentences(tan_uyen.district, 2020)
    assert len(sentences) == 8
    assert sentences[0].startswith("Thu nhập bình quân đầu người đạt 37")
    assert sentences[1].startswith("Thu ngân sách nhà nước")
    assert sentences[3] == "Sản lượng lương thực đạt 31.850 tấn."
    assert sentences[-1] == "Có 09/09 xã đạt chuẩn nông thôn mới, tăng 01 xã so với năm 2019."
    assert all(s.endswith(".") for s in sentences)


def test_loading_twice_changes_nothing(tan_uyen):
    load_demo_targets(unit=tan_uyen.district)
    events = AuditEvent.objects.count()
    load_demo_targets(unit=tan_uyen.district)
    assert AuditEvent.objects.count() == events
    assert Indicator.objects.count() == 8
    assert Target.objects.filter(unit=tan_uyen.district).count() == 8


def test_commune_targets_roll_up_to_the_district(tan_uyen):
    load_demo_targets(unit=tan_uyen.district)
    revenue = rollup(tan_uyen.district, Indicator.objects.get(code="THU-NSNN"), 2020)
    assert [c.unit.code for c in revenue.contributions] == ["TT-TU-UBND", "X-MK-UBND", "X-NS-UBND"]
    assert revenue.actual == Decimal("41250") + Decimal("8930") + Decimal("4870")
    assert revenue.planned == Decimal("27800")
    assert [u.code for u in revenue.missing] == ["X-PT-UBND"]  # the fourth commune has no target
    assert not revenue.is_complete
    assert revenue.own is not None and revenue.own.actual is not None
    assert revenue.own.actual.value == Decimal("105920")


def test_the_poverty_rate_rolls_up_weighted_by_households(tan_uyen):
    load_demo_targets(unit=tan_uyen.district)
    poverty = rollup(tan_uyen.district, Indicator.objects.get(code="TL-HN"), 2020)
    households = Decimal(2150 + 1320 + 980)
    expected = (Decimal("1.95") * 2150 + Decimal("8.80") * 1320 + Decimal("12.40") * 980) / households
    assert poverty.actual == expected
    assert poverty.denominator == households


def test_scoring_reads_the_completion_ratio(tan_uyen):
    load_demo_targets(unit=tan_uyen.district)
    ratio = target_completion(unit=tan_uyen.district, year=2020, indicator_code="THU-NSNN")
    assert ratio == Decimal("2.036923")
    poverty = target_completion(unit=tan_uyen.district, year=2020, indicator_code="TL-HN")
    assert poverty == Decimal("1.118841")  # 7,72 ÷ 6,9: below the plan completes it
    assert target_completion(unit=tan_uyen.district, year=2020, indicator_code="TN-BQ") is None  # no plan
    assert target_completion(unit=tan_uyen.district, year=2021, indicator_code="THU-NSNN") is None
    assert target_completion(unit=tan_uyen.district, year=2020, indicator_code="NOPE") is None

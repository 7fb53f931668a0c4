"""Demo targets: the 2020 results of huyện Tân Uyên as written in dispatch 2377/UBND-NV (30/12/2020).

The district's actuals are the seed's figures. The seed gives no plans or 2019 figures except through
its percentages, so the plans and previous-year figures below are chosen to give exactly the seed's
rounded numbers (105.920 ÷ 52.000 = 203,7%; 105.920 ÷ 63.880 − 1 = 65,8%; 6.764 ÷ 6.744 = 100,3%;
9,37 − 6,9 = 2,47; 7,72 − 6,9 = 0,82). The commune figures are invented for the roll-up demo.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from thidua.organization.models import Unit
from thidua.targets.models import Aggregation, Direction, Indicator, IndicatorKind, PeriodKind, Target
from thidua.targets.sentences import SentenceStyle
from thidua.targets.services import actual_report, indicator_create, target_set

COMMUNE_CODES = ("TT-TU-UBND", "X-MK-UBND", "X-NS-UBND")


@dataclass(frozen=True)
class DemoIndicator:
    """An indicator of the demo catalogue."""

    code: str
    name: str
    phrase: str
    verb: str
    uom: str
    style: SentenceStyle
    kind: str = IndicatorKind.VALUE
    direction: str = Direction.HIGHER
    aggregation: str = Aggregation.SUM
    decimals: int = 0
    short_name: str = ""


INDICATORS = [
    DemoIndicator(
        "TN-BQ",
        "Thu nhập bình quân đầu người",
        "thu nhập bình quân đầu người",
        "đạt",
        "triệu đồng/người/năm",
        SentenceStyle.VALUE_VS_PREVIOUS,
        aggregation=Aggregation.NONE,
        decimals=1,
    ),
    DemoIndicator(
        "THU-NSNN",
        "Thu ngân sách nhà nước trên địa bàn",
        "thu ngân sách nhà nước trên địa bàn",
        "",
        "triệu đồng",
        SentenceStyle.VALUE_VS_PLAN_AND_PREVIOUS,
    ),
    DemoIndicator(
        "DT-CLT",
        "Tổng diện tích trồng cây lương thực",
        "tổng diện tích trồng cây lương thực",
        "là",
        "ha",
        SentenceStyle.VALUE_VS_PLAN,
    ),
    DemoIndicator("SL-LT", "Sản lượng lương thực", "sản lượng lương thực", "đạt", "tấn", SentenceStyle.VALUE),
    DemoIndicator(
        "TL-HN",
        "Tỷ lệ hộ nghèo",
        "tỷ lệ hộ nghèo",
        "còn",
        "%",
        SentenceStyle.RATE_REDUCTION,
        kind=IndicatorKind.RATE,
        direction=Direction.LOWER,
        aggregation=Aggregation.WEIGHTED,
        decimals=2,
        short_name="tỷ lệ nghèo",
    ),
    DemoIndicator(
        "TRUONG-CQG",
        "Trường đạt chuẩn quốc gia",
        "tổng số trường chuẩn quốc gia",
        "",
        "trường",
        SentenceStyle.RATIO,
        kind=IndicatorKind.RATIO,
    ),
    DemoIndicator(
        "XA-TCQG-YT",
        "Xã, thị trấn đạt tiêu chí quốc gia về y tế",
        "đạt tiêu chí quốc gia về y tế",
        "duy trì, nâng cao chất lượng",
        "xã, thị trấn",
        SentenceStyle.COUNT_RATIO,
        kind=IndicatorKind.RATIO,
    ),
    DemoIndicator(
        "XA-NTM",
        "Xã đạt chuẩn nông thôn mới",
        "đạt chuẩn nông thôn mới",
        "có",
        "xã",
        SentenceStyle.COUNT_RATIO,
        kind=IndicatorKind.RATIO,
    ),
]

# code: (planned, previous year's actual, actual, whole)
DISTRICT_2020: dict[str, tuple[str | None, str | None, str, str | None]] = {
    "TN-BQ": (None, "33", "37", None),
    "THU-NSNN": ("52000", "63880", "105920", None),
    "DT-CLT": ("6744", None, "6764", None),
    "SL-LT": (None, None, "31850", None),
    "TL-HN": ("7.72", "9.37", "6.9", None),
    "TRUONG-CQG": (None, "20", "26", "34"),
    "XA-TCQG-YT": (None, None, "10", "10"),
    "XA-NTM": (None, "8", "9", "9"),
}

# Invented commune figures: code: (planned, previous, actual, whole or weight in households)
COMMUNES_2020: dict[str, dict[str, tuple[str | None, str | None, str, str | None]]] = {
    "TT-TU-UBND": {
        "THU-NSNN": ("21000", "26500", "41250", None),
        "DT-CLT": ("310", "305", "312", None),
        "TL-HN": ("2.10", "2.85", "1.95", "2150"),
    },
    "X-MK-UBND": {
        "THU-NSNN": ("4200", "5100", "8930", None),
        "DT-CLT": ("905", "898", "910", None),
        "TL-HN": ("9.50", "11.40", "8.80", "1320"),
    },
    "X-NS-UBND": {
        "THU-NSNN": ("2600", "3050", "4870", None),
        "DT-CLT": ("640", "652", "628", None),
        "TL-HN": ("12.00", "14.20", "12.40", "980"),
    },
}


def ensure_indicators(*, actor: Any) -> dict[str, Indicator]:
    """Create the demo indicators that do not exist yet; return all of them by code."""
    existing = {i.code: i for i in Indicator.objects.filter(code__in=[d.code for d in INDICATORS])}
    for order, d in enumerate(INDICATORS, start=1):
        if d.code in existing:
            continue
        existing[d.code] = indicator_create(
            actor=actor,
            code=d.code,
            name=d.name,
            phrase=d.phrase,
            value_verb=d.verb,
            unit_of_measure=d.uom,
            direction=d.direction,
            kind=d.kind,
            aggregation=d.aggregation,
            decimals=d.decimals,
            sentence_style=d.style.value,
            display_order=order * 10,
            short_name=d.short_name,
            reason="demo",
        )
    return existing


def _load(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    figures: dict[str, tuple[str | None, str | None, str, str | None]],
    indicators: dict[str, Indicator],
) -> list[Target]:
    reported_on = date(year, 12, 15)
    targets = []
    for code, (planned, previous, actual, whole) in figures.items():
        target = target_set(
            actor=actor,
            unit=unit,
            indicator=indicators[code],
            year=year,
            planned=Decimal(planned) if planned else None,
            previous_actual=Decimal(previous) if previous else None,
            denominator=Decimal(whole) if whole else None,
            reason="demo",
        )
        actual_report(
            actor=actor,
            target=target,
            period_kind=PeriodKind.YEAR,
            period_index=1,
            value=Decimal(actual),
            reported_on=reported_on,
            reason="demo",
        )
        targets.append(target)
    return targets


@transaction.atomic
def load_demo_targets(*, unit: Unit, year: int = 2020, actor: Any = None) -> list[Target]:
    """Create the seed's indicators and `year` figures for `unit`, and invented ones for three communes.

    The communes (codes in `COMMUNE_CODES`) are loaded when they exist; the district's figures are the
    seed's whatever `year` is. Running it twice changes nothing.
    """
    indicators = ensure_indicators(actor=actor)
    targets = _load(actor=actor, unit=unit, year=year, figures=DISTRICT_2020, indicators=indicators)
    for commune in Unit.objects.filter(code__in=COMMUNE_CODES, path__startswith=unit.path).order_by("code"):
        targets += _load(
            actor=actor, unit=commune, year=year, figures=COMMUNES_2020[commune.code], indicators=indicators
        )
    return targets

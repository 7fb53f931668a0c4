"""Demo history for the award register: evaluations 2021–2025 and the LĐTT / CSTĐCS decisions they led to.

Titles for a year are decided in January of the next year: by the Chủ tịch UBND huyện Tân Uyên while the
district existed (to 30/06/2025), by the Chủ tịch UBND xã after the 2025 reform; commune officials' LĐTT were
always within the commune chairman's power. One teacher of the town's lower-secondary school holds CSTĐCS
for 2023, 2024 and 2025 and a provincial initiative, so the demo can propose her for CSTĐ tỉnh in 2026.
"""

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from thidua.awards.models import Award, Evaluation, Rating, Scope, SubjectKind
from thidua.awards.services import award_record, evaluation_set, initiative_record, unit_evaluation_set
from thidua.organization.models import Person, Unit
from thidua.regulations import RegulationError, load_rule_pack, prize_money
from thidua.regulations import SubjectKind as EngineSubject

DEMO_UNITS = ("TT-TU-THCS", "TT-TU-TH", "X-MK-UBND", "X-MK-THCS")
STAR_UNIT = "TT-TU-THCS"
FIRST_YEAR = 2021
REFORM = date(2025, 7, 1)
SOURCE = "demo"
# Share of each rating among the demo staff, in percent.
RATING_WEIGHTS = ((Rating.HTXS, 25), (Rating.HTT, 55), (Rating.HT, 15), (Rating.KHT, 5))
STAR_INITIATIVE = "Ứng dụng sơ đồ tư duy trong dạy học Ngữ văn ở trường trung học cơ sở vùng cao"


@dataclass(frozen=True)
class Decision:
    """Who decided a batch of titles, when, and under which number."""

    decided_on: date
    office: str
    symbol: str


def _decision(year: int, code: str, unit_code: str) -> Decision:
    decided_on = date(year + 1, 1, 15)
    commune_staff = unit_code.endswith("-UBND")
    if decided_on >= REFORM:
        office, issuer = "CT_UBND_XA", "UBND"
        number = 12 if code == "LDTT" else 13
    elif commune_staff and code == "LDTT":
        office, issuer, number = "CT_UBND_XA", "UBND", 3
    else:
        office, issuer = "CT_UBND_HUYEN", "UBND"
        number = 40 + (year % 10) * 2 + (0 if code == "LDTT" else 1)
    return Decision(decided_on, office, f"{number}/QĐ-{issuer}")


def _prize(code: str, on: date) -> int:
    try:
        return prize_money(code, EngineSubject.INDIVIDUAL, on, rules=load_rule_pack()).amount
    except RegulationError:
        return 0  # no coefficient recorded for that era


def _title(person: Person, code: str, year: int, unit_code: str) -> Award:
    d = _decision(year, code, unit_code)
    return award_record(
        actor=None,
        subject_kind=SubjectKind.INDIVIDUAL,
        person=person,
        award_code=code,
        year=year,
        decided_on=d.decided_on,
        authority_office=d.office,
        decision_symbol=d.symbol,
        source_ref=SOURCE,
        prize_vnd=_prize(code, d.decided_on),
        achievement=f"Thành tích năm {year}",
    )


def _rating(rng: random.Random) -> str:
    values = [r for r, _w in RATING_WEIGHTS]
    return rng.choices(values, weights=[w for _r, w in RATING_WEIGHTS])[0]


@transaction.atomic
def load_demo_history(*, units: dict[str, Unit], up_to_year: int = 2025, seed: int = 2021) -> dict[str, Any]:
    """Give the staff of a few demo units evaluations and titles from 2021 to `up_to_year`.

    Returns counts and the teacher who is eligible to be proposed for CSTĐ tỉnh for `up_to_year`.
    Loading twice changes nothing.
    """
    codes = [c for c in DEMO_UNITS if c in units]
    existing = Award.objects.filter(source_ref=SOURCE).exists()
    people = {c: list(Person.objects.filter(unit=units[c]).order_by("id")) for c in codes}
    star = people[STAR_UNIT][0] if people.get(STAR_UNIT) else None
    if existing:
        return {"people": sum(len(p) for p in people.values()), "awards": 0, "evaluations": 0, "star": star}
    rng = random.Random(seed)
    awards = evaluations = 0
    for code in codes:
        ldtt_by_year: dict[int, int] = {}
        for person in people[code]:
            for year in range(FIRST_YEAR, up_to_year + 1):
                is_star = person == star
                rating = Rating.HTXS if is_star else _rating(rng)
                evaluation_set(actor=None, person=person, year=year, rating=rating, source=SOURCE)
                evaluations += 1
                if rating not in (Rating.HTXS, Rating.HTT):
                    continue
                _title(person, "LDTT", year, code)
                awards += 1
                ldtt_by_year[year] = ldtt_by_year.get(year, 0) + 1
                if rating == Rating.HTXS and ((is_star and year >= up_to_year - 2) or rng.random() < 0.4):
                    _title(person, "CSTDCS", year, code)
                    awards += 1
        if star is not None and code == STAR_UNIT:
            initiative_record(
                actor=None,
                person=star,
                year=up_to_year - 1,
                title=STAR_INITIATIVE,
                scope=Scope.TINH,
                recognised_by="Hội đồng sáng kiến tỉnh Lai Châu",
                recognised_on=date(up_to_year - 1, 11, 20),
            )
        awards += _collective(units[code], code, len(people[code]), ldtt_by_year, up_to_year)
    return {
        "people": sum(len(p) for p in people.values()),
        "awards": awards,
        "evaluations": evaluations,
        "star": star,
    }


def _collective(unit: Unit, code: str, members: int, ldtt_by_year: dict[int, int], up_to_year: int) -> int:
    """Rate the unit each year and give it TTLĐTT where more than half its staff were LĐTT."""
    count = 0
    for year in range(FIRST_YEAR, up_to_year + 1):
        if not members:
            continue
        good = ldtt_by_year.get(year, 0) * 2 > members
        unit_evaluation_set(
            actor=None, unit=unit, year=year, rating=Rating.HTT if good else Rating.HT, source=SOURCE
        )
        if not good or code.endswith("-UBND"):
            continue  # a commune People's Committee is rated, but proposes its own collective upward
        d = _decision(year, "CSTDCS", code)  # collective titles follow the CSTĐCS authority
        award_record(
            actor=None,
            subject_kind=SubjectKind.COLLECTIVE,
            unit=unit,
            award_code="TTLDTT",
            year=year,
            decided_on=d.decided_on,
            authority_office=d.office,
            decision_symbol=d.symbol,
            source_ref=SOURCE,
        )
        count += 1
    return count


def demo_summary() -> str:
    """Describe the loaded history for the console."""
    return (
        f"Sổ khen thưởng: {Award.objects.filter(source_ref=SOURCE).count()} khen thưởng, "
        f"{Evaluation.objects.filter(source=SOURCE).count()} kết quả đánh giá."
    )

"""Time the award register: verdicts built from the register, "on track" sentences, and the Excel import.

Usage: bench/bench_awards.py [--people N] [--repeat R]

Runs on a throwaway SQLite database (THIDUA_DB_PATH=/tmp/bench_awards.sqlite3). Builds one commune with ten
schools sharing N people, gives each person five years (2021–2025) of ratings and LĐTT / CSTĐCS titles, then
times: the CSTĐ tỉnh verdict of every person (one by one, then as one list), the "on track"
sentences of 100 people, the TTLĐTT verdict of one school (member counts over its staff), a timeline, and
the import of N earlier awards from a spreadsheet (check only, then recorded).
"""

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _time(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["THIDUA_DB_PATH"] = "/tmp/bench_awards.sqlite3"  # noqa: S108
    Path(os.environ["THIDUA_DB_PATH"]).unlink(missing_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from openpyxl import Workbook

    call_command("migrate", verbosity=0)
    from thidua.awards import selectors
    from thidua.awards.models import Award, AwardStatus, Evaluation, SubjectKind
    from thidua.awards.spreadsheets import import_awards
    from thidua.organization.models import Person, PersonMembership, Sex, Unit, UnitKind

    commune = Unit.objects.create(code="X", name="Ủy ban nhân dân xã Thử", kind=UnitKind.PEOPLES_COMMITTEE)
    schools = [
        Unit.objects.create(code=f"X-S{i}", name=f"Trường số {i}", kind=UnitKind.SCHOOL, parent=commune)
        for i in range(10)
    ]
    people = Person.objects.bulk_create(
        [
            Person(
                full_name=f"Lò Văn Người {i}",
                family_name="Lò",
                middle_name="Văn",
                given_name=f"Người{i}",
                sex=Sex.MALE,
                date_of_birth=date(1980, 1, 1 + i % 28),
                id_number=f"{12_000_000_000 + i:012d}",
                unit=schools[i % 10],
            )
            for i in range(args.people)
        ],
        batch_size=1000,
    )
    PersonMembership.objects.bulk_create(
        [PersonMembership(person=p, unit=p.unit, valid_from=date(2015, 1, 1)) for p in people],
        batch_size=1000,
    )
    evaluations, awards = [], []
    for i, p in enumerate(people):
        for year in range(2021, 2026):
            rating = "HTXS" if (i + year) % 3 == 0 else "HTT"
            evaluations.append(Evaluation(person=p, year=year, rating=rating))
            decided = date(year + 1, 1, 15)
            office = "CT_UBND_HUYEN" if decided < date(2025, 7, 1) else "CT_UBND_XA"
            common = {
                "subject_kind": SubjectKind.INDIVIDUAL,
                "person": p,
                "year": year,
                "decided_on": decided,
                "authority_office": office,
                "status": AwardStatus.VALID,
            }
            awards.append(Award(award_code="LDTT", decision_symbol=f"{year}/QĐ-UBND", **common))
            if rating == "HTXS" or i % 7 == 0:
                awards.append(Award(award_code="CSTDCS", decision_symbol=f"{year}1/QĐ-UBND", **common))
    Evaluation.objects.bulk_create(evaluations, batch_size=2000)
    Award.objects.bulk_create(awards, batch_size=2000)
    print(f"{len(people)} people, {len(evaluations)} evaluations, {len(awards)} awards")

    on = date(2026, 3, 2)

    def verdicts() -> None:
        for p in people:
            selectors.eligibility_for_person(person=p, award_code="CSTD_TINH", year=2025, on=on)

    all_s = _time(verdicts, args.repeat)
    print(
        f"CSTĐ tỉnh verdict, every person:   {all_s:8.2f} s  ({all_s / len(people) * 1000:.2f} ms per person)"
    )
    items = [(p, "CSTD_TINH", 2025) for p in people]
    bulk_s = _time(lambda: selectors.eligibility_for_people(items=items, on=on), args.repeat)
    print(f"the same, as one list:             {bulk_s:8.2f} s  ({bulk_s / len(people) * 1000:.2f} ms each)")
    track_s = _time(lambda: [selectors.on_track(p, on=on) for p in people[:100]], args.repeat)
    print(f"on-track sentences, 100 people:    {track_s * 1000:8.1f} ms  ({track_s * 10:.2f} ms per person)")
    unit_ms = _time(
        lambda: selectors.eligibility_for_unit(unit=schools[0], award_code="TTLDTT", year=2025, on=on),
        args.repeat,
    )
    print(f"TTLĐTT verdict of a school ({len(people) // 10} staff): {unit_ms * 1000:6.1f} ms")
    line_ms = _time(lambda: selectors.person_timeline(people[0]), args.repeat)
    print(f"person timeline:                   {line_ms * 1000:8.1f} ms")

    wb = Workbook()
    ws = wb.active
    ws.append(["Số định danh", "Danh hiệu/Hình thức", "Năm", "Số quyết định", "Ngày quyết định", "Cấp khen"])
    for p in people:
        ws.append([p.id_number, "Giấy khen", 2025, "99/QĐ-UBND", "20/02/2026", "CT_UBND_XA"])
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    scope = Unit.objects.all()

    def run(dry_run: bool) -> Any:
        return import_awards(
            io.BytesIO(data),
            actor=None,
            size=len(data),
            max_bytes=50 * 1024 * 1024,
            units=scope,
            dry_run=dry_run,
        )

    t = time.perf_counter()
    report = run(True)
    check_s = time.perf_counter() - t
    t = time.perf_counter()
    recorded = run(False)
    record_s = time.perf_counter() - t
    assert report.is_clean and recorded.created == len(people), recorded.errors[:3]
    print(f"import {len(people)} awards, check only: {check_s:8.2f} s")
    print(f"import {len(people)} awards, recorded:   {record_s:8.2f} s")


if __name__ == "__main__":
    main()

"""Time the targets reads and the Excel import at province scale.

Usage: bench/bench_targets.py [--communes N] [--repeat R]

Runs on a throwaway SQLite database (THIDUA_DB_PATH=/tmp/bench_targets.sqlite3). Builds a province People's
Committee with districts of ten communes each (N communes in all), gives every commune a revenue target and a
poverty-rate target with a year's actual, then times: the roll-up of both indicators to the province, the
generated sentences of one unit, and the import of N actuals from a spreadsheet (check only, then recorded).
"""

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
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
    parser.add_argument("--communes", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["THIDUA_DB_PATH"] = "/tmp/bench_targets.sqlite3"  # noqa: S108
    Path(os.environ["THIDUA_DB_PATH"]).unlink(missing_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from openpyxl import Workbook

    call_command("migrate", verbosity=0)
    from thidua.organization.models import Unit, UnitKind
    from thidua.targets.demo import ensure_indicators
    from thidua.targets.models import Target, TargetActual
    from thidua.targets.selectors import opening_assessment_sentences, rollup
    from thidua.targets.spreadsheets import import_actuals

    pc = UnitKind.PEOPLES_COMMITTEE
    province = Unit.objects.create(code="P", name="Ủy ban nhân dân tỉnh Thử", kind=pc)
    communes: list[Unit] = []
    for d in range((args.communes + 9) // 10):
        district = Unit.objects.create(
            code=f"D{d}", name=f"Ủy ban nhân dân huyện {d}", kind=pc, parent=province
        )
        for c in range(min(10, args.communes - len(communes))):
            communes.append(
                Unit.objects.create(
                    code=f"D{d}-X{c}", name=f"Ủy ban nhân dân xã {d}-{c}", kind=pc, parent=district
                )
            )
    indicators = ensure_indicators(actor=None)
    revenue, poverty = indicators["THU-NSNN"], indicators["TL-HN"]
    targets = []
    for i, u in enumerate(communes):
        targets.append(
            Target(unit=u, indicator=revenue, year=2020, planned=Decimal(4000 + i), previous_actual=5000)
        )
        targets.append(
            Target(
                unit=u,
                indicator=poverty,
                year=2020,
                planned=Decimal("8.5"),
                previous_actual=10,
                denominator=1200,
            )
        )
    Target.objects.bulk_create(targets, batch_size=1000)
    saved = list(Target.objects.filter(year=2020))
    TargetActual.objects.bulk_create(
        [
            TargetActual(
                target=t,
                period_kind="YEAR",
                period_index=1,
                value=Decimal("7.9"),
                reported_on=date(2020, 12, 15),
            )
            for t in saved
            if t.indicator_id == poverty.pk
        ],
        batch_size=1000,
    )
    print(f"{len(communes)} communes, {len(saved)} targets")

    sum_ms = _time(lambda: rollup(province, revenue, 2020), args.repeat) * 1000
    weighted_ms = _time(lambda: rollup(province, poverty, 2020), args.repeat) * 1000
    sentences_ms = _time(lambda: opening_assessment_sentences(communes[0], 2020), args.repeat) * 1000
    print(f"roll-up to the province, SUM:      {sum_ms:8.1f} ms")
    print(f"roll-up to the province, WEIGHTED: {weighted_ms:8.1f} ms")
    print(f"sentences of one unit:             {sentences_ms:8.1f} ms")

    wb = Workbook()
    ws = wb.active
    ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Năm", "Kỳ", "Giá trị"])
    for i, u in enumerate(communes):
        ws.append([u.code, "THU-NSNN", 2020, "Năm", f"{8000 + i}"])
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    by_code = {u.code: u for u in communes}

    def run(dry_run: bool) -> Any:
        return import_actuals(
            io.BytesIO(data),
            actor=None,
            size=len(data),
            max_bytes=50 * 1024 * 1024,
            units_by_code=by_code,
            on=date(2021, 1, 5),
            dry_run=dry_run,
        )

    t = time.perf_counter()
    report = run(True)
    check_s = time.perf_counter() - t
    t = time.perf_counter()
    report = run(False)
    import_s = time.perf_counter() - t
    assert report.created == len(communes), report.errors[:3]
    n = len(communes)
    print(f"import check only: {check_s:6.2f} s for {n} rows ({check_s / n * 1000:.2f} ms/row)")
    print(f"import recorded:   {import_s:6.2f} s for {n} rows ({import_s / n * 1000:.2f} ms/row, audited)")


if __name__ == "__main__":
    main()

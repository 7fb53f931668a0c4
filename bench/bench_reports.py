"""Time the year report of a province on PostgreSQL with a large award register.

Usage: bench/bench_reports.py [--awards N] [--repeat R] [--regenerate] [--explain]

Uses its own database, `thidua_bench_reports_province`: the `province` profile of bench/generate.py (one
province, 100 communes, 50,000 people) plus N awards (default: the awards already loaded, else 100,000;
the figure in bench/README.md is for --awards 1000000) streamed with COPY over the evaluation years
2016–2025: individual titles and forms to random people, collective ones to random units, about 0.5 %
revoked. The awards are generated again
only when N, the seed or the generator version change (or with --regenerate, which rebuilds everything).

Times, median of R runs: the year report of the provincial People's Committee for 2025 (by award, level,
office, subject, the 101 units below it, sex, ethnic group, direct workers, shares), the same limited to
one awarding office, the year report of one commune, its Excel file, and the dashboard's series (awards
by year and kind over five years; the priority shares of a year).
"""

import argparse
import random
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

from bench import generate  # noqa: E402

PREFIX = "thidua_bench_reports"
AWARDS_VERSION = 1
SEED = 2026
YEARS = range(2016, 2026)
DEFAULT_AWARDS = 100_000
# (award code, weight, prize in VND) for people; collectives below.
PERSON_CODES = [
    ("LDTT", 60, 0),
    ("CSTDCS", 10, 2_340_000),
    ("GIAY_KHEN", 15, 351_000),
    ("BK_TINH", 6, 1_053_000),
    ("CSTD_TINH", 1, 5_265_000),
    ("KNC", 8, 0),
]
UNIT_CODES = [
    ("TTLDTT", 60, 0),
    ("TTLDXS", 15, 2_808_000),
    ("GIAY_KHEN", 20, 702_000),
    ("BK_TINH", 5, 2_106_000),
]
OFFICES = ["CT_UBND_XA", "CT_UBND_TINH", "THU_TRUONG_SO", "CT_UBND_HUYEN"]


def _time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def _marker() -> dict[str, Any] | None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "CREATE TABLE IF NOT EXISTS bench_reports_meta (key text PRIMARY KEY, value text NOT NULL)"
        )
        cur.execute("SELECT value FROM bench_reports_meta WHERE key = 'awards'")
        row = cur.fetchone()
    import json

    return json.loads(row[0]) if row else None


def ensure_awards(count: int) -> None:
    """Load `count` awards unless the database already holds exactly those."""
    import json

    from django.db import connection, transaction

    from thidua.awards.models import Award
    from thidua.organization.models import Person, Unit

    wanted = {"awards": count, "seed": SEED, "version": AWARDS_VERSION}
    marker = _marker()
    if marker == wanted and Award.objects.count() == count:
        print(f"[awards] {count:,} awards already loaded; reusing them", file=sys.stderr)
        return
    started = time.perf_counter()
    rng = random.Random(SEED)
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    units = list(Unit.objects.filter(depth__gte=3).order_by("pk").values_list("pk", flat=True))
    fields = [f for f in Award._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    p_codes = [c for c, _w, _p in PERSON_CODES]
    p_weights = [w for _c, w, _p in PERSON_CODES]
    p_prize = {c: p for c, _w, p in PERSON_CODES}
    u_codes = [c for c, _w, _p in UNIT_CODES]
    u_weights = [w for _c, w, _p in UNIT_CODES]
    u_prize = {c: p for c, _w, p in UNIT_CODES}
    now = "2026-01-15 08:00:00+07"
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute("TRUNCATE awards_award RESTART IDENTITY CASCADE")
        raw = connection.connection
        with raw.cursor() as cur, cur.copy(f"COPY {Award._meta.db_table} ({columns}) FROM STDIN") as copy:
            for i in range(count):
                year = YEARS[i % len(YEARS)]
                decided = date(year + 1, 1, 10 + rng.randint(0, 18))
                revoked = rng.random() < 0.005
                if rng.random() < 0.85:
                    code = rng.choices(p_codes, p_weights)[0]
                    subject, person, unit, prize = "INDIVIDUAL", rng.choice(people), None, p_prize[code]
                else:
                    code = rng.choices(u_codes, u_weights)[0]
                    subject, person, unit, prize = "COLLECTIVE", None, rng.choice(units), u_prize[code]
                values = {
                    "created_at": now,
                    "updated_at": now,
                    "subject_kind": subject,
                    "person_id": person,
                    "unit_id": unit,
                    "household_id": None,
                    "award_code": code,
                    "year": year,
                    "basis": "merit",
                    "decided_on": decided,
                    "authority_office": OFFICES[rng.randint(0, len(OFFICES) - 1)],
                    "decision_symbol": f"{rng.randint(1, 999)}/QĐ-UBND",
                    "source_ref": "bench",
                    "prize_vnd": prize,
                    "achievement": "",
                    "status": "REVOKED" if revoked else "VALID",
                    "revoked_on": date(year + 1, 6, 1) if revoked else None,
                }
                copy.write_row([values[f.attname] for f in fields])
                if (i + 1) % 100_000 == 0:
                    print(f"\r  awards {i + 1:>10,}/{count:,}", end="", file=sys.stderr, flush=True)
        with connection.cursor() as cur:
            cur.execute(
                "INSERT INTO bench_reports_meta (key, value) VALUES ('awards', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [json.dumps(wanted)],
            )
    with connection.cursor() as cur:
        cur.execute("VACUUM (ANALYZE) awards_award")
    print(f"\n[awards] {count:,} awards loaded in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--awards", type=int, default=None, help="awards to load (default: those loaded, else 100,000)"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--regenerate", action="store_true", help="drop and rebuild the benchmark database")
    parser.add_argument(
        "--explain", action="store_true", help="print EXPLAIN ANALYZE of the report's queries"
    )
    args = parser.parse_args()
    try:
        import psycopg

        psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", connect_timeout=3).close()
    except Exception as exc:
        print(f"bench_reports: PostgreSQL is not reachable on 127.0.0.1:5432 ({exc}); skipped")
        return

    generate.setup_django(generate.database_name("province", PREFIX))
    generate.ensure("province", regenerate=args.regenerate, prefix=PREFIX)
    if args.awards is None:
        loaded = _marker()
        args.awards = loaded["awards"] if loaded and not args.regenerate else DEFAULT_AWARDS
    ensure_awards(args.awards)

    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from thidua.awards.models import Award
    from thidua.organization.models import Unit, UnitKind
    from thidua.reports import exports, selectors

    province = Unit.objects.filter(depth=2, kind=UnitKind.PEOPLES_COMMITTEE).order_by("pk").first()
    assert province is not None
    commune = Unit.objects.filter(parent=province, kind=UnitKind.PEOPLES_COMMITTEE).order_by("pk").first()
    assert commune is not None
    year = max(YEARS)
    total = Award.objects.count()
    in_year = Award.objects.filter(year=year).count()
    print(
        f"register: {total:,} awards, {in_year:,} in {year}; "
        f"root {province.name} ({province.children.count()} units below)"
    )

    cases: list[tuple[str, Callable[[], Any]]] = [
        ("year report, province", lambda: selectors.year_report(root=province, year=year)),
        (
            "year report, province, one office",
            lambda: selectors.year_report(root=province, year=year, office="CT_UBND_XA"),
        ),
        ("year report, one commune", lambda: selectors.year_report(root=commune, year=year)),
        (
            "year report, province, Excel",
            lambda: exports.year_report_xlsx(selectors.year_report(root=province, year=year)),
        ),
        (
            "dashboard: awards by year and kind (5 years)",
            lambda: selectors.awards_by_year_and_kind([province.path], list(range(year - 4, year + 1))),
        ),
        ("dashboard: priority shares", lambda: selectors.priority_shares([province.path], year)),
    ]
    print(f"{'case':<46} {'median':>9} {'queries':>8}")
    for name, fn in cases:
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            fn()
        queries = len(ctx.captured_queries)
        seconds, result = _time(fn, args.repeat)
        print(f"{name:<46} {seconds * 1000:>7.0f} ms {queries:>8}")
        if name == "year report, province":
            assert result.total + result.revoked_excluded == in_year, "every award of the year is counted"
        if args.explain:
            with connection.cursor() as cur:
                for q in ctx.captured_queries:
                    cur.execute("EXPLAIN ANALYZE " + q["sql"])
                    print("\n".join(r[0] for r in cur.fetchall()))


if __name__ == "__main__":
    main()

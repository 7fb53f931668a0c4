"""Time person search and the paginated person list on PostgreSQL with synthetic data at scale.

Usage: bench/run.py [--profile province|national|all] [--regenerate] [--repeat N] [--explain]

Each case calls the real code a page of the people list calls: the user's access scope
(`people_in_scope`), `person_list(scope, query=...)` and `paginate(..., per_page=50)`, then reads each
row's unit and ethnicity. The timing covers all of it, including the query that loads the user's
memberships (a fresh request has no cache). Figures are the median, 95th percentile and minimum over
`--repeat` runs after a few warm-up runs; "queries" is how many SQL statements one page took.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_MS = 50.0
PER_PAGE = 50
SEARCHES = ["nguyen van an", "NGUYEN", "đạt", "dat", "lo thi"]
LIST_PAGES = [1, 2, 200]
SCOPES = ["country", "province"]


@dataclass(frozen=True)
class Case:
    """One page a user asks for."""

    scope: str  # "country": membership at the root unit; "province": membership at one province
    query: str  # "" for the unfiltered list
    page: int

    @property
    def label(self) -> str:
        if self.query:
            return f'search "{self.query}"' + (f" p{self.page}" if self.page != 1 else "")
        return f"list page {self.page}"


@dataclass
class Result:
    """The figures of one case on one profile."""

    profile: str
    case: str
    scope: str
    found: str
    rows: int
    queries: int
    median_ms: float
    p95_ms: float
    min_ms: float


def cases() -> list[Case]:
    out = [Case(scope, q, 1) for q in SEARCHES for scope in SCOPES]
    out += [Case(scope, "", page) for page in LIST_PAGES for scope in SCOPES]
    return out


def one_page(user: Any, case: Case) -> Any:
    """Do what the people list view does for one page and return the page."""
    from thidua.accounts.permissions import scope_paths
    from thidua.organization.selectors import person_page

    user.__dict__.pop("_thidua_memberships", None)  # a new request loads the memberships again
    page = person_page(scope_paths(user), query=case.query, page=case.page, per_page=PER_PAGE)
    for person in page.items:  # the template shows the unit and the ethnicity
        _ = (person.unit.name if person.unit else "", person.ethnicity.name if person.ethnicity else "")
    return page


def measure(profile: str, user: Any, case: Case, *, repeat: int, warmup: int, explain: bool) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        page = one_page(user, case)
    for _ in range(warmup):
        one_page(user, case)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        one_page(user, case)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    result = Result(
        profile=profile,
        case=case.label,
        scope=case.scope,
        found=f"{page.count:,}" + ("+" if page.count_is_capped else ""),
        rows=len(page.items),
        queries=len(captured.captured_queries),
        median_ms=statistics.median(times),
        p95_ms=times[max(0, math.ceil(0.95 * len(times)) - 1)],
        min_ms=times[0],
    )
    if explain:
        print_plans(profile, case, [q["sql"] for q in captured.captured_queries])
    return result


def print_plans(profile: str, case: Case, statements: list[str]) -> None:
    """Print EXPLAIN ANALYZE for each statement of the page that reads people."""
    from django.db import connection

    print(f"\n=== {profile} · {case.scope} · {case.label}")
    for sql in statements:
        if "organization_person" not in sql:
            continue
        print(f"\n-- {sql}\n")
        with connection.cursor() as cur:
            cur.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            for (line,) in cur.fetchall():
                print(f"   {line}")


def describe_server() -> str:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT current_setting('server_version'), current_setting('shared_buffers')")
        version, shared_buffers = cur.fetchone()
    return f"PostgreSQL {version} (shared_buffers {shared_buffers}) · {os.cpu_count()} CPU cores"


def print_table(results: list[Result], marker: dict[str, Any], load: tuple[float, float]) -> None:
    print(
        f"\nProfile {marker['profile']}: {marker['people']:,} people, {marker['units']:,} units "
        f"({marker['provinces']} province(s), {marker['communes']:,} communes); timed under a 1-minute"
        f" load average of {load[0]:.2f} at the start and {load[1]:.2f} at the end"
    )
    header = f"{'case':<24} {'scope':<9} {'found':>8} {'rows':>5} {'queries':>7}"
    header += f" {'median':>8} {'p95':>8} {'min':>8}"
    print(header)
    print("-" * len(header))
    for r in results:
        flag = "  > target" if r.median_ms > TARGET_MS else ""
        print(
            f"{r.case:<24} {r.scope:<9} {r.found:>8} {r.rows:>5} {r.queries:>7} "
            f"{r.median_ms:>6.1f}ms {r.p95_ms:>6.1f}ms {r.min_ms:>6.1f}ms{flag}"
        )


def print_comparison(by_profile: dict[str, list[Result]], markers: dict[str, dict[str, Any]]) -> None:
    profiles = list(by_profile)
    print("\nHow the figures grow with the data (median ms / queries per page)")
    head = f"{'case':<24} {'scope':<9}" + "".join(
        f" {f'{p} ({markers[p]["people"]:,})':>24}" for p in profiles
    )
    print(head)
    print("-" * len(head))
    rows = by_profile[profiles[0]]
    for i, r in enumerate(rows):
        cells = "".join(
            f" {f'{by_profile[p][i].median_ms:6.1f} ms / {by_profile[p][i].queries} q':>24}" for p in profiles
        )
        print(f"{r.case:<24} {r.scope:<9}{cells}")


def verdict(results: list[Result]) -> list[str]:
    """Return the ways the figures miss the target (empty when they meet it).

    The query count may differ between cases (a page that is not full needs no count), but the same
    case must take as many queries on every profile: the count must not grow with the data.
    """
    misses = [
        f"{r.profile} · {r.scope} · {r.case}: median {r.median_ms:.1f} ms > {TARGET_MS:.0f} ms"
        for r in results
        if r.median_ms > TARGET_MS
    ]
    per_case: dict[tuple[str, str], set[int]] = {}
    for r in results:
        per_case.setdefault((r.scope, r.case), set()).add(r.queries)
    misses += [
        f"{scope} · {case}: queries per page differ between profiles {sorted(counts)}"
        for (scope, case), counts in per_case.items()
        if len(counts) > 1
    ]
    return misses


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--profile",
        choices=["province", "national", "all"],
        default="all",
        help="data set to time; 'all' times the province then the national profile (default)",
    )
    parser.add_argument("--regenerate", action="store_true", help="rebuild the benchmark data first")
    parser.add_argument("--repeat", type=int, default=50, help="timed runs per case (default 50)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs per case first (default 3)")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of every case")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--database-prefix",
        default="thidua_bench",
        help="databases are named PREFIX_<profile> and must start with thidua_bench (default thidua_bench)",
    )
    args = parser.parse_args(argv)
    profiles = ["province", "national"] if args.profile == "all" else [args.profile]

    from bench import generate

    generate.setup_django(generate.database_name(profiles[0], args.database_prefix))
    from thidua.accounts.models import User

    by_profile: dict[str, list[Result]] = {}
    markers: dict[str, dict[str, Any]] = {}
    loads: dict[str, tuple[float, float]] = {}
    for profile in profiles:
        markers[profile] = generate.ensure(profile, regenerate=args.regenerate, prefix=args.database_prefix)
        users = {scope: User.objects.get(username=generate.BENCH_USERS[scope]) for scope in SCOPES}
        print(f"[{profile}] timing {len(cases())} cases × {args.repeat} runs", file=sys.stderr)
        start_load = os.getloadavg()[0]
        by_profile[profile] = [
            measure(profile, users[c.scope], c, repeat=args.repeat, warmup=args.warmup, explain=args.explain)
            for c in cases()
        ]
        loads[profile] = (start_load, os.getloadavg()[0])

    print(
        f"\nthidua benchmark · {describe_server()} · {args.repeat} runs per case after {args.warmup} warm-up"
        f" · {PER_PAGE} rows per page · times per page, target median < {TARGET_MS:.0f} ms"
    )
    for profile in profiles:
        print_table(by_profile[profile], markers[profile], loads[profile])
    if len(profiles) > 1:
        print_comparison(by_profile, markers)
    results = [r for rs in by_profile.values() for r in rs]
    for profile, rs in by_profile.items():
        medians = sorted(r.median_ms for r in rs)
        print(
            f"\n{profile}: median of the case medians {statistics.median(medians):.1f} ms, "
            f"slowest case {medians[-1]:.1f} ms, queries per page {min(r.queries for r in rs)}"
            f"–{max(r.queries for r in rs)}"
        )
    misses = verdict(results)
    if misses:
        print("\nTarget missed (run with --explain to see the plans):")
        for miss in misses:
            print(f"  - {miss}")
    else:
        print(f"\nTarget met: every median under {TARGET_MS:.0f} ms; query counts do not grow with the data.")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "server": describe_server(),
                    "markers": markers,
                    "load_average": loads,
                    "results": [asdict(r) for r in results],
                },
                ensure_ascii=False,
                indent=2,
            )
        )


if __name__ == "__main__":
    main()

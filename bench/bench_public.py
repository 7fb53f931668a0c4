"""Load-test the public portal: certificate verification by QR token and by number, the public notices and
the exemplars' pages (list, by year, by unit, a story, the good deeds, the RSS feed), served by gunicorn
(DEBUG off) from PostgreSQL with up to a million awards and 5,000 published stories.

Usage: bench/bench_public.py [--awards N] [--profile province|national] [--regenerate]
                             [--seconds S] [--concurrency C] [--workers W] [--threads T]

The data lives in its own database, thidua_bench_public_<profile> (people from bench/generate.py, awards
and decisions from bench/generate_awards.py, stories and good deeds from bench/generate_exemplars.py),
created and reused like the registry benchmark's. The
defaults are cheap so `make bench` stays short: the awards already generated (else 50,000 on the province
profile) and 10 s of load. The reference run is `--awards 1000000 --seconds 20 --concurrency 16`.
Without PostgreSQL or gunicorn the script says so and exits 0.

The load generator is this process: C threads, each with a keep-alive HTTP/1.1 connection, pick a URL
kind in turn from MIX and record status and latency per kind.
"""

import argparse
import http.client
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import generate  # noqa: E402

PREFIX = "thidua_bench_public"
DEFAULT_AWARDS = 50_000
HOST = "127.0.0.1"
# Fixed pages of other apps in the mix.
EXTRA_URLS: list[tuple[str, str]] = [
    ("exemplars", "/dien-hinh/"),
    ("good deeds", "/dien-hinh/nguoi-tot-viec-tot/"),
    ("rss", "/dien-hinh/rss.xml"),
]
# Every kind of request, in the order each client cycles through them (verification stays the bulk).
MIX = (
    "token",
    "number",
    "token",
    "notices",
    "token",
    "exemplars",
    "story",
    "token",
    "number",
    "exemplars by year",
    "token",
    "story",
    "exemplars by unit",
    "good deeds",
    "token",
    "rss",
)
URLS = {
    "token": "/xac-minh/<token>",
    "number": "/xac-minh/?number=…&issued_on=…",
    "notices": "/cong-khai/",
    "story": "/dien-hinh/<slug>/",
    "exemplars by year": "/dien-hinh/?year=…",
    "exemplars by unit": "/dien-hinh/?unit=…",
    **dict(EXTRA_URLS),
}


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


def _postgres_reachable() -> bool:
    try:
        import psycopg

        psycopg.connect(host=HOST, user="postgres", dbname="postgres", connect_timeout=3).close()
    except Exception as exc:
        print(f"bench_public: PostgreSQL is not reachable on {HOST}:5432 ({exc}); skipped")
        return False
    return True


def prepare(args: argparse.Namespace) -> dict[str, Any]:
    """Create or reuse the database with the people profile and the awards; return the markers."""
    from bench import generate_awards, generate_exemplars

    name = generate.database_name(args.profile, PREFIX)
    generate.setup_django(name)
    people = generate.ensure(args.profile, regenerate=args.regenerate, prefix=PREFIX)
    marker = generate_awards.read_awards_marker()
    if args.awards is None:
        args.awards = marker["awards"] if marker else DEFAULT_AWARDS
    if (
        marker
        and marker.get("awards") == args.awards
        and marker.get("version") == generate_awards.GENERATOR_VERSION
    ):
        print(f"[{name}] has {marker['awards']:,} awards (generated {marker['generated_at']}); reusing them")
    else:
        if marker:
            print(f"[{name}] holds {marker.get('awards'):,} awards; generating {args.awards:,} instead")
        generate_awards.clear_awards()
        t = time.perf_counter()
        marker = generate_awards.generate_awards(args.awards)
        print(f"[{name}] {args.awards:,} awards generated in {time.perf_counter() - t:.0f} s")
    stories = generate_exemplars.ensure_exemplars(args.stories)
    return {"database": name, "people": people, "awards": marker, "stories": stories}


@dataclass
class Samples:
    """What the clients ask for, drawn from the data."""

    tokens: list[str]
    lookups: list[dict[str, str]]
    slugs: list[str]
    years: list[int]
    units: list[int]


def samples(count: int) -> Samples:
    """Return random verification tokens, certificate/decision look-ups, story slugs and list filters."""
    from django.db import connection

    from thidua.exemplars import selectors as exemplars

    with connection.cursor() as cur:
        cur.execute("SELECT max(id) FROM decisions_decisionline")
        last = cur.fetchone()[0] or 0
        ids = random.Random(7).sample(range(1, last + 1), min(count, last))
        cur.execute(
            "SELECT l.verification_token, l.certificate_number, d.decided_on, doc.number, doc.notation, "
            "d.authority_unit_id "
            "FROM decisions_decisionline l JOIN decisions_decision d ON d.id = l.decision_id "
            "JOIN documents_document doc ON doc.id = d.document_id WHERE l.id = ANY(%s)",
            [ids],
        )
        rows = cur.fetchall()
    tokens = [r[0] for r in rows]
    lookups: list[dict[str, str]] = []
    for i, (_token, certificate, on, number, notation, authority) in enumerate(rows):
        typed = f"Số: {certificate}" if i % 2 else f"{number:02d}/{notation}"
        lookup = {"number": typed, "issued_on": on.strftime("%d/%m/%Y")}
        if i % 4 == 3:  # as after choosing among several authorities with the same number that day
            lookup["authority"] = str(authority)
        lookups.append(lookup)
    published = exemplars.published()
    ids = list(published.values_list("id", flat=True))
    chosen = random.Random(8).sample(ids, min(count, len(ids)))
    slugs = list(published.filter(id__in=chosen).values_list("slug", flat=True))
    # The filters a visitor can choose: the years and units the list's form offers.
    choices = exemplars.public_filter_choices()
    return Samples(tokens, lookups, slugs, list(choices["years"]), [u.pk for u in choices["units"]])


def start_server(args: argparse.Namespace, database: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings_public",
        "THIDUA_DB_ENGINE": "postgresql",
        "THIDUA_DB_HOST": HOST,
        "THIDUA_DB_USER": "postgres",
        "THIDUA_DB_NAME": database,
        "PYTHONPATH": str(ROOT),
    }
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [
        gunicorn,
        "config.wsgi:application",
        "--bind",
        f"{HOST}:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(args.threads),
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
        "--chdir",
        str(ROOT),
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, args.port, timeout=5)
            conn.request("GET", "/xac-minh/")
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            time.sleep(0.3)
        if server.poll() is not None:
            raise SystemExit("gunicorn exited while starting")
    stop_server(server)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def run_load(args: argparse.Namespace, data: Samples) -> tuple[dict[str, Stats], float]:
    """Hit the server from `args.concurrency` threads for `args.seconds`; return the stats per kind."""
    mix = tuple(k for k in MIX if data.slugs or k not in {"story", "exemplars by year", "exemplars by unit"})
    stats = {k: Stats() for k in sorted(set(mix))}
    lock = threading.Lock()
    stop_at = time.monotonic() + args.seconds
    expected = {k: {200} for k in stats}

    def url_for(kind: str, rng: random.Random) -> str:
        if kind == "token":
            return f"/xac-minh/{rng.choice(data.tokens)}"
        if kind == "number":
            return f"/xac-minh/?{urlencode(rng.choice(data.lookups))}"
        if kind == "notices":
            return "/cong-khai/"
        if kind == "story":
            return f"/dien-hinh/{rng.choice(data.slugs)}/"
        if kind == "exemplars by year":
            return f"/dien-hinh/?{urlencode({'year': rng.choice(data.years)})}"
        if kind == "exemplars by unit":
            return f"/dien-hinh/?{urlencode({'unit': rng.choice(data.units)})}"
        return dict(EXTRA_URLS)[kind]

    def worker(n: int) -> None:
        rng = random.Random(n)
        conn = http.client.HTTPConnection(HOST, args.port, timeout=30)
        local = {k: Stats() for k in stats}
        i = n
        while time.monotonic() < stop_at:
            kind = mix[i % len(mix)]
            i += 1
            url = url_for(kind, rng)
            t = time.perf_counter()
            try:
                conn.request("GET", url, headers={"Accept-Language": "vi"})
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, args.port, timeout=30)
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection(HOST, args.port, timeout=30)
            elapsed = time.perf_counter() - t
            s = local[kind]
            s.latencies.append(elapsed)
            s.statuses[status] = s.statuses.get(status, 0) + 1
            if status not in expected[kind]:
                s.errors += 1
        conn.close()
        with lock:
            for k, s in local.items():
                stats[k].latencies.extend(s.latencies)
                stats[k].errors += s.errors
                for code, c in s.statuses.items():
                    stats[k].statuses[code] = stats[k].statuses.get(code, 0) + c

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stats, time.perf_counter() - started


def report(stats: dict[str, Stats], elapsed: float, context: dict[str, Any], args: argparse.Namespace) -> str:
    urls = URLS
    stories = context["stories"]
    lines = [
        f"{context['awards']['awards']:,} awards in {context['awards']['decisions']:,} decisions, "
        f"{context['people']['people']:,} people, {stories['published']:,} published stories "
        f"({stories['good_deeds']:,} good deeds); gunicorn {args.workers} workers × {args.threads} threads; "
        f"{args.concurrency} client threads for {elapsed:.1f} s; load average {os.getloadavg()[0]:.2f}",
        "",
        "| page | URL | requests | req/s | median ms | p95 ms | errors | statuses |",
        "|------|-----|---------:|------:|----------:|-------:|-------:|----------|",
    ]
    total = 0
    for kind, s in stats.items():
        n = len(s.latencies)
        total += n
        if not n:
            continue
        ordered = sorted(s.latencies)
        p95 = ordered[min(n - 1, int(n * 0.95))]
        statuses = ", ".join(f"{code}×{c}" for code, c in sorted(s.statuses.items()))
        lines.append(
            f"| {kind} | `{urls[kind]}` | {n:,} | {n / elapsed:,.1f} "
            f"| {statistics.median(ordered) * 1000:.1f} | {p95 * 1000:.1f} | {s.errors} | {statuses} |"
        )
    every = sorted(x for s in stats.values() for x in s.latencies)
    if every:
        lines.append(
            f"| **all** | | {total:,} | {total / elapsed:,.1f} | {statistics.median(every) * 1000:.1f} "
            f"| {every[min(len(every) - 1, int(len(every) * 0.95))] * 1000:.1f} "
            f"| {sum(s.errors for s in stats.values())} | |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--awards", type=int, default=None, help="awards to generate (default: reuse the data, else 50,000)"
    )
    parser.add_argument("--profile", choices=sorted(generate.PROFILES), default="province")
    parser.add_argument("--regenerate", action="store_true", help="drop and rebuild the benchmark database")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 2)))
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--samples", type=int, default=20_000, help="tokens and numbers drawn from the data")
    parser.add_argument(
        "--stories", type=int, default=5_000, help="stories to generate (the published ones are ~98 %%)"
    )
    args = parser.parse_args()
    if not _postgres_reachable():
        return
    if not Path(sys.executable).with_name("gunicorn").exists() and not shutil.which("gunicorn"):
        print("bench_public: gunicorn is not installed; skipped")
        return
    context = prepare(args)
    data = samples(args.samples)
    from django.db import connection

    connection.close()
    print(
        f"{len(data.tokens):,} tokens, {len(data.lookups):,} look-ups, {len(data.slugs):,} stories, "
        f"{len(data.years)} years and {len(data.units)} units sampled; starting gunicorn on port {args.port}"
    )
    server = start_server(args, context["database"])
    try:
        # Warm every worker (imports, templates, connections) before measuring.
        warm = argparse.Namespace(**{**vars(args), "seconds": 2})
        run_load(warm, data)
        stats, elapsed = run_load(args, data)
    finally:
        stop_server(server)
    print()
    print(report(stats, elapsed, context, args))


if __name__ == "__main__":
    main()

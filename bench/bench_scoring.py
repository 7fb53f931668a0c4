"""Benchmark (not a test): score and rank a cluster set of 3,321 communes with 40 criteria each.

Run: .venv/bin/python bench/bench_scoring.py [--units 3321] [--criteria 40] [--repeat 5] [--skip-db]

Part 1 times the pure calculation (`thidua.scoring.calculation`): per-unit totals with caps, bonus and
penalties, then the ranking with the default tie rules, on entries generated in memory.
Part 2 times the database path on SQLite: a fresh database at $THIDUA_DB_PATH (default
/tmp/bench_scoring.sqlite3, deleted first), migrated, the entries bulk-created, then `ranking_compute`
(read every entry, compute, replace the ranking rows, audit) — what the "Recompute" button does.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from thidua.scoring.calculation import EntryScores, rank, totals  # noqa: E402 - after the path set-up

KINDS = ["BASE"] * 36 + ["BONUS"] * 2 + ["PENALTY"] * 2


def criteria_plan(n: int) -> list[tuple[str, Decimal]]:
    """Return (kind, max points) for `n` criteria: mostly base criteria, two bonus and two penalty items."""
    kinds = (KINDS * (n // len(KINDS) + 1))[:n]
    maxima = [5, 10, 15, 20]
    return [(kind, Decimal(maxima[i % len(maxima)])) for i, kind in enumerate(kinds)]


def synthetic_scores(units: int, plan: list[tuple[str, Decimal]], seed: int) -> list[list[tuple]]:
    """Return per unit a list of (self, head, verified) scores, a third of them verified and changed."""
    rnd = random.Random(seed)
    out = []
    for _ in range(units):
        row = []
        for kind, max_points in plan:
            top = int(max_points * 2)
            own = Decimal(rnd.randint(top // 2 if kind == "BASE" else 0, top)) / 2
            head = verified = None
            r = rnd.random()
            if r < 0.2:
                head = max(own - 1, Decimal(0))
            elif r < 0.33:
                verified = max(own - Decimal("0.5"), Decimal(0))
            row.append((own, head, verified))
        out.append(row)
    return out


def bench_pure(units: int, n_criteria: int, repeat: int, seed: int) -> None:
    plan = criteria_plan(n_criteria)
    scores = synthetic_scores(units, plan, seed)
    t0 = time.perf_counter()
    entries = {
        u: [EntryScores(kind, mx, s, h, v) for (kind, mx), (s, h, v) in zip(plan, row, strict=True)]
        for u, row in enumerate(scores)
    }
    build = time.perf_counter() - t0
    timings_totals, timings_rank = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        results = totals(entries, bonus_cap=Decimal(5))
        t1 = time.perf_counter()
        ranked = rank(results)
        t2 = time.perf_counter()
        timings_totals.append(t1 - t0)
        timings_rank.append(t2 - t1)
    n_entries = units * n_criteria
    tied = sum(1 for r in ranked if r.tied)
    print(f"pure calculation: {units:,} units × {n_criteria} criteria = {n_entries:,} entries")
    print(f"  building EntryScores objects      {build * 1000:8.1f} ms (once)")
    print(f"  totals (median of {repeat})           {statistics.median(timings_totals) * 1000:8.1f} ms")
    print(f"  ranking (median of {repeat})          {statistics.median(timings_rank) * 1000:8.1f} ms")
    best = min(a + b for a, b in zip(timings_totals, timings_rank, strict=True))
    print(f"  totals + ranking, best            {best * 1000:8.1f} ms  ({n_entries / best:,.0f} entries/s)")
    print(f"  leader total {ranked[0].result.total}, units sharing a rank: {tied}")


def bench_db(units: int, n_criteria: int, seed: int) -> None:
    db_path = os.environ.setdefault("THIDUA_DB_PATH", "/tmp/bench_scoring.sqlite3")  # noqa: S108 - scratch file
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    for suffix in ("", "-wal", "-shm"):
        Path(db_path + suffix).unlink(missing_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from thidua.organization.models import Unit, UnitKind
    from thidua.scoring.models import (
        Cluster,
        ClusterMembership,
        Criterion,
        CriterionGroup,
        Scorecard,
        ScoreEntry,
        ScoreSubmission,
    )
    from thidua.scoring.services import ranking_compute

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"database path on SQLite ({db_path}): migrate {time.perf_counter() - t0:.1f} s")

    plan = criteria_plan(n_criteria)
    scores = synthetic_scores(units, plan, seed)
    t0 = time.perf_counter()
    with transaction.atomic():
        owner = Unit(
            code="BENCH-TINH", name="Ủy ban nhân dân tỉnh Thử nghiệm", kind=UnitKind.PEOPLES_COMMITTEE
        )
        owner.save()
        communes = Unit.objects.bulk_create(
            Unit(
                code=f"BENCH-X{i:05d}",
                name=f"Ủy ban nhân dân xã Thử nghiệm {i:05d}",
                kind=UnitKind.PEOPLES_COMMITTEE,
                parent=owner,
                path=f"{owner.path}{i}/",  # ranking does not read paths; kept unique and well-formed
                depth=1,
                sort_key=f"{i:05d}",
            )
            for i in range(units)
        )
        cluster = Cluster.objects.create(name="Cụm thử nghiệm", kind="GEOGRAPHIC", owner=owner)
        ClusterMembership.objects.bulk_create(
            ClusterMembership(cluster=cluster, unit=u, year=2025, role="HEAD" if i == 0 else "MEMBER")
            for i, u in enumerate(communes)
        )
        scorecard = Scorecard.objects.create(
            cluster=cluster, year=2025, title="Bảng điểm thử nghiệm", status="VERIFYING", bonus_cap=Decimal(5)
        )
        group = CriterionGroup.objects.create(scorecard=scorecard, number=1, name="Tiêu chí")
        criteria = Criterion.objects.bulk_create(
            Criterion(
                group=group, code=f"{i + 1}", name=f"Tiêu chí {i + 1}", max_points=mx, kind=kind, position=i
            )
            for i, (kind, mx) in enumerate(plan)
        )
        batch: list[ScoreEntry] = []
        for unit, row in zip(communes, scores, strict=True):
            for criterion, (own, head, verified) in zip(criteria, row, strict=True):
                batch.append(
                    ScoreEntry(
                        scorecard=scorecard,
                        unit=unit,
                        criterion=criterion,
                        self_score=own,
                        head_score=head,
                        verified_score=verified,
                    )
                )
            if len(batch) >= 20000:
                ScoreEntry.objects.bulk_create(batch, batch_size=2000)
                batch = []
        ScoreEntry.objects.bulk_create(batch, batch_size=2000)
        now = timezone.now()
        ScoreSubmission.objects.bulk_create(
            ScoreSubmission(scorecard=scorecard, unit=u, submitted_at=now) for u in communes
        )
    n_entries = ScoreEntry.objects.filter(scorecard=scorecard).count()
    print(f"  bulk-created {units:,} units and {n_entries:,} entries in {time.perf_counter() - t0:.1f} s")

    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        rows = ranking_compute(scorecard=scorecard, actor=None)
        runs.append(time.perf_counter() - t0)
    print(
        f"  ranking_compute: first {runs[0] * 1000:.0f} ms, "
        f"then {', '.join(f'{r * 1000:.0f}' for r in runs[1:])} ms"
    )
    print(f"  {len(rows):,} ranking rows; leader {rows[0].unit.code} with {rows[0].total} points")
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--criteria", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--skip-db", action="store_true")
    args = parser.parse_args()
    bench_pure(args.units, args.criteria, args.repeat, args.seed)
    if not args.skip_db:
        bench_db(args.units, args.criteria, args.seed)


if __name__ == "__main__":
    main()

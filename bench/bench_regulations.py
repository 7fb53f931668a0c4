"""Benchmark (not a test): eligibility for 100,000 synthetic nominees with 10-year histories.

Run: .venv/bin/python bench/bench_regulations.py [--nominees N] [--seed S]
Prints nominees per second and the ratio to a bare loop that only reads the same histories.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from thidua.regulations import (
    AwardRecord,
    Case,
    HistoryYear,
    Person,
    Rating,
    Scope,
    SubjectKind,
    check_eligibility,
    load_rule_pack,
)

AWARDS = ("LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "BK_TINH", "BK_TTG")
RATINGS = (Rating.HTXS, Rating.HTXS, Rating.HTT, Rating.HTT, Rating.HTT, Rating.HT)


def synthetic_cases(n: int, seed: int) -> list[Case]:
    """Return ``n`` nominees, each with a 10-year history (2016–2025)."""
    rnd = random.Random(seed)
    cases = []
    for _ in range(n):
        rows = []
        for y in range(2016, 2026):
            rating = rnd.choice(RATINGS)
            awards = []
            if rating is not Rating.HT:
                awards.append(AwardRecord("LDTT"))
                if rating is Rating.HTXS or rnd.random() < 0.3:
                    awards.append(AwardRecord("CSTDCS", revoked=rnd.random() < 0.01))
            if rnd.random() < 0.05:
                awards.append(AwardRecord("BK_TINH"))
            initiatives = rnd.choice((0, 0, 1, 2))
            scope = (
                rnd.choice((Scope.CO_SO, Scope.CO_SO, Scope.TINH, Scope.TOAN_QUOC)) if initiatives else None
            )
            rows.append(HistoryYear(y, rating, tuple(awards), initiatives, scope))
        rnd.shuffle(rows)
        person = Person(recruited_on=date(rnd.randint(2000, 2025), rnd.randint(1, 12), 1))
        cases.append(
            Case(rnd.choice(AWARDS), SubjectKind.INDIVIDUAL, 2025, date(2026, 2, 1), person, tuple(rows))
        )
    return cases


def bare_loop(cases: list[Case]) -> int:
    """Read every field the engine reads, and nothing more (the baseline)."""
    total = 0
    for case in cases:
        for row in case.history:
            total += row.year + row.initiatives + (row.rating is not None)
            for record in row.awards:
                total += len(record.code) + record.revoked
    return total


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--nominees", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rules = load_rule_pack()
    cases = synthetic_cases(args.nominees, args.seed)

    start = time.perf_counter()
    bare_loop(cases)
    bare = time.perf_counter() - start

    start = time.perf_counter()
    counts: dict[str, int] = {}
    for case in cases:
        verdict = check_eligibility(case, rules=rules).verdict.value
        counts[verdict] = counts.get(verdict, 0) + 1
    engine = time.perf_counter() - start

    print(f"nominees:            {len(cases):,}")
    print(f"engine:              {engine:.2f} s  ({len(cases) / engine:,.0f} nominees/s)")
    print(f"bare read loop:      {bare:.3f} s  ({len(cases) / bare:,.0f} nominees/s)")
    print(f"engine / bare ratio: {engine / bare:.1f}×")
    print(f"verdicts:            {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()

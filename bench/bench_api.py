"""Time the API's main list endpoints (awards, people, decisions): median latency through the whole stack.

Usage: bench/bench_api.py [--database NAME] [--awards N] [--repeat R]

Without --database it builds a throwaway SQLite database (/tmp/bench_api.sqlite3) with N awards (default
20,000) over N/4 people. With --database NAME it uses that PostgreSQL database (127.0.0.1, user postgres):
when it already holds awards (e.g. thidua_bench_public with 1,000,000) it is read as it is and nothing is
written to it; when it is empty it is migrated and filled like the SQLite one. Requests go through Django's
test client with the user of the widest membership (middleware, authentication, throttling, pagination,
serialisation, JSON); figures are the median and 95th percentile over R requests after two warm-ups.
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CASES = [
    ("awards, page 1", "/api/v1/awards/"),
    ("awards, page 100", "/api/v1/awards/?page=100"),
    ("awards, year 2024", "/api/v1/awards/?year=2024"),
    ("awards, code LDTT", "/api/v1/awards/?award=LDTT"),
    ("people, page 1", "/api/v1/people/"),
    ("people, search", "/api/v1/people/?q=nguyen"),
    ("decisions, page 1", "/api/v1/decisions/"),
    ("decisions, year 2024", "/api/v1/decisions/?year=2024"),
]


def _setup(database: str | None) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    if database:
        os.environ.update(
            THIDUA_DB_ENGINE="postgresql",
            THIDUA_DB_HOST="127.0.0.1",
            THIDUA_DB_USER="postgres",
            THIDUA_DB_NAME=database,
        )
    else:
        os.environ["THIDUA_DB_PATH"] = "/tmp/bench_api.sqlite3"  # noqa: S108
        Path(os.environ["THIDUA_DB_PATH"]).unlink(missing_ok=True)
    import django
    from django.conf import settings

    django.setup()
    # Throttle counters in memory, and no limit: the bench measures the endpoints, not the limiter.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": dict.fromkeys(
            ("user", "anon", "imports", "regulations_anon"), "1000000/hour"
        ),
    }
    settings.ALLOWED_HOSTS = ["*"]


def _generate(n_awards: int) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from thidua.accounts.models import Membership, Role, User
    from thidua.awards.models import Award, SubjectKind
    from thidua.decisions.models import Decision
    from thidua.organization.models import Person, PersonSearchTerm, Sex, Unit, UnitKind

    root = Unit.objects.create(code="P", name="Tỉnh Thử", kind=UnitKind.PEOPLES_COMMITTEE)
    communes = [
        Unit.objects.create(
            code=f"P-X{i}", name=f"Ủy ban nhân dân xã Số {i}", kind=UnitKind.PEOPLES_COMMITTEE, parent=root
        )
        for i in range(10)
    ]
    schools = [
        Unit.objects.create(code=f"P-X{i}-S{j}", name=f"Trường số {j} xã {i}", kind=UnitKind.SCHOOL, parent=c)
        for i, c in enumerate(communes)
        for j in range(10)
    ]
    family = ["Nguyễn", "Trần", "Lê", "Lò", "Vàng", "Tòng", "Đỗ"]
    given = ["An", "Bình", "Châu", "Dũng", "Hà", "Lan", "Mai", "Sơn", "Thu", "Việt"]
    people = []
    for i in range(max(1, n_awards // 4)):
        unit = schools[i % len(schools)]
        p = Person(
            family_name=family[i % 7],
            middle_name="Văn" if i % 2 else "Thị",
            given_name=given[i % 10],
            full_name="",
            sex=Sex.MALE if i % 2 else Sex.FEMALE,
            date_of_birth=date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
            unit=unit,
        )
        p.refresh_keys()
        p.unit_path = unit.path
        people.append(p)
    people = Person.objects.bulk_create(people, batch_size=2000)
    PersonSearchTerm.objects.bulk_create(
        [
            PersonSearchTerm(person=p, term=t, exact_term=e, sort_key=p.sort_key, unit_path=p.unit_path)
            for p in people
            for t, e in p.search_terms()
        ],
        batch_size=5000,
    )
    codes = ["LDTT", "CSTDCS", "GK_CT_UBND_XA"]
    awards = [
        Award(
            subject_kind=SubjectKind.INDIVIDUAL,
            person=people[i % len(people)],
            award_code=codes[i % 3],
            year=2021 + (i // len(people)) % 5,
            decided_on=date(2021 + (i // len(people)) % 5, 12, 20),
            authority_office="CT_UBND_XA",
            decision_symbol=f"{i % 500}/QĐ-UBND",
            prize_vnd=702_000,
        )
        for i in range(n_awards)
    ]
    Award.objects.bulk_create(awards, batch_size=5000)
    Decision.objects.bulk_create(
        [
            Decision(
                authority_unit=communes[i % 10],
                authority_office="CT_UBND_XA",
                authority_title="ỦY BAN NHÂN DÂN",
                title=f"Về việc khen thưởng đợt {i}",
                achievement_year=2021 + i % 5,
                decided_on=date(2021 + i % 5, 12, 1 + i % 28),
                signer_name="Bùi Huy Phương",
                signer_title="Chủ tịch",
            )
            for i in range(max(10, n_awards // 100))
        ],
        batch_size=2000,
    )
    user = User.objects.create_user(username="bench", password="bench-password-2026")  # noqa: S106
    Membership.objects.create(user=user, unit=root, role=Role.ADMINISTRATOR)


def _widest_user() -> Any:
    from thidua.accounts.models import Membership

    m = (
        Membership.objects.filter(is_active=True)
        .select_related("user", "unit")
        .order_by("unit__depth", "id")
        .first()
    )
    if m is None:
        sys.exit("No user with a membership in this database.")
    return m.user


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", help="PostgreSQL database to use (reused as it is if it holds awards)")
    parser.add_argument("--awards", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print one JSON line per case")
    args = parser.parse_args()
    _setup(args.database)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from thidua.awards.models import Award

    reused = False
    if args.database:
        from django.db.utils import ProgrammingError

        try:
            reused = Award.objects.exists()
        except ProgrammingError:
            reused = False
    if not reused:
        _generate(args.awards)
    user = _widest_user()
    client = APIClient()
    client.force_authenticate(user)
    total = Award.objects.count()
    name = connection.settings_dict["NAME"]
    print(f"database: {connection.vendor} {name} — {total:,} awards; user {user.username}")
    print(f"{'case':24} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'rows':>6}")
    for label, url in CASES:
        for _ in range(2):
            client.get(url)
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as ctx:
            rows = len(client.get(url).json()["results"])
        median = statistics.median(times)
        p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
        if args.json:
            print(
                json.dumps(
                    {
                        "case": label,
                        "median_ms": round(median, 1),
                        "p95_ms": round(p95, 1),
                        "queries": len(ctx),
                        "rows": rows,
                    }
                )
            )
        else:
            print(f"{label:24} {median:10.1f} {p95:8.1f} {len(ctx):8d} {rows:6d}")


if __name__ == "__main__":
    main()

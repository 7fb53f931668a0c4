"""Generate synthetic registry data at scale in a dedicated PostgreSQL benchmark database.

Usage: bench/generate.py [--profile province|national] [--regenerate]

Each profile lives in its own database, `thidua_bench_<profile>`, created when missing and migrated with
the project's migrations. The development database (`thidua`) and the test databases are never touched:
every database this module creates, drops or writes to must be named `thidua_bench…`.

A profile is generated once; a marker row (table `bench_meta`) records what was loaded, and later runs
skip generation when the marker and the row count match. `--regenerate` drops and rebuilds the database.

Units are written with `bulk_create` and explicit ids so their materialised paths are known up front.
People are streamed with PostgreSQL COPY; their sort and search keys come from `Person.refresh_keys()`,
so they are exactly what the application would store.
"""

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parent.parent
DB_PREFIX = "thidua_bench"
# Bump when the generated data changes shape, so existing benchmark databases are rebuilt.
GENERATOR_VERSION = 1


@dataclass(frozen=True)
class Profile:
    """How much data to generate."""

    name: str
    provinces: int
    communes_min: int
    communes_max: int
    people: int
    seed: int


PROFILES = {
    "province": Profile("province", provinces=1, communes_min=100, communes_max=100, people=50_000, seed=12),
    "national": Profile(
        "national", provinces=34, communes_min=70, communes_max=130, people=1_000_000, seed=34
    ),
}

# The 34 provincial-level units after the 2025 reform: (name, is a centrally run city, ethnic mix).
# "NW" uses the demo area's mix of ethnic groups (mostly Thái and Hmông); "KINH" is mostly Kinh.
PROVINCES = [
    ("Lai Châu", False, "NW"),
    ("Hà Nội", True, "KINH"),
    ("Thành phố Hồ Chí Minh", True, "KINH"),
    ("Hải Phòng", True, "KINH"),
    ("Đà Nẵng", True, "KINH"),
    ("Huế", True, "KINH"),
    ("Cần Thơ", True, "KINH"),
    ("Điện Biên", False, "NW"),
    ("Sơn La", False, "NW"),
    ("Lào Cai", False, "NW"),
    ("Tuyên Quang", False, "NW"),
    ("Cao Bằng", False, "NW"),
    ("Lạng Sơn", False, "NW"),
    ("Thái Nguyên", False, "KINH"),
    ("Phú Thọ", False, "KINH"),
    ("Quảng Ninh", False, "KINH"),
    ("Bắc Ninh", False, "KINH"),
    ("Hưng Yên", False, "KINH"),
    ("Ninh Bình", False, "KINH"),
    ("Thanh Hóa", False, "KINH"),
    ("Nghệ An", False, "KINH"),
    ("Hà Tĩnh", False, "KINH"),
    ("Quảng Trị", False, "KINH"),
    ("Quảng Ngãi", False, "KINH"),
    ("Gia Lai", False, "KINH"),
    ("Khánh Hòa", False, "KINH"),
    ("Đắk Lắk", False, "KINH"),
    ("Lâm Đồng", False, "KINH"),
    ("Đồng Nai", False, "KINH"),
    ("Tây Ninh", False, "KINH"),
    ("Vĩnh Long", False, "KINH"),
    ("Đồng Tháp", False, "KINH"),
    ("An Giang", False, "KINH"),
    ("Cà Mau", False, "KINH"),
]

# Syllables that commune names are made of; two distinct ones make a name ("Tân Phú", "Mường Khoa").
PLACE_SYLLABLES = " ".join(
    [
        "Tân Phú An Bình Hòa Thạnh Long Phước Mỹ Hưng Thuận Đông Tây Nam Bắc Trung Thượng Hạ Mường Nậm",
        "Tà Phong Quang Minh Sơn Thủy Lâm Xuân Thu Đức Hiệp Lộc Vĩnh Yên Định Cẩm Kim Ngọc Hải Khoa",
    ]
).split(" ")

# Names planted a known number of times (family, middle, given, sex, how many); random people never
# get them, so a search for them finds exactly this many in the whole country.
NEEDLES = [("Nguyễn", "Văn", "An", "M", 7), ("Đỗ", "Thành", "Đạt", "M", 5)]

BENCH_USERS = {"country": "bench.country", "province": "bench.province"}


def database_name(profile: str, prefix: str = DB_PREFIX) -> str:
    """Return the name of the database holding `profile`."""
    name = f"{prefix}_{profile}"
    guard_database_name(name)
    return name


def guard_database_name(name: str) -> None:
    """Refuse any database that is not a benchmark one (never `thidua` nor a test database)."""
    if not name.startswith(DB_PREFIX) or not name.replace("_", "").isalnum():
        raise SystemExit(f"refusing to use database {name!r}: benchmark databases are named {DB_PREFIX}…")


def setup_django(db_name: str) -> None:
    """Point the development settings at the benchmark database on PostgreSQL and set Django up."""
    guard_database_name(db_name)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["THIDUA_DB_ENGINE"] = "postgresql"
    os.environ.setdefault("THIDUA_DB_HOST", "127.0.0.1")
    os.environ.setdefault("THIDUA_DB_USER", "postgres")
    os.environ["THIDUA_DB_NAME"] = db_name
    import django

    django.setup()


def use_database(name: str) -> None:
    """Switch the default connection to another benchmark database (as Django's test runner does)."""
    from django.conf import settings
    from django.db import connection

    guard_database_name(name)
    connection.close()
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _server() -> Any:
    """Return an autocommit psycopg connection to the `postgres` maintenance database."""
    import psycopg
    from django.db import connection

    s = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        user=s["USER"] or None,
        password=s["PASSWORD"] or None,
        autocommit=True,
    )


def _create_database(name: str, *, drop_first: bool = False) -> bool:
    """Create the benchmark database if missing (dropping it first if asked); tell whether it was created."""
    from django.db import connection
    from psycopg import sql

    guard_database_name(name)
    connection.close()
    with _server() as server:
        if drop_first:
            server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return False
        server.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8'").format(sql.Identifier(name)))
        return True


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def read_marker() -> dict[str, Any] | None:
    """Return what the generator recorded in this database, or None."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass('bench_meta') IS NOT NULL")
        if not cur.fetchone()[0]:
            return None
        cur.execute("SELECT value FROM bench_meta WHERE key = 'dataset'")
        row = cur.fetchone()
    return json.loads(row[0]) if row else None


def _marker_matches(marker: dict[str, Any] | None, profile: Profile) -> bool:
    from thidua.organization.models import Person

    if not marker:
        return False
    wanted = {
        "profile": profile.name,
        "version": GENERATOR_VERSION,
        "seed": profile.seed,
        "person_columns": _person_columns(),
    }
    if any(marker.get(k) != v for k, v in wanted.items()):
        return False
    return Person.objects.count() == marker.get("people")


def _person_columns() -> list[str]:
    """Return the person table's columns: data generated for another schema is generated again."""
    from thidua.organization.models import Person

    return sorted(f.column for f in Person._meta.concrete_fields)


def ensure(
    profile_name: str, *, regenerate: bool = False, prefix: str = DB_PREFIX, out: TextIO = sys.stderr
) -> dict[str, Any]:
    """Make sure the profile's database exists, is migrated and holds the profile's data.

    Return the marker recorded by the generator.
    """
    from django.db import connection

    profile = PROFILES[profile_name]
    name = database_name(profile_name, prefix)
    use_database(name)
    created = _create_database(name, drop_first=regenerate)
    if regenerate:
        print(f"[{name}] dropped and recreated", file=out)
    elif created:
        print(f"[{name}] created", file=out)
    _migrate()
    marker = read_marker()
    if _marker_matches(marker, profile):
        assert marker is not None
        print(
            f"[{name}] has the {profile.name} profile ({marker['people']:,} people, {marker['units']:,} "
            f"units, generated {marker['generated_at']} in {marker['seconds']:.0f} s); reusing it",
            file=out,
        )
        return marker
    with connection.cursor() as cur:
        cur.execute("SELECT EXISTS (SELECT 1 FROM organization_unit)")
        not_empty = cur.fetchone()[0]
    if not_empty:
        print(f"[{name}] holds data of another profile, generator or schema; rebuilding it", file=out)
        _create_database(name, drop_first=True)
        _migrate()
    return generate(profile, out=out)


# --- generation --------------------------------------------------------------------------------------


@dataclass
class _Tree:
    units: list[Any]
    root: Any
    provinces: list[Any]
    # Per province, the ids of the units people are attached to (every unit below the province node).
    people_units: list[list[int]]


def _commune_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    ordered: list[str] = []
    while len(ordered) < count:
        a, b = rng.sample(PLACE_SYLLABLES, 2)
        name = f"{a} {b}"
        if name not in names:
            names.add(name)
            ordered.append(name)
    return ordered


def _build_tree(profile: Profile, rng: random.Random) -> _Tree:
    """Build the unit tree in memory with explicit ids, paths and depths (what Unit.save would store)."""
    from thidua.core.text import clean_text, collation_key, fold
    from thidua.organization.models import Unit, UnitKind

    units: list[Unit] = []

    def add(
        code: str, name: str, kind: str, parent: Unit | None, abbreviation: str = "", **extra: Any
    ) -> Unit:
        pk = len(units) + 1
        path = f"{parent.path if parent else '/'}{pk}/"
        name = clean_text(name)
        unit = Unit(
            id=pk,
            code=code,
            name=name,
            abbreviation=abbreviation,
            kind=kind,
            parent_id=parent.pk if parent else None,
            path=path,
            depth=path.count("/") - 2,
            search_key=fold(f"{name} "),
            sort_key=collation_key(name),
            **extra,
        )
        units.append(unit)
        return unit

    root = add("TW", "Hội đồng Thi đua - Khen thưởng Trung ương", UnitKind.OTHER, None)
    provinces: list[Unit] = []
    people_units: list[list[int]] = []
    for p_index, (p_name, is_city, _mix) in enumerate(PROVINCES[: profile.provinces]):
        pc = f"P{p_index + 1:02d}"
        level = "thành phố" if is_city else "tỉnh"
        place = p_name.removeprefix("Thành phố ")
        province = add(pc, f"{level.capitalize()} {place}", UnitKind.OTHER, root, place_name=place)
        provinces.append(province)
        ubnd = add(
            f"{pc}-UBND", f"Ủy ban nhân dân {level} {place}", UnitKind.PEOPLES_COMMITTEE, province, "UBND"
        )
        snv = add(
            f"{pc}-SNV",
            f"Sở Nội vụ {level} {place}",
            UnitKind.SPECIALISED_OFFICE,
            ubnd,
            "SNV",
            is_standing_body=True,
        )
        ids = [ubnd.pk, snv.pk]
        count = rng.randint(profile.communes_min, profile.communes_max)
        for c_index, c_name in enumerate(_commune_names(rng, count)):
            cc = f"{pc}-X{c_index + 1:03d}"
            ward = is_city and rng.random() < 0.5
            commune = f"{'phường' if ward else 'xã'} {c_name}"
            committee = add(
                f"{cc}-UBND",
                f"Ủy ban nhân dân {commune}",
                UnitKind.PEOPLES_COMMITTEE,
                ubnd,
                "UBND",
                place_name=c_name,
            )
            children = [
                add(f"{cc}-TH", f"Trường Tiểu học {commune}", UnitKind.SCHOOL, committee, place_name=c_name),
                add(f"{cc}-THCS", f"Trường THCS {commune}", UnitKind.SCHOOL, committee, place_name=c_name),
                add(
                    f"{cc}-TYT", f"Trạm Y tế {commune}", UnitKind.HEALTH_STATION, committee, place_name=c_name
                ),
            ]
            village = "Tổ dân phố" if ward else "Thôn"
            for v in range(rng.randint(1, 3)):
                children.append(
                    add(
                        f"{cc}-V{v + 1}",
                        f"{village} {v + 1:02d}, {commune}",
                        UnitKind.VILLAGE,
                        committee,
                        place_name=c_name,
                    )
                )
            ids.append(committee.pk)
            ids.extend(u.pk for u in children)
        people_units.append(ids)
    return _Tree(units=units, root=root, provinces=provinces, people_units=people_units)


def _group_weights(mix: str) -> list[float]:
    from thidua.demo.names import GROUPS

    demo = [float(g[1]) for g in GROUPS]
    if mix == "NW":
        return demo
    # Mostly Kinh: 85 %, the other groups share the rest in the demo's proportions.
    others = sum(w for g, w in zip(GROUPS, demo, strict=True) if g[0] != "Kinh")
    return [85.0 if g[0] == "Kinh" else 15.0 * w / others for g, w in zip(GROUPS, demo, strict=True)]


def _people_rows(
    profile: Profile, tree: _Tree, rng: random.Random, attnames: list[str], ethnicity_ids: dict[str, int]
) -> Iterator[tuple[Any, ...]]:
    """Yield one COPY row per person, keys computed by Person.refresh_keys().

    Runs while COPY holds the connection, so it must not query the database.
    """
    from thidua.core.text import fold
    from thidua.demo.names import DIRECT_POSITIONS, GROUPS, POSITIONS
    from thidua.organization.models import Person, Sex

    kinh = ethnicity_ids["Kinh"]
    paths = {u.pk: u.path for u in tree.units}
    n_provinces = len(tree.provinces)
    # Provinces differ in size; the first one (the scoped user's) has an average weight.
    weights = [1.0] + [rng.uniform(0.5, 1.5) for _ in range(n_provinces - 1)]
    mixes = [_group_weights(PROVINCES[i][2]) for i in range(n_provinces)]
    needle_keys = [" " + fold(" ".join(n[:3])) for n in NEEDLES]
    serial = [0] * n_provinces
    epoch = date(1960, 1, 1).toordinal()
    span = date(2007, 12, 31).toordinal() - epoch
    now = datetime(2026, 1, 1, tzinfo=UTC)
    person = Person(created_at=now, updated_at=now)

    def fill(p_index: int, family: str, middle: str, given: str, sex: str, ethnicity_id: int) -> None:
        born = date.fromordinal(epoch + rng.randrange(span))
        person.family_name, person.middle_name, person.given_name = family, middle, given
        person.full_name = ""
        person.sex = sex
        person.date_of_birth = born
        person.ethnicity_id = ethnicity_id
        person.position = rng.choice(POSITIONS)
        person.is_direct_worker = person.position in DIRECT_POSITIONS
        person.unit_id = rng.choice(tree.people_units[p_index])
        person.unit_path = paths[person.unit_id]
        if rng.random() < 0.9:
            # Citizen ID: province code, sex and century digit, year of birth, serial (synthetic codes).
            serial[p_index] += 1
            century = 0 if born.year < 2000 else 2
            digit = century + (0 if sex == Sex.MALE else 1)
            person.id_number = f"{p_index + 1:03d}{digit}{born.year % 100:02d}{serial[p_index]:06d}"
        else:
            person.id_number = None
        person.refresh_keys()

    n_random = profile.people - sum(n[4] for n in NEEDLES)
    cum_provinces = _cumulative(weights)
    cum_mixes = [_cumulative(m) for m in mixes]
    provinces = range(n_provinces)
    for _ in range(n_random):
        p_index = rng.choices(provinces, cum_weights=cum_provinces)[0]
        while True:
            group = rng.choices(GROUPS, cum_weights=cum_mixes[p_index])[0]
            male = rng.random() < 0.5
            family = rng.choice(group[2])
            middle = rng.choice(group[3] if male else group[4])
            given = rng.choice(group[5] if male else group[6])
            fill(p_index, family, middle, given, Sex.MALE if male else Sex.FEMALE, ethnicity_ids[group[0]])
            if not any(k in person.search_key for k in needle_keys):
                break
        yield tuple(getattr(person, a) for a in attnames)
    for family, middle, given, sex, count in NEEDLES:
        for k in range(count):
            # Every other needle in the scoped province, the rest spread over the country.
            p_index = 0 if k % 2 == 0 or n_provinces == 1 else 1 + (k * 7) % (n_provinces - 1)
            fill(p_index, family, middle, given, sex, kinh)
            yield tuple(getattr(person, a) for a in attnames)


def _cumulative(weights: list[float]) -> list[float]:
    total = 0.0
    out = []
    for w in weights:
        total += w
        out.append(total)
    return out


def _person_indexes(cur: Any) -> list[tuple[str, str]]:
    """Return (name, definition) of the person table's indexes that back no constraint."""
    cur.execute(
        """
        SELECT ci.relname, pg_get_indexdef(ix.indexrelid)
        FROM pg_index ix JOIN pg_class ci ON ci.oid = ix.indexrelid
        WHERE ix.indrelid = 'organization_person'::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)
        ORDER BY ci.relname
        """
    )
    return [(r[0], r[1]) for r in cur.fetchall()]


class _Progress:
    def __init__(self, out: TextIO, total: int) -> None:
        self.out, self.total, self.start = out, total, time.perf_counter()

    def show(self, done: int, *, final: bool = False) -> None:
        elapsed = time.perf_counter() - self.start
        rate = done / elapsed if elapsed else 0.0
        line = f"\r  people {done:>10,}/{self.total:,} {100 * done / self.total:5.1f} %  {elapsed:6.1f} s"
        line += f"  {rate:,.0f}/s"
        self.out.write(line + ("\n" if final else ""))
        self.out.flush()


def generate(profile: Profile, *, out: TextIO = sys.stderr) -> dict[str, Any]:
    """Load the profile into the (empty, migrated) current database; return the marker written."""
    from django.contrib.auth.hashers import make_password
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from thidua.accounts.models import Membership, Role, User
    from thidua.demo.names import GROUPS
    from thidua.organization.models import Ethnicity, Person, Unit

    guard_database_name(connection.settings_dict["NAME"])
    started = time.perf_counter()
    rng = random.Random(profile.seed)
    name = connection.settings_dict["NAME"]
    print(f"[{name}] generating the {profile.name} profile ({profile.people:,} people)", file=out)
    with transaction.atomic():
        tree = _build_tree(profile, rng)
        Unit.objects.bulk_create(tree.units, batch_size=5000)
        with connection.cursor() as cur:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Unit, Person]):
                cur.execute(statement)
        print(f"  units  {len(tree.units):>10,}  {time.perf_counter() - started:6.1f} s", file=out)

        fields = [f for f in Person._meta.concrete_fields if not f.primary_key]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        attnames = [f.attname for f in fields]
        ethnicity_ids = {e.name: e.pk for e in Ethnicity.objects.all()}
        missing = {g[0] for g in GROUPS} - ethnicity_ids.keys()
        if missing:
            raise SystemExit(f"ethnic groups missing from the database: {sorted(missing)}")
        raw = connection.connection
        with raw.cursor() as cur:
            # Building the secondary indexes once after the load is much faster than keeping them up.
            indexes = _person_indexes(cur)
            for index_name, _definition in indexes:
                cur.execute(f"DROP INDEX {connection.ops.quote_name(index_name)}")
            # Check foreign keys row by row instead of queueing a million deferred checks.
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            progress = _Progress(out, profile.people)
            done = 0
            with cur.copy(f"COPY {Person._meta.db_table} ({columns}) FROM STDIN") as copy:
                for row in _people_rows(profile, tree, rng, attnames, ethnicity_ids):
                    copy.write_row(row)
                    done += 1
                    if done % 20_000 == 0:
                        progress.show(done)
            progress.show(done, final=True)
            cur.execute("SET LOCAL maintenance_work_mem = '1GB'")
            t = time.perf_counter()
            cur.execute(
                """
                INSERT INTO organization_personsearchterm (person_id, term, exact_term, sort_key, unit_path)
                SELECT p.id, array_to_string(f.words[i:], ' '), array_to_string(e.words[i:], ' '),
                       p.sort_key, p.unit_path
                FROM organization_person p
                CROSS JOIN LATERAL regexp_split_to_array(btrim(p.search_key), ' ') AS f(words)
                CROSS JOIN LATERAL regexp_split_to_array(btrim(p.exact_key), ' ') AS e(words)
                CROSS JOIN LATERAL generate_subscripts(f.words, 1) AS i
                """
            )
            print(f"  search terms {time.perf_counter() - t:6.1f} s", file=out)
            for index_name, definition in indexes:
                t = time.perf_counter()
                cur.execute(definition)
                print(f"  index  {index_name:<40} {time.perf_counter() - t:6.1f} s", file=out)

        users = {
            "country": User(username=BENCH_USERS["country"], full_name="Benchmark – cả nước"),
            "province": User(username=BENCH_USERS["province"], full_name="Benchmark – một tỉnh"),
        }
        for user in users.values():
            user.password = make_password(None)
            user.save()
        Membership.objects.create(user=users["country"], unit=tree.root, role=Role.EMULATION_OFFICER)
        Membership.objects.create(user=users["province"], unit=tree.provinces[0], role=Role.EMULATION_OFFICER)
        _check(rng)
        marker = {
            "profile": profile.name,
            "version": GENERATOR_VERSION,
            "seed": profile.seed,
            "people": Person.objects.count(),
            "units": len(tree.units),
            "provinces": len(tree.provinces),
            "communes": sum(1 for u in tree.units if u.code.endswith("-UBND") and "-X" in u.code),
            "generated_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "person_columns": _person_columns(),
        }
        with connection.cursor() as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)")
            marker["seconds"] = time.perf_counter() - started
            cur.execute(
                "INSERT INTO bench_meta (key, value) VALUES ('dataset', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [json.dumps(marker)],
            )
    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("VACUUM (ANALYZE) organization_person")
        cur.execute("VACUUM (ANALYZE) organization_unit")
        cur.execute("VACUUM (ANALYZE) organization_personsearchterm")
        cur.execute("ANALYZE")
    print(f"  vacuum/analyze     {time.perf_counter() - t:6.1f} s", file=out)
    marker["seconds"] = time.perf_counter() - started
    with connection.cursor() as cur:
        cur.execute("UPDATE bench_meta SET value = %s WHERE key = 'dataset'", [json.dumps(marker)])
    print(f"[{name}] generated in {marker['seconds']:.0f} s", file=out)
    return marker


def _check(rng: random.Random) -> None:
    """Fail loudly if paths, depths or people's keys differ from what the models would store."""
    from django.db import connection

    from thidua.core.text import fold
    from thidua.organization.models import Person

    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT count(*) FROM organization_unit u LEFT JOIN organization_unit p ON p.id = u.parent_id
            WHERE u.path <> COALESCE(p.path, '/') || u.id || '/'
               OR u.depth <> length(u.path) - length(replace(u.path, '/', '')) - 2
            """
        )
        wrong = cur.fetchone()[0]
    if wrong:
        raise RuntimeError(f"{wrong} units have a wrong path or depth")
    last = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    sample = Person.objects.filter(pk__in=[rng.randint(1, last) for _ in range(200)])
    for person in sample:
        stored = (person.sort_key, person.search_key, person.full_name)
        person.refresh_keys()
        if stored != (person.sort_key, person.search_key, person.full_name):
            raise RuntimeError(f"person {person.pk} has keys that differ from refresh_keys()")
    for family, middle, given, _sex, count in NEEDLES:
        key = " " + fold(f"{family} {middle} {given}")
        found = Person.objects.filter(search_key__contains=key).count()
        if found != count:
            raise RuntimeError(f"{found} people match {key!r}, expected {count}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", choices=sorted(PROFILES), default="province")
    parser.add_argument("--regenerate", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--database-prefix", default=DB_PREFIX, help="databases are named PREFIX_<profile>")
    args = parser.parse_args(argv)
    setup_django(database_name(args.profile, args.database_prefix))
    ensure(args.profile, regenerate=args.regenerate, prefix=args.database_prefix)


if __name__ == "__main__":
    main()

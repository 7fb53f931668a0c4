"""Generate the public portal's benchmark data: issued award decisions with their lines and awards.

On top of a people profile of bench/generate.py (in its own database, `thidua_bench_public_<profile>`),
each People's Committee issues, year after year from 2025 backwards, decisions of at most
LINES_PER_DECISION lines for the people under it: one document (quyết định, numbered per issuer and
year), one decision, one line per award with its certificate number and a random verification token,
and the award in the register. 1 % of the awards are revoked. A few lists are published for comments.

Everything is streamed with PostgreSQL COPY; a marker row records the number of awards, so a second run
with the same number reuses the data.
"""

import json
import random
import secrets
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any, TextIO

GENERATOR_VERSION = 2
LINES_PER_DECISION = 100
REVOKED_SHARE = 0.01
FIRST_YEAR, LAST_YEAR = 1995, 2025
AWARD_CODES = ("LDTT", "GIAY_KHEN", "LDTT", "CSTDCS", "LDTT")  # title of the year, by person and year


def read_awards_marker() -> dict[str, Any] | None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass('bench_meta') IS NOT NULL")
        if not cur.fetchone()[0]:
            return None
        cur.execute("SELECT value FROM bench_meta WHERE key = 'public_awards'")
        row = cur.fetchone()
    return json.loads(row[0]) if row else None


def _defaults(model: Any) -> tuple[list[Any], dict[str, Any]]:
    """Return the model's concrete fields and each one's default as COPY accepts it."""
    fields = list(model._meta.concrete_fields)
    defaults: dict[str, Any] = {}
    for f in fields:
        value = f.get_default() if f.has_default() else ("" if not f.null else None)
        if isinstance(value, dict | list):
            value = json.dumps(value)
        defaults[f.attname] = value
    return fields, defaults


def _copy(cur: Any, model: Any, rows: Iterable[dict[str, Any]]) -> int:
    """COPY `rows` (attname → value; missing ones take the field's default) into the model's table."""
    fields, defaults = _defaults(model)
    columns = ", ".join(f'"{f.column}"' for f in fields)
    names = [f.attname for f in fields]
    count = 0
    with cur.copy(f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[n] if n in row else defaults[n] for n in names])
            count += 1
    return count


def _authorities() -> dict[int, Any]:
    """Return, for each unit id, the People's Committee that decides for the people in it."""
    from thidua.organization.models import Unit, UnitKind

    units = {u.pk: u for u in Unit.objects.only("id", "kind", "name", "place_name", "path", "abbreviation")}
    out: dict[int, Any] = {}
    for unit in units.values():
        ids = [int(x) for x in unit.path.strip("/").split("/")]
        for pk in reversed(ids):
            if units[pk].kind == UnitKind.PEOPLES_COMMITTEE:
                out[unit.pk] = units[pk]
                break
    return out


def generate_awards(total: int, *, seed: int = 2377, out: TextIO = sys.stderr) -> dict[str, Any]:
    """Load `total` awards with their decisions into the current (people-profile) database."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from thidua.awards.models import Award
    from thidua.decisions.models import Decision, DecisionLine
    from thidua.documents.models import Document
    from thidua.organization.models import Person, Unit

    rng = random.Random(seed)
    started = time.perf_counter()
    now = datetime.now().astimezone()
    authorities = _authorities()
    people = list(Person.objects.order_by("pk").values_list("pk", "unit_id", "full_name", "position"))
    if not people:
        raise SystemExit("the people profile is empty")
    by_authority: dict[int, list[tuple[int, int, str, str]]] = {}
    for row in people:
        by_authority.setdefault(authorities[row[1]].pk, []).append(row)
    names = dict(Unit.objects.values_list("pk", "name"))
    per_year = len(people)
    years = max(1, -(-total // per_year))
    if LAST_YEAR - years + 1 < FIRST_YEAR:
        raise SystemExit(f"{total:,} awards need {years} years of {per_year:,} people; use a larger profile")
    print(f"  {total:,} awards: {years} year(s) × up to {per_year:,} people", file=out)

    documents: list[dict[str, Any]] = []
    decisions: list[dict[str, Any]] = []
    plan: list[tuple[int, int, date, list[tuple[int, int, str, str]]]] = []  # decision id, year, date, rows
    left = total
    for year in range(LAST_YEAR, LAST_YEAR - years, -1):
        for a_index, (authority_id, members) in enumerate(sorted(by_authority.items())):
            if left <= 0:
                break
            chosen = members[:left]
            left -= len(chosen)
            # Each authority decides on its own day of the next year (several share a day at scale).
            on = date(year + 1, 1, 5) + timedelta(days=a_index % 340)
            for number, start in enumerate(range(0, len(chosen), LINES_PER_DECISION), start=1):
                pk = len(decisions) + 1
                authority = authorities[members[0][1]]
                documents.append(
                    {
                        "id": pk,
                        "created_at": now,
                        "updated_at": now,
                        "issuer_id": authority_id,
                        "kind": "QD",
                        "year": on.year,
                        "number": number,
                        "notation": "QĐ-UBND",
                        "subject": f"Về việc khen thưởng thành tích năm {year}",
                        "place_name": authority.place_name or authority.name,
                        "issued_on": on,
                        "status": "ISSUED",
                        "signer_name": "Nguyễn Văn Ký",
                        "signer_title": "Chủ tịch",
                        "source": "bench_public",
                    }
                )
                decisions.append(
                    {
                        "id": pk,
                        "created_at": now,
                        "updated_at": now,
                        "authority_unit_id": authority_id,
                        "authority_office": "CT_UBND_XA",
                        "authority_title": f"CHỦ TỊCH {names.get(authority_id, '').upper()}",
                        "title": f"Về việc khen thưởng thành tích năm {year}",
                        "achievement_year": year,
                        "decided_on": on,
                        "status": "ISSUED",
                        "document_id": pk,
                        "signer_name": "Nguyễn Văn Ký",
                        "signer_title": "Chủ tịch",
                        "verification_token": secrets.token_urlsafe(16),
                    }
                )
                plan.append((pk, year, on, chosen[start : start + LINES_PER_DECISION]))
        if left <= 0:
            break

    def rows() -> Iterator[tuple[Any, ...]]:
        pk = 0
        for decision_id, year, on, chosen_rows in plan:
            doc_number = documents[decision_id - 1]["number"]
            for order, (person_id, unit_id, full_name, position) in enumerate(chosen_rows, start=1):
                pk += 1
                yield pk, decision_id, on, year, doc_number, order, person_id, unit_id, full_name, position

    def award_rows() -> Iterator[dict[str, Any]]:
        for pk, decision_id, on, year, doc_number, _order, person_id, _unit, _name, _pos in rows():
            revoked = (pk * 2654435761) % 1000 < REVOKED_SHARE * 1000
            yield {
                "id": pk,
                "created_at": now,
                "updated_at": now,
                "subject_kind": "INDIVIDUAL",
                "person_id": person_id,
                "award_code": AWARD_CODES[(person_id + year) % len(AWARD_CODES)],
                "year": year,
                "decided_on": on,
                "authority_office": "CT_UBND_XA",
                "decision_symbol": f"{doc_number:02d}/QĐ-UBND",
                "source_ref": f"decisions.decision:{decision_id}",
                "status": "REVOKED" if revoked else "VALID",
                "revoked_on": on + timedelta(days=200) if revoked else None,
            }

    def line_rows() -> Iterator[dict[str, Any]]:
        for pk, decision_id, _on, year, doc_number, order, person_id, unit_id, full_name, position in rows():
            yield {
                "id": pk,
                "created_at": now,
                "updated_at": now,
                "decision_id": decision_id,
                "order": order,
                "subject_kind": "INDIVIDUAL",
                "person_id": person_id,
                "display_name": full_name,
                "unit_name": names.get(unit_id, ""),
                "position": position,
                "award_code": AWARD_CODES[(person_id + year) % len(AWARD_CODES)],
                "year": year,
                "certificate_number": f"{doc_number:02d}.{order:03d}/QĐ-UBND",
                "verification_token": secrets.token_urlsafe(16),
                "award_id": pk,
            }

    with transaction.atomic(), connection.connection.cursor() as cur:
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        _copy(cur, Document, documents)
        _copy(cur, Decision, decisions)
        print(f"  {len(decisions):,} decisions  {time.perf_counter() - started:6.1f} s", file=out)
        count = _copy(cur, Award, award_rows())
        print(f"  {count:,} awards  {time.perf_counter() - started:6.1f} s", file=out)
        _copy(cur, DecisionLine, line_rows())
        print(f"  {count:,} lines   {time.perf_counter() - started:6.1f} s", file=out)
        with connection.cursor() as c:
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [Document, Decision, Award, DecisionLine]
            ):
                c.execute(statement)
        _notices(rng, by_authority, on=now.date())
        marker = {
            "version": GENERATOR_VERSION,
            "awards": count,
            "decisions": len(decisions),
            "seconds": time.perf_counter() - started,
            "generated_at": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        }
        with connection.cursor() as c:
            c.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)")
            c.execute(
                "INSERT INTO bench_meta (key, value) VALUES ('public_awards', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [json.dumps(marker)],
            )
    with connection.cursor() as c:
        for table in ("documents_document", "decisions_decision", "decisions_decisionline", "awards_award"):
            c.execute(f"VACUUM (ANALYZE) {table}")
    marker["seconds"] = time.perf_counter() - started
    print(f"  generated in {marker['seconds']:.0f} s", file=out)
    return marker


def _notices(rng: random.Random, by_authority: dict[int, list[Any]], *, on: date) -> None:
    """Publish five lists for comments (open now), with 20 approved nominees each."""
    from thidua.proposals.models import Nominee, Proposal, PublicNotice

    for i, (authority_id, members) in enumerate(sorted(by_authority.items())[:5]):
        proposal = Proposal.objects.create(
            proposing_unit_id=members[0][1],
            authority_unit_id=authority_id,
            kind="YEAR_END",
            year=on.year,
            title=f"Tờ trình đề nghị khen thưởng năm {on.year} (đợt {i + 1})",
            status="PUBLIC_NOTICE",
        )
        Nominee.objects.bulk_create(
            Nominee(
                proposal=proposal,
                subject_kind="INDIVIDUAL",
                person_id=person_id,
                position=position,
                award_code="CSTDCS",
                year=on.year,
                order=order,
                council_outcome="APPROVED",
            )
            for order, (person_id, _unit, _name, position) in enumerate(
                rng.sample(members, min(20, len(members))), 1
            )
        )
        PublicNotice.objects.create(
            proposal=proposal,
            working_days=10,
            starts_on=on - timedelta(days=2),
            ends_on=on + timedelta(days=12),
            published=True,
        )


def clear_awards() -> None:
    """Remove what generate_awards wrote (the people profile stays)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE decisions_decisionline, decisions_decision, awards_award, documents_document, "
            "proposals_proposal RESTART IDENTITY CASCADE"
        )
        cur.execute("DELETE FROM bench_meta WHERE key = 'public_awards'")

"""Generate the exemplars app's benchmark data: published stories with their consent, and good deeds.

On top of the public portal's data (bench/generate_awards.py), over TWENTY_YEARS evaluation years and the
units of the people profile: STORIES published stories (default 5,000), about 85 % exemplary people (the
person, their unit, one of their awards when the register has one that year) and 15 % good deeds (a
person of a commune, shown by name when the consent covers it; the place is the commune's People's
Committee), each with a written consent that covers what the story shows. Each good deed comes from a
citizen's nomination approved by a moderator, with one supporting statement; a few more nominations wait
for moderation (never public). A few stories are drafts or were taken down, so the public queries must
skip them.

The rows carry what the services would write (`exemplars.services.story_publish` fills `public_subject`,
`public_place` and `public_birth_year` from the consent): after loading, a sample is checked against the
services' own rules. Everything is loaded with COPY; a `bench_meta` row ('public_exemplars') records the
number of stories, so the next run reuses them.
"""

import json
import random
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as dtime
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from django.utils.text import slugify

GENERATOR_VERSION = 1
STORIES = 5_000
GOOD_DEED_SHARE = 0.15
LAST_YEAR = 2025
TWENTY_YEARS = 20
PENDING_NOMINATIONS = 200
UNPUBLISHED_SHARE = 0.02  # drafts and stories taken down, which the public pages must not show
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

ACHIEVEMENTS = (
    "dạy tốt, học tốt",
    "phát triển kinh tế hộ gia đình",
    "giữ gìn an ninh trật tự thôn bản",
    "chăm sóc sức khỏe ban đầu cho nhân dân",
    "xây dựng nông thôn mới",
    "bảo tồn văn hóa dân tộc",
    "cải cách hành chính",
    "chuyển đổi số ở cơ sở",
)
DEEDS = (
    "cứu người bị nước cuốn trôi",
    "trả lại tài sản nhặt được",
    "hiến đất làm đường liên thôn",
    "giúp đỡ gia đình có hoàn cảnh khó khăn",
    "dập tắt đám cháy rừng",
    "đưa người bị nạn đi cấp cứu",
)


def read_marker() -> dict[str, Any] | None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass('bench_meta') IS NOT NULL")
        if not cur.fetchone()[0]:
            return None
        cur.execute("SELECT value FROM bench_meta WHERE key = 'public_exemplars'")
        row = cur.fetchone()
    return json.loads(row[0]) if row else None


def _published_count() -> int:
    from thidua.exemplars.models import Story, StoryStatus

    return Story.objects.filter(status=StoryStatus.PUBLISHED).count()


def ensure_exemplars(total: int = STORIES, *, out: TextIO = sys.stderr) -> dict[str, Any]:
    """Load `total` stories unless the database already holds them (same number and generator version)."""
    marker = read_marker()
    if (
        marker
        and marker.get("stories") == total
        and marker.get("version") == GENERATOR_VERSION
        and marker.get("published") == _published_count()
    ):
        print(f"  {marker['published']:,} published stories already loaded; reusing them", file=out)
        return marker
    clear_exemplars()
    return generate_exemplars(total, out=out)


def clear_exemplars() -> None:
    """Remove every story, consent and nomination (the awards and people stay)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE exemplars_nominationstatement, exemplars_gooddeednomination, exemplars_consentrecord, "
            "exemplars_storyphoto, exemplars_story RESTART IDENTITY CASCADE"
        )
        cur.execute("SELECT to_regclass('bench_meta') IS NOT NULL")
        if cur.fetchone()[0]:
            cur.execute("DELETE FROM bench_meta WHERE key = 'public_exemplars'")


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, dtime(7 + rng.randint(0, 10), rng.randint(0, 59)), tzinfo=TZ)


def generate_exemplars(total: int = STORIES, *, seed: int = 2377, out: TextIO = sys.stderr) -> dict[str, Any]:
    """Load `total` stories (with consent) and the good deeds' nominations into the current database."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from bench.generate_awards import _copy, _defaults
    from thidua.awards.models import Award
    from thidua.core.text import fold
    from thidua.exemplars.models import (
        ConsentRecord,
        GoodDeedNomination,
        NominationStatement,
        Story,
        StoryPhoto,
    )
    from thidua.organization.models import Person, Unit, UnitKind

    _defaults(Story)  # fail early if the model cannot be copied
    started = time.perf_counter()
    rng = random.Random(seed)
    units = {u.pk: u for u in Unit.objects.only("id", "name", "path", "kind", "parent_id")}

    def commune_of(unit_id: int) -> Any:
        ids = [int(x) for x in units[unit_id].path.strip("/").split("/")]
        for pk in reversed(ids):
            if units[pk].kind == UnitKind.PEOPLES_COMMITTEE:
                return units[pk]
        return units[unit_id]

    people = list(Person.objects.order_by("pk").values_list("pk", "unit_id", "full_name", "date_of_birth"))
    chosen = rng.sample(people, min(total, len(people)))
    while len(chosen) < total:  # a tiny profile: some people have more than one story
        chosen.append(rng.choice(people))
    first_year = LAST_YEAR - TWENTY_YEARS + 1
    years = [first_year + i % TWENTY_YEARS for i in range(total)]
    rng.shuffle(years)
    wanted = {(p[0], y) for p, y in zip(chosen, years, strict=True)}
    awards: dict[tuple[int, int], int] = {}
    for person_id, year, found in (
        Award.objects.filter(person_id__in={p for p, _y in wanted}, status="VALID")
        .order_by("id")
        .values_list("person_id", "year", "id")
        .iterator(chunk_size=5000)
    ):
        if (person_id, year) in wanted:
            awards.setdefault((person_id, year), found)

    stories: list[dict[str, Any]] = []
    consents: list[dict[str, Any]] = []
    nominations: list[dict[str, Any]] = []
    statements: list[dict[str, Any]] = []
    slugs: set[str] = set()
    for pk, ((person_id, unit_id, full_name, born), year) in enumerate(zip(chosen, years, strict=True), 1):
        award_id = None
        good_deed = rng.random() < GOOD_DEED_SHARE
        commune = commune_of(unit_id)
        published_on = date(year + 1, 1, 15) + timedelta(days=rng.randint(0, 330))
        published_at = _at(published_on, rng)
        given_on = published_on - timedelta(days=rng.randint(3, 40))
        status = "PUBLISHED"
        if rng.random() < UNPUBLISHED_SHARE:
            status = rng.choice(("DRAFT", "WITHDRAWN"))
        if good_deed:
            deed = rng.choice(DEEDS)
            title = f"{full_name} {deed}"
            summary = f"Năm {year}, anh (chị) {full_name} ở {commune.name} đã {deed}."
            body = (
                f"{summary}\n\nViệc làm được bà con trong thôn ghi nhận và đề xuất lên Ủy ban nhân dân xã."
                "\n\nỦy ban nhân dân xã biểu dương và giới thiệu để mọi người học tập."
            )
            covers_name = rng.random() < 0.8
            show_name, show_unit, show_birth_year = covers_name, False, False
            covers = {"name": covers_name, "text": covers_name, "unit": False, "birth": False}
            story_unit = commune
        else:
            achievement = rng.choice(ACHIEVEMENTS)
            title = f"{full_name}: điển hình tiên tiến trong {achievement}"
            summary = f"Gương điển hình tiên tiến năm {year} trong phong trào {achievement}."
            body = (
                f"{full_name} công tác tại {units[unit_id].name}.\n\n"
                f"Trong năm {year}, đồng chí luôn đi đầu trong phong trào {achievement}, "
                "hoàn thành xuất sắc nhiệm vụ được giao.\n\n"
                "Câu chuyện được đăng với sự đồng ý của người được nêu gương."
            )
            show_birth_year = born is not None and rng.random() < 0.3
            show_name, show_unit = True, True
            covers = {"name": True, "text": True, "unit": True, "birth": show_birth_year}
            story_unit, award_id = units[unit_id], awards.get((person_id, year))
        base = slugify(fold(title))[:100].strip("-") or "cau-chuyen"
        slug = base if base not in slugs else f"{base}-{pk}"
        slugs.add(slug)
        public = status == "PUBLISHED"
        stories.append(
            {
                "id": pk,
                "created_at": _at(given_on, rng),
                "updated_at": published_at,
                "kind": "GOOD_DEED" if good_deed else "EXEMPLAR",
                "title": title,
                "slug": slug,
                "summary": summary,
                "body": body,
                "subject_kind": "PERSON",
                "subject_name": full_name,
                "person_id": person_id,
                "unit_id": story_unit.pk,
                "movement_id": None,
                "award_id": award_id,
                "year": year,
                "show_name": show_name,
                "show_unit": show_unit,
                "show_birth_year": show_birth_year,
                "status": status,
                "published_at": published_at if status != "DRAFT" else None,
                "published_by_id": None,
                "withdrawn_at": published_at + timedelta(days=30) if status == "WITHDRAWN" else None,
                "public_subject": full_name if public and show_name and covers["name"] else "",
                "public_place": (
                    story_unit.name if public and (good_deed or (show_unit and covers["unit"])) else ""
                ),
                "public_birth_year": (
                    born.year if born and public and show_birth_year and covers["birth"] else None
                ),
                "created_by_id": None,
            }
        )
        consents.append(
            {
                "id": pk,
                "created_at": _at(given_on, rng),
                "updated_at": _at(given_on, rng),
                "story_id": pk,
                "given_by": "PERSON",
                "giver_name": full_name,
                "given_on": given_on,
                "method": "WRITTEN",
                "covers_name": covers["name"],
                "covers_photo": False,
                "covers_text": covers["text"],
                "covers_unit": covers["unit"],
                "covers_birth_year": covers["birth"],
                "scan": "",
                "note": "",
                "withdrawn_on": None,
                "recorded_by_id": None,
            }
        )
        if good_deed:
            happened = published_on - timedelta(days=rng.randint(45, 120))
            submitted = _at(happened + timedelta(days=rng.randint(1, 20)), rng)
            nomination = _nomination(len(nominations) + 1, rng, full_name, happened, submitted, commune)
            nomination.update(status="APPROVED", moderated_at=published_at, story_id=pk)
            nominations.append(nomination)
    for _ in range(PENDING_NOMINATIONS):
        person_id, unit_id, full_name, _born = rng.choice(people)
        happened = date(LAST_YEAR, 1, 1) + timedelta(days=rng.randint(0, 360))
        at, place = _at(happened, rng), commune_of(unit_id)
        nominations.append(_nomination(len(nominations) + 1, rng, full_name, happened, at, place))
    for n in nominations:
        statements.append(
            {
                "id": n["id"],
                "nomination_id": n["id"],
                "author_name": "Lò Văn Chứng",
                "contact": "",
                "text": "Tôi là người chứng kiến sự việc và xác nhận nội dung trên là đúng.",
                "order": 1,
            }
        )

    with transaction.atomic(), connection.connection.cursor() as cur:
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        _copy(cur, Story, stories)
        _copy(cur, ConsentRecord, consents)
        _copy(cur, GoodDeedNomination, nominations)
        _copy(cur, NominationStatement, statements)
        with connection.cursor() as c:
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [Story, StoryPhoto, ConsentRecord, GoodDeedNomination, NominationStatement]
            ):
                c.execute(statement)
        published = sum(1 for s in stories if s["status"] == "PUBLISHED")
        marker = {
            "version": GENERATOR_VERSION,
            "stories": total,
            "published": published,
            "good_deeds": sum(1 for s in stories if s["kind"] == "GOOD_DEED" and s["status"] == "PUBLISHED"),
            "nominations": len(nominations),
            "generated_at": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        }
        with connection.cursor() as c:
            c.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)")
            c.execute(
                "INSERT INTO bench_meta (key, value) VALUES ('public_exemplars', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [json.dumps(marker)],
            )
    with connection.cursor() as c:
        for table in ("exemplars_story", "exemplars_consentrecord", "exemplars_gooddeednomination"):
            c.execute(f"VACUUM (ANALYZE) {table}")
    check(rng)
    marker["seconds"] = time.perf_counter() - started
    print(
        f"  {total:,} stories ({published:,} published, {marker['good_deeds']:,} good deeds), "
        f"{len(nominations):,} nominations in {marker['seconds']:.1f} s",
        file=out,
    )
    return marker


def _nomination(
    pk: int, rng: random.Random, nominee: str, happened: date, submitted: datetime, commune: Any
) -> dict[str, Any]:
    return {
        "id": pk,
        "created_at": submitted,
        "updated_at": submitted,
        "nominator_name": "Vàng Thị Mai",
        "nominator_email": "",
        "nominator_phone": f"09{rng.randint(10_000_000, 99_999_999)}",
        "relation": rng.choice(("WITNESS", "BENEFICIARY", "ACQUAINTANCE")),
        "nominee_name": nominee,
        "what_happened": f"{nominee} {rng.choice(DEEDS)}.",
        "happened_on": happened,
        "unit_id": commune.pk,
        "place_text": "",
        "photo": "",
        "photo_sha256": "",
        "photo_content_type": "",
        "status": "PENDING",
        "submitted_at": submitted,
        "moderated_at": None,
        "moderated_by_id": None,
        "rejection_reason": "",
        "story_id": None,
    }


def check(rng: random.Random, sample: int = 200) -> None:
    """Fail loudly if a sampled published story is not what the services would publish."""
    from thidua.exemplars import services
    from thidua.exemplars.models import Story, StoryStatus

    ids = list(Story.objects.filter(status=StoryStatus.PUBLISHED).values_list("id", flat=True))
    for story in Story.objects.filter(pk__in=rng.sample(ids, min(sample, len(ids)))).select_related(
        "unit", "person"
    ):
        consent = services.active_consent(story)
        problems = services.consent_problems(story, consent)
        if problems:
            raise RuntimeError(f"story {story.pk} could not be published: {problems}")
        stored = (story.public_subject, story.public_place, story.public_birth_year)
        services._set_public_fields(story, consent)  # what story_publish would write
        if (story.public_subject, story.public_place, story.public_birth_year) != stored:
            raise RuntimeError(f"story {story.pk}: public fields differ from what the services write")

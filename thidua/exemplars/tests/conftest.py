"""Fixtures of the exemplars stories: the small cast, a commune the public can choose, photos with EXIF."""

import io
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PIL import Image

from thidua.exemplars import services
from thidua.exemplars.models import ConsentGiver, ConsentMethod, Story, StorySubject
from thidua.organization.models import AdminUnit, DivisionType
from thidua.testing.cast import World, build_world

ON = date(2026, 3, 10)
AT = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.THIDUA_PUBLIC_BASE_URL = "https://thiduakhenthuong.tanuyen.example.vn"


@pytest.fixture
def world(db) -> World:
    w = build_world()
    # Make the cast's communes communes of the public's list (a People's Committee of an XA).
    for unit, code, name in ((w.commune, "99901", "xã Một"), (w.other_commune, "99902", "xã Hai")):
        unit.admin_unit = AdminUnit.objects.create(code=code, name=name, division_type=DivisionType.XA)
        unit.save()
    return w


def jpeg_with_gps(size: tuple[int, int] = (64, 48)) -> bytes:
    """Return a JPEG whose EXIF carries a camera model and a GPS position."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0110] = "Secret Camera 3000"  # Model
    exif[0x0132] = "2026:03:01 10:00:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (22.0, 10.0, 30.0)
    gps[3] = "E"
    gps[4] = (103.0, 44.0, 10.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (20, 10), (0, 128, 0, 255)).save(out, format="PNG")
    return out.getvalue()


def full_consent(**overrides) -> services.ConsentInput:
    values: dict[str, Any] = {
        "given_by": ConsentGiver.PERSON,
        "giver_name": "Nguyễn Văn An",
        "given_on": date(2026, 3, 1),
        "method": ConsentMethod.WRITTEN,
        "covers_name": True,
        "covers_photo": True,
        "covers_text": True,
        "covers_unit": True,
        "covers_birth_year": False,
    }
    values.update(overrides)
    return services.ConsentInput(**values)


def make_story(world: World, *, title: str = "Thầy giáo Nguyễn Văn An", **fields) -> Story:
    values: dict[str, Any] = {
        "actor": world.an,
        "title": title,
        "summary": "Một giáo viên tận tụy.",
        "body": "Đoạn một.\n\nĐoạn hai.",
        "subject_name": world.teacher.full_name,
        "subject_kind": StorySubject.PERSON,
        "person": world.teacher,
        "unit": world.school,
        "year": 2025,
    }
    values.update(fields)
    return services.story_create(**values)


def published_story(world: World, **fields) -> Story:
    story = make_story(world, **fields)
    services.consent_record(actor=world.an, story=story, consent=full_consent(), on=ON)
    return services.story_publish(actor=world.an, story=story, at=AT)

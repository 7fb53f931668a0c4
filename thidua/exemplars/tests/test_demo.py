"""The demo world carries published stories, an approved good deed and a nomination awaiting moderation."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from thidua.demo.world import build_demo_world
from thidua.exemplars.models import GoodDeedNomination, NominationStatus, Story, StoryKind, StoryStatus

pytestmark = pytest.mark.django_db


def test_the_demo_world_has_exemplars(client):
    call_command("import_admin_units", verbosity=0)
    build_demo_world(people_per_unit=1, progress=lambda _s: None)
    published = Story.objects.filter(status=StoryStatus.PUBLISHED)
    assert published.filter(kind=StoryKind.EXEMPLAR).count() == 2
    assert published.filter(kind=StoryKind.GOOD_DEED).count() == 1
    teacher = published.filter(person__isnull=False).get()
    assert teacher.award is not None and teacher.photos.count() == 1
    assert teacher.public_subject == teacher.person.full_name
    pending = GoodDeedNomination.objects.get(status=NominationStatus.PENDING)
    assert pending.unit.code == "XTU-UBND"
    page = client.get(reverse("exemplars:index")).content.decode()
    for story in published:
        assert story.title in page
    assert pending.nominee_name not in page
    good = client.get(reverse("exemplars:good_deeds")).content.decode()
    assert "Vàng A Dế" in good

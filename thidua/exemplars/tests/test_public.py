"""The public pages: only published stories, only what consent covers, cacheable, bounded queries."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse

from thidua.exemplars import services
from thidua.exemplars.models import ConsentRecord, GoodDeedNomination, NominationStatus, StoryKind
from thidua.exemplars.tests.conftest import AT, ON, full_consent, jpeg_with_gps, make_story, published_story

pytestmark = pytest.mark.django_db
BASE = "https://thiduakhenthuong.tanuyen.example.vn"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def _nominate(world, **overrides):
    values = {
        "nominator_name": "Lò Thị Hoa",
        "nominator_email": "hoa.lo@example.com",
        "nominator_phone": "0912345678",
        "relation": "WITNESS",
        "nominee_name": "Vàng A Dế",
        "what_happened": "Anh Dế cứu cháu bé ngã xuống suối Nậm Sỏ.",
        "happened_on": date(2026, 3, 1),
        "unit": world.commune,
        "place_text": "",
        "statements": [services.StatementInput("Lường Văn Tú", "Tôi chứng kiến.")],
        "photo": None,
        "on": ON,
        "at": AT,
    }
    values.update(overrides)
    return services.nomination_submit(**values)


def _public_text(client) -> str:
    pages = [
        reverse("exemplars:index"),
        reverse("exemplars:good_deeds"),
        reverse("exemplars:rss"),
        reverse("exemplars:atom"),
    ]
    out = []
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        out.append(response.content.decode())
    return "\n".join(out)


def test_a_nominated_good_deed_is_invisible_until_moderated(client, world):
    nomination = _nominate(world)
    text = _public_text(client)
    assert "Vàng A Dế" not in text and "suối Nậm Sỏ" not in text
    assert client.get(reverse("exemplars:story", args=["vang-a-de"])).status_code == 404

    # Approved but kept as a draft story: still invisible, its address answers 404.
    story = services.nomination_approve(
        actor=world.an,
        nomination=nomination,
        title="Cứu cháu bé ngã xuống suối",
        summary="Một thanh niên cứu cháu bé ngã xuống suối Nậm Sỏ.",
        body=nomination.what_happened,
        unit=world.commune,
        consent=full_consent(giver_name="Vàng A Dế", covers_photo=False),
        publish=False,
        on=ON,
        at=AT,
    )
    assert client.get(reverse("exemplars:story", args=[story.slug])).status_code == 404
    assert "Cứu cháu bé" not in _public_text(client)

    services.story_publish(actor=world.an, story=story, at=AT)
    text = _public_text(client)
    assert "Cứu cháu bé ngã xuống suối" in text and "Vàng A Dế" in text
    detail = client.get(reverse("exemplars:story", args=[story.slug]))
    assert detail.status_code == 200
    body = detail.content.decode()
    assert "Vàng A Dế" in body
    for private in ("Lò Thị Hoa", "hoa.lo@example.com", "0912345678", "Lường Văn Tú"):
        assert private not in text and private not in body


def test_a_rejected_nomination_never_appears(client, world):
    nomination = _nominate(world)
    services.nomination_reject(actor=world.an, nomination=nomination, reason="Không xác minh được", at=AT)
    assert GoodDeedNomination.objects.get().status == NominationStatus.REJECTED
    assert "Vàng A Dế" not in _public_text(client)


def test_a_good_deed_without_name_consent_is_shown_without_the_name(client, world):
    nomination = _nominate(world)
    story = services.nomination_approve(
        actor=world.an,
        nomination=nomination,
        title="Một việc tốt bên suối",
        summary="Cháu bé được cứu kịp thời.",
        body="Một thanh niên trong bản đã cứu cháu bé.",
        unit=world.commune,
        consent=None,
        publish=True,
        on=ON,
        at=AT,
    )
    body = client.get(reverse("exemplars:story", args=[story.slug])).content.decode()
    assert "Một việc tốt bên suối" in body
    assert "Vàng A Dế" not in body and 'data-testid="story-subject"' not in body
    listing = client.get(reverse("exemplars:good_deeds")).content.decode()
    assert "Một việc tốt bên suối" in listing


def test_the_story_page_shows_only_what_consent_covers(client, world):
    world.teacher.id_number = "012180000123"
    world.teacher.save()
    story = published_story(world)
    body = client.get(reverse("exemplars:story", args=[story.slug])).content.decode()
    assert "Nguyễn Văn An" in body and world.school.name in body
    assert "1980" not in body  # no year of birth: not shown, not covered
    assert "012180000123" not in body and "02/05/1980" not in body

    covered = make_story(world, title="Có năm sinh", show_birth_year=True)
    consent = full_consent(covers_birth_year=True)
    services.consent_record(actor=world.an, story=covered, consent=consent, on=ON)
    services.story_publish(actor=world.an, story=covered, at=AT)
    assert "1980" in client.get(reverse("exemplars:story", args=[covered.slug])).content.decode()


def test_withdrawn_consent_takes_the_page_down(client, world):
    story = published_story(world)
    url = reverse("exemplars:story", args=[story.slug])
    assert client.get(url).status_code == 200
    services.consent_withdraw(actor=world.an, consent=ConsentRecord.objects.get(story=story), on=ON, at=AT)
    assert client.get(url).status_code == 404
    assert story.title not in _public_text(client)


def test_feeds_are_valid_xml_with_absolute_links(client, world):
    story = published_story(world)
    draft = make_story(world, title="Bản nháp chưa đăng")
    rss = client.get(reverse("exemplars:rss"))
    assert rss["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(rss.content)  # noqa: S314 - our own output
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("link") == f"{BASE}/dien-hinh/"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [story.title]
    assert items[0].findtext("link") == f"{BASE}/dien-hinh/{story.slug}/"
    assert items[0].findtext("guid") == f"{BASE}/dien-hinh/{story.slug}/"
    assert items[0].findtext("pubDate")

    atom = client.get(reverse("exemplars:atom"))
    assert atom["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(atom.content)  # noqa: S314 - our own output
    assert feed.tag == f"{ATOM}feed"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == f"{BASE}/dien-hinh/atom.xml"
    assert links["alternate"] == f"{BASE}/dien-hinh/"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert entries[0].find(f"{ATOM}link").get("href") == f"{BASE}/dien-hinh/{story.slug}/"
    assert draft.title not in rss.content.decode() + atom.content.decode()


@pytest.mark.parametrize(
    "name", ["exemplars:index", "exemplars:good_deeds", "exemplars:rss", "exemplars:atom"]
)
def test_public_lists_are_cacheable(client, world, name):
    published_story(world)
    response = client.get(reverse(name))
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "max-age=" in cache_control
    assert response.has_header("ETag") and response.has_header("Last-Modified")
    assert "Accept-Language" in response["Vary"]
    assert not response.cookies  # nothing per visitor
    assert b"csrfmiddlewaretoken" not in response.content
    again = client.get(reverse(name), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_etag_changes_when_a_story_changes(client, world):
    story = published_story(world)
    url = reverse("exemplars:story", args=[story.slug])
    first = client.get(url)
    assert "public" in first["Cache-Control"] and first.has_header("ETag")
    services.story_update(actor=world.an, story=story, summary="Tóm tắt mới")
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and "Tóm tắt mới" in second.content.decode()


def test_the_nomination_form_is_never_cached_and_carries_csrf(client, world):
    response = client.get(reverse("exemplars:nominate"))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert b"csrfmiddlewaretoken" in response.content
    assert world.commune.name in response.content.decode()


def test_photos_are_served_only_for_published_stories(client, world):
    story = make_story(world)
    photo = services.photo_add(actor=world.an, story=story, data=jpeg_with_gps(), alt_text="Thầy An")
    url = reverse("exemplars:photo", args=[story.slug, photo.pk])
    assert client.get(url).status_code == 404
    services.consent_record(actor=world.an, story=story, consent=full_consent(), on=ON)
    services.story_publish(actor=world.an, story=story, at=AT)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"Secret Camera" not in b"".join(response.streaming_content)
    assert "public" in response["Cache-Control"] and response.has_header("ETag")
    page = client.get(reverse("exemplars:story", args=[story.slug])).content.decode()
    assert f'src="{url}" alt="Thầy An"' in page
    assert client.get(reverse("exemplars:photo", args=["khac", photo.pk])).status_code == 404
    services.story_withdraw(actor=world.an, story=story, at=AT)
    assert client.get(url).status_code == 404


def test_filters_by_year_unit_and_movement(client, world):
    old = published_story(world, title="Năm hai nghìn hai mươi tư", year=2024)
    other = published_story(
        world,
        title="Ở xã Hai",
        unit=world.other_commune,
        person=None,
        subject_kind="COLLECTIVE",
        subject_name="UBND xã Hai",
    )
    index = reverse("exemplars:index")
    by_year = client.get(index, {"year": 2024}).content.decode()
    assert old.title in by_year and other.title not in by_year
    # The district's page shows the stories of every unit below it.
    by_district = client.get(index, {"unit": world.other_commune.pk}).content.decode()
    assert other.title in by_district and old.title not in by_district
    # An unknown filter value is ignored, not an error.
    assert client.get(index, {"unit": 999999, "year": "x"}).status_code == 200


def test_the_index_reads_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for i in range(30):
        story = make_story(world, title=f"Câu chuyện số {i}")
        services.photo_add(actor=world.an, story=story, data=jpeg_with_gps((8, 8)), alt_text=f"Ảnh {i}")
        services.consent_record(actor=world.an, story=story, consent=full_consent(), on=ON)
        services.story_publish(actor=world.an, story=story, at=AT + timedelta(minutes=i))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("exemplars:index"))
    assert response.status_code == 200
    assert response.content.decode().count('class="card h-100"') == 12
    with django_assert_max_num_queries(10):
        assert client.get(reverse("exemplars:index"), {"page": 3}).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("exemplars:rss")).status_code == 200


def _form_data(world, **overrides):
    data = {
        "nominator_name": "Lò Thị Hoa",
        "nominator_email": "",
        "nominator_phone": "0912 345 678",
        "relation": "WITNESS",
        "nominee_name": "Vàng A Dế",
        "what_happened": "Anh Dế cứu cháu bé.",
        "happened_on": "01/03/2026",
        "unit": str(world.commune.pk),
        "place_text": "",
        "website": "",
        "statements-TOTAL_FORMS": "5",
        "statements-INITIAL_FORMS": "0",
        "statements-MIN_NUM_FORMS": "1",
        "statements-MAX_NUM_FORMS": "5",
        "statements-0-author_name": "Lường Văn Tú",
        "statements-0-contact": "",
        "statements-0-text": "Tôi chứng kiến.",
    }
    for i in range(1, 5):
        for name in ("author_name", "contact", "text"):
            data[f"statements-{i}-{name}"] = ""
    data.update(overrides)
    return data


def test_a_citizen_nominates_through_the_form(client, world):
    response = client.post(reverse("exemplars:nominate"), _form_data(world))
    assert response.status_code == 302 and response["Location"] == reverse("exemplars:thanks")
    nomination = GoodDeedNomination.objects.get()
    assert nomination.nominator_phone == "0912345678"
    assert nomination.status == NominationStatus.PENDING
    assert [s.author_name for s in nomination.statements.all()] == ["Lường Văn Tú"]
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and "public" in thanks["Cache-Control"]


def test_the_form_checks_contact_date_and_statements(client, world):
    data = _form_data(
        world,
        nominator_phone="",
        happened_on=(date.today() + timedelta(days=2)).strftime("%d/%m/%Y"),  # noqa: DTZ011
        **{"statements-0-author_name": "", "statements-0-text": ""},
    )
    response = client.post(reverse("exemplars:nominate"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "nominator_email" in errors and "happened_on" in errors
    assert response.context["statements"].total_error_count()
    bad_phone = client.post(reverse("exemplars:nominate"), _form_data(world, nominator_phone="12ab"))
    assert "nominator_phone" in bad_phone.context["form"].errors
    assert not GoodDeedNomination.objects.exists()


def test_the_honeypot_keeps_nothing(client, world):
    response = client.post(reverse("exemplars:nominate"), _form_data(world, website="http://spam.example"))
    assert response.status_code == 302
    assert not GoodDeedNomination.objects.exists()


def test_nominations_are_throttled_per_address(client, world, settings):
    settings.EXEMPLARS_NOMINATION_LIMIT = 2
    for _ in range(2):
        assert client.post(reverse("exemplars:nominate"), _form_data(world)).status_code == 302
    refused = client.post(reverse("exemplars:nominate"), _form_data(world))
    assert refused.status_code == 429
    assert GoodDeedNomination.objects.count() == 2
    other = client.post(reverse("exemplars:nominate"), _form_data(world), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_csrf_is_required(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("exemplars:nominate"), _form_data(world)).status_code == 403
    assert not GoodDeedNomination.objects.exists()


def test_kinds_on_the_good_deeds_page(client, world):
    exemplar = published_story(world, title="Tấm gương lao động giỏi")
    page = client.get(reverse("exemplars:good_deeds")).content.decode()
    assert exemplar.title not in page
    assert exemplar.kind == StoryKind.EXEMPLAR

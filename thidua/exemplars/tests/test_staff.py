"""Staff screens: scope gates (other units' staff get 404), the story flow and moderation."""

from datetime import date

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.exemplars import services
from thidua.exemplars.models import GoodDeedNomination, NominationStatus, Story, StoryStatus
from thidua.exemplars.tests.conftest import AT, ON, full_consent, jpeg_with_gps, make_story
from thidua.testing.cast import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def _nominate(world, unit=None, place_text=""):
    return services.nomination_submit(
        nominator_name="Lò Thị Hoa",
        nominator_email="hoa@example.com",
        nominator_phone="",
        relation="WITNESS",
        nominee_name="Vàng A Dế",
        what_happened="Anh Dế cứu cháu bé.",
        happened_on=date(2026, 3, 1),
        unit=unit if unit is not None or place_text else world.commune,
        place_text=place_text,
        statements=[services.StatementInput("Lường Văn Tú", "Tôi chứng kiến.")],
        photo=None,
        on=ON,
        at=AT,
    )


def test_other_units_staff_get_404_on_stories(client, world):
    story = make_story(world)
    photo = services.photo_add(actor=world.an, story=story, data=jpeg_with_gps(), alt_text="Ảnh")
    _login(client, world.dung)
    for url in (
        reverse("exemplars:staff_story", args=[story.pk]),
        reverse("exemplars:staff_edit", args=[story.pk]),
        reverse("exemplars:staff_photo_add", args=[story.pk]),
        reverse("exemplars:staff_consent", args=[story.pk]),
        reverse("exemplars:staff_photo", args=[story.pk, photo.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("exemplars:staff_publish", args=[story.pk])).status_code == 404
    assert client.get(reverse("exemplars:staff_story", args=[999999])).status_code == 404
    listing = client.get(reverse("exemplars:staff_list")).content.decode()
    assert story.title not in listing


def test_a_council_member_sees_but_does_not_edit(client, world):
    story = make_story(world)
    _login(client, world.chau)
    assert client.get(reverse("exemplars:staff_story", args=[story.pk])).status_code == 200
    assert client.get(reverse("exemplars:staff_edit", args=[story.pk])).status_code == 404


def test_staff_write_publish_and_withdraw_a_story(client, world):
    _login(client, world.binh)  # head of the school
    response = client.post(
        reverse("exemplars:staff_create"),
        {
            "kind": "EXEMPLAR",
            "title": "Thầy giáo của bản",
            "summary": "Tóm tắt",
            "body": "Đoạn một.\r\n\r\nĐoạn hai.",
            "subject_kind": "PERSON",
            "subject_name": "Nguyễn Văn An",
            "unit": world.school.pk,
            "person": world.teacher.pk,
            "year": 2025,
            "show_name": "on",
            "show_unit": "on",
        },
    )
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.paragraphs() == ["Đoạn một.", "Đoạn hai."]
    page = client.post(
        reverse("exemplars:staff_publish", args=[story.pk]), follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "No consent is recorded for this story." in [str(m) for m in page.context["messages"]]
    assert Story.objects.get().status == StoryStatus.DRAFT
    consent = client.post(
        reverse("exemplars:staff_consent", args=[story.pk]),
        {
            "given_by": "PERSON",
            "giver_name": "Nguyễn Văn An",
            "given_on": "01/03/2026",
            "method": "WRITTEN",
            "covers_name": "on",
            "covers_text": "on",
            "covers_unit": "on",
        },
    )
    assert consent.status_code == 302
    client.post(reverse("exemplars:staff_publish", args=[story.pk]))
    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED and story.published_by == world.binh
    assert client.get(reverse("exemplars:story", args=[story.slug])).status_code == 200
    client.post(reverse("exemplars:staff_withdraw", args=[story.pk]), {"reason": "Yêu cầu của đơn vị"})
    assert Story.objects.get().status == StoryStatus.WITHDRAWN
    assert client.get(reverse("exemplars:story", args=[story.slug])).status_code == 404


def test_a_person_outside_the_scope_cannot_be_linked(client, world):
    _login(client, world.an)
    response = client.post(
        reverse("exemplars:staff_create"),
        {
            "kind": "EXEMPLAR",
            "title": "Người ngoài",
            "summary": "Tóm tắt",
            "body": "Nội dung",
            "subject_kind": "PERSON",
            "subject_name": "Trần Thị Bình",
            "unit": world.commune.pk,
            "person": world.outsider_person.pk,
            "year": 2025,
        },
    )
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    assert not Story.objects.exists()


def test_moderation_is_for_the_communes_staff_or_above(client, world):
    nomination = _nominate(world)
    url = reverse("exemplars:nomination", args=[nomination.pk])
    _login(client, world.dung)  # officer of the other commune
    assert client.get(url).status_code == 404
    reject = client.post(reverse("exemplars:reject", args=[nomination.pk]), {"reject-reason": "x"})
    assert reject.status_code == 404
    assert "Vàng A Dế" not in client.get(reverse("exemplars:queue")).content.decode()
    client.logout()
    _login(client, world.chau)  # council member of the district: not a moderator
    assert client.get(url).status_code == 404
    assert client.get(reverse("exemplars:queue")).status_code == 404
    client.logout()
    reviewer = make_user("giang", world.district, Role.REVIEWER)  # above the commune
    _login(client, reviewer)
    assert "Vàng A Dế" in client.get(reverse("exemplars:queue")).content.decode()
    assert client.get(url).status_code == 200


def test_staff_approve_with_consent_and_publish(client, world):
    nomination = _nominate(world)
    _login(client, world.an)
    response = client.post(
        reverse("exemplars:approve", args=[nomination.pk]),
        {
            "title": "Cứu cháu bé",
            "summary": "Một thanh niên cứu cháu bé.",
            "body": "Anh Dế cứu cháu bé.",
            "unit": world.commune.pk,
            "has_consent": "on",
            "publish": "on",
            "consent-given_by": "PERSON",
            "consent-giver_name": "Vàng A Dế",
            "consent-given_on": "05/03/2026",
            "consent-method": "IN_PERSON",
            "consent-covers_name": "on",
            "consent-covers_text": "on",
        },
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED
    story = nomination.story
    assert story.status == StoryStatus.PUBLISHED and story.public_subject == "Vàng A Dế"
    assert AuditEvent.objects.filter(action="exemplars.nomination.approve", actor=world.an).exists()


def test_staff_reject_needs_a_reason(client, world):
    nomination = _nominate(world)
    _login(client, world.an)
    response = client.post(reverse("exemplars:reject", args=[nomination.pk]), {"reject-reason": ""})
    assert response.status_code == 400
    assert GoodDeedNomination.objects.get().status == NominationStatus.PENDING
    response = client.post(reverse("exemplars:reject", args=[nomination.pk]), {"reject-reason": "Trùng lặp"})
    assert response.status_code == 302
    assert GoodDeedNomination.objects.get().rejection_reason == "Trùng lặp"


def test_nominations_with_a_typed_place_go_to_the_top_units_moderators(client, world):
    nomination = _nominate(world, unit=None, place_text="Bản Nà Pầu")
    _login(client, world.an)
    assert client.get(reverse("exemplars:nomination", args=[nomination.pk])).status_code == 404
    client.logout()
    admin = make_user("quantri", world.district, Role.ADMINISTRATOR)
    _login(client, admin)
    assert client.get(reverse("exemplars:nomination", args=[nomination.pk])).status_code == 200


def test_withdrawing_consent_from_the_story_page(client, world):
    story = make_story(world)
    consent = services.consent_record(actor=world.an, story=story, consent=full_consent(), on=ON)
    services.story_publish(actor=world.an, story=story, at=AT)
    _login(client, world.an)
    client.post(reverse("exemplars:staff_consent_withdraw", args=[story.pk, consent.pk]))
    story.refresh_from_db()
    assert story.status == StoryStatus.WITHDRAWN


def test_the_staff_navigation_has_the_area(client, world):
    _login(client, world.an)
    page = client.get(reverse("exemplars:staff_list")).content.decode()
    assert reverse("exemplars:staff_list") in page and 'aria-current="page"' in page

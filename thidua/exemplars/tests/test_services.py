"""Stories, consent and moderation through the services: the rules that keep personal data off the web."""

import unicodedata
from datetime import date

import pytest

from thidua.core.errors import ValidationFailed
from thidua.core.models import AuditEvent
from thidua.exemplars import services
from thidua.exemplars.models import (
    ConsentRecord,
    GoodDeedNomination,
    NominationStatus,
    Story,
    StoryKind,
    StoryStatus,
)
from thidua.exemplars.tests.conftest import AT, ON, full_consent, jpeg_with_gps, make_story, published_story

pytestmark = pytest.mark.django_db


def _actions(obj) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_publishing_is_refused_without_consent(world):
    story = make_story(world)
    with pytest.raises(ValidationFailed, match="No consent"):
        services.story_publish(actor=world.an, story=story, at=AT)
    story.refresh_from_db()
    assert story.status == StoryStatus.DRAFT and story.published_at is None


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("covers_name", "name"),
        ("covers_text", "text"),
        ("covers_unit", "unit"),
    ],
)
def test_publishing_is_refused_unless_consent_covers_what_is_shown(world, missing, message):
    story = make_story(world)
    services.consent_record(actor=world.an, story=story, consent=full_consent(**{missing: False}), on=ON)
    with pytest.raises(ValidationFailed, match=message):
        services.story_publish(actor=world.an, story=story, at=AT)


def test_photos_need_photo_consent(world):
    story = make_story(world)
    services.photo_add(actor=world.an, story=story, data=jpeg_with_gps(), alt_text="Thầy An trên lớp")
    services.consent_record(actor=world.an, story=story, consent=full_consent(covers_photo=False), on=ON)
    with pytest.raises(ValidationFailed, match="photos"):
        services.story_publish(actor=world.an, story=story, at=AT)
    services.consent_record(actor=world.an, story=story, consent=full_consent(), on=ON)
    assert services.story_publish(actor=world.an, story=story, at=AT).status == StoryStatus.PUBLISHED


def test_a_published_story_takes_no_photo_without_photo_consent(world):
    story = make_story(world, show_unit=False)
    services.consent_record(actor=world.an, story=story, consent=full_consent(covers_photo=False), on=ON)
    services.story_publish(actor=world.an, story=story, at=AT)
    with pytest.raises(ValidationFailed, match="photos"):
        services.photo_add(actor=world.an, story=story, data=jpeg_with_gps(), alt_text="Ảnh")
    assert not story.photos.exists()


def test_public_fields_hold_only_what_consent_covers(world):
    story = make_story(world, show_birth_year=True)
    services.consent_record(actor=world.an, story=story, consent=full_consent(covers_birth_year=True), on=ON)
    services.story_publish(actor=world.an, story=story, at=AT)
    story.refresh_from_db()
    assert story.public_subject == "Nguyễn Văn An"
    assert story.public_place == world.school.name
    assert story.public_birth_year == 1980

    hidden = make_story(world, title="Không hiện đơn vị", show_unit=False)
    services.consent_record(actor=world.an, story=hidden, consent=full_consent(covers_unit=False), on=ON)
    services.story_publish(actor=world.an, story=hidden, at=AT)
    hidden.refresh_from_db()
    assert hidden.public_place == "" and hidden.public_birth_year is None


def test_birth_year_needs_its_own_consent(world):
    story = make_story(world, show_birth_year=True)
    services.consent_record(actor=world.an, story=story, consent=full_consent(), on=ON)
    with pytest.raises(ValidationFailed, match="year of birth"):
        services.story_publish(actor=world.an, story=story, at=AT)


def test_withdrawing_consent_unpublishes_at_once(world):
    story = published_story(world)
    consent = ConsentRecord.objects.get(story=story)
    services.consent_withdraw(actor=world.an, consent=consent, on=ON, at=AT)
    story.refresh_from_db()
    consent.refresh_from_db()
    assert consent.withdrawn_on == ON
    assert story.status == StoryStatus.WITHDRAWN
    assert story.public_subject == "" and story.public_place == ""
    assert _actions(story) == [
        "exemplars.story.create",
        "exemplars.story.publish",
        "exemplars.story.withdraw",
    ]
    assert _actions(consent) == ["exemplars.consent.record", "exemplars.consent.withdraw"]
    # Without an active consent it cannot come back.
    with pytest.raises(ValidationFailed):
        services.story_publish(actor=world.an, story=story, at=AT)


def test_editing_a_published_story_keeps_the_consent_rules(world):
    story = published_story(world)
    with pytest.raises(ValidationFailed, match="year of birth"):
        services.story_update(actor=world.an, story=story, show_birth_year=True)
    story.refresh_from_db()
    assert story.show_birth_year is False and story.status == StoryStatus.PUBLISHED


def test_text_is_stored_in_nfc_and_slugs_are_ascii(world):
    decomposed = unicodedata.normalize("NFD", "Người   tốt  việc tốt ở Đồng Hỷ")
    story = make_story(world, title=decomposed, summary=unicodedata.normalize("NFD", "Tóm tắt"))
    assert story.title == unicodedata.normalize("NFC", "Người tốt việc tốt ở Đồng Hỷ")
    assert unicodedata.is_normalized("NFC", story.summary)
    assert story.slug == "nguoi-tot-viec-tot-o-dong-hy"
    again = make_story(world, title="Người tốt việc tốt ở Đồng Hỷ")
    assert again.slug == "nguoi-tot-viec-tot-o-dong-hy-2"
    reserved = make_story(world, title="Đề xuất")
    assert reserved.slug == "de-xuat-2"


def test_story_links_are_checked(world):
    with pytest.raises(ValidationFailed) as exc:
        make_story(world, person=world.outsider_person, subject_name=world.outsider_person.full_name)
    assert "person" in exc.value.errors


def _nominate(world, **overrides) -> GoodDeedNomination:
    values = {
        "nominator_name": "Lò Thị Hoa",
        "nominator_email": "",
        "nominator_phone": "0912345678",
        "relation": "WITNESS",
        "nominee_name": "Vàng A Dế",
        "what_happened": "Anh Dế cứu cháu bé ngã xuống suối.",
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


def test_a_nomination_needs_contact_statements_and_a_past_date(world):
    with pytest.raises(ValidationFailed) as exc:
        _nominate(world, nominator_phone="", happened_on=date(2026, 3, 11), statements=[])
    assert set(exc.value.errors) >= {"nominator_email", "happened_on", "statements"}
    too_many = [services.StatementInput(f"Người {i}", "Có thật.") for i in range(6)]
    with pytest.raises(ValidationFailed, match="nomination"):
        _nominate(world, statements=too_many)
    with pytest.raises(ValidationFailed):
        _nominate(world, unit=None, place_text="")
    assert not GoodDeedNomination.objects.exists()


def test_a_nomination_is_stored_pending_and_audited_without_the_contact(world):
    nomination = _nominate(world, photo=jpeg_with_gps())
    assert nomination.status == NominationStatus.PENDING
    assert nomination.statements.count() == 1
    event = AuditEvent.objects.get(action="exemplars.nomination.submit")
    assert "0912345678" not in str(event.after) and "Lò Thị Hoa" not in str(event.after)
    with nomination.photo.open("rb") as fh:
        from PIL import Image

        assert not Image.open(fh).getexif()


def test_rejection_needs_a_reason(world):
    nomination = _nominate(world)
    with pytest.raises(ValidationFailed, match="reason"):
        services.nomination_reject(actor=world.an, nomination=nomination, reason="  ", at=AT)
    services.nomination_reject(actor=world.an, nomination=nomination, reason="Không xác minh được.", at=AT)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.REJECTED
    assert nomination.story is None
    assert _actions(nomination) == ["exemplars.nomination.submit", "exemplars.nomination.reject"]
    with pytest.raises(ValidationFailed, match="already"):
        services.nomination_reject(actor=world.an, nomination=nomination, reason="Lần nữa", at=AT)


def _approve(world, nomination, consent, publish=True):
    return services.nomination_approve(
        actor=world.an,
        nomination=nomination,
        title="Cứu cháu bé ngã xuống suối",
        summary="Một thanh niên cứu cháu bé.",
        body=nomination.what_happened,
        unit=world.commune,
        consent=consent,
        publish=publish,
        on=ON,
        at=AT,
    )


def test_approval_with_consent_publishes_the_name(world):
    nomination = _nominate(world)
    story = _approve(world, nomination, full_consent(giver_name="Vàng A Dế", covers_photo=False))
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED and nomination.story == story
    assert story.kind == StoryKind.GOOD_DEED and story.status == StoryStatus.PUBLISHED
    assert story.public_subject == "Vàng A Dế"
    assert story.public_place == world.commune.name
    assert "exemplars.nomination.approve" in _actions(nomination)


def test_approval_without_name_consent_publishes_the_deed_without_the_name(world):
    nomination = _nominate(world)
    story = _approve(world, nomination, None)
    assert story.status == StoryStatus.PUBLISHED
    assert story.show_name is False and story.public_subject == ""
    assert "Vàng A Dế" not in (story.title + story.summary + story.public_place)


def test_approval_that_cannot_publish_rolls_back(world):
    nomination = _nominate(world, photo=jpeg_with_gps())
    with pytest.raises(ValidationFailed, match="photos"):
        services.nomination_approve(
            actor=world.an,
            nomination=nomination,
            title="Có ảnh",
            summary="Tóm tắt",
            body="Nội dung",
            unit=world.commune,
            consent=full_consent(covers_photo=False),
            publish=True,
            photo_alt="Anh Dế bên suối",
            on=ON,
            at=AT,
        )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING
    assert not Story.objects.exists()

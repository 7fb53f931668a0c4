"""Writes of the exemplars app: stories, photos, consent, citizens' nominations and their moderation.

Access is checked by the views through `thidua.exemplars.permissions`; these functions enforce the domain's
rules (above all: nothing is public beyond what a recorded consent covers) and write the audit chain.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from thidua.awards.models import Award
from thidua.core.audit import audit_record, changed, snapshot
from thidua.core.errors import ValidationFailed
from thidua.core.text import clean_text, fold, nfc
from thidua.core.throttle import count_hit
from thidua.exemplars.images import strip_image_metadata
from thidua.exemplars.models import (
    CONSENT_SCOPES,
    ConsentGiver,
    ConsentMethod,
    ConsentRecord,
    GoodDeedNomination,
    NominationStatement,
    NominationStatus,
    NominatorRelation,
    Story,
    StoryKind,
    StoryPhoto,
    StoryStatus,
    StorySubject,
)
from thidua.movements.models import Movement
from thidua.organization.models import Person, Unit

# Slugs that are addresses of the app's own pages.
RESERVED_SLUGS = frozenset({"nguoi-tot-viec-tot", "de-xuat", "quan-ly", "rss-xml", "atom-xml", "anh"})
MAX_STATEMENTS = 5
PUBLIC_FIELDS = ["status", "published_at", "public_subject", "public_place", "public_birth_year"]


def _fail(message: str, field_name: str | None = None) -> ValidationFailed:
    return ValidationFailed(message, {field_name: [message]} if field_name else {})


def body_text(value: str) -> str:
    """Return plain-text paragraphs as stored: NFC, lines trimmed, paragraphs separated by one blank line."""
    paragraphs = [
        " ".join(clean_text(line) for line in block.splitlines() if line.strip())
        for block in nfc(value).replace("\r\n", "\n").split("\n\n")
    ]
    return "\n\n".join(p for p in paragraphs if p)


def slug_for(title: str, *, exclude_pk: int | None = None) -> str:
    """Return a unique ASCII slug for `title`, folding Vietnamese letters (đ → d, marks dropped)."""
    base = slugify(fold(title))[:100].strip("-") or "cau-chuyen"
    candidate, n = base, 1
    while True:
        taken = Story.objects.filter(slug=candidate)
        if exclude_pk is not None:
            taken = taken.exclude(pk=exclude_pk)
        if candidate not in RESERVED_SLUGS and not taken.exists():
            return candidate
        n += 1
        candidate = f"{base}-{n}"


# -- stories ------------------------------------------------------------------------------------------------
STORY_TEXT_FIELDS = ("title", "summary", "subject_name")


def _check_links(
    *, subject_kind: str, person: Person | None, unit: Unit, award: Award | None, year: int
) -> None:
    errors: dict[str, list[str]] = {}
    if not 1945 <= year <= 2100:
        errors["year"] = [_("Enter a year between 1945 and 2100.")]
    if person is not None and subject_kind != StorySubject.PERSON:
        errors["person"] = [_("Only a story about a person links a person.")]
    if person is not None and (person.unit is None or not person.unit.path.startswith(unit.path)):
        errors["person"] = [_("The person must belong to the story's unit or a unit below it.")]
    if award is not None:
        if person is not None and award.person_id != person.pk:
            errors["award"] = [_("The award was not given to this person.")]
        elif person is None and subject_kind == StorySubject.COLLECTIVE and award.unit_id != unit.pk:
            errors["award"] = [_("The award was not given to this unit.")]
    if errors:
        raise ValidationFailed(_("Please correct the story's links."), errors)


def _clean_story_fields(values: dict[str, Any]) -> dict[str, Any]:
    for name in STORY_TEXT_FIELDS:
        if name in values:
            values[name] = clean_text(values[name] or "")
    if "body" in values:
        values["body"] = body_text(values["body"] or "")
    missing: dict[str, list[str]] = {
        name: [_("This field is required.")]
        for name in ("title", "summary", "body", "subject_name")
        if name in values and not values[name]
    }
    if missing:
        raise ValidationFailed(_("Please fill in the required fields."), missing)
    return values


@transaction.atomic
def story_create(
    *,
    actor: Any,
    title: str,
    summary: str,
    body: str,
    subject_name: str,
    unit: Unit,
    year: int,
    kind: str = StoryKind.EXEMPLAR,
    subject_kind: str = StorySubject.PERSON,
    person: Person | None = None,
    movement: Movement | None = None,
    award: Award | None = None,
    show_name: bool = True,
    show_unit: bool = True,
    show_birth_year: bool = False,
) -> Story:
    """Create a draft story."""
    values = _clean_story_fields(
        {"title": title, "summary": summary, "body": body, "subject_name": subject_name}
    )
    _check_links(subject_kind=subject_kind, person=person, unit=unit, award=award, year=year)
    story = Story(
        kind=kind,
        subject_kind=subject_kind,
        unit=unit,
        person=person,
        movement=movement,
        award=award,
        year=year,
        show_name=show_name or kind == StoryKind.EXEMPLAR,
        show_unit=show_unit,
        show_birth_year=show_birth_year and person is not None,
        slug=slug_for(values["title"]),
        created_by=actor if getattr(actor, "pk", None) else None,
        **values,
    )
    story.full_clean(exclude=["slug"])
    story.save()
    audit_record(actor=actor, action="exemplars.story.create", obj=story, after=snapshot(story))
    return story


@transaction.atomic
def story_update(*, actor: Any, story: Story, **fields: Any) -> Story:
    """Change a story. A published story stays published only if its consent still covers what it shows."""
    allowed = {
        "title",
        "summary",
        "body",
        "subject_name",
        "subject_kind",
        "unit",
        "person",
        "movement",
        "award",
        "year",
        "show_name",
        "show_unit",
        "show_birth_year",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"story_update got unknown fields: {sorted(unknown)}")
    story = Story.objects.select_for_update().get(pk=story.pk)
    before = snapshot(story)
    values = _clean_story_fields(dict(fields))
    for name, value in values.items():
        setattr(story, name, value)
    if story.kind == StoryKind.EXEMPLAR:
        story.show_name = True
    if story.person_id is None:
        story.show_birth_year = False
    _check_links(
        subject_kind=story.subject_kind,
        person=story.person,
        unit=story.unit,
        award=story.award,
        year=story.year,
    )
    if "title" in values and story.status == StoryStatus.DRAFT:
        story.slug = slug_for(story.title, exclude_pk=story.pk)
    if story.status == StoryStatus.PUBLISHED:
        _set_public_fields(story, _require_consent(story))
    story.full_clean()
    story.save()
    old, new = changed(before, snapshot(story))
    audit_record(actor=actor, action="exemplars.story.update", obj=story, before=old, after=new)
    return story


def active_consent(story: Story) -> ConsentRecord | None:
    """Return the newest consent of the story that has not been withdrawn."""
    return story.consents.filter(withdrawn_on__isnull=True).order_by("-given_on", "-id").first()


def consent_problems(story: Story, consent: ConsentRecord | None) -> list[str]:
    """Return why `consent` does not cover what `story` would show (empty when it does)."""
    has_photos = story.photos.exists()
    anonymous = (
        story.kind == StoryKind.GOOD_DEED
        and not story.show_name
        and not has_photos
        and not story.show_birth_year
    )
    if consent is None:
        return [] if anonymous else [_("No consent is recorded for this story.")]
    problems = []
    if story.show_name and not consent.covers_name:
        problems.append(_("The consent does not cover showing the name."))
    if story.show_name and not consent.covers_text:
        problems.append(_("The consent does not cover publishing the story's text."))
    if has_photos and not consent.covers_photo:
        problems.append(_("The story has photos but the consent does not cover photos."))
    if story.kind == StoryKind.EXEMPLAR and story.show_unit and not consent.covers_unit:
        problems.append(_("The story shows the unit but the consent does not cover it."))
    if story.show_birth_year and not consent.covers_birth_year:
        problems.append(_("The story shows the year of birth but the consent does not cover it."))
    return problems


def _require_consent(story: Story) -> ConsentRecord | None:
    consent = active_consent(story)
    problems = consent_problems(story, consent)
    if problems:
        raise ValidationFailed(problems[0], {"consent": problems})
    return consent


def _set_public_fields(story: Story, consent: ConsentRecord | None) -> None:
    """Copy to the public fields only what the consent covers."""
    covers = consent.scopes() if consent is not None else dict.fromkeys(CONSENT_SCOPES, False)
    story.public_subject = story.subject_name if story.show_name and covers["covers_name"] else ""
    if story.kind == StoryKind.GOOD_DEED:
        story.public_place = story.unit.name  # where the deed happened, not the doer's workplace
    else:
        story.public_place = story.unit.name if story.show_unit and covers["covers_unit"] else ""
    born = story.person.date_of_birth if story.person_id and story.person else None
    story.public_birth_year = (
        born.year if born and story.show_birth_year and covers["covers_birth_year"] else None
    )


def _clear_public_fields(story: Story) -> None:
    story.public_subject = ""
    story.public_place = ""
    story.public_birth_year = None


@transaction.atomic
def story_publish(*, actor: Any, story: Story, at: datetime) -> Story:
    """Publish a draft or withdrawn story; refused unless the consent covers what it shows."""
    story = Story.objects.select_for_update(of=("self",)).select_related("unit", "person").get(pk=story.pk)
    if story.status == StoryStatus.PUBLISHED:
        raise _fail(_("The story is already published."))
    consent = _require_consent(story)
    before = snapshot(story, PUBLIC_FIELDS)
    story.status = StoryStatus.PUBLISHED
    story.published_at = at
    story.published_by = actor if getattr(actor, "pk", None) else None
    story.withdrawn_at = None
    _set_public_fields(story, consent)
    story.save()
    audit_record(
        actor=actor,
        action="exemplars.story.publish",
        obj=story,
        before=before,
        after=snapshot(story, PUBLIC_FIELDS),
    )
    return story


@transaction.atomic
def story_withdraw(*, actor: Any, story: Story, at: datetime, reason: str = "") -> Story:
    """Take a published story off the public pages at once."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.status != StoryStatus.PUBLISHED:
        raise _fail(_("Only a published story can be withdrawn."))
    before = snapshot(story, PUBLIC_FIELDS)
    story.status = StoryStatus.WITHDRAWN
    story.withdrawn_at = at
    _clear_public_fields(story)
    story.save()
    audit_record(
        actor=actor,
        action="exemplars.story.withdraw",
        obj=story,
        before=before,
        after=snapshot(story, PUBLIC_FIELDS),
        reason=clean_text(reason),
    )
    return story


def _touch(story_id: int) -> None:
    """Mark the story changed, so the public pages' version moves."""
    Story.objects.filter(pk=story_id).update(updated_at=timezone.now())


# -- photos -------------------------------------------------------------------------------------------------
@transaction.atomic
def photo_add(
    *, actor: Any, story: Story, data: bytes, alt_text: str, caption: str = "", order: int | None = None
) -> StoryPhoto:
    """Add a photo, re-encoded without metadata. A published story takes one only if consent covers photos."""
    alt_text, caption = clean_text(alt_text), clean_text(caption)
    if not alt_text:
        raise _fail(_("Describe the photo for people who cannot see it."), "alt_text")
    image = strip_image_metadata(data, field="image")
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.status == StoryStatus.PUBLISHED:
        consent = active_consent(story)
        if consent is None or not consent.covers_photo:
            raise _fail(_("The consent does not cover photos."), "image")
    if order is None:
        order = story.photos.count() + 1
    digest = hashlib.sha256(image.data).hexdigest()
    photo = StoryPhoto(
        story=story,
        alt_text=alt_text,
        caption=caption,
        order=order,
        sha256=digest,
        content_type=image.content_type,
        width=image.width,
        height=image.height,
    )
    photo.image.save(f"photo{image.extension}", ContentFile(image.data), save=False)
    photo.save()
    _touch(story.pk)
    audit_record(
        actor=actor,
        action="exemplars.photo.add",
        obj=photo,
        after=snapshot(photo, ["story", "alt_text", "caption", "order", "sha256"]),
    )
    return photo


@transaction.atomic
def photo_remove(*, actor: Any, photo: StoryPhoto) -> None:
    """Remove a photo and its file."""
    before = snapshot(photo, ["story", "alt_text", "caption", "order", "sha256"])
    pk = photo.pk
    name = str(photo.image.name)
    storage = photo.image.storage
    story_id = photo.story_id
    photo.delete()
    _touch(story_id)
    audit_record(
        actor=actor,
        action="exemplars.photo.remove",
        object_type="exemplars.storyphoto",
        object_id=str(pk),
        before=before,
    )
    transaction.on_commit(lambda: storage.delete(name))


# -- consent ------------------------------------------------------------------------------------------------
@dataclass
class ConsentInput:
    """What a consent form records."""

    given_by: str
    giver_name: str
    given_on: date
    method: str
    covers_name: bool = False
    covers_photo: bool = False
    covers_text: bool = False
    covers_unit: bool = False
    covers_birth_year: bool = False
    note: str = ""
    scan: bytes | None = None


def _scan_content(data: bytes) -> tuple[bytes, str]:
    if data.startswith(b"%PDF-"):
        if len(data) > 10 * 1024 * 1024:
            raise _fail(_("The scanned form must be at most 10 MB."), "scan")
        return data, ".pdf"
    image = strip_image_metadata(data, field="scan")
    return image.data, image.extension


@transaction.atomic
def consent_record(*, actor: Any, story: Story, consent: ConsentInput, on: date) -> ConsentRecord:
    """Record the subject's consent on the story (the newest active one counts)."""
    giver = clean_text(consent.giver_name)
    errors: dict[str, list[str]] = {}
    if not giver:
        errors["giver_name"] = [_("This field is required.")]
    if consent.given_on > on:
        errors["given_on"] = [_("The date cannot be in the future.")]
    if consent.given_by not in ConsentGiver.values:
        errors["given_by"] = [_("Choose who gave the consent.")]
    if consent.method not in ConsentMethod.values:
        errors["method"] = [_("Choose how the consent was given.")]
    if errors:
        raise ValidationFailed(_("Please correct the consent."), errors)
    record = ConsentRecord(
        story=story,
        given_by=consent.given_by,
        giver_name=giver,
        given_on=consent.given_on,
        method=consent.method,
        note=clean_text(consent.note),
        recorded_by=actor if getattr(actor, "pk", None) else None,
        **{name: bool(getattr(consent, name)) for name in CONSENT_SCOPES},
    )
    if consent.scan:
        data, ext = _scan_content(consent.scan)
        record.scan.save(f"dong-y{ext}", ContentFile(data), save=False)
    record.save()
    audit_record(
        actor=actor,
        action="exemplars.consent.record",
        obj=record,
        after=snapshot(record, ["story", "given_by", "given_on", "method", *CONSENT_SCOPES]),
    )
    return record


@transaction.atomic
def consent_withdraw(*, actor: Any, consent: ConsentRecord, on: date, at: datetime) -> ConsentRecord:
    """Record that the consent was withdrawn; the story leaves the public pages at once."""
    consent = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise _fail(_("The consent was already withdrawn."))
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on", "updated_at"])
    audit_record(
        actor=actor,
        action="exemplars.consent.withdraw",
        obj=consent,
        before={"withdrawn_on": None},
        after={"withdrawn_on": on.isoformat()},
    )
    story = consent.story
    if story.status == StoryStatus.PUBLISHED:
        story_withdraw(actor=actor, story=story, at=at, reason=_("Consent withdrawn"))
    return consent


# -- nominations --------------------------------------------------------------------------------------------
def nomination_allowed(address: str | None) -> bool:
    """Count one nomination from `address`; tell whether it is within the limit of the window."""
    limit = int(getattr(settings, "EXEMPLARS_NOMINATION_LIMIT", 5))
    window = int(getattr(settings, "EXEMPLARS_NOMINATION_WINDOW_SECONDS", 3600))
    key = f"exemplars:nominate:{hashlib.sha256((address or '-').encode()).hexdigest()[:32]}"
    return count_hit(key, window=window) <= limit


@dataclass
class StatementInput:
    """One supporting statement as typed."""

    author_name: str
    text: str
    contact: str = ""


@transaction.atomic
def nomination_submit(
    *,
    nominator_name: str,
    nominator_email: str,
    nominator_phone: str,
    relation: str,
    nominee_name: str,
    what_happened: str,
    happened_on: date,
    unit: Unit | None,
    place_text: str,
    statements: list[StatementInput],
    photo: bytes | None,
    on: date,
    at: datetime,
) -> GoodDeedNomination:
    """Receive a citizen's nomination. It stays invisible to the public until a moderator approves it."""
    errors: dict[str, list[str]] = {}
    nominator_name, nominee_name = clean_text(nominator_name), clean_text(nominee_name)
    nominator_email = clean_text(nominator_email).lower()
    nominator_phone = "".join(clean_text(nominator_phone).split())
    place_text = clean_text(place_text)
    what_happened = body_text(what_happened)
    statements = [
        StatementInput(clean_text(s.author_name), body_text(s.text), clean_text(s.contact))
        for s in statements
        if clean_text(s.author_name) or clean_text(s.text)
    ]
    for name, value in (
        ("nominator_name", nominator_name),
        ("nominee_name", nominee_name),
        ("what_happened", what_happened),
    ):
        if not value:
            errors[name] = [_("This field is required.")]
    if not nominator_email and not nominator_phone:
        errors["nominator_email"] = [_("Give an e-mail address or a phone number.")]
    if relation not in NominatorRelation.values:
        errors["relation"] = [_("Choose how you know of the deed.")]
    if happened_on > on:
        errors["happened_on"] = [_("The date cannot be in the future.")]
    if unit is None and not place_text:
        errors["unit"] = [_("Choose the commune or write the place.")]
    if not 1 <= len(statements) <= MAX_STATEMENTS:
        errors["statements"] = [_("Give between one and five supporting statements.")]
    for s in statements:
        if not s.author_name or not s.text:
            errors["statements"] = [_("Each supporting statement needs its author's name and its text.")]
    if errors:
        raise ValidationFailed(_("Please correct the nomination."), errors)
    nomination = GoodDeedNomination(
        nominator_name=nominator_name,
        nominator_email=nominator_email,
        nominator_phone=nominator_phone,
        relation=relation,
        nominee_name=nominee_name,
        what_happened=what_happened,
        happened_on=happened_on,
        unit=unit,
        place_text="" if unit is not None else place_text,
        submitted_at=at,
    )
    if photo:
        image = strip_image_metadata(photo, field="photo")
        nomination.photo_sha256 = hashlib.sha256(image.data).hexdigest()
        nomination.photo_content_type = image.content_type
        nomination.photo.save(f"photo{image.extension}", ContentFile(image.data), save=False)
    nomination.save()
    NominationStatement.objects.bulk_create(
        NominationStatement(
            nomination=nomination, author_name=s.author_name, contact=s.contact, text=s.text, order=i
        )
        for i, s in enumerate(statements, start=1)
    )
    # The audit row names the deed, never the nominator's contact.
    audit_record(
        actor=None,
        action="exemplars.nomination.submit",
        obj=nomination,
        after=snapshot(nomination, ["status", "unit", "happened_on"]) | {"statements": len(statements)},
    )
    return nomination


def _moderatable(nomination: GoodDeedNomination) -> GoodDeedNomination:
    nomination = GoodDeedNomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.status != NominationStatus.PENDING:
        raise _fail(_("The nomination was already moderated."))
    return nomination


@transaction.atomic
def nomination_reject(*, actor: Any, nomination: GoodDeedNomination, reason: str, at: datetime) -> None:
    """Reject a nomination; a reason is required. Nothing of it is ever public."""
    reason = clean_text(reason)
    if not reason:
        raise _fail(_("Give the reason for rejecting the nomination."), "reason")
    nomination = _moderatable(nomination)
    nomination.status = NominationStatus.REJECTED
    nomination.rejection_reason = reason
    nomination.moderated_at = at
    nomination.moderated_by = actor if getattr(actor, "pk", None) else None
    nomination.save()
    audit_record(
        actor=actor,
        action="exemplars.nomination.reject",
        obj=nomination,
        before={"status": NominationStatus.PENDING},
        after={"status": NominationStatus.REJECTED},
        reason=reason,
    )


@transaction.atomic
def nomination_approve(
    *,
    actor: Any,
    nomination: GoodDeedNomination,
    title: str,
    summary: str,
    body: str,
    unit: Unit,
    consent: ConsentInput | None,
    publish: bool,
    photo_alt: str = "",
    on: date,
    at: datetime,
) -> Story:
    """Approve a nomination and make a good-deed story of it, with the nominee's consent if recorded.

    Without consent for the name the entry is shown without it. With `publish`, the story goes public at
    once (refused, with everything rolled back, if the consent does not cover what it would show).
    """
    nomination = _moderatable(nomination)
    covers_name = bool(consent and consent.covers_name and consent.covers_text)
    story = story_create(
        actor=actor,
        kind=StoryKind.GOOD_DEED,
        subject_kind=StorySubject.PERSON,
        title=title,
        summary=summary,
        body=body or nomination.what_happened,
        subject_name=nomination.nominee_name,
        unit=unit,
        year=nomination.happened_on.year,
        show_name=covers_name,
        show_unit=False,
    )
    if consent is not None:
        consent_record(actor=actor, story=story, consent=consent, on=on)
    if nomination.photo and clean_text(photo_alt):
        with nomination.photo.open("rb") as fh:
            photo_add(actor=actor, story=story, data=fh.read(), alt_text=photo_alt)
    nomination.status = NominationStatus.APPROVED
    nomination.moderated_at = at
    nomination.moderated_by = actor if getattr(actor, "pk", None) else None
    nomination.story = story
    nomination.save()
    audit_record(
        actor=actor,
        action="exemplars.nomination.approve",
        obj=nomination,
        before={"status": NominationStatus.PENDING},
        after={"status": NominationStatus.APPROVED, "story_id": story.pk},
    )
    if publish:
        story = story_publish(actor=actor, story=story, at=at)
    return story

"""Exemplary people and good deeds: published stories, the subject's consent, and citizens' nominations.

A story shows a person, a collective or a household only as far as a recorded consent covers it. The
public fields (`public_subject`, `public_place`, `public_birth_year`) are written when a story is published
and cleared when it leaves publication, so public lists read one table and never the registry.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel


class StoryKind(models.TextChoices):
    """What a story tells."""

    EXEMPLAR = "EXEMPLAR", _("Exemplary model")  # điển hình tiên tiến
    GOOD_DEED = "GOOD_DEED", _("Good deed")  # người tốt, việc tốt


class StorySubject(models.TextChoices):
    """Who a story is about."""

    PERSON = "PERSON", _("Person")
    COLLECTIVE = "COLLECTIVE", _("Collective")
    HOUSEHOLD = "HOUSEHOLD", _("Household")


class StoryStatus(models.TextChoices):
    """Where a story is in its life."""

    DRAFT = "DRAFT", _("Draft story")
    PUBLISHED = "PUBLISHED", _("Published")
    WITHDRAWN = "WITHDRAWN", _("Taken down")


class Story(BaseModel):
    """A story about an exemplary person, collective or household, or about a good deed."""

    kind = models.CharField(_("kind"), max_length=10, choices=StoryKind.choices, default=StoryKind.EXEMPLAR)
    title = models.CharField(_("story title"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=400)
    body = models.TextField(_("story"))
    subject_kind = models.CharField(
        _("subject of the story"), max_length=10, choices=StorySubject.choices, default=StorySubject.PERSON
    )
    subject_name = models.CharField(_("name of the person or collective"), max_length=200)
    person = models.ForeignKey(
        "organization.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "organization.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    award = models.ForeignKey(
        "awards.Award",
        verbose_name=_("award"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    show_name = models.BooleanField(_("show the name"), default=True)
    show_unit = models.BooleanField(_("show the unit or workplace"), default=True)
    show_birth_year = models.BooleanField(_("show the year of birth"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=StoryStatus.choices, default=StoryStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # What the public sees, fixed at publication from the consent (empty when not covered).
    public_subject = models.CharField(max_length=200, blank=True, editable=False)
    public_place = models.CharField(max_length=255, blank=True, editable=False)
    public_birth_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="PUBLISHED", published_at__isnull=False) | ~Q(status="PUBLISHED"),
                name="story_published_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at", "id"], name="story_public_idx"),
            models.Index(fields=["status", "kind", "published_at", "id"], name="story_public_kind_idx"),
            models.Index(fields=["status", "year", "published_at"], name="story_public_year_idx"),
            models.Index(fields=["unit", "status"], name="story_unit_idx"),
            models.Index(fields=["movement", "status"], name="story_movement_idx"),
            models.Index(fields=["updated_at"], name="story_updated_idx"),  # the public pages' version
        ]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == StoryStatus.PUBLISHED

    def paragraphs(self) -> list[str]:
        """Return the body's paragraphs (separated by blank lines)."""
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]


def _photo_path(instance: "StoryPhoto", filename: str) -> str:
    return f"exemplars/photos/{instance.sha256[:2]}/{instance.sha256}{filename[filename.rfind('.') :]}"


class StoryPhoto(BaseModel):
    """A photo of a story, stored re-encoded without metadata, served only while the story is published."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=_photo_path, max_length=200)
    content_type = models.CharField(max_length=30)
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("text alternative"), max_length=250)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("story photo")
        verbose_name_plural = _("story photos")

    def __str__(self) -> str:
        return self.alt_text


class ConsentGiver(models.TextChoices):
    """Who gave the consent."""

    PERSON = "PERSON", _("The person")
    GUARDIAN = "GUARDIAN", _("A parent or guardian")
    COLLECTIVE_HEAD = "COLLECTIVE_HEAD", _("The head of the collective or household")


class ConsentMethod(models.TextChoices):
    """How the consent was given."""

    WRITTEN = "WRITTEN", _("Written form")
    EMAIL = "EMAIL", _("E-mail")
    IN_PERSON = "IN_PERSON", _("In person")


# The scope flags of a consent, in the order forms show them.
CONSENT_SCOPES = ("covers_name", "covers_photo", "covers_text", "covers_unit", "covers_birth_year")


def _consent_path(instance: "ConsentRecord", filename: str) -> str:
    return f"exemplars/consent/{instance.story_id}/{filename}"


class ConsentRecord(BaseModel):
    """The consent of the story's subject to what the story shows. Never shown publicly."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="consents")
    given_by = models.CharField(_("given by"), max_length=16, choices=ConsentGiver.choices)
    giver_name = models.CharField(_("name of the person who gave it"), max_length=150)
    given_on = models.DateField(_("given on"))
    method = models.CharField(_("how"), max_length=10, choices=ConsentMethod.choices)
    covers_name = models.BooleanField(_("name"), default=False)
    covers_photo = models.BooleanField(_("photos"), default=False)
    covers_text = models.BooleanField(_("story text"), default=False)
    covers_unit = models.BooleanField(_("workplace or unit"), default=False)
    covers_birth_year = models.BooleanField(_("age or year of birth"), default=False)
    scan = models.FileField(_("scanned form"), upload_to=_consent_path, blank=True, max_length=200)
    note = models.CharField(_("internal note"), max_length=300, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.giver_name} {self.given_on:%d/%m/%Y}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None

    def scopes(self) -> dict[str, bool]:
        """Return the scope flags by name."""
        return {name: bool(getattr(self, name)) for name in CONSENT_SCOPES}


class NominationStatus(models.TextChoices):
    """Where a citizen's nomination is in moderation."""

    PENDING = "PENDING", _("Waiting for moderation")
    APPROVED = "APPROVED", _("Accepted by the moderator")
    REJECTED = "REJECTED", _("Turned down by the moderator")


class NominatorRelation(models.TextChoices):
    """How the nominator knows of the deed."""

    WITNESS = "WITNESS", _("I saw it happen")
    BENEFICIARY = "BENEFICIARY", _("I (or my family) was helped")
    ACQUAINTANCE = "ACQUAINTANCE", _("I know the person")
    OTHER = "OTHER", _("Other")


def _nomination_photo_path(instance: "GoodDeedNomination", filename: str) -> str:
    digest = instance.photo_sha256
    return f"exemplars/nominations/{digest[:2]}/{digest}{filename[filename.rfind('.') :]}"


class GoodDeedNomination(BaseModel):
    """A citizen's report of a good deed; nothing of it is public, ever. A story may be made from it."""

    nominator_name = models.CharField(_("your name"), max_length=150)
    nominator_email = models.EmailField(_("e-mail"), blank=True)
    nominator_phone = models.CharField(_("phone"), max_length=20, blank=True)
    relation = models.CharField(
        _("how you know of the deed"), max_length=12, choices=NominatorRelation.choices
    )
    nominee_name = models.CharField(_("name of the person who did it"), max_length=150)
    what_happened = models.TextField(_("what happened"))
    happened_on = models.DateField(_("when"))
    unit = models.ForeignKey(
        "organization.Unit",
        verbose_name=_("commune or ward"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place_text = models.CharField(_("place"), max_length=200, blank=True)
    photo = models.FileField(_("photo"), upload_to=_nomination_photo_path, blank=True, max_length=200)
    photo_sha256 = models.CharField(max_length=64, blank=True)
    photo_content_type = models.CharField(max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NominationStatus.choices, default=NominationStatus.PENDING
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    story = models.OneToOneField(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="nomination"
    )

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(nominator_email="", nominator_phone=""), name="nomination_has_contact"
            ),
            models.CheckConstraint(
                condition=~Q(status="REJECTED", rejection_reason=""), name="nomination_rejected_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="nomination_queue_idx")]
        verbose_name = _("good deed nomination")
        verbose_name_plural = _("good deed nominations")

    def __str__(self) -> str:
        return f"{self.nominee_name} ({self.happened_on:%d/%m/%Y})"

    @property
    def place(self) -> str:
        return self.unit.name if self.unit_id and self.unit else self.place_text


class NominationStatement(models.Model):
    """A supporting statement of a nomination (1 to 5). Never shown publicly."""

    nomination = models.ForeignKey(GoodDeedNomination, on_delete=models.CASCADE, related_name="statements")
    author_name = models.CharField(_("name"), max_length=150)
    contact = models.CharField(_("contact (optional)"), max_length=150, blank=True)
    text = models.TextField(_("statement"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("supporting statement")
        verbose_name_plural = _("supporting statements")

    def __str__(self) -> str:
        return self.author_name

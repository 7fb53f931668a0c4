"""Emulation movements (phong trào thi đua), their registrations and reviews."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.documents.models import SigningCapacity
from thidua.organization.models import Person, Unit


class MovementKind(models.TextChoices):
    """Kinds of movement (Luật 06/2022 Điều 6)."""

    REGULAR = "REGULAR", _("Regular")  # thường xuyên: yearly routine tasks
    THEMATIC = "THEMATIC", _("Thematic")  # theo chuyên đề: a fixed duration, closed by a review


class MovementStatus(models.TextChoices):
    """Where a movement is in its life."""

    DRAFT = "DRAFT", _("Draft")  # being prepared; no document issued yet
    LAUNCHED = "LAUNCHED", _("Launched")  # the launching document is issued and distributed
    IN_PROGRESS = "IN_PROGRESS", _("In progress")  # units register and report
    REVIEWED = "REVIEWED", _("Reviewed")  # the final review (tổng kết) was held
    CLOSED = "CLOSED", _("Closed")  # archived; nothing changes any more


class Movement(BaseModel):
    """An emulation movement launched by a unit for its participants."""

    launcher = models.ForeignKey(
        Unit, verbose_name=_("launching unit"), on_delete=models.PROTECT, related_name="+"
    )
    drafting_unit = models.ForeignKey(
        Unit,
        verbose_name=_("drafting unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=MovementKind.choices, default=MovementKind.REGULAR
    )
    year = models.PositiveSmallIntegerField(_("year"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    title = models.CharField(_("title"), max_length=255)
    headline = models.TextField(_("headline under the title"), blank=True)
    opening_assessment = models.TextField(_("opening assessment"), blank=True)
    theme_lead = models.TextField(_("lead-in to the theme"), blank=True)
    theme = models.TextField(_("theme"))
    goals = models.TextField(_("goals"), blank=True)
    criteria = models.TextField(_("criteria"), blank=True)
    closing = models.TextField(_("closing call"), blank=True)
    budget_vnd = models.BigIntegerField(_("planned budget (VND)"), default=0)
    registration_required = models.BooleanField(_("registration required"), default=True)
    place_name = models.CharField(_("place name on documents"), max_length=120)
    signer = models.ForeignKey(
        Person, verbose_name=_("signatory"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signer_title = models.CharField(_("signatory's title"), max_length=120, default="CHỦ TỊCH")
    signing_capacity = models.CharField(
        _("signing capacity"), max_length=4, choices=SigningCapacity.choices, default=SigningCapacity.TM
    )
    on_behalf_of = models.CharField(_("on behalf of"), max_length=120, default="ỦY BAN NHÂN DÂN")
    archive = models.CharField(_("filing line (Lưu:)"), max_length=120, default="VT")
    status = models.CharField(
        _("status"), max_length=12, choices=MovementStatus.choices, default=MovementStatus.DRAFT
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    launch_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("launching document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="movement_dates_ordered"
            ),
            models.CheckConstraint(condition=Q(budget_vnd__gte=0), name="movement_budget_not_negative"),
        ]
        verbose_name = _("movement")
        verbose_name_plural = _("movements")

    def __str__(self) -> str:
        return self.title


class ContentItem(models.Model):
    """One numbered content item of a movement ("Trong đó, tập trung vào các nội dung chủ yếu sau")."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["movement", "number"]
        constraints = [models.UniqueConstraint(fields=["movement", "number"], name="contentitem_number_uniq")]
        verbose_name = _("content item")
        verbose_name_plural = _("content items")

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class MilestoneKind(models.TextChoices):
    """Dates on a movement's timeline."""

    REGISTRATION_DEADLINE = "REGISTRATION_DEADLINE", _("Registration deadline")
    INTERIM_REVIEW = "INTERIM_REVIEW", _("Interim review")  # sơ kết
    FINAL_REVIEW = "FINAL_REVIEW", _("Final review")  # tổng kết
    OTHER = "OTHER", _("Other")


class Milestone(models.Model):
    """A dated step of a movement's timeline."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("kind"), max_length=24, choices=MilestoneKind.choices)
    due_on = models.DateField(_("due on"))
    label = models.CharField(_("label"), max_length=255, blank=True)

    class Meta:
        ordering = ["movement", "due_on"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on:%d/%m/%Y}"


class Participant(models.Model):
    """A unit that takes part in a movement, with or without the units below it."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="participants")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    include_subtree = models.BooleanField(_("with the units below it"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="participant_uniq")]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return str(self.unit)


class PlannedAward(models.Model):
    """An award the launcher plans to give at the review, with how many."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="planned_awards")
    award_code = models.CharField(_("award code"), max_length=20)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("planned award")
        verbose_name_plural = _("planned awards")

    def __str__(self) -> str:
        return f"{self.award_code} × {self.quantity}"


class RecipientLine(models.Model):
    """A "Nơi nhận" line of the launching document, tied to the units that get it in their inbox."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="recipients")
    number = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("text"), max_length=255)
    units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("receiving units"))

    class Meta:
        ordering = ["movement", "number"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")

    def __str__(self) -> str:
        return self.text


class MovementEvent(models.Model):
    """One change of a movement's status."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="events")
    command = models.CharField(max_length=30)
    from_status = models.CharField(max_length=12, choices=MovementStatus.choices)
    to_status = models.CharField(max_length=12, choices=MovementStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    occurred_at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["movement", "occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.command}: {self.from_status} → {self.to_status}"


class RegistrationStatus(models.TextChoices):
    """Where a unit's registration is."""

    NOT_SENT = "NOT_SENT", _("Not sent")  # the unit is still preparing it
    SENT = "SENT", _("Sent")  # waiting for the launcher
    RETURNED = "RETURNED", _("Returned")  # sent back with a reason
    ACCEPTED = "ACCEPTED", _("Accepted")  # taken into the movement's consolidated table


class Registration(BaseModel):
    """A participant unit's emulation registration (đăng ký thi đua): commitments and target titles."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    commitment = models.TextField(_("commitments"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.NOT_SENT
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="registration_uniq")]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.unit} – {self.movement}"


class SubjectKind(models.TextChoices):
    """Who a registered title is for."""

    COLLECTIVE = "COLLECTIVE", _("The unit as a collective")
    MEMBERS = "MEMBERS", _("Members of the unit (a number)")
    INDIVIDUAL = "INDIVIDUAL", _("A named person")


class RegistrationLine(models.Model):
    """One title a unit aims for: for itself, for a number of its members, or for a named person."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="lines")
    award_code = models.CharField(_("award"), max_length=20)
    subject = models.CharField(_("for"), max_length=10, choices=SubjectKind.choices)
    count = models.PositiveIntegerField(_("number"), default=1)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["registration", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject="INDIVIDUAL", person__isnull=False, count=1) | ~Q(subject="INDIVIDUAL"),
                name="registrationline_individual_has_person",
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="registrationline_count_positive"),
        ]
        verbose_name = _("registered title")
        verbose_name_plural = _("registered titles")

    def __str__(self) -> str:
        return f"{self.award_code} × {self.count}"


class RegistrationEvent(models.Model):
    """One change of a registration's status."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="events")
    command = models.CharField(max_length=30)
    from_status = models.CharField(max_length=10, choices=RegistrationStatus.choices)
    to_status = models.CharField(max_length=10, choices=RegistrationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    occurred_at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["registration", "occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.command}: {self.from_status} → {self.to_status}"


class ReviewKind(models.TextChoices):
    """Interim or final review."""

    INTERIM = "INTERIM", _("Interim review (sơ kết)")
    FINAL = "FINAL", _("Final review (tổng kết)")


class Review(BaseModel):
    """A review of a movement, with its report document drafted from the movement's figures."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("kind"), max_length=8, choices=ReviewKind.choices)
    held_on = models.DateField(_("held on"))
    summary = models.TextField(_("report text"), blank=True)
    report_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("report document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["movement", "held_on"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"

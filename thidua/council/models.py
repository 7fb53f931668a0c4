"""Councils, their members and sessions, the agenda, polls and how votes are stored.

A secret poll keeps *who* voted (`VoterRoll`) apart from *what* was voted (`SecretBallot`); see
docs/adr/0008-secret-ballot-unlinkability.md for why the ballot table has no time, no sequence and no
link to the member, and what that does not protect against.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.council.tallying import percent_text
from thidua.organization.models import Person, Unit
from thidua.regulations.policy import Threshold


class Council(BaseModel):
    """The Hội đồng Thi đua – Khen thưởng of an authority (Luật Điều 90)."""

    authority_unit = models.ForeignKey(
        Unit, verbose_name=_("authority"), on_delete=models.PROTECT, related_name="councils"
    )
    name = models.CharField(_("name"), max_length=255)
    rules_note = models.TextField(_("working rules"), blank=True)
    rules_key = models.CharField(
        _("council key in the rule pack"),
        max_length=40,
        blank=True,
        help_text=_("E.g. HDTDKT_XA: the voting parameters the province's rule pack sets for this council."),
    )
    voting_overrides = models.JSONField(
        _("voting parameters of the working rules"),
        default=dict,
        blank=True,
        help_text=_('Keys as in the rule pack, e.g. {"quorum": ">=70", "denominator": "present"}.'),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    """A member's place in the council."""

    CHAIR = "CHAIR", _("Chair")  # chủ tịch hội đồng, usually the Chủ tịch UBND
    VICE_CHAIR = "VICE_CHAIR", _("Vice-chair")  # phó chủ tịch
    STANDING = "STANDING", _("Standing member")  # ủy viên thường trực, e.g. the head of Home Affairs
    MEMBER = "MEMBER", _("Member")  # ủy viên
    SECRETARY = "SECRETARY", _("Secretary")  # thư ký: runs sessions, enters paper counts


class CouncilMember(BaseModel):
    """A user sitting on a council in a role for a period."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    title = models.CharField(_("title"), max_length=200, blank=True, help_text=_("E.g. Chủ tịch UBND xã."))
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["council", "valid_from", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user", "valid_from"], name="councilmember_uniq"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="councilmember_dates",
            ),
        ]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    @property
    def name(self) -> str:
        """Return the member's name as printed in minutes."""
        return self.person.full_name if self.person else str(self.user)

    def sits_on(self, on: object) -> bool:
        """Tell whether the member sits on the council on a date."""
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)  # type: ignore[operator]


class SessionStatus(models.TextChoices):
    """Where a council session is (transitions in workflow.py)."""

    PLANNED = "PLANNED", _("Planned")  # agenda and attendance being prepared
    OPEN = "OPEN", _("In session")  # the meeting is on: polls may be opened
    CLOSED = "CLOSED", _("Closed")  # the meeting ended: minutes may be issued


class CouncilSession(BaseModel):
    """One meeting (phiên họp) of a council."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    minutes_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")

    def __str__(self) -> str:
        return f"{self.council} – {self.held_on:%d/%m/%Y}"


class Attendance(models.Model):
    """Whether a member was at a session; absent members may vote in writing where the rule allows."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        ordering = ["session", "member"]
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="attendance_uniq")]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.member} {'+' if self.present else '-'}"


class ItemOutcome(models.TextChoices):
    """The council's outcome for one agenda item."""

    PENDING = "PENDING", _("Not yet voted")  # no closed poll yet
    APPROVED = "APPROVED", _("Approved")  # the tally reached the threshold with a quorum
    REJECTED = "REJECTED", _("Not approved")  # the threshold or the quorum was missed


class AgendaItem(BaseModel):
    """One thing the session votes on: a nominee of a proposal, or a plain labelled question."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="items")
    nominee = models.ForeignKey(
        "proposals.Nominee", null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_items"
    )
    label = models.CharField(_("label"), max_length=300)
    award_code = models.CharField(_("award"), max_length=30, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ItemOutcome.choices, default=ItemOutcome.PENDING
    )

    class Meta:
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nominee"],
                condition=Q(nominee__isnull=False),
                name="agendaitem_nominee_uniq",
            )
        ]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.label


class PollMethod(models.TextChoices):
    """How the council votes in one poll."""

    SECRET = "SECRET", _("Secret electronic ballot")
    NAMED = "NAMED", _("Named vote")  # each member's vote is recorded by name
    PAPER = "PAPER", _("Paper ballots")  # secret paper ballots; the secretary enters the counts


class PollStatus(models.TextChoices):
    """Where a poll is (transitions in workflow.py)."""

    OPEN = "OPEN", _("Voting open")  # members vote; results hidden
    CLOSED = "CLOSED", _("Closed")  # tallied; outcomes recorded
    VOID = "VOID", _("Voided")  # cancelled with a reason; its votes count for nothing


class Denominator(models.TextChoices):
    """What the share of yes votes is counted on (regulations.md §9.3)."""

    ALL_MEMBERS = "all_members", _("All members")  # tổng số thành viên hội đồng
    PRESENT = "present", _("Members present")  # số thành viên có mặt
    VALID_BALLOTS = "valid_ballots", _("Valid ballots")  # số phiếu hợp lệ


class Poll(BaseModel):
    """One voting round on some agenda items of a session, under one voting rule snapshotted at opening."""

    session = models.ForeignKey(CouncilSession, on_delete=models.PROTECT, related_name="polls")
    items = models.ManyToManyField(AgendaItem, related_name="polls", verbose_name=_("agenda items"))
    method = models.CharField(_("method"), max_length=10, choices=PollMethod.choices)
    status = models.CharField(_("status"), max_length=10, choices=PollStatus.choices, default=PollStatus.OPEN)
    award_code = models.CharField(_("award"), max_length=30, blank=True)
    # The rule in force when the poll opened: later changes to the rule pack do not move a running vote.
    threshold_pct = models.DecimalField(_("threshold (%)"), max_digits=5, decimal_places=2)
    threshold_inclusive = models.BooleanField(_("threshold inclusive"), default=True)
    denominator = models.CharField(_("denominator"), max_length=20, choices=Denominator.choices)
    quorum_pct = models.DecimalField(_("quorum (%)"), max_digits=5, decimal_places=2)
    quorum_inclusive = models.BooleanField(_("quorum inclusive"), default=False)
    absentee_written_vote = models.BooleanField(_("absent members may vote in writing"), default=False)
    rule = models.JSONField(_("voting rule"), default=dict)
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    count_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("poll")
        verbose_name_plural = _("polls")

    def __str__(self) -> str:
        return f"{self.get_method_display()} #{self.pk}"

    @property
    def is_open(self) -> bool:
        """Tell whether members may still vote."""
        return self.status == PollStatus.OPEN

    @property
    def threshold_text(self) -> str:
        """Return the threshold as "≥ 80%" or "> 50%"."""
        return Threshold(self.threshold_pct, self.threshold_inclusive).text

    @property
    def quorum_text(self) -> str:
        """Return the quorum as "> 50%"."""
        return Threshold(self.quorum_pct, self.quorum_inclusive).text


class VoterRoll(models.Model):
    """WHO may vote and whether they have, in a secret poll. Deliberately no time and no ballot link."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="roll")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    has_voted = models.BooleanField(default=False)

    class Meta:
        ordering = ["poll", "member"]
        constraints = [models.UniqueConstraint(fields=["poll", "member"], name="voterroll_once")]
        verbose_name = _("voter roll entry")
        verbose_name_plural = _("voter roll")

    def __str__(self) -> str:
        return f"{self.member} {'✓' if self.has_voted else '·'}"


def _ballot_id() -> uuid.UUID:
    return uuid.uuid4()


class SecretBallot(models.Model):
    """WHAT was voted in a secret poll: the choices per agenda item, and nothing about who or when.

    The random primary key is the only order; `poll_close` rewrites the ballots in a shuffled order with
    fresh ids so that the physical row order and the writing transaction no longer hint at the voter.
    """

    id = models.UUIDField(primary_key=True, default=_ballot_id, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    choices = models.JSONField(_("choices"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("secret ballot")
        verbose_name_plural = _("secret ballots")

    def __str__(self) -> str:
        return str(self.id)


class Choice(models.TextChoices):
    """A member's answer on one agenda item."""

    YES = "YES", _("Agree")  # đồng ý
    NO = "NO", _("Disagree")  # không đồng ý
    ABSTAIN = "ABSTAIN", _("No vote")  # không biểu quyết: counts as not in favour


class NamedVote(models.Model):
    """One member's open vote on one item; an absent member's vote is a written vote."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="named_votes")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)

    class Meta:
        ordering = ["poll", "item", "member"]
        constraints = [models.UniqueConstraint(fields=["poll", "member", "item"], name="namedvote_once")]
        verbose_name = _("named vote")
        verbose_name_plural = _("named votes")

    def __str__(self) -> str:
        return f"{self.member} {self.choice}"


class PaperCount(BaseModel):
    """The secretary's count of the paper ballots for one item (biên bản kiểm phiếu figures)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="paper_counts")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="+")
    yes = models.PositiveIntegerField(_("agree"), default=0)
    no = models.PositiveIntegerField(_("disagree"), default=0)
    abstain = models.PositiveIntegerField(_("no vote"), default=0)
    invalid = models.PositiveIntegerField(_("invalid"), default=0)
    ballots_issued = models.PositiveIntegerField(_("ballots issued"), default=0)
    ballots_returned = models.PositiveIntegerField(_("ballots returned"), default=0)

    class Meta:
        ordering = ["poll", "item"]
        constraints = [models.UniqueConstraint(fields=["poll", "item"], name="papercount_uniq")]
        verbose_name = _("paper count")
        verbose_name_plural = _("paper counts")

    def __str__(self) -> str:
        return f"{self.item}: {self.yes}/{self.ballots_returned}"


class WrittenCount(BaseModel):
    """Absent members' written votes on one item of a secret or paper poll, entered as counts."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="written_counts")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="+")
    yes = models.PositiveIntegerField(_("agree"), default=0)
    no = models.PositiveIntegerField(_("disagree"), default=0)
    abstain = models.PositiveIntegerField(_("no vote"), default=0)

    class Meta:
        ordering = ["poll", "item"]
        constraints = [models.UniqueConstraint(fields=["poll", "item"], name="writtencount_uniq")]
        verbose_name = _("written votes")
        verbose_name_plural = _("written votes")

    def __str__(self) -> str:
        return f"{self.item}: {self.yes}"


class PollResult(models.Model):
    """The tally of one item when its poll closed: the counts, the outcome and the reasons."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="results")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="results")
    members = models.PositiveIntegerField()
    present = models.PositiveIntegerField()
    yes = models.PositiveIntegerField()
    no = models.PositiveIntegerField()
    abstain = models.PositiveIntegerField()
    invalid = models.PositiveIntegerField()
    written_yes = models.PositiveIntegerField(default=0)
    written_no = models.PositiveIntegerField(default=0)
    written_abstain = models.PositiveIntegerField(default=0)
    counted_yes = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField()
    share_pct = models.DecimalField(max_digits=5, decimal_places=1)
    quorum_met = models.BooleanField()
    passed = models.BooleanField()
    reasons = models.JSONField(default=list)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["poll", "item__order", "item"]
        constraints = [models.UniqueConstraint(fields=["poll", "item"], name="pollresult_uniq")]
        verbose_name = _("poll result")
        verbose_name_plural = _("poll results")

    def __str__(self) -> str:
        return f"{self.item}: {'+' if self.passed else '-'}"

    @property
    def share_text(self) -> str:
        """Return the share of yes votes written the Vietnamese way ("93,3%")."""
        return percent_text(self.share_pct)


class CouncilEvent(models.Model):
    """One state change of a session or a poll (never a vote: votes leave no event row)."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="events")
    poll = models.ForeignKey(Poll, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    command = models.CharField(max_length=30)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    occurred_at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("council event")
        verbose_name_plural = _("council events")

    def __str__(self) -> str:
        return f"{self.command}: {self.from_status}→{self.to_status}"

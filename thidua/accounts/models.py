"""Users, their roles in units, and login attempts."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.organization.models import Unit


class User(AbstractUser):
    """A person who logs in to thidua. What they may do comes from their memberships."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("user")

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    """What a user does in a unit (glossary §1, §6)."""

    EMULATION_OFFICER = "EMULATION_OFFICER", _("Emulation officer")  # prepares and checks dossiers
    UNIT_HEAD = "UNIT_HEAD", _("Unit head")  # registers and proposes for the unit
    REVIEWER = "REVIEWER", _("Reviewer (Home Affairs)")  # appraises dossiers for the standing body
    COUNCIL_MEMBER = "COUNCIL_MEMBER", _("Council member")  # votes in council sessions
    COUNCIL_SECRETARY = "COUNCIL_SECRETARY", _("Council secretary")  # runs sessions, enters paper counts
    SIGNATORY = "SIGNATORY", _("Signatory (chairman, vice-chairman)")  # signs decisions and documents
    ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")  # manages users and reference data in the subtree


# Roles that may change the registry (units, people) within their subtree.
REGISTRY_WRITERS = frozenset({Role.EMULATION_OFFICER, Role.ADMINISTRATOR, Role.UNIT_HEAD})


class Membership(BaseModel):
    """Give `user` the `role` in `unit` and, through it, in every unit below it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="user_memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_uniq")]
        verbose_name = _("membership")
        verbose_name_plural = _("membership")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


class LoginAttempt(models.Model):
    """One failed login, kept to throttle guessing by user name and by address."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    attempted_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["ip_address", "attempted_at"])]
        constraints = [models.CheckConstraint(condition=~Q(username=""), name="loginattempt_username_set")]

    def __str__(self) -> str:
        return f"{self.username} @ {self.attempted_at:%Y-%m-%d %H:%M}"

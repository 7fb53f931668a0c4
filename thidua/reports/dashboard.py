"""The data of the staff home dashboard: what waits for each role the user holds, deadlines close to
lapsing, movements in progress and the charts of the user's scope.

Every count is one query over a scoped queryset; the whole dashboard runs a bounded number of queries
whatever the size of the register (see the tests with `django_assert_max_num_queries`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from thidua.accounts.models import Membership, Role
from thidua.accounts.permissions import (
    active_memberships,
    people_in_scope,
    roles_of,
    scope_paths,
    units_in_scope,
)
from thidua.council.models import CouncilMember, CouncilSession, Poll, PollStatus, SessionStatus, VoterRoll
from thidua.council.workflow import RUNNER_ROLES
from thidua.decisions.models import Decision, DecisionStatus
from thidua.decisions.workflow import DRAFTER_ROLES, ISSUER_ROLES
from thidua.movements.models import Movement, MovementStatus, Registration, RegistrationStatus
from thidua.movements.permissions import movements_in_scope
from thidua.movements.workflow import LAUNCHER_ROLES, PARTICIPANT_ROLES
from thidua.proposals import rules as proposal_rules
from thidua.proposals.models import Proposal, ProposalStatus
from thidua.proposals.permissions import proposals_in_scope, proposals_of_my_units, proposals_to_appraise
from thidua.proposals.workflow import CLOCK_RUNNING
from thidua.regulations import WorkingCalendar

DEADLINE_DAYS = 5  # working days: "close to lapsing"
DEADLINE_LIMIT = 10  # rows shown
MOVEMENT_LIMIT = 8
ROLE_ORDER = [
    Role.EMULATION_OFFICER,
    Role.REVIEWER,
    Role.UNIT_HEAD,
    Role.COUNCIL_SECRETARY,
    Role.COUNCIL_MEMBER,
    Role.SIGNATORY,
    Role.ADMINISTRATOR,
]


@dataclass(frozen=True)
class WaitItem:
    """Something waiting for the user: a count and where to deal with it."""

    key: str
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class RoleSection:
    """What waits for one role."""

    role: str
    label: str
    items: list[WaitItem]


@dataclass(frozen=True)
class Deadline:
    """A running proposal with its due date and the working days left (negative: overdue)."""

    proposal: Proposal
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return max(-self.days_left, 0)


@dataclass
class DashboardData:
    """Everything the home page shows apart from the charts."""

    roles: list[str]
    sections: list[RoleSection]
    deadlines: list[Deadline]
    movements: list[Movement]
    paths: list[str] = field(default_factory=list)


def _url(name: str, **query: Any) -> str:
    url = reverse(name)
    return f"{url}?{urlencode(query)}" if query else url


def _status_q(statuses: Any) -> Q:
    return Q(status__in=list(statuses))


# Layers above this one add what else waits for an officer; the public portal registers its receiving
# desk here (thidua.public.apps), so the dashboard never imports upwards.
WAITING_PROVIDERS: list[Callable[[Any], list[WaitItem]]] = []


def online_applications_waiting(user: Any) -> list[WaitItem]:
    """Return what the registered providers report as waiting (online dossiers waiting for acceptance)."""
    return [item for provider in WAITING_PROVIDERS for item in provider(user)]


def _officer(user: Any) -> list[WaitItem]:
    launched = Q(pk__in=[])
    for p in scope_paths(user, LAUNCHER_ROLES):
        launched |= Q(movement__launcher__path__startswith=p)
    to_review = Registration.objects.filter(launched, status=RegistrationStatus.SENT).count()
    appraise = proposals_to_appraise(user).aggregate(
        waiting=Count(
            "id",
            filter=_status_q(
                [ProposalStatus.SUBMITTED, ProposalStatus.RESUBMITTED, ProposalStatus.UNDER_APPRAISAL]
            ),
        ),
        notices=Count("id", filter=Q(status=ProposalStatus.PUBLIC_NOTICE)),
    )
    drafts = Decision.objects.filter(_authority_q(user, DRAFTER_ROLES), status=DecisionStatus.DRAFT).count()
    return [
        *online_applications_waiting(user),
        WaitItem("registrations", _("Registrations to review"), to_review, _url("movements:list")),
        WaitItem("appraise", _("Proposals to appraise"), appraise["waiting"], _url("proposals:list")),
        WaitItem("notices", _("Public notices to close"), appraise["notices"], _url("proposals:list")),
        WaitItem("draft_decisions", _("Draft decisions"), drafts, _url("decisions:list", status="DRAFT")),
    ]


def _authority_q(user: Any, roles: Any) -> Q:
    q = Q(pk__in=[])
    for p in scope_paths(user, roles):
        q |= Q(authority_unit__path__startswith=p)
    return q


def _reviewer(user: Any) -> list[WaitItem]:
    counts = proposals_to_appraise(user).aggregate(
        under=Count("id", filter=Q(status=ProposalStatus.UNDER_APPRAISAL)),
        new=Count("id", filter=_status_q([ProposalStatus.SUBMITTED, ProposalStatus.RESUBMITTED])),
    )
    return [
        WaitItem("under_appraisal", _("Proposals under appraisal"), counts["under"], _url("proposals:list")),
        WaitItem(
            "submitted", _("Proposals submitted, not yet taken up"), counts["new"], _url("proposals:list")
        ),
    ]


def _unit_head(user: Any) -> list[WaitItem]:
    mine = Q(pk__in=[])
    for p in scope_paths(user, PARTICIPANT_ROLES):
        mine |= Q(unit__path__startswith=p)
    regs = Registration.objects.filter(
        mine, movement__status__in=[MovementStatus.LAUNCHED, MovementStatus.IN_PROGRESS]
    ).aggregate(
        to_send=Count("id", filter=Q(status=RegistrationStatus.NOT_SENT)),
        returned=Count("id", filter=Q(status=RegistrationStatus.RETURNED)),
    )
    returned = proposals_of_my_units(user).filter(status=ProposalStatus.RETURNED).count()
    return [
        WaitItem(
            "registrations_to_send", _("Registrations to send"), regs["to_send"], _url("movements:list")
        ),
        WaitItem(
            "registrations_returned", _("Registrations returned"), regs["returned"], _url("movements:list")
        ),
        WaitItem(
            "proposals_returned", _("Proposals returned for supplement"), returned, _url("proposals:list")
        ),
    ]


def _council_member(user: Any, on: date) -> list[WaitItem]:
    # Open polls of the councils the user sits on. Results are never read here: only whether a poll is
    # open and, for a secret poll, whether the user's own roll entry says they have voted.
    seats = CouncilMember.objects.filter(user=user, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )
    open_polls = Poll.objects.filter(
        session__council__in=seats.values("council"), status=PollStatus.OPEN
    ).count()
    not_voted = VoterRoll.objects.filter(
        member__user=user, has_voted=False, poll__status=PollStatus.OPEN
    ).count()
    return [
        WaitItem("open_polls", _("Open ballots of your councils"), open_polls, _url("council:list")),
        WaitItem("not_voted", _("Secret ballots you have not cast"), not_voted, _url("council:list")),
    ]


def _secretary(user: Any) -> list[WaitItem]:
    runner = Q(pk__in=[])
    for p in scope_paths(user, RUNNER_ROLES):
        runner |= Q(council__authority_unit__path__startswith=p)
    runner |= Q(council__members__user=user, council__members__role="SECRETARY")
    ids = CouncilSession.objects.filter(runner).values("pk")
    counts = CouncilSession.objects.filter(pk__in=ids).aggregate(
        planned=Count("id", filter=Q(status=SessionStatus.PLANNED)),
        open=Count("id", filter=Q(status=SessionStatus.OPEN)),
        minutes=Count("id", filter=Q(status=SessionStatus.CLOSED, minutes_document__isnull=True)),
    )
    return [
        WaitItem("sessions_planned", _("Sessions being prepared"), counts["planned"], _url("council:list")),
        WaitItem("sessions_open", _("Sessions in progress"), counts["open"], _url("council:list")),
        WaitItem("minutes", _("Closed sessions without minutes"), counts["minutes"], _url("council:list")),
    ]


def _signatory(user: Any) -> list[WaitItem]:
    to_issue = Decision.objects.filter(_authority_q(user, ISSUER_ROLES), status=DecisionStatus.DRAFT).count()
    to_decide = Proposal.objects.filter(
        _authority_q(user, ISSUER_ROLES), status=ProposalStatus.COUNCIL_DONE
    ).count()
    return [
        WaitItem(
            "to_issue", _("Decisions to sign and issue"), to_issue, _url("decisions:list", status="DRAFT")
        ),
        WaitItem("to_decide", _("Proposals awaiting a decision"), to_decide, _url("proposals:list")),
    ]


def _administrator(user: Any) -> list[WaitItem]:
    paths = scope_paths(user, [Role.ADMINISTRATOR])
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(unit__path__startswith=p)
    users = Membership.objects.filter(q, is_active=True).values("user").distinct().count()
    return [
        WaitItem("users", _("Users with a role in your units"), users, _url("web:unit_list")),
        WaitItem("units", _("Units you can see"), units_in_scope(user).count(), _url("web:unit_list")),
        WaitItem("people", _("People you can see"), people_in_scope(user).count(), _url("web:person_list")),
    ]


def waiting_for(user: Any, role: str, *, on: date) -> list[WaitItem]:
    """Return what waits for the user in `role`."""
    match role:
        case Role.EMULATION_OFFICER:
            return _officer(user)
        case Role.REVIEWER:
            return _reviewer(user)
        case Role.UNIT_HEAD:
            return _unit_head(user)
        case Role.COUNCIL_MEMBER:
            return _council_member(user, on)
        case Role.COUNCIL_SECRETARY:
            return _secretary(user)
        case Role.SIGNATORY:
            return _signatory(user)
        case Role.ADMINISTRATOR:
            return _administrator(user)
    return []


def deadlines_close(user: Any, *, on: date, days: int = DEADLINE_DAYS) -> list[Deadline]:
    """Return the running proposals the user sees that are due within `days` working days (overdue first).

    A calendar-day window (`days` × 7/5 + 14, enough for Tết) bounds the query; the working days left
    come from the authority's calendar, read once per authority.
    """
    horizon = on + timedelta(days=days * 7 // 5 + 14)
    qs = (
        proposals_in_scope(user)
        .filter(status__in=list(CLOCK_RUNNING), due_on__isnull=False, due_on__lte=horizon)
        .select_related("authority_unit__admin_unit", "proposing_unit")
        .order_by("due_on", "pk")[:50]
    )
    calendars: dict[int, WorkingCalendar] = {}
    out: list[Deadline] = []
    for proposal in qs:
        assert proposal.due_on is not None
        if proposal.authority_unit_id not in calendars:
            calendars[proposal.authority_unit_id] = proposal_rules.rules_for(proposal.authority_unit).calendar
        left = proposal_rules.working_days_left(
            calendars[proposal.authority_unit_id], on=on, due=proposal.due_on
        )
        if left <= days:
            out.append(Deadline(proposal, left))
    return out[:DEADLINE_LIMIT]


def movements_in_progress(user: Any) -> list[Movement]:
    """Return the launched movements the user sees, with registration counts."""
    return list(
        movements_in_scope(user)
        .filter(status__in=[MovementStatus.LAUNCHED, MovementStatus.IN_PROGRESS])
        .select_related("launcher")
        .annotate(
            registrations_total=Count("registrations", distinct=True),
            registrations_sent=Count(
                "registrations",
                filter=Q(registrations__status__in=[RegistrationStatus.SENT, RegistrationStatus.ACCEPTED]),
                distinct=True,
            ),
        )
        .order_by("ends_on", "pk")[:MOVEMENT_LIMIT]
    )


def dashboard_data(user: Any, *, on: date) -> DashboardData:
    """Collect the dashboard of `user` on `on`: a section per role held, deadlines and movements."""
    active_memberships(user)  # one query, cached on the user for every gate below
    held = roles_of(user)
    roles: list[str] = [str(r) for r in ROLE_ORDER if r in held]
    labels = dict(Role.choices)
    sections = [RoleSection(r, str(labels[r]), waiting_for(user, r, on=on)) for r in roles]
    return DashboardData(
        roles=roles,
        sections=sections,
        deadlines=deadlines_close(user, on=on),
        movements=movements_in_progress(user),
        paths=scope_paths(user),
    )

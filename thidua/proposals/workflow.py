"""The proposal state machine as a pure transition table.

Each command is given by one side: the **proposing** unit (its officers and head) or the **authority**
(the officers and reviewers of the unit whose head decides, or of its standing body). Council and
decision commands are given by the authority's council secretary or signatory, or by the system
(council and decisions apps call them with their own actor).
"""

from dataclasses import dataclass
from enum import StrEnum

from thidua.accounts.models import Role
from thidua.proposals.models import ProposalStatus as S


class Side(StrEnum):
    """Which party gives a command."""

    PROPOSER = "proposer"  # the proposing unit
    AUTHORITY = "authority"  # the deciding authority and its standing body


PROPOSER_ROLES = frozenset({Role.EMULATION_OFFICER, Role.UNIT_HEAD, Role.ADMINISTRATOR})
APPRAISER_ROLES = frozenset({Role.EMULATION_OFFICER, Role.REVIEWER, Role.ADMINISTRATOR})
COUNCIL_ROLES = frozenset(
    {Role.EMULATION_OFFICER, Role.REVIEWER, Role.COUNCIL_SECRETARY, Role.SIGNATORY, Role.ADMINISTRATOR}
)
DECIDER_ROLES = frozenset({Role.EMULATION_OFFICER, Role.REVIEWER, Role.SIGNATORY, Role.ADMINISTRATOR})


class Command(StrEnum):
    """What someone may do to a proposal."""

    SUBMIT = "submit"
    ACCEPT = "accept"  # take up for appraisal
    RETURN = "return"  # return for supplement, with reasons
    RESUBMIT = "resubmit"
    SEND_TO_COUNCIL = "send_to_council"
    COUNCIL_DONE = "council_done"
    OPEN_NOTICE = "open_notice"  # council done, and the list must be published first
    PUBLISH_NOTICE = "publish_notice"  # the window starts
    CLOSE_NOTICE = "close_notice"
    DECIDE = "decide"
    FORWARD = "forward"  # the whole proposal goes to the higher authority
    FORWARD_PART = "forward_part"  # some nominees go up; the rest stay here
    WITHDRAW = "withdraw"


@dataclass(frozen=True)
class Transition:
    """A command that moves a proposal from one status to another, who gives it, and what it needs."""

    command: Command
    source: S
    target: S
    side: Side
    roles: frozenset[str]
    needs_reason: bool = False


_OPEN_BEFORE_DECISION = (
    S.DRAFT,
    S.SUBMITTED,
    S.UNDER_APPRAISAL,
    S.RETURNED,
    S.RESUBMITTED,
    S.TO_COUNCIL,
    S.COUNCIL_DONE,
    S.PUBLIC_NOTICE,
)
_P, _A = Side.PROPOSER, Side.AUTHORITY

TRANSITIONS: tuple[Transition, ...] = (
    Transition(Command.SUBMIT, S.DRAFT, S.SUBMITTED, _P, PROPOSER_ROLES),
    Transition(Command.ACCEPT, S.SUBMITTED, S.UNDER_APPRAISAL, _A, APPRAISER_ROLES),
    Transition(Command.ACCEPT, S.RESUBMITTED, S.UNDER_APPRAISAL, _A, APPRAISER_ROLES),
    Transition(Command.RETURN, S.SUBMITTED, S.RETURNED, _A, APPRAISER_ROLES, needs_reason=True),
    Transition(Command.RETURN, S.UNDER_APPRAISAL, S.RETURNED, _A, APPRAISER_ROLES, needs_reason=True),
    Transition(Command.RESUBMIT, S.RETURNED, S.RESUBMITTED, _P, PROPOSER_ROLES),
    Transition(Command.SEND_TO_COUNCIL, S.UNDER_APPRAISAL, S.TO_COUNCIL, _A, APPRAISER_ROLES),
    Transition(Command.COUNCIL_DONE, S.TO_COUNCIL, S.COUNCIL_DONE, _A, COUNCIL_ROLES),
    Transition(Command.OPEN_NOTICE, S.TO_COUNCIL, S.PUBLIC_NOTICE, _A, COUNCIL_ROLES),
    Transition(Command.PUBLISH_NOTICE, S.PUBLIC_NOTICE, S.PUBLIC_NOTICE, _A, APPRAISER_ROLES),
    Transition(Command.CLOSE_NOTICE, S.PUBLIC_NOTICE, S.COUNCIL_DONE, _A, APPRAISER_ROLES),
    Transition(Command.DECIDE, S.COUNCIL_DONE, S.DECIDED, _A, DECIDER_ROLES),
    Transition(Command.FORWARD, S.UNDER_APPRAISAL, S.FORWARDED, _A, APPRAISER_ROLES),
    Transition(Command.FORWARD, S.COUNCIL_DONE, S.FORWARDED, _A, APPRAISER_ROLES),
    Transition(Command.FORWARD_PART, S.UNDER_APPRAISAL, S.UNDER_APPRAISAL, _A, APPRAISER_ROLES),
    Transition(Command.FORWARD_PART, S.COUNCIL_DONE, S.COUNCIL_DONE, _A, APPRAISER_ROLES),
    *(Transition(Command.WITHDRAW, s, S.WITHDRAWN, _P, PROPOSER_ROLES) for s in _OPEN_BEFORE_DECISION),
)

# The proposing unit may change nominees and the dossier only while it holds the proposal.
EDITABLE = frozenset({S.DRAFT, S.RETURNED})
# The deadline clock runs in these states (it starts at submission and pauses while returned).
CLOCK_RUNNING = frozenset({S.SUBMITTED, S.UNDER_APPRAISAL, S.RESUBMITTED, S.TO_COUNCIL, S.PUBLIC_NOTICE})
# Nothing changes any more.
FINAL = frozenset({S.DECIDED, S.FORWARDED, S.WITHDRAWN})


def find_transition(command: str, source: str) -> Transition | None:
    """Return the transition for ``command`` from ``source``, if the table has one."""
    for t in TRANSITIONS:
        if t.command == command and t.source == source:
            return t
    return None


def may(transition: Transition, *, proposer_roles: set[str], authority_roles: set[str]) -> bool:
    """Tell whether someone holding these roles on each side may give the transition's command."""
    roles = proposer_roles if transition.side is Side.PROPOSER else authority_roles
    return bool(roles & transition.roles)


def allowed_commands(source: str, *, proposer_roles: set[str], authority_roles: set[str]) -> list[str]:
    """Return the commands (each once, in table order) someone may give from ``source``."""
    out: list[str] = []
    for t in TRANSITIONS:
        if (
            t.source == source
            and t.command not in out
            and may(t, proposer_roles=proposer_roles, authority_roles=authority_roles)
        ):
            out.append(t.command)
    return out

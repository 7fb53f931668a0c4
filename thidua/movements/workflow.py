"""The movement and registration state machines as pure transition tables."""

from dataclasses import dataclass

from thidua.accounts.models import Role
from thidua.movements.models import MovementStatus as M
from thidua.movements.models import RegistrationStatus as R

LAUNCHER_ROLES = frozenset({Role.EMULATION_OFFICER, Role.SIGNATORY, Role.ADMINISTRATOR})
PARTICIPANT_ROLES = frozenset({Role.EMULATION_OFFICER, Role.UNIT_HEAD, Role.ADMINISTRATOR})


@dataclass(frozen=True)
class Transition:
    """A command that moves an object from one status to another, and who may give it."""

    command: str
    source: str
    target: str
    roles: frozenset[str]
    needs_reason: bool = False


MOVEMENT_TRANSITIONS = (
    Transition("launch", M.DRAFT, M.LAUNCHED, LAUNCHER_ROLES),
    Transition("start", M.LAUNCHED, M.IN_PROGRESS, LAUNCHER_ROLES),
    Transition("review", M.IN_PROGRESS, M.REVIEWED, LAUNCHER_ROLES),
    Transition("close", M.REVIEWED, M.CLOSED, LAUNCHER_ROLES),
    Transition("reopen", M.REVIEWED, M.IN_PROGRESS, LAUNCHER_ROLES, needs_reason=True),
)

REGISTRATION_TRANSITIONS = (
    Transition("send", R.NOT_SENT, R.SENT, PARTICIPANT_ROLES),
    Transition("send", R.RETURNED, R.SENT, PARTICIPANT_ROLES),
    Transition("return", R.SENT, R.RETURNED, LAUNCHER_ROLES, needs_reason=True),
    Transition("accept", R.SENT, R.ACCEPTED, LAUNCHER_ROLES),
)

# A registration can be edited only while the unit holds it.
REGISTRATION_EDITABLE = frozenset({R.NOT_SENT, R.RETURNED})
# Content of a movement can be edited only before its document is issued.
MOVEMENT_EDITABLE = frozenset({M.DRAFT})


def find_transition(table: tuple[Transition, ...], command: str, source: str) -> Transition | None:
    """Return the transition for `command` from `source`, if the table has one."""
    for t in table:
        if t.command == command and t.source == source:
            return t
    return None


def allowed_commands(table: tuple[Transition, ...], source: str, roles: set[str]) -> list[str]:
    """Return the commands someone holding `roles` may give from `source`."""
    return [t.command for t in table if t.source == source and roles & t.roles]

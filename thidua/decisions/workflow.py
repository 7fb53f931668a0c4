"""The decision state machine as a pure transition table: drafted, then issued or cancelled."""

from dataclasses import dataclass

from thidua.accounts.models import Role
from thidua.decisions.models import DecisionStatus as S

# Officers of the authority prepare decisions; the signatory (or an officer acting for them) issues.
DRAFTER_ROLES = frozenset({Role.EMULATION_OFFICER, Role.REVIEWER, Role.SIGNATORY, Role.ADMINISTRATOR})
ISSUER_ROLES = frozenset({Role.SIGNATORY, Role.EMULATION_OFFICER})
LAYOUT_ROLES = frozenset({Role.ADMINISTRATOR})


@dataclass(frozen=True)
class Transition:
    """A command that moves a decision from one status to another, and who may give it."""

    command: str
    source: str
    target: str
    roles: frozenset[str]
    needs_reason: bool = False


TRANSITIONS = (
    Transition("create", "", S.DRAFT, DRAFTER_ROLES),
    Transition("issue", S.DRAFT, S.ISSUED, ISSUER_ROLES),
    Transition("cancel", S.DRAFT, S.CANCELLED, DRAFTER_ROLES, needs_reason=True),
)

# Lines and text can change only on a draft.
EDITABLE = frozenset({S.DRAFT})


def find_transition(command: str, source: str) -> Transition | None:
    """Return the transition for `command` from `source`, if the table has one."""
    for t in TRANSITIONS:
        if t.command == command and t.source == source:
            return t
    return None


def allowed_commands(source: str, roles: set[str]) -> list[str]:
    """Return the commands someone holding `roles` may give from `source`."""
    return [t.command for t in TRANSITIONS if t.source == source and roles & t.roles]

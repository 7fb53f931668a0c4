"""The scorecard's life as a pure transition table: DRAFT → OPEN → VERIFYING → PUBLISHED.

DRAFT: the owner builds groups and criteria. OPEN: member units assess themselves and submit.
VERIFYING: the cluster head and Home Affairs check the scores. PUBLISHED: the results are locked.
"""

from enum import StrEnum


class State(StrEnum):
    """Where a scorecard is (mirrors `ScorecardStatus`)."""

    DRAFT = "DRAFT"
    OPEN = "OPEN"
    VERIFYING = "VERIFYING"
    PUBLISHED = "PUBLISHED"


class Command(StrEnum):
    """What moves a scorecard on."""

    OPEN = "OPEN"  # the criteria are final; units may score themselves
    START_VERIFICATION = "START_VERIFICATION"  # self-assessment closes; checking starts
    REOPEN = "REOPEN"  # back to self-assessment, e.g. to let a late unit submit
    PUBLISH = "PUBLISH"  # the ranking is final and everything locks


TRANSITIONS: dict[tuple[State, Command], State] = {
    (State.DRAFT, Command.OPEN): State.OPEN,
    (State.OPEN, Command.START_VERIFICATION): State.VERIFYING,
    (State.VERIFYING, Command.REOPEN): State.OPEN,
    (State.VERIFYING, Command.PUBLISH): State.PUBLISHED,
}


class TransitionRefused(ValueError):  # noqa: N818 - a verdict, like the domain's ValidationFailed
    """The command is not allowed from the current state."""


def next_state(state: str, command: str) -> State:
    """Return the state `command` leads to from `state`, or raise TransitionRefused."""
    try:
        return TRANSITIONS[(State(state), Command(command))]
    except (KeyError, ValueError):
        raise TransitionRefused(f"{command} is not allowed from {state}") from None


def allowed_commands(state: str) -> list[Command]:
    """Return the commands allowed from `state`, in table order."""
    return [command for (source, command) in TRANSITIONS if source == state]


def structure_editable(state: str) -> bool:
    """Tell whether groups and criteria may change (only while drafting)."""
    return state == State.DRAFT


def self_assessment_open(state: str) -> bool:
    """Tell whether units may score themselves and attach evidence."""
    return state == State.OPEN


def verification_open(state: str) -> bool:
    """Tell whether the head and Home Affairs may verify scores."""
    return state == State.VERIFYING

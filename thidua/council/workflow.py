"""Pure transition tables of council sessions and polls; every transition writes a `CouncilEvent`."""

from collections.abc import Mapping

SESSION_TRANSITIONS: Mapping[tuple[str, str], str] = {
    ("PLANNED", "open"): "OPEN",
    ("OPEN", "close"): "CLOSED",
}

POLL_TRANSITIONS: Mapping[tuple[str, str], str] = {
    ("OPEN", "close"): "CLOSED",
    ("OPEN", "void"): "VOID",
}

# Roles (accounts.Role values) of the authority's staff who run the council's work.
RUNNER_ROLES = frozenset({"EMULATION_OFFICER", "COUNCIL_SECRETARY", "ADMINISTRATOR"})


class WorkflowRefused(Exception):  # noqa: N818 - the table refused, not an error of the code
    """The command is not allowed in the current state."""


def next_session_status(status: str, command: str) -> str:
    """Return the session status after `command`, or raise WorkflowRefused."""
    try:
        return SESSION_TRANSITIONS[(status, command)]
    except KeyError:
        raise WorkflowRefused(f"{command} from {status}") from None


def next_poll_status(status: str, command: str) -> str:
    """Return the poll status after `command`, or raise WorkflowRefused."""
    try:
        return POLL_TRANSITIONS[(status, command)]
    except KeyError:
        raise WorkflowRefused(f"{command} from {status}") from None

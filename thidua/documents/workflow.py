"""The life of a document as a pure transition table: draft → issued, and cancellation."""

from collections.abc import Mapping


class WorkflowRefused(ValueError):  # noqa: N818 - mirrors the domain's refusal errors
    """The command is not allowed in the document's current state."""


DRAFT, ISSUED, CANCELLED = "DRAFT", "ISSUED", "CANCELLED"

# (state, command) → next state. Anything missing is refused.
TRANSITIONS: Mapping[tuple[str, str], str] = {
    (DRAFT, "update"): DRAFT,
    (DRAFT, "issue"): ISSUED,
    (DRAFT, "cancel"): CANCELLED,
    (ISSUED, "remind"): ISSUED,
    (ISSUED, "cancel"): CANCELLED,
}


def next_status(state: str, command: str) -> str:
    """Return the state `command` leads to from `state`, or raise WorkflowRefused."""
    try:
        return TRANSITIONS[(state, command)]
    except KeyError:
        raise WorkflowRefused(f"{command!r} is not allowed on a {state.lower()} document.") from None


def allowed_commands(state: str) -> list[str]:
    """Return the commands allowed in `state`."""
    return [command for (s, command) in TRANSITIONS if s == state]

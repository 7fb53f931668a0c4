"""The portal follows its proposals: each workflow transition updates the online application."""

from typing import Any


def on_proposal_transition(sender: Any, *, proposal: Any, event: Any, **kwargs: Any) -> None:
    """Project the proposal's new state onto its online application, if it came from the portal."""
    from thidua.public.services.applications import follow_proposal  # noqa: PLC0415

    follow_proposal(proposal, event)

"""Signals for layers above the proposals app (the public portal follows its proposals through these)."""

from django.dispatch import Signal

# Sent inside the transaction after every workflow transition: sender=Proposal, proposal=, event=.
proposal_transitioned = Signal()

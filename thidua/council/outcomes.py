"""Hand the council's outcomes to the proposals app (the contract of issue #5)."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from thidua.council.models import PollResult
from thidua.proposals import services as proposals
from thidua.proposals.models import CouncilOutcome, Nominee, Proposal


def record_outcomes(*, actor: Any, results: Iterable[PollResult], on: date) -> None:
    """Record each nominee's outcome, then mark council-done the proposals whose nominees all have one.

    Items without a nominee (plain questions) need nothing more.
    """
    proposal_ids: set[int] = set()
    for result in results:
        if result.item.nominee_id is None:
            continue
        nominee = Nominee.objects.select_related("proposal").get(pk=result.item.nominee_id)
        outcome = CouncilOutcome.APPROVED if result.passed else CouncilOutcome.REJECTED
        proposals.nominee_set_council_outcome(
            actor=actor, nominee=nominee, outcome=outcome, votes_summary=result.summary
        )
        proposal_ids.add(nominee.proposal_id)
    for proposal in Proposal.objects.filter(pk__in=proposal_ids).order_by("pk"):
        live = proposal.nominees.filter(forwarded_to__isnull=True)
        if not live.filter(council_outcome=CouncilOutcome.PENDING).exists():
            proposals.proposal_mark_council_done(actor=actor, proposal=proposal, on=on)

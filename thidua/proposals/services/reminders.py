"""Remind authorities of proposals whose processing deadline is near (e-mail and a flag on the proposal)."""

import functools
import logging
from datetime import date
from typing import Any

from django.core.mail import EmailMessage
from django.db import transaction

from thidua.proposals.models import Proposal
from thidua.proposals.selectors import proposals_due_within

from .proposals import proposal_flag_reminder

logger = logging.getLogger(__name__)


def _mail(proposal_id: int, left: int) -> None:
    """E-mail the deciding unit and the proposing unit; a failed send is logged, never raised."""
    proposal = Proposal.objects.select_related("authority_unit", "proposing_unit").get(pk=proposal_id)
    to = [u.email for u in (proposal.authority_unit, proposal.proposing_unit) if u.email]
    if not to or proposal.due_on is None:
        return
    due = proposal.due_on.strftime("%d/%m/%Y")
    when = f"còn {left} ngày làm việc" if left >= 0 else f"đã quá hạn {-left} ngày làm việc"
    message = EmailMessage(
        subject=f"[thidua] Hồ sơ đề nghị khen thưởng sắp đến hạn: {proposal.title}"[:200],
        body=(
            f"Hồ sơ “{proposal.title}” của {proposal.proposing_unit.name} gửi {proposal.authority_unit.name} "
            f"có hạn giải quyết ngày {due} ({when}).\n"
        ),
        to=to,
    )
    try:
        message.send()
    except Exception:  # a mail server problem must not undo the flag
        logger.exception("Could not send the deadline reminder for proposal %s", proposal_id)


def send_deadline_reminders(*, on: date, days: int, actor: Any = None) -> list[Proposal]:
    """Flag and e-mail every running proposal due within ``days`` working days (once per day)."""
    sent = []
    for proposal, left in proposals_due_within(on=on, days=days):
        if proposal.reminded_on == on:
            continue
        with transaction.atomic():
            proposal_flag_reminder(actor=actor, proposal=proposal, on=on)
            transaction.on_commit(functools.partial(_mail, proposal.pk, left))
        sent.append(proposal)
    return sent

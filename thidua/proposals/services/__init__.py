"""Writes on proposals; every one is atomic, checked against the workflow table and audited."""

from .checking import ProposalChecks, proposal_check
from .nominees import (
    EDITABLE_FIELDS as NOMINEE_FIELDS,
)
from .nominees import (
    NomineeRow,
    dossier_attach,
    dossier_remove,
    nominee_add,
    nominee_remove,
    nominee_set_council_outcome,
    nominee_update,
    nominees_import,
)
from .notice import (
    notice_comment_add,
    notice_comment_submit_public,
    notice_is_open,
    proposal_forward,
    public_notice_close,
    public_notice_open,
)
from .proposals import (
    proposal_accept_for_appraisal,
    proposal_create,
    proposal_flag_reminder,
    proposal_mark_council_done,
    proposal_mark_decided,
    proposal_resubmit,
    proposal_return_for_supplement,
    proposal_send_to_council,
    proposal_submit,
    proposal_withdraw,
)

__all__ = [
    "NOMINEE_FIELDS",
    "NomineeRow",
    "ProposalChecks",
    "dossier_attach",
    "dossier_remove",
    "nominee_add",
    "nominee_remove",
    "nominee_set_council_outcome",
    "nominee_update",
    "nominees_import",
    "notice_comment_add",
    "notice_comment_submit_public",
    "notice_is_open",
    "proposal_accept_for_appraisal",
    "proposal_check",
    "proposal_create",
    "proposal_flag_reminder",
    "proposal_forward",
    "proposal_mark_council_done",
    "proposal_mark_decided",
    "proposal_resubmit",
    "proposal_return_for_supplement",
    "proposal_send_to_council",
    "proposal_submit",
    "proposal_withdraw",
    "public_notice_close",
    "public_notice_open",
]

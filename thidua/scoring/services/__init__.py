"""Every write of the scoring app. Each is atomic and audited; once results are published, all refuse."""

from thidua.scoring.services._common import ResultsPublished
from thidua.scoring.services.clusters import (
    cluster_create,
    cluster_update,
    covenant_record,
    membership_copy_year,
    membership_remove,
    membership_set,
)
from thidua.scoring.services.entries import (
    evidence_attach,
    evidence_remove,
    missing_criteria,
    score_compute_targets,
    score_self_assess,
    score_submit,
    score_verify,
    score_verify_criterion,
    target_completion_ratio,
)
from thidua.scoring.services.ranking import ranking_compute, ranking_publish
from thidua.scoring.services.scorecards import (
    criterion_add,
    criterion_delete,
    criterion_update,
    group_add,
    scorecard_copy,
    scorecard_create,
    scorecard_open,
    scorecard_reopen,
    scorecard_start_verification,
    scorecard_update,
)

__all__ = [
    "ResultsPublished",
    "cluster_create",
    "cluster_update",
    "covenant_record",
    "criterion_add",
    "criterion_delete",
    "criterion_update",
    "evidence_attach",
    "evidence_remove",
    "group_add",
    "membership_copy_year",
    "membership_remove",
    "membership_set",
    "missing_criteria",
    "ranking_compute",
    "ranking_publish",
    "score_compute_targets",
    "score_self_assess",
    "score_submit",
    "score_verify",
    "score_verify_criterion",
    "scorecard_copy",
    "scorecard_create",
    "scorecard_open",
    "scorecard_reopen",
    "scorecard_start_verification",
    "scorecard_update",
    "target_completion_ratio",
]

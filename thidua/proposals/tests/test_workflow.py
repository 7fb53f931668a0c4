"""The transition table, without a database."""

from thidua.accounts.models import Role
from thidua.proposals import workflow
from thidua.proposals.models import ProposalStatus as S

HEAD = {Role.UNIT_HEAD}
OFFICER = {Role.EMULATION_OFFICER}


def test_the_proposing_unit_submits_and_the_authority_appraises():
    assert workflow.allowed_commands(S.DRAFT, proposer_roles=HEAD, authority_roles=set()) == [
        "submit",
        "withdraw",
    ]
    assert workflow.allowed_commands(S.SUBMITTED, proposer_roles=HEAD, authority_roles=set()) == ["withdraw"]
    assert workflow.allowed_commands(S.SUBMITTED, proposer_roles=set(), authority_roles=OFFICER) == [
        "accept",
        "return",
    ]


def test_a_returned_proposal_can_be_resubmitted_and_appraised_again():
    assert "resubmit" in workflow.allowed_commands(S.RETURNED, proposer_roles=HEAD, authority_roles=set())
    t = workflow.find_transition("accept", S.RESUBMITTED)
    assert t is not None and t.target == S.UNDER_APPRAISAL


def test_returning_needs_reasons():
    t = workflow.find_transition("return", S.UNDER_APPRAISAL)
    assert t is not None and t.needs_reason and t.target == S.RETURNED


def test_a_unit_head_cannot_appraise_and_a_reviewer_cannot_submit():
    assert workflow.allowed_commands(S.SUBMITTED, proposer_roles=set(), authority_roles=HEAD) == []
    assert workflow.allowed_commands(S.DRAFT, proposer_roles={Role.REVIEWER}, authority_roles=set()) == []


def test_withdrawal_is_possible_until_the_decision_only():
    for status in S:
        t = workflow.find_transition("withdraw", status)
        assert (t is not None) == (status not in workflow.FINAL)


def test_council_done_leads_to_a_decision_or_to_the_public_notice():
    assert workflow.find_transition("council_done", S.TO_COUNCIL).target == S.COUNCIL_DONE
    assert workflow.find_transition("open_notice", S.TO_COUNCIL).target == S.PUBLIC_NOTICE
    assert workflow.find_transition("close_notice", S.PUBLIC_NOTICE).target == S.COUNCIL_DONE
    assert workflow.find_transition("decide", S.COUNCIL_DONE).target == S.DECIDED
    assert workflow.find_transition("decide", S.PUBLIC_NOTICE) is None


def test_forwarding_sends_the_whole_proposal_up_or_keeps_the_rest_here():
    assert workflow.find_transition("forward", S.UNDER_APPRAISAL).target == S.FORWARDED
    assert workflow.find_transition("forward_part", S.COUNCIL_DONE).target == S.COUNCIL_DONE
    assert workflow.find_transition("forward", S.DRAFT) is None


def test_nothing_leaves_a_final_state():
    for t in workflow.TRANSITIONS:
        assert t.source not in workflow.FINAL

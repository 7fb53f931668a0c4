"""A decision drafted from the council's outcome marks the proposal decided when issued."""

from datetime import date

import pytest

from thidua.accounts.models import Role
from thidua.awards.models import Award
from thidua.core.errors import ValidationFailed
from thidua.decisions import services
from thidua.organization.models import Unit
from thidua.proposals import selectors as proposal_selectors
from thidua.proposals import services as proposal_services
from thidua.proposals.models import ProposalStatus
from thidua.proposals.tests.conftest import ON, add, build_cast, complete_dossier, draft
from thidua.testing.cast import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(settings, tmp_path):
    """The school's proposal to the commune, with two nominees approved and one rejected by the council."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cast = build_cast()
    Unit.objects.filter(pk=cast.commune.pk).update(abbreviation="UBND", place_name="Tân Uyên")
    cast.commune.refresh_from_db()
    proposal = draft(cast)
    nominees = [add(cast, proposal, cast.teachers[0], "LDTT"), add(cast, proposal, cast.teachers[1], "LDTT")]
    nominees.append(add(cast, proposal, cast.teachers[2], "CSTDCS"))
    complete_dossier(cast, proposal)
    proposal_services.proposal_submit(actor=cast.binh, proposal=proposal, on=ON)
    proposal_services.proposal_accept_for_appraisal(actor=cast.an, proposal=proposal, on=ON)
    proposal_services.proposal_send_to_council(actor=cast.an, proposal=proposal, on=ON)
    for n, outcome in zip(nominees, ["APPROVED", "APPROVED", "REJECTED"], strict=True):
        proposal_services.nominee_set_council_outcome(
            actor=cast.chau, nominee=n, outcome=outcome, votes_summary="7/7"
        )
    proposal_services.proposal_mark_council_done(actor=cast.chau, proposal=proposal, on=ON)
    chairman = make_user("phuong", cast.commune, Role.SIGNATORY, "Bùi Huy Phương")
    return cast, proposal, nominees, chairman


def test_the_ready_nominees_become_lines_and_the_proposal_is_decided_on_issue(approved):
    cast, proposal, nominees, chairman = approved
    ready = list(proposal_selectors.nominees_ready_for_decision(authority_unit=cast.commune))
    decision = services.decision_draft_from_nominees(
        actor=cast.an,
        authority_unit=cast.commune,
        nominees=ready,
        decided_on=date(2026, 11, 20),
        signer_name="Bùi Huy Phương",
    )
    assert decision.title == "Về việc khen thưởng thành tích năm 2026"
    assert decision.authority_title == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN UYÊN"
    assert sorted(line.nominee_id for line in decision.lines.all()) == sorted(n.pk for n in nominees[:2])
    issued = services.decision_issue(actor=chairman, decision=decision, issued_on=date(2026, 11, 20))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED
    assert proposal.decision_ref == f"{issued.symbol} ngày 20/11/2026"
    assert not proposal_selectors.nominees_ready_for_decision(authority_unit=cast.commune).exists()
    assert Award.objects.filter(person__in=cast.teachers[:2], award_code="LDTT", year=2026).count() == 2


def test_a_rejected_nominee_cannot_be_put_on_a_decision(approved):
    cast, _proposal, nominees, _chairman = approved
    with pytest.raises(ValidationFailed):
        services.decision_draft_from_nominees(
            actor=cast.an,
            authority_unit=cast.commune,
            nominees=[nominees[2]],
            decided_on=date(2026, 11, 20),
            signer_name="Bùi Huy Phương",
        )

"""The council votes on the nominees of proposals before it and records each outcome on the proposal."""

from datetime import date

import pytest

from thidua.accounts.models import Role
from thidua.core.errors import ValidationFailed
from thidua.council import services
from thidua.council.models import MemberRole, PollMethod
from thidua.proposals import services as proposals
from thidua.proposals.models import CouncilOutcome, ProposalStatus
from thidua.proposals.tests.conftest import ON, add, build_cast, complete_dossier, draft
from thidua.testing.cast import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def story():
    cast = build_cast()
    proposal = draft(cast)
    for person, code in zip(cast.teachers, ("LDTT", "LDTT", "CSTDCS"), strict=False):
        add(cast, proposal, person, code)
    complete_dossier(cast, proposal)
    proposals.proposal_submit(actor=cast.binh, proposal=proposal, on=ON)
    proposals.proposal_accept_for_appraisal(actor=cast.an, proposal=proposal, on=ON)
    proposals.proposal_send_to_council(actor=cast.an, proposal=proposal, on=ON)
    council = services.council_create(
        actor=cast.an, authority_unit=cast.commune, name="Hội đồng TĐKT xã Tân Uyên"
    )
    roles = [
        MemberRole.CHAIR,
        MemberRole.VICE_CHAIR,
        MemberRole.MEMBER,
        MemberRole.MEMBER,
        MemberRole.SECRETARY,
    ]
    users = [make_user(f"hd{i}", cast.commune, Role.COUNCIL_MEMBER, f"Thành viên {i}") for i in range(5)]
    for user, role in zip(users, roles, strict=True):
        services.member_add(actor=cast.an, council=council, user=user, role=role, valid_from=date(2025, 7, 1))
    session = services.session_create(actor=cast.an, council=council, held_on=date(2026, 11, 20))
    return cast, proposal, session, users


def test_the_nominees_before_the_council_join_the_agenda_once(story):
    cast, proposal, session, _users = story
    items = services.agenda_add_nominees(actor=cast.an, session=session)
    assert sorted((i.award_code, i.label) for i in items) == [
        ("CSTDCS", "Tòng Văn Cường"), ("LDTT", "Lò Thị Bình"), ("LDTT", "Nguyễn Văn An")
    ]  # fmt: skip
    assert all(i.nominee.proposal_id == proposal.pk for i in items)
    assert services.agenda_add_nominees(actor=cast.an, session=session) == []
    other = draft(cast, title="Khác")
    add(cast, other, cast.teachers[3], "LDTT")
    with pytest.raises(ValidationFailed):
        services.agenda_add_nominees(actor=cast.an, session=session, nominees=list(other.nominees.all()))


def test_closing_the_polls_records_each_outcome_and_marks_the_proposal_done(story):
    cast, proposal, session, users = story
    items = services.agenda_add_nominees(actor=cast.an, session=session)
    services.session_set_attendance(actor=cast.an, session=session, absent=[session.attendance.last().member])
    services.session_open(actor=cast.an, session=session)
    by_award: dict[str, list] = {}
    for item in items:
        by_award.setdefault(item.award_code, []).append(item)
    ldtt = services.poll_open(
        actor=cast.an, session=session, method=PollMethod.SECRET, items=by_award["LDTT"]
    )
    first, second = by_award["LDTT"]
    for user in users[:4]:
        services.secret_vote_cast(actor=user, poll=ldtt, choices={first.pk: "YES", second.pk: "NO"})
    services.poll_close(actor=cast.an, poll=ldtt)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.TO_COUNCIL  # the CSTĐCS nominee is still pending
    cstdcs = services.poll_open(
        actor=cast.an, session=session, method=PollMethod.PAPER, items=by_award["CSTDCS"]
    )
    count = {"yes": 4, "no": 0, "abstain": 0, "invalid": 0, "ballots_issued": 4, "ballots_returned": 4}
    services.paper_counts_enter(actor=cast.chau, poll=cstdcs, counts={by_award["CSTDCS"][0].pk: count})
    (outcome,) = services.poll_close(actor=cast.an, poll=cstdcs)
    assert outcome.passed  # 4/5 = 80% of all members, the ≥ 80% rule for CSTĐCS
    outcomes = {n.subject_name: (n.council_outcome, n.votes_summary) for n in proposal.nominees.all()}
    assert outcomes[first.label] == (
        CouncilOutcome.APPROVED,
        "Đồng ý 4/5 (80%); không đồng ý 0; không biểu quyết 0: đạt.",
    )
    assert outcomes[second.label][0] == CouncilOutcome.REJECTED
    proposal.refresh_from_db()
    assert proposal.status in {ProposalStatus.COUNCIL_DONE, ProposalStatus.PUBLIC_NOTICE}

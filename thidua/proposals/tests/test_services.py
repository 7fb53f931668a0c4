"""Stories of a proposal: drafting, checking, submitting, returning, council, notice, decision, forwarding."""

from datetime import date

import pytest

from thidua.core.errors import DomainError, NotFound, ValidationFailed
from thidua.core.models import AuditEvent
from thidua.proposals import selectors, services
from thidua.proposals.models import (
    CouncilOutcome,
    DossierPartKind,
    ProposalEvent,
    ProposalStatus,
    SubjectKind,
)

from .conftest import ON, add, complete_dossier, draft, pdf

pytestmark = pytest.mark.django_db


def _submitted(cast, codes=("LDTT", "LDTT", "CSTDCS")):
    proposal = draft(cast)
    for person, code in zip(cast.teachers, codes, strict=False):
        add(cast, proposal, person, code)
    complete_dossier(cast, proposal)
    return services.proposal_submit(actor=cast.binh, proposal=proposal, on=ON)


def test_a_nominee_is_checked_when_added_and_shows_its_reasons_and_authority(cast):
    proposal = draft(cast)
    nominee = add(cast, proposal, cast.teachers[0], "LDTT")
    assert nominee.checked_at is not None
    assert nominee.verdict["verdict"] in {"eligible", "not_eligible", "needs_review"}
    assert all({"code", "message", "citation", "outcome"} <= set(r) for r in nominee.verdict["reasons"])
    assert any(r["code"] == "AUTH.CAN_DECIDE" for r in nominee.verdict["reasons"])
    assert "CT_UBND_XA" in nominee.authority_offices


def test_only_people_of_the_proposing_unit_can_be_nominated(cast):
    proposal = draft(cast)
    with pytest.raises(ValidationFailed) as exc:
        add(cast, proposal, cast.outsider)
    assert "subject" in exc.value.errors


def test_an_award_must_fit_the_kind_of_subject(cast):
    proposal = draft(cast)
    with pytest.raises(ValidationFailed) as exc:
        add(cast, proposal, cast.teachers[0], "TTLDTT")
    assert "award_code" in exc.value.errors
    collective = add(cast, proposal, cast.school, "TTLDTT", kind=SubjectKind.COLLECTIVE)
    assert collective.subject == cast.school


def test_submitting_is_refused_while_required_parts_are_missing(cast):
    proposal = draft(cast)
    add(cast, proposal, cast.teachers[0], "CSTDCS")
    with pytest.raises(ValidationFailed) as exc:
        services.proposal_submit(actor=cast.binh, proposal=proposal, on=ON)
    assert len(exc.value.errors["dossier"]) == 3  # report, minutes, initiative recognition
    assert proposal.status == ProposalStatus.DRAFT


def test_the_simplified_procedure_submits_without_the_full_dossier(cast):
    proposal = draft(cast, simplified=True, simplified_case="EXCEPTIONAL", kind="AD_HOC")
    add(cast, proposal, cast.teachers[0], "GIAY_KHEN")
    services.proposal_submit(actor=cast.binh, proposal=proposal, on=ON)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_a_duplicate_line_blocks_submission(cast):
    proposal = draft(cast)
    add(cast, proposal, cast.teachers[0], "LDTT")
    add(cast, proposal, cast.teachers[0], "LDTT")
    complete_dossier(cast, proposal)
    with pytest.raises(ValidationFailed) as exc:
        services.proposal_submit(actor=cast.binh, proposal=proposal, on=ON)
    assert len(exc.value.errors["duplicates"]) == 2
    first = proposal.nominees.order_by("order").first()
    assert first.verdict["verdict"] == "not_eligible"
    assert any(r["code"] == "DUP.IN_LIST" for r in first.verdict["reasons"])


def test_submission_sets_a_working_day_deadline(cast):
    proposal = _submitted(cast)
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.submitted_on == ON
    assert proposal.processing_days == 20  # the Lai Châu example pack's longest procedure
    # 20 working days after Monday 02/11/2026, skipping Ngày Văn hóa Việt Nam (24/11).
    assert proposal.due_on == date(2026, 12, 1)
    info = selectors.deadline_info(proposal, on=date(2026, 11, 23))
    assert info.days_left == 5 and info.running


def test_returned_proposal_pauses_the_clock_and_can_be_resubmitted(cast):
    proposal = _submitted(cast)
    services.proposal_accept_for_appraisal(actor=cast.an, proposal=proposal, on=date(2026, 11, 3))
    with pytest.raises(ValidationFailed):
        services.proposal_return_for_supplement(actor=cast.an, proposal=proposal, reasons=" ", on=ON)
    services.proposal_return_for_supplement(
        actor=cast.an,
        proposal=proposal,
        reasons="Thiếu báo cáo thành tích của cô Dung.",
        on=date(2026, 11, 5),
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RETURNED and proposal.due_on is None
    assert selectors.deadline_info(proposal, on=date(2026, 11, 10)).paused
    # While returned, the school may change its list again.
    services.dossier_attach(
        actor=cast.binh, proposal=proposal, kind=DossierPartKind.OTHER, upload=pdf("bo-sung.pdf")
    )
    services.proposal_resubmit(actor=cast.binh, proposal=proposal, on=date(2026, 11, 12))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RESUBMITTED
    assert proposal.paused_days == 5
    # The national default restarts the count from the complete supplement: 20 working days after 12/11.
    assert proposal.due_on == date(2026, 12, 11)
    assert proposal.supplements.get().resolved_on == date(2026, 11, 12)
    commands = list(ProposalEvent.objects.filter(proposal=proposal).values_list("command", flat=True))
    assert commands == ["submit", "accept", "return", "resubmit"]


def test_only_the_authority_appraises_and_only_the_proposing_unit_resubmits(cast):
    proposal = _submitted(cast)
    with pytest.raises(NotFound):
        services.proposal_accept_for_appraisal(actor=cast.binh, proposal=proposal, on=ON)
    with pytest.raises(NotFound):
        services.proposal_accept_for_appraisal(actor=cast.dung, proposal=proposal, on=ON)
    services.proposal_accept_for_appraisal(actor=cast.an, proposal=proposal, on=ON)
    with pytest.raises(DomainError):
        services.nominee_add(
            actor=cast.binh,
            proposal=proposal,
            subject_kind=SubjectKind.INDIVIDUAL,
            subject=cast.teachers[3],
            award_code="LDTT",
            year=2026,
        )


def _to_council(cast, codes=("LDTT", "LDTT", "CSTDCS")):
    proposal = _submitted(cast, codes)
    services.proposal_accept_for_appraisal(actor=cast.an, proposal=proposal, on=ON)
    services.proposal_send_to_council(actor=cast.an, proposal=proposal, on=ON)
    return proposal


def test_council_outcomes_lead_to_the_decision_and_the_ready_list(cast):
    proposal = _to_council(cast)
    nominees = list(proposal.nominees.order_by("order"))
    with pytest.raises(DomainError):
        services.proposal_mark_council_done(actor=cast.chau, proposal=proposal, on=ON)
    for n, outcome in zip(nominees, ["APPROVED", "APPROVED", "REJECTED"], strict=True):
        services.nominee_set_council_outcome(actor=cast.chau, nominee=n, outcome=outcome, votes_summary="7/7")
    services.proposal_mark_council_done(actor=cast.chau, proposal=proposal, on=ON)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.COUNCIL_DONE
    ready = selectors.nominees_ready_for_decision(authority_unit=cast.commune)
    assert [n.pk for n in ready] == [nominees[0].pk, nominees[1].pk]
    services.proposal_mark_decided(actor=None, proposal=proposal, decision_ref="decisions.decision:1", on=ON)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED and proposal.decision_ref == "decisions.decision:1"
    assert list(proposal.nominees.filter(decided=True).order_by("order")) == nominees[:2]
    assert not selectors.nominees_ready_for_decision(authority_unit=cast.commune).exists()
    with pytest.raises(DomainError):
        services.proposal_withdraw(actor=cast.binh, proposal=proposal, on=ON)


def test_a_high_award_goes_through_a_public_notice_with_comments(cast):
    # The commune officer proposes a teacher for a Huân chương to the province.
    proposal = draft(cast, actor=cast.an, authority_unit=cast.province, proposing_unit=cast.commune)
    n = services.nominee_add(
        actor=cast.an,
        proposal=proposal,
        subject_kind=SubjectKind.INDIVIDUAL,
        subject=cast.teachers[0],
        award_code="HCLD_3",
        year=2026,
        on=ON,
    )
    complete_dossier(cast, proposal, actor=cast.an)
    services.proposal_submit(actor=cast.an, proposal=proposal, on=ON)
    services.proposal_accept_for_appraisal(actor=cast.hang, proposal=proposal, on=ON)
    services.proposal_send_to_council(actor=cast.hang, proposal=proposal, on=ON)
    services.nominee_set_council_outcome(
        actor=cast.hang, nominee=n, outcome="APPROVED", votes_summary="15/15"
    )
    services.proposal_mark_council_done(actor=cast.hang, proposal=proposal, on=ON)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PUBLIC_NOTICE
    notice = services.public_notice_open(actor=cast.hang, proposal=proposal, on=ON)
    assert notice.ends_on == date(2026, 11, 16)  # 10 working days
    services.notice_comment_add(
        actor=cast.hang, proposal=proposal, author_name="Ông Lò Văn A", text="Đồng ý."
    )
    with pytest.raises(DomainError):
        services.public_notice_close(actor=cast.hang, proposal=proposal, on=date(2026, 11, 13))
    assert not selectors.nominees_ready_for_decision(authority_unit=cast.province).exists()
    services.public_notice_close(actor=cast.hang, proposal=proposal, on=date(2026, 11, 16))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.COUNCIL_DONE
    assert list(selectors.nominees_ready_for_decision(authority_unit=cast.province)) == [n]
    assert proposal.notice.comments.get().author_name == "Ông Lò Văn A"


def test_an_award_beyond_the_commune_is_forwarded_to_the_province_with_its_dossier(cast):
    proposal = _submitted(cast, ("LDTT", "BK_TINH"))
    services.proposal_accept_for_appraisal(actor=cast.an, proposal=proposal, on=ON)
    bk = proposal.nominees.get(award_code="BK_TINH")
    assert any(r["code"] == "AUTH.FORWARD" for r in bk.verdict["reasons"])
    linked = services.proposal_forward(
        actor=cast.an, proposal=proposal, nominees=[bk], to_authority=cast.province, on=ON
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.UNDER_APPRAISAL  # the LĐTT line stays with the commune
    assert linked.parent == proposal and linked.status == ProposalStatus.SUBMITTED
    assert linked.proposing_unit == cast.commune and linked.authority_unit == cast.province
    copy = linked.nominees.get()
    assert copy.copied_from == bk and copy.person == bk.person
    assert {p.kind for p in linked.parts.all()} == {"EVALUATION_MINUTES", "ACHIEVEMENT_REPORT"}
    assert any(r["code"] == "AUTH.CAN_DECIDE" for r in copy.verdict["reasons"])
    assert linked.due_on is not None
    bk.refresh_from_db()
    assert bk.forwarded_to == linked
    # The province's standing body sees it; the commune officer may not appraise it.
    assert selectors.proposal_list_to_appraise(cast.hang).filter(pk=linked.pk).exists()
    with pytest.raises(NotFound):
        services.proposal_accept_for_appraisal(actor=cast.an, proposal=linked, on=ON)
    services.proposal_accept_for_appraisal(actor=cast.hang, proposal=linked, on=ON)


def test_forwarding_every_remaining_nominee_forwards_the_proposal(cast):
    proposal = _submitted(cast, ("BK_TINH",))
    services.proposal_accept_for_appraisal(actor=cast.an, proposal=proposal, on=ON)
    services.proposal_forward(
        actor=cast.an,
        proposal=proposal,
        nominees=list(proposal.nominees.all()),
        to_authority=cast.province,
        on=ON,
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.FORWARDED


def test_withdrawing_is_for_the_proposing_unit(cast):
    proposal = _submitted(cast)
    with pytest.raises(NotFound):
        services.proposal_withdraw(actor=cast.hang, proposal=proposal, on=ON)
    services.proposal_withdraw(actor=cast.binh, proposal=proposal, reason="Làm lại danh sách.", on=ON)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN


def test_every_write_is_audited(cast):
    proposal = _submitted(cast)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"proposal.create", "nominee.add", "dossier.attach", "proposal.submit"} <= actions
    assert (
        AuditEvent.objects.filter(object_type="proposals.proposal", object_id=str(proposal.pk)).count() >= 2
    )


def test_dossier_parts_are_recognised_by_content(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    proposal = draft(cast)
    fake = SimpleUploadedFile("bao-cao.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationFailed):
        services.dossier_attach(actor=cast.binh, proposal=proposal, kind="OTHER", upload=fake)
    big = SimpleUploadedFile("to.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(ValidationFailed, match="10 MB"):
        services.dossier_attach(actor=cast.binh, proposal=proposal, kind="OTHER", upload=big)
    part = services.dossier_attach(actor=cast.binh, proposal=proposal, kind="OTHER", upload=pdf())
    assert part.content_type == "application/pdf" and len(part.sha256) == 64


def test_the_reminder_selector_finds_proposals_about_to_lapse(cast):
    proposal = _submitted(cast)
    assert selectors.proposals_due_within(on=date(2026, 11, 20), days=3) == []
    due = selectors.proposals_due_within(on=date(2026, 11, 26), days=3)
    assert [(p.pk, left) for p, left in due] == [(proposal.pk, 3)]
    assert proposal.nominees.first().council_outcome == CouncilOutcome.PENDING


def test_deadline_reminders_flag_and_mail_once_a_day(cast, mailoutbox, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    cast.commune.email = "ubnd@xa.example"
    cast.commune.save()
    proposal = _submitted(cast)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_deadline_reminders", "--days", "3", "--on", "2026-11-26", stdout=out)
    assert "1 reminder(s)" in out.getvalue()
    proposal.refresh_from_db()
    assert proposal.reminded_on == date(2026, 11, 26)
    assert len(mailoutbox) == 1 and "01/12/2026" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_deadline_reminders", "--days", "3", "--on", "2026-11-26", stdout=StringIO())
    assert len(mailoutbox) == 1


def test_the_demo_hook_drafts_a_checked_year_end_proposal(cast):
    from thidua.proposals.demo import draft_year_end_proposal

    proposal = draft_year_end_proposal(
        school=cast.school, authority=cast.commune, year=2026, on=ON, ldtt=3, cstdcs=1
    )
    assert proposal.status == ProposalStatus.DRAFT
    codes = sorted(proposal.nominees.values_list("award_code", flat=True))
    assert codes == ["CSTDCS", "LDTT", "LDTT", "LDTT", "TTLDTT"]
    assert all(n.verdict for n in proposal.nominees.all())


def test_the_reminder_task_runs(cast):
    from thidua.proposals.tasks import send_deadline_reminders_task

    result = send_deadline_reminders_task.enqueue(days=3)
    assert result.return_value == 0

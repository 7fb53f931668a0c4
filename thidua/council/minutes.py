"""The session minutes (biên bản họp) and the vote-count report (biên bản kiểm phiếu) as documents.

Both list per nominee the counts and the outcome, never who voted what. They are Vietnamese official
text (not gettext) built as `DocumentContent`, previewed unnumbered or issued as kind BB by the authority.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.errors import DomainError
from thidua.core.formatting import format_date
from thidua.council import tallying
from thidua.council.models import (
    CouncilSession,
    MemberRole,
    Poll,
    PollMethod,
    PollResult,
    PollStatus,
    SecretBallot,
    SessionStatus,
    VoterRoll,
)
from thidua.documents import services as documents
from thidua.documents.content import Block, DocumentContent, notation_for
from thidua.documents.models import Document
from thidua.documents.rendering import build_sheet, render_docx, render_pdf
from thidua.regulations.catalogue import award
from thidua.regulations.voting import Denominator

METHOD_TEXT = {
    PollMethod.SECRET: "bỏ phiếu kín điện tử",
    PollMethod.NAMED: "biểu quyết công khai",
    PollMethod.PAPER: "bỏ phiếu kín bằng phiếu giấy",
}
ROLE_TEXT = {
    MemberRole.CHAIR: "Chủ tịch Hội đồng",
    MemberRole.VICE_CHAIR: "Phó Chủ tịch Hội đồng",
    MemberRole.STANDING: "Ủy viên thường trực",
    MemberRole.MEMBER: "Ủy viên",
    MemberRole.SECRETARY: "Ủy viên, Thư ký Hội đồng",
}
DENOMINATOR_TEXT = {
    Denominator.ALL_MEMBERS: "tổng số thành viên Hội đồng",
    Denominator.PRESENT: "số thành viên có mặt",
    Denominator.VALID_BALLOTS: "số phiếu hợp lệ",
}


def _n(value: int) -> str:
    return f"{value:02d}" if 0 <= value < 10 else str(value)


def award_text(code: str) -> str:
    """Return the award's Vietnamese name, or the code when the catalogue does not know it."""
    if not code:
        return "khen thưởng"
    try:
        return award(code).name
    except Exception:  # an unknown or retired code still prints
        return code


def _rule_line(poll: Poll) -> str:
    rule = tallying.rule_from_snapshot(poll.rule)
    return (
        f"Hình thức: {METHOD_TEXT[PollMethod(poll.method)]}; tỷ lệ đồng ý {rule.threshold.text} tính trên "
        f"{DENOMINATOR_TEXT[rule.denominator]}; túc số {rule.quorum.text} tổng số thành viên."
    )


def _result_line(number: int, result: PollResult) -> Block:
    verdict = "Đạt" if result.passed else ("Không đủ túc số" if not result.quorum_met else "Không đạt")
    parts = [
        f"đồng ý {result.counted_yes}/{result.denominator} ({tallying.percent_text(result.share_pct)})",
        f"không đồng ý {result.no}",
        f"không biểu quyết {result.abstain}",
    ]
    if result.invalid:
        parts.append(f"phiếu không hợp lệ {result.invalid}")
    if result.written_yes or result.written_no or result.written_abstain:
        parts.append(
            f"phiếu của thành viên vắng mặt: đồng ý {result.written_yes}, không đồng ý {result.written_no}, "
            f"không biểu quyết {result.written_abstain}"
        )
    text = f"{result.item.label}: " + "; ".join(parts) + f". Kết quả: **{verdict}**."
    return Block(kind="item", text=text, number=f"{number}.")


def _ballot_line(poll: Poll) -> str:
    if poll.method == PollMethod.SECRET:
        issued = VoterRoll.objects.filter(poll=poll).count()
        returned = SecretBallot.objects.filter(poll=poll).count()
        return f"Số thành viên được bỏ phiếu: {_n(issued)}; số phiếu đã bỏ: {_n(returned)}."
    if poll.method == PollMethod.PAPER:
        paper = poll.paper_counts.first()
        issued, returned = (paper.ballots_issued, paper.ballots_returned) if paper else (0, 0)
        return f"Số phiếu phát ra: {_n(issued)}; số phiếu thu về: {_n(returned)}."
    return "Các thành viên biểu quyết công khai đối với từng trường hợp."


def _results(poll: Poll) -> list[PollResult]:
    return list(PollResult.objects.filter(poll=poll).select_related("item").order_by("item__order", "item"))


def count_report_content(poll: Poll) -> DocumentContent:
    """Build the vote-count report of a closed poll."""
    if poll.status != PollStatus.CLOSED:
        raise DomainError(_("The vote-count report is written after the poll closes."))
    session = poll.session
    results = _results(poll)
    first = results[0] if results else None
    body = [
        Block(
            kind="paragraph",
            text=f"Ngày {format_date(session.held_on)}, tại phiên họp của {session.council.name}, "
            f"Hội đồng tiến hành kiểm phiếu xét đề nghị tặng {award_text(poll.award_code)}.",
        ),
        Block(kind="paragraph", text=_rule_line(poll)),
        Block(
            kind="paragraph",
            text=f"Tổng số thành viên Hội đồng: {_n(first.members if first else 0)}; "
            f"có mặt: {_n(first.present if first else 0)}. {_ballot_line(poll)}",
        ),
        Block(kind="heading", text="Kết quả kiểm phiếu"),
        *(_result_line(i, r) for i, r in enumerate(results, start=1)),
        Block(kind="paragraph", text="Biên bản kiểm phiếu được lập và công bố tại phiên họp./."),
    ]
    return DocumentContent(
        title="BIÊN BẢN",
        subtitle=f"Kiểm phiếu xét đề nghị tặng {award_text(poll.award_code)}",
        body=tuple(body),
        recipients=("Thành viên Hội đồng",),
    )


def minutes_content(session: CouncilSession) -> DocumentContent:
    """Build the minutes of a session: attendance, the polls with their results, the conclusion."""
    attendance = list(
        session.attendance.select_related("member__user", "member__person").order_by(
            "member__valid_from", "member"
        )
    )
    present = [a.member for a in attendance if a.present]
    absent = [a.member for a in attendance if not a.present]
    body = [
        Block(
            kind="paragraph",
            text=f"Ngày {format_date(session.held_on)}"
            + (f", tại {session.place}" if session.place else "")
            + f", {session.council.name} họp xét, đề nghị khen thưởng.",
        ),
        Block(kind="heading", text="I. THÀNH PHẦN"),
        Block(
            kind="paragraph",
            text=f"Tổng số thành viên Hội đồng: {_n(len(attendance))}; có mặt: {_n(len(present))}; "
            f"vắng mặt: {_n(len(absent))}.",
        ),
        *(Block(kind="item", text=f"{m.name}, {ROLE_TEXT[MemberRole(m.role)]}", number="-") for m in present),
    ]
    if absent:
        body.append(Block(kind="paragraph", text="Vắng mặt: " + "; ".join(m.name for m in absent) + "."))
    body.append(Block(kind="heading", text="II. NỘI DUNG VÀ KẾT QUẢ BIỂU QUYẾT"))
    approved: list[str] = []
    rejected: list[str] = []
    for poll in session.polls.filter(status=PollStatus.CLOSED).order_by("pk"):
        body.append(
            Block(
                kind="paragraph",
                text=f"Xét đề nghị tặng **{award_text(poll.award_code)}**. {_rule_line(poll)}",
            )
        )
        for i, result in enumerate(_results(poll), start=1):
            body.append(_result_line(i, result))
            (approved if result.passed else rejected).append(result.item.label)
    body.append(Block(kind="heading", text="III. KẾT LUẬN"))
    body.append(
        Block(
            kind="paragraph",
            text=f"Hội đồng thống nhất đề nghị khen thưởng {_n(len(approved))} trường hợp"
            + (": " + "; ".join(approved) + "." if approved else "."),
        )
    )
    if rejected:
        body.append(
            Block(
                kind="paragraph",
                text=f"Không đề nghị khen thưởng {_n(len(rejected))} trường hợp: "
                + "; ".join(rejected)
                + ".",
            )
        )
    body.append(Block(kind="paragraph", text="Biên bản đã được thông qua tại phiên họp./."))
    return DocumentContent(
        title="BIÊN BẢN",
        subtitle=f"Họp {session.council.name} ngày {format_date(session.held_on)}",
        body=tuple(body),
        recipients=("Thành viên Hội đồng",),
    )


def _signer(session: CouncilSession) -> tuple[str, str]:
    chair = (
        session.council.members.filter(role=MemberRole.CHAIR)
        .select_related("person", "user")
        .order_by("-valid_from")
        .first()
    )
    return (chair.name if chair else ""), "Chủ tịch Hội đồng"


def _document_fields(session: CouncilSession, content: DocumentContent) -> dict[str, Any]:
    name, title = _signer(session)
    council = session.council
    return {
        "subject": content.subtitle,
        "content": content,
        "place_name": council.authority_unit.place_name,
        "signer_name": name,
        "signer_title": title,
        "signing_capacity": "TM",
        "on_behalf_of": "Hội đồng",
    }


def preview(session: CouncilSession, content: DocumentContent, *, fmt: str) -> bytes:
    """Render an unnumbered preview of minutes or a count report as PDF or DOCX."""
    unit = session.council.authority_unit
    fields = _document_fields(session, content)
    sheet = build_sheet(
        kind="BB",
        letterhead=documents.default_letterhead(unit),
        notation=notation_for("BB", unit.abbreviation or "UBND"),
        number=None,
        issued_on=None,
        **fields,
    )
    return render_docx(sheet) if fmt == "docx" else render_pdf(sheet)


def _issue(
    actor: Any, session: CouncilSession, content: DocumentContent, issued_on: date, source: str
) -> Document:
    draft = documents.document_create_draft(
        actor=actor,
        issuer=session.council.authority_unit,
        kind="BB",
        recipient_units=[],
        source=source,
        **_document_fields(session, content),
    )
    return documents.document_issue(actor=actor, document=draft, issued_on=issued_on)


@transaction.atomic
def session_issue_minutes(*, actor: Any, session: CouncilSession, issued_on: date) -> Document:
    """Issue the minutes of a closed session as a numbered BB of the authority."""
    session = (
        CouncilSession.objects.select_for_update()
        .select_related("council__authority_unit")
        .get(pk=session.pk)
    )
    if session.status != SessionStatus.CLOSED:
        raise DomainError(_("The minutes are issued after the session closes."))
    if session.minutes_document_id:
        raise DomainError(_("The minutes are already issued."))
    session.minutes_document = _issue(
        actor, session, minutes_content(session), issued_on, f"council.session:{session.pk}"
    )
    session.save(update_fields=["minutes_document", "updated_at"])
    audit_record(
        actor=actor,
        action="council.minutes_issue",
        obj=session,
        after={"document": session.minutes_document.pk},
    )
    return session.minutes_document


@transaction.atomic
def poll_issue_count_report(*, actor: Any, poll: Poll, issued_on: date) -> Document:
    """Issue the vote-count report of a closed poll as a numbered BB of the authority."""
    poll = Poll.objects.select_for_update().select_related("session__council__authority_unit").get(pk=poll.pk)
    if poll.count_document_id:
        raise DomainError(_("The vote-count report is already issued."))
    poll.count_document = _issue(
        actor, poll.session, count_report_content(poll), issued_on, f"council.poll:{poll.pk}"
    )
    poll.save(update_fields=["count_document", "updated_at"])
    audit_record(
        actor=actor, action="council.count_report_issue", obj=poll, after={"document": poll.count_document.pk}
    )
    return poll.count_document

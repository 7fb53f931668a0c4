"""The minutes and the vote-count report list counts and outcomes per nominee, never who voted what."""

from datetime import date

import pytest

from thidua.core.errors import DomainError
from thidua.council import minutes, services
from thidua.council.models import PollMethod
from thidua.council.tests.conftest import open_items
from thidua.documents.content import plain_text
from thidua.documents.models import DocumentStatus

pytestmark = pytest.mark.django_db


def _text(content):
    return "\n".join(plain_text(f"{b.number} {b.text}") for b in content.body)


@pytest.fixture
def closed(cw):
    cw.world.commune.abbreviation = "UBND"
    cw.world.commune.place_name = "Một"
    cw.world.commune.save()
    services.session_set_attendance(actor=cw.officer, session=cw.session, absent=[cw.members[3]])
    a, b = open_items(cw, ["Nguyễn Văn An", "Trần Thị Bình"], award_code="CSTDCS")
    poll = services.poll_open(actor=cw.officer, session=cw.session, method=PollMethod.SECRET, items=[a, b])
    for i, (x, y) in zip(
        [0, 1, 2, 4], [("YES", "NO"), ("YES", "YES"), ("YES", "ABSTAIN"), ("YES", "YES")], strict=True
    ):
        services.secret_vote_cast(actor=cw.user(i), poll=poll, choices={a.pk: x, b.pk: y})
    services.poll_close(actor=cw.officer, poll=poll)
    services.session_close(actor=cw.officer, session=cw.session)
    poll.refresh_from_db()
    cw.session.refresh_from_db()
    return cw, poll


def test_the_count_report_gives_counts_and_outcomes_per_nominee(closed):
    cw, poll = closed
    text = _text(minutes.count_report_content(poll))
    assert "Nguyễn Văn An: đồng ý 4/5 (80%); không đồng ý 0; không biểu quyết 0. Kết quả: Đạt." in text
    assert "Trần Thị Bình: đồng ý 2/5 (40%); không đồng ý 1; không biểu quyết 1. Kết quả: Không đạt." in text
    assert "số phiếu đã bỏ: 04" in text
    assert not any(m.name in text for m in cw.members)


def test_the_minutes_name_who_attended_and_conclude(closed):
    cw, _poll = closed
    text = _text(minutes.minutes_content(cw.session))
    assert "có mặt: 04; vắng mặt: 01" in text
    assert "Vắng mặt: Thành viên 3." in text
    assert "đề nghị khen thưởng 01 trường hợp: Nguyễn Văn An." in text
    assert "Không đề nghị khen thưởng 01 trường hợp: Trần Thị Bình." in text


def test_minutes_preview_and_issue_as_pdf_and_docx(closed):
    cw, poll = closed
    assert minutes.preview(cw.session, minutes.minutes_content(cw.session), fmt="pdf").startswith(b"%PDF")
    assert minutes.preview(cw.session, minutes.count_report_content(poll), fmt="docx").startswith(b"PK")
    doc = minutes.session_issue_minutes(actor=cw.officer, session=cw.session, issued_on=date(2026, 1, 20))
    assert doc.status == DocumentStatus.ISSUED and doc.symbol.endswith("/BB-UBND")
    assert doc.pdf.name and doc.docx.name
    report = minutes.poll_issue_count_report(actor=cw.officer, poll=poll, issued_on=date(2026, 1, 20))
    assert report.number == doc.number + 1
    with pytest.raises(DomainError):
        minutes.session_issue_minutes(actor=cw.officer, session=cw.session, issued_on=date(2026, 1, 20))


def test_minutes_wait_for_the_session_to_close(cw):
    with pytest.raises(DomainError):
        minutes.session_issue_minutes(actor=cw.officer, session=cw.session, issued_on=date(2026, 1, 20))

"""Public disclosure: published lists with their comment window, and citizens' comments."""

from dataclasses import dataclass
from datetime import date

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from thidua.core.audit import AuditEvent
from thidua.core.errors import DomainError, ValidationFailed
from thidua.organization.models import Person, Sex
from thidua.organization.services import person_create
from thidua.proposals import services
from thidua.proposals.models import CommentSource, NoticeComment, Proposal, PublicNotice, SubjectKind
from thidua.proposals.tests.conftest import Cast, build_cast, complete_dossier, draft

pytestmark = pytest.mark.django_db

OPENED = date(2026, 11, 2)  # a Monday; 10 working days run to 16/11/2026
TODAY = date(2026, 11, 5)
CLOSED_OPENED = date(2026, 10, 5)
TITLE = "Tờ trình đề nghị tặng Huân chương Lao động hạng Ba năm 2026"


@dataclass
class Notices:
    cast: Cast
    open: Proposal  # teachers 0 and 1 approved, teacher 2 rejected by the council
    closed: Proposal  # published in October, closed on 20/10/2026
    unpublished: Proposal  # through the council, its list not yet published


def _person(cast: Cast, family: str, middle: str, given: str, born: date, id_number: str) -> Person:
    return person_create(
        actor=None,
        unit=cast.school,
        family_name=family,
        middle_name=middle,
        given_name=given,
        sex=Sex.FEMALE if middle == "Thị" else Sex.MALE,
        date_of_birth=born,
        id_number=id_number,
        position="Giáo viên",
        is_direct_worker=True,
        joined_on=date(2010, 9, 1),
    )


def to_notice(cast: Cast, people: list[Person], *, on: date, title: str, rejected: int = 0) -> Proposal:
    """The commune proposes `people` for a Huân chương to the province; the council approves all but the
    last `rejected`; the list waits for publication."""
    proposal = draft(
        cast, actor=cast.an, authority_unit=cast.province, proposing_unit=cast.commune, title=title
    )
    nominees = [
        services.nominee_add(
            actor=cast.an,
            proposal=proposal,
            subject_kind=SubjectKind.INDIVIDUAL,
            subject=p,
            award_code="HCLD_3",
            year=2026,
            on=on,
        )
        for p in people
    ]
    complete_dossier(cast, proposal, actor=cast.an)
    services.proposal_submit(actor=cast.an, proposal=proposal, on=on)
    services.proposal_accept_for_appraisal(actor=cast.hang, proposal=proposal, on=on)
    services.proposal_send_to_council(actor=cast.hang, proposal=proposal, on=on)
    for i, n in enumerate(nominees):
        outcome = "REJECTED" if i >= len(nominees) - rejected else "APPROVED"
        services.nominee_set_council_outcome(
            actor=cast.hang, nominee=n, outcome=outcome, votes_summary="15/15"
        )
    services.proposal_mark_council_done(actor=cast.hang, proposal=proposal, on=on)
    proposal.refresh_from_db()
    return proposal


def build_notices(cast: Cast, *, opened: date = OPENED, closed_opened: date = CLOSED_OPENED) -> Notices:
    """Three lists of the province: one open for comments, one closed, one not yet published."""
    t = cast.teachers
    open_ = to_notice(cast, [t[0], t[1], t[2]], on=opened, title=TITLE, rejected=1)
    services.public_notice_open(actor=cast.hang, proposal=open_, on=opened)
    extra = [
        _person(cast, "Lường", "Văn", "Khánh", date(1979, 3, 8), "011122233344"),
        _person(cast, "Giàng", "Thị", "Mỷ", date(1985, 6, 9), "011122233355"),
    ]
    closed = to_notice(cast, [extra[0]], on=closed_opened, title="Tờ trình khen thưởng đợt tháng Mười")
    notice = services.public_notice_open(actor=cast.hang, proposal=closed, on=closed_opened)
    assert notice.ends_on is not None
    services.public_notice_close(actor=cast.hang, proposal=closed, on=notice.ends_on)
    unpublished = to_notice(cast, [extra[1]], on=opened, title="Tờ trình chưa công khai")
    return Notices(cast=cast, open=open_, closed=closed, unpublished=unpublished)


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def notices(db) -> Notices:
    return build_notices(build_cast())


@pytest.fixture
def on_today():
    with time_machine.travel(date(2026, 11, 5), tick=True):
        yield


def _notice_id(proposal: Proposal) -> int:
    return PublicNotice.objects.get(proposal=proposal).pk


# --- The list and the published lists --------------------------------------------------------------------


def test_the_list_shows_open_notices_with_days_left_then_recently_closed_and_never_unpublished(
    client, notices, on_today
):
    response = client.get(reverse("public:notices"))
    assert response.status_code == 200
    html = response.content.decode()
    opened, closed = html.split('data-testid="notices-closed"')
    assert TITLE in opened and "Ủy ban nhân dân tỉnh Lai Châu" in opened
    assert "Huân chương Lao động hạng Ba" in opened
    assert "02/11/2026" in opened and "16/11/2026" in opened
    assert "Còn 12 ngày." in opened  # 5 → 16 November, today included
    assert "Tờ trình khen thưởng đợt tháng Mười" in closed
    assert "Tờ trình chưa công khai" not in html


def test_a_published_list_shows_names_positions_units_and_awards_and_no_personal_data(
    client, notices, on_today
):
    response = client.get(reverse("public:notice_detail", args=[_notice_id(notices.open)]))
    assert response.status_code == 200
    html = response.content.decode()
    t = notices.cast.teachers
    assert t[0].full_name in html and t[1].full_name in html
    assert t[2].full_name not in html  # rejected by the council: not on the published list
    assert "Giáo viên, Trường THCS xã Tân Uyên" in html
    assert "Huân chương Lao động hạng Ba" in html
    for person in t[:2]:
        assert person.id_number not in html
        assert person.date_of_birth.strftime("%d/%m/%Y") not in html
        assert str(person.date_of_birth.year) not in html
    assert reverse("public:notice_comment", args=[_notice_id(notices.open)]) in html


def test_unpublished_and_unknown_notices_are_not_found(client, notices, on_today):
    assert (
        client.get(reverse("public:notice_detail", args=[_notice_id(notices.unpublished)])).status_code == 404
    )
    assert (
        client.get(reverse("public:notice_comment", args=[_notice_id(notices.unpublished)])).status_code
        == 404
    )
    assert client.get(reverse("public:notice_detail", args=[999999])).status_code == 404


def test_a_closed_list_stays_readable_without_a_comment_link(client, notices, on_today):
    notice_id = _notice_id(notices.closed)
    html = client.get(reverse("public:notice_detail", args=[notice_id])).content.decode()
    assert "Lường Văn Khánh" in html and "Đã kết thúc." in html
    assert reverse("public:notice_comment", args=[notice_id]) not in html


# --- Comments -----------------------------------------------------------------------------------------------


def test_a_citizen_comments_and_the_officers_see_it_with_its_source(client, notices, on_today):
    notice_id = _notice_id(notices.open)
    url = reverse("public:notice_comment", args=[notice_id])
    form = client.get(url).content.decode()
    assert "csrfmiddlewaretoken" in form
    response = client.post(
        url,
        {
            "author_name": "  Lò   Văn Sự ",
            "contact": "0912 345 678",
            "text": "Cô Bình  tham gia tích cực\n\n\n phong trào.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("public:notice_comment_sent", args=[notice_id])
    comment = NoticeComment.objects.get()
    assert comment.source == CommentSource.PUBLIC and comment.recorded_by is None
    assert (comment.author_name, comment.contact) == ("Lò Văn Sự", "0912 345 678")
    assert comment.text == "Cô Bình tham gia tích cực\n\nphong trào."
    audit = AuditEvent.objects.get(action="notice.comment_public")
    assert audit.actor_id is None
    # The comment is not published; the officers' screen shows it with its source and contact.
    detail = client.get(reverse("public:notice_detail", args=[notice_id])).content.decode()
    assert "Lò Văn Sự" not in detail and "0912 345 678" not in detail
    client.force_login(notices.cast.hang)
    staff = client.get(reverse("proposals:notice", args=[notices.open.pk])).content.decode()
    assert "Lò Văn Sự" in staff and "0912 345 678" in staff and "qua cổng công khai" in staff


def test_comments_are_refused_outside_the_window_with_a_clear_message(client, notices, on_today):
    url = reverse("public:notice_comment", args=[_notice_id(notices.closed)])
    page = client.get(url).content.decode()
    assert 'data-testid="comment-refused"' in page and "thời hạn công khai đã kết thúc" in page
    assert "<textarea" not in page
    response = client.post(url, {"author_name": "Lò Văn Sự", "text": "Góp ý"})
    assert response.status_code == 409
    assert "thời hạn công khai đã kết thúc" in response.content.decode()
    assert not NoticeComment.objects.exists()


def test_the_service_checks_the_window_and_the_text(notices):
    open_, closed = notices.open, notices.closed
    with pytest.raises(DomainError):
        services.notice_comment_submit_public(
            proposal=closed, author_name="A", contact="", text="Góp ý", on=date(2026, 10, 10)
        )
    with pytest.raises(DomainError):  # before the window opens
        services.notice_comment_submit_public(
            proposal=open_, author_name="A", contact="", text="Góp ý", on=date(2026, 11, 1)
        )
    with pytest.raises(DomainError):  # after it ends
        services.notice_comment_submit_public(
            proposal=open_, author_name="A", contact="", text="Góp ý", on=date(2026, 11, 17)
        )
    with pytest.raises(ValidationFailed) as too_long:
        services.notice_comment_submit_public(
            proposal=open_, author_name=" ", contact="x" * 151, text="y" * 4001, on=TODAY
        )
    assert set(too_long.value.errors) == {"author_name", "contact", "text"}
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" typed with combining marks
    comment = services.notice_comment_submit_public(
        proposal=open_, author_name=decomposed, contact="", text=decomposed, on=date(2026, 11, 16)
    )
    assert comment.author_name == "Nguyễn" and comment.text == "Nguyễn"


def test_the_honeypot_swallows_robots_and_the_form_reports_missing_fields(client, notices, on_today):
    url = reverse("public:notice_comment", args=[_notice_id(notices.open)])
    robot = client.post(url, {"author_name": "Bot", "text": "spam", "website": "http://spam.example"})
    assert robot.status_code == 302 and not NoticeComment.objects.exists()
    empty = client.post(url, {"author_name": "", "text": ""})
    assert empty.status_code == 200
    assert empty.content.decode().count('aria-invalid="true"') == 2
    assert not NoticeComment.objects.exists()


def test_comments_are_limited_per_address(client, notices, on_today, monkeypatch):
    monkeypatch.setattr("thidua.public.views.disclosure.COMMENTS_PER_HOUR", 2)
    url = reverse("public:notice_comment", args=[_notice_id(notices.open)])
    for i in range(2):
        assert client.post(url, {"author_name": "Lò Văn Sự", "text": f"Góp ý {i}"}).status_code == 302
    refused = client.post(url, {"author_name": "Lò Văn Sự", "text": "Góp ý 3"})
    assert refused.status_code == 429
    assert NoticeComment.objects.count() == 2

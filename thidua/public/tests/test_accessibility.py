"""Accessibility of the public portal: axe-core finds no serious or critical violation on any public page,
on a phone and on a desktop; the pages and their forms also work without JavaScript.

To cover a new public page, add a `PublicPage` to PAGES (a name and a function from the world below to
its address); build any data it needs in `build_public_world`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, ViewportSize, expect

from thidua.awards.services import award_revoke
from thidua.decisions import services as decisions
from thidua.decisions.models import Decision, DecisionLine
from thidua.organization.models import Unit, UnitKind
from thidua.organization.services import unit_create
from thidua.proposals.models import NoticeComment, PublicNotice
from thidua.proposals.tests.conftest import build_cast
from thidua.public.demo import load_demo_procedures
from thidua.public.models import Application
from thidua.public.tests.test_disclosure import Notices, build_notices
from thidua.testing.axe import axe_violations, format_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}


@dataclass
class PublicWorld:
    """What the public pages show: an issued decision (one award revoked) and three public notices."""

    decision: Decision
    valid: DecisionLine
    revoked: DecisionLine
    notices: Notices
    open_notice: int
    closed_notice: int
    procedure: int


def build_public_world() -> PublicWorld:
    today = timezone.localdate()
    notices = build_notices(build_cast(), opened=today, closed_opened=today - timedelta(days=40))
    cast = notices.cast
    Unit.objects.filter(pk=cast.commune.pk).update(abbreviation="UBND", place_name="Tân Uyên")
    cast.commune.refresh_from_db()
    decision = decisions.decision_create(
        actor=cast.an,
        authority_unit=cast.commune,
        title="Về việc khen thưởng thành tích năm học 2025 - 2026",
        decided_on=date(2026, 8, 3),
        achievement_year=2026,
        signer_name="Lò Văn Phương",
        signer_title="Chủ tịch",
    )
    decisions.decision_add_lines(
        actor=cast.an,
        decision=decision,
        lines=[
            {"subject_kind": "INDIVIDUAL", "person": cast.teachers[0], "award_code": "GIAY_KHEN"},
            {"subject_kind": "INDIVIDUAL", "person": cast.teachers[1], "award_code": "GIAY_KHEN"},
        ],
    )
    decision = decisions.decision_issue(actor=None, decision=decision, issued_on=date(2026, 8, 3))
    valid, revoked = list(decision.lines.select_related("award").order_by("pk"))
    assert revoked.award is not None
    award_revoke(
        actor=None,
        award=revoked.award,
        reason="a",
        decision_symbol="09/QĐ-UBND",
        decided_on=date(2026, 10, 1),
    )
    intake = unit_create(
        actor=None,
        code="C-VP",
        name="Văn phòng HĐND và UBND xã",
        kind=UnitKind.SPECIALISED_OFFICE,
        parent=cast.commune,
    )
    procedure = load_demo_procedures(authority=cast.commune, intake=intake)[0]
    return PublicWorld(
        procedure=procedure.pk,
        decision=decision,
        valid=valid,
        revoked=revoked,
        notices=notices,
        open_notice=PublicNotice.objects.get(proposal=notices.open).pk,
        closed_notice=PublicNotice.objects.get(proposal=notices.closed).pk,
    )


def _verify(**query: Any) -> str:
    return f"{reverse('public:verify')}?{urlencode(query)}"


@dataclass(frozen=True)
class PublicPage:
    name: str
    url: Callable[[PublicWorld], str]


PAGES: list[PublicPage] = [
    # The portal (the online application pages add themselves here).
    PublicPage("portal home", lambda w: reverse("public:home")),
    PublicPage("online services", lambda w: reverse("public:procedures")),
    PublicPage("a procedure", lambda w: reverse("public:procedure", args=[w.procedure])),
    PublicPage("apply: sign in first", lambda w: reverse("public:apply", args=[w.procedure])),
    PublicPage("open an account", lambda w: reverse("public:register")),
    PublicPage("forgot the password", lambda w: reverse("public:reset_request")),
    PublicPage("new password", lambda w: reverse("public:reset")),
    PublicPage("track a dossier", lambda w: reverse("public:track")),
    PublicPage("my dossiers", lambda w: reverse("public:account")),
    PublicPage("language", lambda w: reverse("public:language")),
    PublicPage("exemplary people", lambda w: reverse("exemplars:index")),
    PublicPage("good deeds", lambda w: reverse("exemplars:good_deeds")),
    PublicPage("nominate a good deed", lambda w: reverse("exemplars:nominate")),
    # Verification.
    PublicPage(
        "verify: valid certificate",
        lambda w: reverse("public:verify_token", args=[w.valid.verification_token]),
    ),
    PublicPage(
        "verify: revoked certificate",
        lambda w: reverse("public:verify_token", args=[w.revoked.verification_token]),
    ),
    PublicPage(
        "verify: unknown code (404)", lambda w: reverse("public:verify_token", args=["khong-co-ma-nay"])
    ),
    PublicPage("verify: the form", lambda w: reverse("public:verify")),
    PublicPage(
        "verify: a decision by number", lambda w: _verify(number=w.decision.symbol, issued_on="03/08/2026")
    ),
    PublicPage(
        "verify: a revoked certificate by number",
        lambda w: _verify(number=w.revoked.certificate_number, issued_on="03/08/2026"),
    ),
    PublicPage("verify: not found by number", lambda w: _verify(number="99/QĐ-UBND", issued_on="03/08/2026")),
    PublicPage("verify: input errors", lambda w: _verify(number="mười hai", issued_on="31/02/2026")),
    # Public notices.
    PublicPage("notices", lambda w: reverse("public:notices")),
    PublicPage("notice: open list", lambda w: reverse("public:notice_detail", args=[w.open_notice])),
    PublicPage("notice: closed list", lambda w: reverse("public:notice_detail", args=[w.closed_notice])),
    PublicPage("notice: comment form", lambda w: reverse("public:notice_comment", args=[w.open_notice])),
    PublicPage("notice: comments closed", lambda w: reverse("public:notice_comment", args=[w.closed_notice])),
    PublicPage("notice: comment sent", lambda w: reverse("public:notice_comment_sent", args=[w.open_notice])),
]


@pytest.fixture
def world(settings, tmp_path) -> PublicWorld:
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    return build_public_world()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_public_page_has_no_serious_accessibility_violation(
    browser: Browser, live_server, world, viewport: ViewportSize
):
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    failures: list[str] = []
    try:
        for public_page in PAGES:
            url = public_page.url(world)
            response = page.goto(f"{live_server.url}{url}")
            assert response is not None and response.status in {200, 404}, (public_page.name, url)
            violations = axe_violations(page)
            if violations:
                failures.append(format_violations(violations, where=f"{public_page.name} ({url})"))
    finally:
        context.close()
    assert not failures, "\n\n".join(failures)


def test_the_error_state_of_the_comment_form_is_accessible(browser: Browser, live_server, world):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{reverse('public:notice_comment', args=[world.open_notice])}")
        page.get_by_role("button", name="Gửi góp ý").click()
        expect(page.locator("[aria-invalid=true]")).to_have_count(2)
        violations = axe_violations(page)
        assert not violations, format_violations(violations, where="comment form with errors")
    finally:
        context.close()


def test_the_pages_and_forms_work_without_javascript(browser: Browser, live_server, world):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    base = live_server.url
    try:
        for public_page in PAGES:
            page.goto(f"{base}{public_page.url(world)}")
            expect(page.locator("main h1")).to_be_visible()
        # Verification by number: a plain GET form.
        page.goto(f"{base}{reverse('public:verify')}")
        page.get_by_label("Số", exact=True).fill(f"Số: {world.revoked.certificate_number}")
        page.get_by_label("Ngày ban hành quyết định").fill("03/08/2026")
        page.get_by_role("button", name="Tra cứu").click()
        expect(page.get_by_test_id("verify-status")).to_have_attribute("data-status", "revoked")
        # A comment: a POST form with its CSRF token, then the thank-you page.
        page.goto(f"{base}{reverse('public:notice_comment', args=[world.open_notice])}")
        page.get_by_label("Họ và tên").fill("Lò Văn Sự")
        page.get_by_label("Nội dung góp ý").fill("Đồng ý với danh sách.")
        page.get_by_role("button", name="Gửi góp ý").click()
        expect(page.get_by_test_id("comment-sent")).to_be_visible()
    finally:
        context.close()
    assert NoticeComment.objects.get().author_name == "Lò Văn Sự"


def test_the_citizens_own_pages_are_accessible(
    browser: Browser, live_server, world, django_capture_on_commit_callbacks
):
    """Sign up, confirm, start a dossier: the account pages and the dossier form, empty and with errors."""
    from django.core import mail

    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    base = live_server.url
    failures: list[str] = []

    def check(where: str) -> None:
        violations = axe_violations(page)
        if violations:
            failures.append(format_violations(violations, where=where))

    try:
        page.goto(f"{base}{reverse('public:register')}")
        page.get_by_role("button", name="Đăng ký").click()
        check("register with errors")
        page.fill("#id_full_name", "Lò Thị Lan")
        page.fill("#id_login", "lan@example.vn")
        page.fill("#id_password", "mat-khau-cong-dan-2026")
        page.get_by_role("button", name="Đăng ký").click()
        check("confirmation code")
        code = re.search(r"\b(\d{6})\b", str(mail.outbox[-1].body))
        assert code is not None
        page.fill("#id_code", code.group(1))
        page.get_by_role("button", name="Xác nhận").click()
        check("my dossiers (empty)")
        page.goto(f"{base}{reverse('public:apply', args=[world.procedure])}")
        check("apply: confirm")
        page.get_by_role("button", name="Bắt đầu lập hồ sơ").click()
        check("dossier form (draft)")
        page.get_by_role("button", name="Gửi hồ sơ").click()
        check("dossier form with what is missing")
        page.goto(f"{base}{reverse('public:account')}")
        check("my dossiers (one draft)")
        assert Application.objects.count() == 1
    finally:
        context.close()
    assert not failures, "\n\n".join(failures)

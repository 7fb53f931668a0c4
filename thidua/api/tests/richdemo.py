"""The demo world with a little of everything the API shows: a proposal with nominees, a closed secret
poll with its tallies, and a draft decision with lines (built through the apps' own services)."""

from dataclasses import dataclass
from datetime import date

from django.core.management import call_command
from django.utils import timezone

from thidua.accounts.models import User
from thidua.api.services import api_token_create
from thidua.council import services as council_services
from thidua.council.models import Council, CouncilMember, PollMethod
from thidua.decisions import services as decision_services
from thidua.demo.world import build_demo_world
from thidua.organization.models import Person, Unit
from thidua.proposals import services as proposal_services
from thidua.proposals.selectors import default_authority

VOTES = ["YES", "NO", "YES", "ABSTAIN"]


@dataclass
class RichDemo:
    secret: str  # token of "quantri", the province's administrator (sees everything)
    voters: list[User]
    members: list[CouncilMember]


def build_rich_demo() -> RichDemo:
    call_command("import_admin_units", verbosity=0)
    build_demo_world(people_per_unit=1, progress=lambda _s: None)
    users = {u.username: u for u in User.objects.all()}
    school = Unit.objects.get(code="TT-TU-THCS")
    teacher = Person.objects.filter(unit=school).order_by("id").first()
    assert teacher is not None
    authority = default_authority(school)
    assert authority is not None
    proposal = proposal_services.proposal_create(
        actor=users["hieutruong"],
        proposing_unit=school,
        authority_unit=authority,
        kind="YEAR_END",
        year=2025,
        title="Đề nghị khen thưởng năm học 2024 - 2025",
    )
    nominee = proposal_services.nominee_add(
        actor=users["hieutruong"],
        proposal=proposal,
        subject_kind="INDIVIDUAL",
        subject=teacher,
        award_code="LDTT",
        year=2025,
        achievement="Hoàn thành xuất sắc nhiệm vụ",
        on=date(2025, 9, 1),
    )
    # A closed secret poll of the commune council (xã Tân Uyên).
    council = Council.objects.order_by("id").first()
    assert council is not None
    officer = users["canbo.xatanuyen"]
    session = council_services.session_create(
        actor=officer, council=council, held_on=date(2026, 1, 20), place="Hội trường xã"
    )
    items = [
        council_services.agenda_add_item(actor=officer, session=session, label=label, award_code="LDTT")
        for label in ("Lò Thị Một", "Vàng Văn Hai")
    ]
    council_services.session_open(actor=officer, session=session)
    poll = council_services.poll_open(actor=officer, session=session, method=PollMethod.SECRET, items=items)
    members = list(poll.roll.select_related("member__user").order_by("id"))[: len(VOTES)]
    voters = []
    for row, choice in zip(members, VOTES, strict=False):
        council_services.secret_vote_cast(
            actor=row.member.user, poll=poll, choices={items[0].pk: choice, items[1].pk: "YES"}
        )
        voters.append(row.member.user)
    council_services.poll_close(actor=officer, poll=poll)
    # A draft decision of the commune of the school's district, with one line.
    decision = decision_services.decision_create(
        actor=users["canbo"],
        authority_unit=Unit.objects.get(code="TU-UBND"),
        title="Về việc khen thưởng năm học 2024 - 2025",
        decided_on=date(2025, 9, 15),
        achievement_year=2025,
        signer_name="Bùi Huy Phương",
    )
    decision_services.decision_add_lines(
        actor=users["canbo"],
        decision=decision,
        lines=[{"subject_kind": "INDIVIDUAL", "person": teacher, "award_code": "LDTT", "nominee": nominee}],
    )
    _token, secret = api_token_create(
        actor=None, user=users["quantri"], name="schemathesis", now=timezone.now()
    )
    return RichDemo(secret=secret, voters=voters, members=[r.member for r in members])

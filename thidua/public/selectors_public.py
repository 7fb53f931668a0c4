"""Public reads of the lists published for comments (công khai): what the law makes public and no more.

A published list shows who is proposed (name, position and unit) and for which award. Dates of birth,
identity numbers, addresses, the dossier and the comments received never leave the staff screens.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thidua.core.errors import NotFound
from thidua.proposals.models import CouncilOutcome, Nominee, PublicNotice, SubjectKind
from thidua.proposals.services import notice_is_open
from thidua.regulations import RegulationError, award

RECENTLY_CLOSED_DAYS = 90  # closed notices stay listed this long after their window


@dataclass(frozen=True)
class NoticeSummary:
    """One notice in the public list."""

    pk: int
    authority: str
    title: str
    awards: tuple[str, ...]
    starts_on: date
    ends_on: date
    is_open: bool
    days_left: int  # calendar days until the window ends, counting today; 0 once closed
    nominees: int


@dataclass(frozen=True)
class PublishedRow:
    """One line of a published list."""

    name: str
    where: str  # "Giáo viên, Trường THCS xã Tân Uyên"; empty for a unit itself
    award_name: str


def _award_name(code: str, on: date) -> str:
    try:
        return award(code).name_on(on)
    except RegulationError:
        return code


def _published() -> QuerySet[PublicNotice]:
    return PublicNotice.objects.filter(
        published=True, starts_on__isnull=False, ends_on__isnull=False
    ).select_related("proposal__authority_unit")


def _listed(notice: PublicNotice) -> QuerySet[Nominee]:
    """The nominees a published list shows: approved by the council and kept by this authority."""
    return notice.proposal.nominees.filter(
        council_outcome=CouncilOutcome.APPROVED, forwarded_to__isnull=True
    ).order_by("order", "pk")


def _codes(proposal_ids: list[int]) -> dict[int, list[str]]:
    """Return the award codes on each proposal's published list, in list order (one query)."""
    out: dict[int, list[str]] = {pk: [] for pk in proposal_ids}
    rows = (
        Nominee.objects.filter(
            proposal_id__in=proposal_ids, council_outcome=CouncilOutcome.APPROVED, forwarded_to__isnull=True
        )
        .order_by("proposal_id", "order", "pk")
        .values_list("proposal_id", "award_code")
    )
    for proposal_id, code in rows:
        out[proposal_id].append(code)
    return out


def _summary(notice: PublicNotice, on: date, codes: list[str] | None = None) -> NoticeSummary:
    assert notice.starts_on is not None and notice.ends_on is not None
    if codes is None:
        codes = _codes([notice.proposal_id])[notice.proposal_id]
    is_open = notice_is_open(notice, on)
    return NoticeSummary(
        pk=notice.pk,
        authority=notice.proposal.authority_unit.name,
        title=notice.proposal.title,
        awards=tuple(_award_name(code, notice.starts_on) for code in dict.fromkeys(codes)),
        starts_on=notice.starts_on,
        ends_on=notice.ends_on,
        is_open=is_open,
        days_left=(notice.ends_on - on).days + 1 if is_open else 0,
        nominees=len(codes),
    )


def _summaries(notices: list[PublicNotice], on: date) -> list[NoticeSummary]:
    codes = _codes([n.proposal_id for n in notices])
    return [_summary(n, on, codes[n.proposal_id]) for n in notices]


def public_notices(*, on: date) -> tuple[list[NoticeSummary], list[NoticeSummary]]:
    """Return the notices open for comments on `on` (ending soonest first) and those closed in the last
    RECENTLY_CLOSED_DAYS days (latest first). Unpublished notices never appear."""
    open_q = Q(closed_on__isnull=True, starts_on__lte=on, ends_on__gte=on)
    opened = _published().filter(open_q).order_by("ends_on", "pk")
    since = on - timedelta(days=RECENTLY_CLOSED_DAYS)
    closed = (
        _published()
        .exclude(open_q)
        .filter(starts_on__lte=on)
        .filter(Q(closed_on__gte=since) | Q(closed_on__isnull=True, ends_on__gte=since))
        .order_by("-ends_on", "-pk")
    )
    return _summaries(list(opened), on), _summaries(list(closed), on)


def public_notice(notice_id: int, *, on: date) -> tuple[NoticeSummary, list[PublishedRow]]:
    """Return one published notice and its list; unpublished or unknown notices are NotFound."""
    notice = _published().filter(pk=notice_id, starts_on__lte=on).first()
    if notice is None:
        raise NotFound("notice")
    rows: list[PublishedRow] = []
    assert notice.starts_on is not None
    nominees = _listed(notice).select_related("person__unit", "unit", "household__head", "household__village")
    for n in nominees:
        name_on = _award_name(n.award_code, notice.starts_on)
        if n.subject_kind == SubjectKind.INDIVIDUAL and n.person is not None:
            position = n.position or n.person.position
            parts = [p for p in (position, n.person.unit.name if n.person.unit else "") if p]
            rows.append(PublishedRow(n.person.full_name, ", ".join(parts), name_on))
        elif n.subject_kind == SubjectKind.HOUSEHOLD and n.household is not None:
            head = n.household.head.full_name if n.household.head else ""
            village = n.household.village.name if n.household.village_id else ""
            rows.append(PublishedRow(_("Household of %(name)s") % {"name": head}, village, name_on))
        elif n.unit is not None:
            rows.append(PublishedRow(n.unit.name, "", name_on))
    return _summary(notice, on), rows


def public_notice_for_comment(notice_id: int, *, on: date) -> PublicNotice:
    """Return a published notice (open or not: the page says when it is closed) with its proposal."""
    notice = _published().filter(pk=notice_id, starts_on__lte=on).first()
    if notice is None:
        raise NotFound("notice")
    return notice

"""Demo hook: a school's draft year-end proposal to its commune (for the lead's demo world)."""

from datetime import date

from thidua.organization.models import Person, Unit
from thidua.proposals import services
from thidua.proposals.models import Proposal, ProposalKind, SubjectKind


def draft_year_end_proposal(
    *,
    school: Unit,
    authority: Unit,
    year: int,
    on: date,
    ldtt: int = 12,
    cstdcs: int = 2,
    collective_award: str | None = "TTLDTT",
) -> Proposal:
    """Draft the school's year-end proposal: ``ldtt`` LĐTT, ``cstdcs`` CSTĐCS and the collective award.

    The nominees are the school's people in name order; each is checked against the register at once.
    Nothing is submitted: the demo's story does that through the screens.
    """
    proposal = services.proposal_create(
        actor=None,
        proposing_unit=school,
        authority_unit=authority,
        kind=ProposalKind.YEAR_END,
        year=year,
        title=f"Tờ trình đề nghị công nhận danh hiệu thi đua năm {year} của {school.name}",
    )
    people = list(Person.objects.filter(unit=school).order_by("sort_key", "id")[: ldtt + cstdcs])
    codes = ["CSTDCS"] * cstdcs + ["LDTT"] * ldtt
    for person, code in zip(people, codes, strict=False):
        services.nominee_add(
            actor=None,
            proposal=proposal,
            subject_kind=SubjectKind.INDIVIDUAL,
            subject=person,
            award_code=code,
            year=year,
            achievement=f"Hoàn thành tốt nhiệm vụ năm {year}.",
            on=on,
        )
    if collective_award:
        services.nominee_add(
            actor=None,
            proposal=proposal,
            subject_kind=SubjectKind.COLLECTIVE,
            subject=school,
            award_code=collective_award,
            year=year,
            achievement=f"Tập thể hoàn thành tốt nhiệm vụ năm {year}.",
            on=on,
        )
    return proposal

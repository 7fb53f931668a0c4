"""The cast of the proposal stories: a province, a commune with a school, and the people who handle them.

* An — emulation officer of the commune (appraises the school's proposals, forwards them up);
* Bình — head of the school (drafts and submits);
* Châu — council secretary of the commune;
* Hằng — reviewer at the province's Sở Nội vụ (the standing body);
* Dũng — officer of another commune (an outsider).
"""

from dataclasses import dataclass, field
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.accounts.models import Role, User
from thidua.organization.models import AdminUnit, DivisionType, Person, Sex, Unit, UnitKind
from thidua.organization.services import person_create, unit_create
from thidua.proposals import services
from thidua.proposals.models import DossierPartKind, Proposal, ProposalKind, SubjectKind
from thidua.testing.cast import make_user

ON = date(2026, 11, 2)  # a Monday
PDF = b"%PDF-1.4\n% test\n"


@dataclass
class Cast:
    province: Unit
    sno: Unit
    commune: Unit
    school: Unit
    other_commune: Unit
    an: User
    binh: User
    chau: User
    hang: User
    dung: User
    teachers: list[Person] = field(default_factory=list)
    outsider: Person | None = None


def build_cast() -> Cast:
    """Create the units, users and teachers of the stories."""
    tinh = AdminUnit.objects.create(code="12", name="tỉnh Lai Châu", division_type=DivisionType.TINH)
    xa = AdminUnit.objects.create(
        code="03598", name="xã Tân Uyên", division_type=DivisionType.XA, parent=tinh
    )
    xa2 = AdminUnit.objects.create(
        code="03601", name="xã Mường Khoa", division_type=DivisionType.XA, parent=tinh
    )
    province = unit_create(
        actor=None,
        code="P",
        name="Ủy ban nhân dân tỉnh Lai Châu",
        kind=UnitKind.PEOPLES_COMMITTEE,
        admin_unit=tinh,
    )
    sno = unit_create(
        actor=None,
        code="P-SNV",
        name="Sở Nội vụ tỉnh Lai Châu",
        kind=UnitKind.SPECIALISED_OFFICE,
        parent=province,
        is_standing_body=True,
    )
    commune = unit_create(
        actor=None,
        code="C",
        name="Ủy ban nhân dân xã Tân Uyên",
        kind=UnitKind.PEOPLES_COMMITTEE,
        parent=province,
        admin_unit=xa,
    )
    school = unit_create(
        actor=None, code="C-THCS", name="Trường THCS xã Tân Uyên", kind=UnitKind.SCHOOL, parent=commune
    )
    other = unit_create(
        actor=None,
        code="M",
        name="Ủy ban nhân dân xã Mường Khoa",
        kind=UnitKind.PEOPLES_COMMITTEE,
        parent=province,
        admin_unit=xa2,
    )
    cast = Cast(
        province=province,
        sno=sno,
        commune=commune,
        school=school,
        other_commune=other,
        an=make_user("an", commune, Role.EMULATION_OFFICER, "Officer An"),
        binh=make_user("binh", school, Role.UNIT_HEAD, "Head Bình"),
        chau=make_user("chau", commune, Role.COUNCIL_SECRETARY, "Secretary Châu"),
        hang=make_user("hang", sno, Role.REVIEWER, "Reviewer Hằng"),
        dung=make_user("dung", other, Role.EMULATION_OFFICER, "Outsider Dũng"),
    )
    names = [
        ("Nguyễn", "Văn", "An"),
        ("Lò", "Thị", "Bình"),
        ("Tòng", "Văn", "Cường"),
        ("Vàng", "Thị", "Dung"),
    ]
    for i, (f, m, g) in enumerate(names):
        cast.teachers.append(
            person_create(
                actor=None,
                unit=school,
                family_name=f,
                middle_name=m,
                given_name=g,
                sex=Sex.FEMALE if m == "Thị" else Sex.MALE,
                date_of_birth=date(1980 + i, 1, 15),
                id_number=f"0123456789{i:02d}",
                position="Giáo viên",
                is_direct_worker=True,
                joined_on=date(2010, 9, 1),
            )
        )
    cast.outsider = person_create(
        actor=None, unit=other, family_name="Trần", middle_name="Văn", given_name="Ngoại", sex=Sex.MALE
    )
    return cast


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cast(db) -> Cast:
    return build_cast()


def pdf(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def draft(cast: Cast, *, actor: User | None = None, **overrides) -> Proposal:
    """Bình (or ``actor``) drafts the school's year-end proposal to the commune."""
    fields = {
        "proposing_unit": cast.school,
        "authority_unit": cast.commune,
        "kind": ProposalKind.YEAR_END,
        "year": 2026,
        "title": "Tờ trình đề nghị khen thưởng năm học 2025-2026",
        **overrides,
    }
    return services.proposal_create(actor=actor or cast.binh, **fields)


def add(
    cast: Cast,
    proposal: Proposal,
    subject,
    award_code: str = "LDTT",
    *,
    kind=SubjectKind.INDIVIDUAL,
    year=2026,
):
    return services.nominee_add(
        actor=cast.binh,
        proposal=proposal,
        subject_kind=kind,
        subject=subject,
        award_code=award_code,
        year=year,
        achievement="Hoàn thành xuất sắc nhiệm vụ năm học.",
        on=ON,
    )


def complete_dossier(cast: Cast, proposal: Proposal, *, actor: User | None = None) -> None:
    """Bình (or ``actor``) attaches the minutes for the proposal and each nominee's reports."""
    actor = actor or cast.binh
    services.dossier_attach(
        actor=actor,
        proposal=proposal,
        kind=DossierPartKind.EVALUATION_MINUTES,
        upload=pdf("bien-ban.pdf"),
    )
    for n in proposal.nominees.all():
        services.dossier_attach(
            actor=actor,
            proposal=proposal,
            nominee=n,
            kind=DossierPartKind.ACHIEVEMENT_REPORT,
            upload=pdf(),
        )
        if n.award_code in {"CSTDCS", "CSTD_TINH", "CSTD_TQ"}:
            services.dossier_attach(
                actor=actor,
                proposal=proposal,
                nominee=n,
                kind=DossierPartKind.INITIATIVE_RECOGNITION,
                upload=pdf("sang-kien.pdf"),
            )

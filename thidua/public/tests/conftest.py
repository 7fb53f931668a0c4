"""The cast of the online service stories: the proposals cast, a commune desk, a procedure and a citizen.

Lan (a citizen, no staff account) applies for a Giấy khen for her neighbour's brave act; An (the commune's
emulation officer) works at the desk; Châu is the commune's council secretary; Dũng works at another
commune.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.organization.models import Unit, UnitKind
from thidua.organization.services import unit_create
from thidua.proposals.tests.conftest import Cast, build_cast
from thidua.public.models import (
    CitizenAccount,
    CopyKind,
    OnlineLevel,
    Procedure,
    ProcedureComponent,
    ProcedureLevel,
)
from thidua.public.services import accounts as account_services

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PASSWORD = "mat-khau-cong-dan-2026"


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    """Return an aware local time in Việt Nam."""
    return datetime(y, m, d, hh, mm, tzinfo=VN)


def minimal_pdf(text: str = "Bao cao tom tat") -> bytes:
    """Return a small valid PDF (one empty page) carrying ``text`` in its info dictionary."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Title (" + text.encode("ascii") + b") >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    size = len(objects) + 1
    out += f"trailer\n<< /Size {size} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pdf_upload(name: str = "bao-cao-tom-tat.pdf", text: str = "Bao cao tom tat") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, minimal_pdf(text), content_type="application/pdf")


@dataclass
class Desk:
    cast: Cast
    desk: Unit
    procedure: Procedure
    summary: ProcedureComponent
    photos: ProcedureComponent


def build_desk(deadline: int = 3) -> Desk:
    cast = build_cast()
    Unit.objects.filter(pk=cast.commune.pk).update(abbreviation="UBND", place_name="Tân Uyên")
    cast.commune.refresh_from_db()
    desk = unit_create(
        actor=None,
        code="C-VP",
        name="Văn phòng HĐND và UBND xã Tân Uyên",
        kind=UnitKind.SPECIALISED_OFFICE,
        parent=cast.commune,
    )
    procedure = Procedure.objects.create(
        code="VD-XA-GK-DX",
        name="Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thành tích đột xuất",
        level=ProcedureLevel.COMMUNE,
        online_level=OnlineLevel.FULL,
        authority_unit=cast.commune,
        intake_unit=desk,
        award_code="GIAY_KHEN",
        subject_kind="INDIVIDUAL",
        simplified=True,
        simplified_case="EXCEPTIONAL",
        deadline_value=deadline,
        valid_from=date(2025, 7, 1),
    )
    summary = ProcedureComponent.objects.create(
        procedure=procedure, name="Báo cáo tóm tắt thành tích", dossier_kind="SUMMARY_REPORT", order=1
    )
    photos = ProcedureComponent.objects.create(
        procedure=procedure, name="Ảnh về sự việc", copy_kind=CopyKind.EITHER, required=False, order=2
    )
    return Desk(cast, desk, procedure, summary, photos)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def desk(db) -> Desk:
    return build_desk()


def verified_citizen(login: str = "lan@example.vn", name: str = "Lò Thị Lan") -> CitizenAccount:
    """Open a citizen's account and mark it confirmed (the code round trip has its own test)."""
    account = account_services.account_register(
        full_name=name, login=login, password=PASSWORD, now=at(2026, 8, 20)
    )
    account.verified_at = at(2026, 8, 20)
    account.save(update_fields=["verified_at"])
    return account


@pytest.fixture
def lan(db) -> CitizenAccount:
    return verified_citizen()

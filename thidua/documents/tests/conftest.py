"""The cast of the document stories: a district issuing to its communes, with the seed letter."""

from dataclasses import dataclass
from typing import Any

import pytest

from thidua.accounts.models import Role, User
from thidua.documents.content import Block, DocumentContent
from thidua.organization.models import Unit, UnitKind
from thidua.organization.services import unit_create
from thidua.testing.cast import World, build_world, make_user


@dataclass
class Office:
    """The cast's world plus a district office and a signatory."""

    world: World
    home_affairs: Unit  # Phòng Nội vụ: the drafting unit
    chairman: User  # signatory of the district


@pytest.fixture
def office(settings, tmp_path) -> Office:
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    Unit.objects.filter(pk=world.district.pk).update(abbreviation="UBND", place_name="Tân Uyên")
    Unit.objects.filter(pk=world.commune.pk).update(email="xamot@example.vn")
    world.district.refresh_from_db()
    world.commune.refresh_from_db()
    home_affairs = unit_create(
        actor=None,
        code="H-NV",
        name="Phòng Nội vụ huyện Thử",
        kind=UnitKind.SPECIALISED_OFFICE,
        parent=world.district,
        abbreviation="NV",
    )
    chairman = make_user("phuong", world.district, Role.SIGNATORY, "Bùi Huy Phương")
    return Office(world=world, home_affairs=home_affairs, chairman=chairman)


def short_content(text: str = "Nội dung phát động thi đua.") -> DocumentContent:
    return DocumentContent(
        title="PHÁT ĐỘNG THI ĐUA",
        subtitle="Chủ đề năm 2021",
        body=(Block("paragraph", text), Block("item", "Thi đua thực hiện tốt nhiệm vụ.", number="1.")),
        recipients=("UBND các xã, thị trấn;",),
    )


def draft_for(office: Office, **overrides):
    from thidua.documents import services

    w = office.world
    fields: dict[str, Any] = {
        "actor": w.chau,
        "issuer": w.district,
        "kind": "CONG_VAN",
        "subject": "Phát động thi đua năm 2021",
        "content": short_content(),
        "place_name": "Tân Uyên",
        "signer_name": "Bùi Huy Phương",
        "signer_title": "Chủ tịch",
        "signing_capacity": "TM",
        "on_behalf_of": "Ủy ban nhân dân",
        "recipient_units": [w.commune, w.other_commune],
        "drafting_unit": office.home_affairs,
    }
    fields.update(overrides)
    return services.document_create_draft(**fields)

"""Stories of a movement: drafting, launching with a numbered document, registrations, copying."""

from datetime import date

import pytest

from thidua.accounts.models import Role
from thidua.core.errors import DomainError, ValidationFailed
from thidua.documents.models import Delivery
from thidua.documents.numbering import register_set_start
from thidua.movements import registrations as regs
from thidua.movements import services
from thidua.movements.models import MovementStatus, Registration, RegistrationStatus, SubjectKind
from thidua.organization.models import Sex, UnitKind
from thidua.organization.services import person_create, unit_create
from thidua.testing.cast import build_world, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build_world()
    w.district.abbreviation = "UBND"
    w.district.place_name = "Thử"
    w.district.save()
    w.office = unit_create(
        actor=None,
        code="H-NV",
        name="Phòng Nội vụ huyện Thử",
        kind=UnitKind.SPECIALISED_OFFICE,
        parent=w.district,
        abbreviation="NV",
    )
    w.officer = make_user("officer", w.district, Role.EMULATION_OFFICER, "Officer Hà")
    w.chairman = person_create(
        actor=None,
        unit=w.district,
        family_name="Bùi",
        middle_name="Huy",
        given_name="Phương",
        sex=Sex.MALE,
        position="Chủ tịch UBND huyện",
    )
    return w


def _draft(world, **overrides):
    fields = {
        "title": "Phong trào thi đua năm 2021",
        "year": 2021,
        "starts_on": date(2021, 1, 1),
        "ends_on": date(2021, 12, 31),
        "theme": "Đoàn kết, sáng tạo, hoàn thành xuất sắc nhiệm vụ năm 2021",
        "theme_lead": "UBND huyện phát động phong trào thi đua trên địa bàn huyện",
        "signer": world.chairman,
        "drafting_unit": world.office,
        "archive": "VT, NV",
        **overrides,
    }
    movement = services.movement_create(
        actor=world.officer,
        launcher=world.district,
        items=["Thi đua thứ nhất.", "Thi đua thứ hai."],
        **fields,
    )
    services.movement_set_participants(
        actor=world.officer, movement=movement, units=[world.district], include_subtree=True
    )
    services.movement_set_recipients(
        actor=world.officer,
        movement=movement,
        recipients=[
            services.RecipientSpec("UBND các xã;", (world.commune, world.other_commune)),
            services.RecipientSpec("Trường Tiểu học xã Một;", (world.school,)),
        ],
    )
    return movement


def test_a_draft_needs_a_title_and_a_theme(world):
    with pytest.raises(ValidationFailed) as exc:
        services.movement_create(
            actor=world.officer,
            launcher=world.district,
            title="",
            theme="",
            year=2021,
            starts_on=date(2021, 1, 1),
            ends_on=date(2021, 12, 31),
        )
    assert set(exc.value.errors) == {"title", "theme"}


def test_launch_issues_the_next_number_and_delivers_to_every_recipient_unit(world):
    register_set_start(
        actor=world.officer, issuer=world.district, year=2020, last_number=2376, reason="sổ giấy"
    )
    movement = _draft(world)
    services.movement_launch(actor=world.officer, movement=movement, issued_on=date(2020, 12, 30))
    movement.refresh_from_db()
    doc = movement.launch_document
    assert movement.status == MovementStatus.LAUNCHED
    assert doc.symbol == "2377/UBND-NV"
    assert doc.issued_on == date(2020, 12, 30)
    assert set(Delivery.objects.filter(document=doc).values_list("unit__code", flat=True)) == {
        "XA",
        "XB",
        "XA-TH",
    }
    # Every participant unit (the district and everything below) got a registration to fill in.
    assert set(Registration.objects.filter(movement=movement).values_list("unit__code", flat=True)) == {
        "H",
        "H-NV",
        "XA",
        "XA-TH",
        "XB",
    }


def test_content_is_frozen_once_launched(world):
    movement = _draft(world)
    services.movement_launch(actor=world.officer, movement=movement, issued_on=date(2021, 1, 4))
    with pytest.raises(DomainError):
        services.movement_update(actor=world.officer, movement=movement, title="Khác")


def test_registration_is_sent_returned_resent_and_accepted(world):
    movement = _draft(world)
    services.movement_launch(actor=world.officer, movement=movement, issued_on=date(2021, 1, 4))
    reg = Registration.objects.get(movement=movement, unit=world.school)
    lines = [
        regs.LineSpec("LDTT", SubjectKind.MEMBERS, 12),
        regs.LineSpec("CSTDCS", SubjectKind.INDIVIDUAL, person=world.teacher),
        regs.LineSpec("TTLDTT", SubjectKind.COLLECTIVE),
    ]
    regs.registration_save(
        actor=world.binh, registration=reg, commitment="Hoàn thành xuất sắc nhiệm vụ", lines=lines
    )
    regs.registration_send(actor=world.binh, registration=reg)
    movement.refresh_from_db()
    assert movement.status == MovementStatus.IN_PROGRESS  # the first registration sent starts the movement
    with pytest.raises(ValidationFailed):
        regs.registration_return(actor=world.officer, registration=reg, reason="  ")
    regs.registration_return(actor=world.officer, registration=reg, reason="Thiếu chỉ tiêu CSTĐCS")
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.RETURNED and reg.return_reason == "Thiếu chỉ tiêu CSTĐCS"
    regs.registration_send(actor=world.binh, registration=reg)
    regs.registration_accept(actor=world.officer, registration=reg)
    codes, _rows, totals = regs.registration_table(movement)
    assert codes == ["LDTT", "CSTDCS", "TTLDTT"]
    assert totals == {"LDTT": 12, "CSTDCS": 1, "TTLDTT": 1}
    assert [e.command for e in reg.events.all()] == ["send", "return", "send", "accept"]


def test_a_person_from_another_unit_cannot_be_registered(world):
    movement = _draft(world)
    services.movement_launch(actor=world.officer, movement=movement, issued_on=date(2021, 1, 4))
    reg = Registration.objects.get(movement=movement, unit=world.school)
    with pytest.raises(ValidationFailed):
        regs.registration_save(
            actor=world.binh,
            registration=reg,
            commitment="",
            lines=[regs.LineSpec("CSTDCS", SubjectKind.INDIVIDUAL, person=world.outsider_person)],
        )


def test_unit_head_cannot_decide_registrations(world):
    movement = _draft(world)
    services.movement_launch(actor=world.officer, movement=movement, issued_on=date(2021, 1, 4))
    reg = Registration.objects.get(movement=movement, unit=world.school)
    regs.registration_send(actor=world.binh, registration=reg)
    with pytest.raises(DomainError):
        regs.registration_accept(actor=world.binh, registration=reg)


def test_copy_starts_next_year_with_the_same_content_and_dates_moved(world):
    movement = _draft(world)
    services.movement_add_milestone(
        actor=world.officer, movement=movement, kind="FINAL_REVIEW", due_on=date(2021, 12, 15)
    )
    copy = services.movement_copy(actor=world.officer, source=movement, year=2022)
    assert (copy.status, copy.year, copy.starts_on, copy.ends_on) == (
        MovementStatus.DRAFT,
        2022,
        date(2022, 1, 1),
        date(2022, 12, 31),
    )
    assert [i.text for i in copy.items.all()] == ["Thi đua thứ nhất.", "Thi đua thứ hai."]
    assert [m.due_on for m in copy.milestones.all()] == [date(2022, 12, 15)]
    assert [r.text for r in copy.recipients.all()] == ["UBND các xã;", "Trường Tiểu học xã Một;"]
    assert copy.copied_from == movement


def test_status_changes_go_through_the_table_with_events(world):
    movement = _draft(world)
    with pytest.raises(DomainError):
        services.movement_transition(actor=world.officer, movement=movement, command="close")
    services.movement_launch(actor=world.officer, movement=movement, issued_on=date(2021, 1, 4))
    services.movement_transition(actor=world.officer, movement=movement, command="start")
    services.movement_transition(actor=world.officer, movement=movement, command="review")
    with pytest.raises(ValidationFailed):
        services.movement_transition(actor=world.officer, movement=movement, command="reopen")
    services.movement_transition(
        actor=world.officer, movement=movement, command="reopen", reason="Bổ sung số liệu"
    )
    assert [e.command for e in movement.events.all()] == ["launch", "start", "review", "reopen"]

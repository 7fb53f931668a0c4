"""The seed's movement: UBND huyện Tân Uyên launches the 2021 movement with dispatch 2377/UBND-NV."""

from datetime import date
from typing import Any

from thidua.demo import seed_movement as seed
from thidua.documents.numbering import register_set_start
from thidua.movements import registrations as regs
from thidua.movements import services
from thidua.movements.models import Movement, Registration, SubjectKind
from thidua.organization.models import Person, Unit

OFFICES = ["TU-NV", "TU-VP", "TU-TCKH", "TU-GDDT", "TU-VHTT", "TU-NN", "TU-TTYT", "TU-MTTQ"]
BUSINESSES = ["TU-HTX-CHE", "TU-DN-CHE", "TU-HTX-NN"]
COMMUNES = ["TT-TU", "X-MK", "X-PK", "X-TT", "X-TD", "X-HM", "X-NC", "X-NS", "X-PT", "X-TM"]

# "Nơi nhận" lines of the seed and the units that receive the document in thidua through each.
RECIPIENT_UNITS = {
    "Ban TĐKT tỉnh;": ["LC-BTDKT"],
    "TT. Huyện ủy; (B/c)": ["TU-HU"],
    "TT. HĐND huyện;": ["TU-HDND"],
    "Chủ tịch, các PCT UBND huyện;": ["TU-VP"],
    "Công Thông tin điện tử huyện (đăng tải);": ["TU-CTTDT"],
    "Các cơ quan, đơn vị trong huyện;": OFFICES,
    "Các doanh nghiệp, hợp tác xã trong huyện;": BUSINESSES,
    "UBND các xã, thị trấn;": [f"{c}-UBND" for c in COMMUNES],
}


def opening_assessment(figures: str) -> str:
    """Join the narrative and the generated figures paragraph the way the seed writes them."""
    return f"{seed.OPENING_NARRATIVE} {figures}".strip()


def build_movement(*, units: dict[str, Unit], figures: str, actor: Any = None) -> Movement:
    """Draft, launch and partly register the seed's movement."""
    district = units["TU-UBND"]
    chairman = Person.objects.get(unit=district, full_name="Bùi Huy Phương")
    movement = services.movement_create(
        actor=actor,
        launcher=district,
        title="Phát động thi đua năm 2021",
        year=2021,
        starts_on=date(2021, 1, 1),
        ends_on=date(2021, 12, 31),
        headline=seed.HEADLINE,
        opening_assessment=opening_assessment(figures),
        theme_lead=seed.THEME_LEAD,
        theme=seed.THEME,
        closing=seed.CLOSING,
        place_name="Tân Uyên",
        signer=chairman,
        signer_title="CHỦ TỊCH",
        on_behalf_of="ỦY BAN NHÂN DÂN",
        drafting_unit=units["TU-NV"],
        archive="VT, NV",
        budget_vnd=150_000_000,
        items=list(seed.ITEMS),
    )
    services.movement_set_participants(actor=actor, movement=movement, units=[district], include_subtree=True)
    services.movement_set_recipients(
        actor=actor,
        movement=movement,
        recipients=[
            services.RecipientSpec(text, tuple(units[c] for c in RECIPIENT_UNITS.get(text, []) if c in units))
            for text in seed.RECIPIENTS
            if not text.startswith("Lưu")
        ],
    )
    for kind, due, label in [
        ("REGISTRATION_DEADLINE", date(2021, 1, 31), "Gửi đăng ký thi đua về Phòng Nội vụ"),
        ("INTERIM_REVIEW", date(2021, 7, 15), "Sơ kết 6 tháng"),
        ("FINAL_REVIEW", date(2021, 12, 15), "Tổng kết năm 2021"),
    ]:
        services.movement_add_milestone(actor=actor, movement=movement, kind=kind, due_on=due, label=label)
    for code, qty in [("LDTT", 400), ("CSTDCS", 40), ("TTLDTT", 30), ("TTLDXS", 8), ("GIAY_KHEN", 60)]:
        services.movement_plan_award(actor=actor, movement=movement, award_code=code, quantity=qty)
    # The district's paper register reached 2376 before thidua took over; the launch continues it.
    register_set_start(
        actor=actor,
        issuer=district,
        year=2020,
        last_number=2376,
        reason="Tiếp nối sổ đăng ký văn bản đi năm 2020 (sổ giấy)",
    )
    services.movement_launch(actor=actor, movement=movement, issued_on=date(2020, 12, 30))
    _register_some(movement, units)
    movement.refresh_from_db()
    return movement


def _register_some(movement: Movement, units: dict[str, Unit]) -> None:
    """Have a few units register, so the consolidated table has rows."""
    plans = [
        ("TT-TU-THCS", 12, 2, True),
        ("X-MK-UBND", 20, 3, True),
        ("TU-NV", 5, 1, False),
        ("TU-GDDT", 8, 1, False),
    ]
    for code, ldtt, cstdcs, accept in plans:
        reg = Registration.objects.get(movement=movement, unit=units[code])
        lines = [
            regs.LineSpec("LDTT", SubjectKind.MEMBERS, ldtt),
            regs.LineSpec("CSTDCS", SubjectKind.MEMBERS, cstdcs),
            regs.LineSpec("TTLDTT", SubjectKind.COLLECTIVE),
        ]
        regs.registration_save(
            actor=None,
            registration=reg,
            commitment="Phấn đấu hoàn thành xuất sắc nhiệm vụ năm 2021.",
            lines=lines,
        )
        regs.registration_send(actor=None, registration=reg)
        if accept:
            regs.registration_accept(actor=None, registration=reg)

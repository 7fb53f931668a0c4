"""Demo hook: exemplary stories of xã Tân Uyên, an approved good deed and a nomination awaiting moderation.

Expects the demo world's units, people, award history and the 2021 movement (see thidua/demo/world.py).
"""

import io
from datetime import UTC, date, datetime
from typing import Any

from django.db import transaction
from PIL import Image, ImageDraw

from thidua.awards.models import Award, AwardStatus
from thidua.exemplars import services
from thidua.exemplars.models import ConsentGiver, ConsentMethod, Story, StoryKind, StorySubject
from thidua.movements.models import Movement
from thidua.organization.models import Unit

SCHOOL = "TT-TU-THCS"  # Trường THCS thị trấn Tân Uyên, under xã Tân Uyên since 01/07/2025
COMMUNE = "XTU-UBND"
ON = date(2026, 3, 2)
AT = datetime(2026, 3, 2, 2, 30, tzinfo=UTC)  # 09:30 in Hà Nội


def demo_photo(colour: tuple[int, int, int], accent: tuple[int, int, int]) -> bytes:
    """Draw a small illustrative picture (no real person's photo ships with the demo)."""
    image = Image.new("RGB", (960, 640), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 440, 960, 640), fill=accent)  # the school yard
    draw.polygon([(300, 440), (480, 260), (660, 440)], fill=(160, 40, 40))  # a roof
    draw.rectangle((340, 440, 620, 600), fill=(240, 230, 210))
    draw.ellipse((760, 60, 880, 180), fill=(255, 210, 80))  # the sun
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _consent(
    name: str, *, giver: str = ConsentGiver.PERSON, birth_year: bool = False
) -> services.ConsentInput:
    return services.ConsentInput(
        given_by=giver,
        giver_name=name,
        given_on=date(2026, 2, 20),
        method=ConsentMethod.WRITTEN,
        covers_name=True,
        covers_photo=True,
        covers_text=True,
        covers_unit=True,
        covers_birth_year=birth_year,
    )


@transaction.atomic
def load_demo_exemplars(*, units: dict[str, Unit], actor: Any = None) -> dict[str, Any]:
    """Publish two exemplary stories and a good deed; leave one nomination pending."""
    school, commune = units[SCHOOL], units[COMMUNE]
    stories: list[Story] = []
    teacher_award = (
        Award.objects.filter(person__unit=school, status=AwardStatus.VALID, award_code__in=["CSTDCS", "LDTT"])
        .select_related("person")
        .order_by("-year", "award_code", "id")
        .first()
    )
    if teacher_award is not None and teacher_award.person is not None:
        teacher = teacher_award.person
        story = services.story_create(
            actor=actor,
            kind=StoryKind.EXEMPLAR,
            subject_kind=StorySubject.PERSON,
            title=f"Nhà giáo {teacher.full_name}: nhiều năm gieo chữ ở vùng cao Tân Uyên",
            summary=(
                "Giáo viên Ngữ văn Trường THCS thị trấn Tân Uyên, nhiều năm liền đạt danh hiệu thi đua, "
                "có sáng kiến ứng dụng sơ đồ tư duy được công nhận cấp tỉnh."
            ),
            body=(
                "Mỗi sáng, thầy cô đến trường từ sớm để kèm các em học sinh người Mông, người Thái "
                "còn chậm đọc.\n\n"
                "Sáng kiến ứng dụng sơ đồ tư duy trong dạy học Ngữ văn giúp học sinh vùng cao nắm bài nhanh "
                "hơn; nhiều trường trong xã đã áp dụng.\n\n"
                "Với người giáo viên, mỗi em đến lớp đều đặn là một niềm vui."
            ),
            subject_name=teacher.full_name,
            unit=school,
            person=teacher,
            award=teacher_award,
            year=teacher_award.year,
            show_birth_year=teacher.date_of_birth is not None,
        )
        services.consent_record(
            actor=actor, story=story, consent=_consent(teacher.full_name, birth_year=True), on=ON
        )
        services.photo_add(
            actor=actor,
            story=story,
            data=demo_photo((200, 225, 245), (90, 150, 90)),
            alt_text="Hình minh họa: ngôi trường dưới chân núi, sân trường xanh cỏ",
            caption="Trường THCS thị trấn Tân Uyên (hình minh họa)",
        )
        stories.append(services.story_publish(actor=actor, story=story, at=AT))

    collective_award = (
        Award.objects.filter(unit=school, status=AwardStatus.VALID).order_by("-year", "id").first()
        or Award.objects.filter(unit__isnull=False, status=AwardStatus.VALID).order_by("-year", "id").first()
    )
    movement = Movement.objects.order_by("year", "id").first()
    unit = collective_award.unit if collective_award and collective_award.unit else school
    story = services.story_create(
        actor=actor,
        kind=StoryKind.EXEMPLAR,
        subject_kind=StorySubject.COLLECTIVE,
        title=f"{unit.name}: tập thể lao động tiên tiến giữa vùng chè",
        summary="Tập thể đoàn kết, hoàn thành tốt nhiệm vụ, hưởng ứng phong trào thi đua của huyện Tân Uyên.",
        body=(
            f"Hưởng ứng phong trào thi đua, {unit.name} đăng ký và hoàn thành các chỉ tiêu của năm.\n\n"
            "Tập thể chú trọng bồi dưỡng cán bộ trẻ, giữ gìn nền nếp và gắn bó với nhân dân địa phương."
        ),
        subject_name=unit.name,
        unit=unit,
        movement=movement,
        award=collective_award if collective_award and collective_award.unit_id == unit.pk else None,
        year=collective_award.year if collective_award else ON.year - 1,
    )
    services.consent_record(
        actor=actor,
        story=story,
        consent=_consent(
            "Tòng Thị Ngọc" if unit == school else f"Thủ trưởng {unit.name}",
            giver=ConsentGiver.COLLECTIVE_HEAD,
        ),
        on=ON,
    )
    stories.append(services.story_publish(actor=actor, story=story, at=AT))

    approved = services.nomination_submit(
        nominator_name="Lò Thị Hoa",
        nominator_email="",
        nominator_phone="0912345678",
        relation="BENEFICIARY",
        nominee_name="Vàng A Dế",
        what_happened=(
            "Chiều 10/01/2026, anh Vàng A Dế lội suối giúp đưa cháu bé bị ngã xuống nước lên bờ "
            "và đưa cháu đến Trạm Y tế kịp thời."
        ),
        happened_on=date(2026, 1, 10),
        unit=commune,
        place_text="",
        statements=[
            services.StatementInput("Lò Thị Hoa", "Tôi là mẹ của cháu bé, xin cảm ơn anh Dế."),
            services.StatementInput("Lường Văn Tú", "Tôi là trưởng bản, đã chứng kiến sự việc."),
        ],
        photo=None,
        on=date(2026, 1, 12),
        at=datetime(2026, 1, 12, 3, 0, tzinfo=UTC),
    )
    good_deed = services.nomination_approve(
        actor=actor,
        nomination=approved,
        title="Người tốt việc tốt: cứu cháu bé ngã xuống suối",
        summary="Một thanh niên trong bản đã kịp thời cứu cháu bé bị ngã xuống suối và đưa đi sơ cứu.",
        body=approved.what_happened,
        unit=commune,
        consent=services.ConsentInput(
            given_by=ConsentGiver.PERSON,
            giver_name="Vàng A Dế",
            given_on=date(2026, 1, 20),
            method=ConsentMethod.IN_PERSON,
            covers_name=True,
            covers_text=True,
        ),
        publish=True,
        on=ON,
        at=AT,
    )
    stories.append(good_deed)

    pending = services.nomination_submit(
        nominator_name="Nguyễn Văn Bình",
        nominator_email="binh.nguyen@example.com",
        nominator_phone="",
        relation="WITNESS",
        nominee_name="Lường Thị Mai",
        what_happened="Chị Mai nhặt được ví có giấy tờ và tiền, đã mang đến Công an xã để trả lại người mất.",
        happened_on=date(2026, 2, 25),
        unit=commune,
        place_text="",
        statements=[services.StatementInput("Nguyễn Văn Bình", "Tôi là người mất ví và đã nhận lại đủ.")],
        photo=None,
        on=ON,
        at=AT,
    )
    return {"stories": stories, "pending": pending}

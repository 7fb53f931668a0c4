"""Demo procedures of the online public service (codes are marked as examples, not national codes)."""

from datetime import date

from thidua.organization.models import Unit
from thidua.public.models import CopyKind, OnlineLevel, Procedure, ProcedureComponent, ProcedureLevel


def load_demo_procedures(*, authority: Unit, intake: Unit) -> list[Procedure]:
    """Offer the commune chairman's Giấy khen for an exceptional act fully online."""
    procedure = Procedure.objects.create(
        code="VD-XA-GK-DX",
        name="Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thành tích đột xuất",
        level=ProcedureLevel.COMMUNE,
        online_level=OnlineLevel.FULL,
        authority_unit=authority,
        intake_unit=intake,
        award_code="GIAY_KHEN",
        subject_kind="INDIVIDUAL",
        simplified=True,
        simplified_case="EXCEPTIONAL",
        deadline_value=5,
        description=(
            "Cá nhân có hành động dũng cảm cứu người, cứu tài sản hoặc thành tích đột xuất khác "
            "trên địa bàn xã.\n"
            "Người dân, cơ quan, tổ chức biết sự việc có thể đề nghị; hồ sơ theo thủ tục đơn giản."
        ),
        legal_bases=(
            "Luật Thi đua, khen thưởng số 06/2022/QH15 (Điều 75, Điều 85)\n"
            "Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết Luật Thi đua, khen thưởng"
        ),
        valid_from=date(2025, 7, 1),
        order=1,
    )
    ProcedureComponent.objects.create(
        procedure=procedure,
        name="Báo cáo tóm tắt thành tích (có xác nhận của trưởng thôn, bản hoặc người chứng kiến)",
        copy_kind=CopyKind.ORIGINAL,
        dossier_kind="SUMMARY_REPORT",
        order=1,
    )
    ProcedureComponent.objects.create(
        procedure=procedure,
        name="Ảnh, tài liệu về sự việc",
        copy_kind=CopyKind.EITHER,
        required=False,
        order=2,
    )
    household = Procedure.objects.create(
        code="VD-XA-GK-HGD",
        name="Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã cho hộ gia đình",
        level=ProcedureLevel.COMMUNE,
        online_level=OnlineLevel.PARTIAL,
        authority_unit=authority,
        intake_unit=intake,
        award_code="GIAY_KHEN",
        subject_kind="HOUSEHOLD",
        simplified=True,
        simplified_case="EXCEPTIONAL",
        deadline_value=10,
        description=(
            "Hộ gia đình có đóng góp lớn về công sức, đất đai, tài sản cho địa phương "
            "hoặc thành tích đột xuất.\n"
            "Bản chính giấy tờ xác nhận nộp trực tiếp khi nhận kết quả."
        ),
        legal_bases=procedure.legal_bases,
        valid_from=date(2025, 7, 1),
        order=2,
    )
    ProcedureComponent.objects.create(
        procedure=household,
        name="Báo cáo tóm tắt thành tích của hộ gia đình (có xác nhận của trưởng thôn, bản)",
        copy_kind=CopyKind.ORIGINAL,
        dossier_kind="SUMMARY_REPORT",
        order=1,
    )
    return [procedure, household]

"""The authority matrix by date: who may decide which award (regulations.md §3.1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from thidua.regulations import citations as c
from thidua.regulations.catalogue import award
from thidua.regulations.citations import Citation, Confidence, law
from thidua.regulations.verdicts import Outcome, Reason, Verdict, verdict_from

LAW_START = date(2024, 1, 1)
LAST_DISTRICT_DAY = date(2025, 6, 30)
REFORM_DAY = date(2025, 7, 1)


class Office(StrEnum):
    """An awarding office (Authority.office)."""

    CT_NUOC = "CT_NUOC"
    CHINH_PHU = "CHINH_PHU"
    THU_TUONG = "THU_TUONG"
    CT_UBND_TINH = "CT_UBND_TINH"
    THU_TRUONG_SO = "THU_TRUONG_SO"
    CT_UBND_HUYEN = "CT_UBND_HUYEN"
    CT_UBND_XA = "CT_UBND_XA"
    GD_DN = "GD_DN"
    CT_HDQT = "CT_HDQT"
    BO_NGANH_DOAN_THE = "BO_NGANH_DOAN_THE"

    @property
    def label(self) -> str:
        """Return the Vietnamese name of the office."""
        return OFFICE_LABELS[self]


OFFICE_LABELS = {
    Office.CT_NUOC: "Chủ tịch nước",
    Office.CHINH_PHU: "Chính phủ",
    Office.THU_TUONG: "Thủ tướng Chính phủ",
    Office.CT_UBND_TINH: "Chủ tịch Ủy ban nhân dân tỉnh (bộ trưởng, thủ trưởng ban, ngành trung ương)",
    Office.THU_TRUONG_SO: "Thủ trưởng cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh hoặc tương đương",
    Office.CT_UBND_HUYEN: "Chủ tịch Ủy ban nhân dân cấp huyện",
    Office.CT_UBND_XA: "Chủ tịch Ủy ban nhân dân cấp xã",
    Office.GD_DN: "Tổng giám đốc, giám đốc doanh nghiệp, hợp tác xã",
    Office.CT_HDQT: "Chủ tịch Hội đồng quản trị, Hội đồng thành viên",
    Office.BO_NGANH_DOAN_THE: "Bộ, ban, ngành, tổ chức chính trị – xã hội trung ương",
}


@dataclass(frozen=True, slots=True)
class Grant:
    """An office's power to decide some awards between two dates (inclusive)."""

    office: Office
    awards: frozenset[str]
    valid_from: date
    valid_to: date | None
    citation: Citation

    def covers(self, on: date) -> bool:
        """Return True when the grant is in force on ``on``."""
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


_S, _U = Confidence.SECONDARY, Confidence.UNCONFIRMED
_HUAN_CHUONG = ("HCLD_1", "HCLD_2", "HCLD_3", "HCDL_1", "HCDL_2", "HCDL_3", "HC_HCM", "HC_SAO_VANG", "AHLD")
_UNIT_LEVEL = ("TTLDTT", "CSTDCS", "LDTT", "GIAY_KHEN")


def _g(office: Office, awards: tuple[str, ...], start: date, end: date | None, cite: Citation) -> Grant:
    return Grant(office, frozenset(awards), start, end, cite)


GRANTS: tuple[Grant, ...] = (
    _g(Office.CT_NUOC, _HUAN_CHUONG, LAW_START, None, Citation(c.LUAT_2022, tag=_S)),
    _g(Office.CHINH_PHU, ("CO_CP",), LAW_START, None, law(78, tag=_S)),
    _g(Office.THU_TUONG, ("CSTD_TQ", "BK_TTG"), LAW_START, None, law(78, tag=_S)),
    _g(
        Office.CT_UBND_TINH,
        ("CSTD_TINH", "CO_TINH", "TTLDXS", "XA_TIEU_BIEU", "BK_TINH"),
        LAW_START,
        None,
        law(79, tag=_U),
    ),
    _g(Office.THU_TRUONG_SO, _UNIT_LEVEL, LAW_START, None, law(80, 1)),
    _g(Office.CT_UBND_HUYEN, ("THON_VH", *_UNIT_LEVEL), LAW_START, LAST_DISTRICT_DAY, law(80, 2)),
    _g(Office.CT_UBND_XA, ("LDTT", "GIAY_KHEN", "GDVH"), LAW_START, LAST_DISTRICT_DAY, law(80, 3)),
    _g(
        Office.CT_UBND_XA,
        ("THON_VH", "GDVH", *_UNIT_LEVEL),
        REFORM_DAY,
        None,
        Citation(c.ND_129_2025, tag=_S),
    ),
    _g(Office.GD_DN, _UNIT_LEVEL, LAW_START, None, law(80, 4)),
    _g(Office.CT_HDQT, ("GIAY_KHEN",), LAW_START, None, law(80, 4)),
    _g(Office.BO_NGANH_DOAN_THE, ("KNC",), LAW_START, None, Citation(c.LUAT_2022, tag=_S)),
)


def authorities_for(code: str, on: date) -> tuple[Grant, ...]:
    """Return the grants under which someone may decide ``code`` on ``on`` (empty before 2024)."""
    return tuple(g for g in GRANTS if code in g.awards and g.covers(on))


def grants_of(office: Office, on: date) -> tuple[Grant, ...]:
    """Return the grants an office holds on ``on``."""
    return tuple(g for g in GRANTS if g.office is office and g.covers(on))


def can_decide(office: Office, code: str, on: date) -> Verdict:
    """Check whether ``office`` may sign a decision conferring ``code`` on ``on`` (AUTH.CAN_DECIDE)."""
    name = award(code).name_on(on)
    if on < LAW_START:
        return verdict_from(
            (
                Reason(
                    "AUTH.BEFORE_2024",
                    "Thẩm quyền khen thưởng trước ngày 01/01/2024 (Luật 2003) chưa được mã hóa; "
                    f"cần kiểm tra thủ công quyết định tặng {name}.",
                    Citation(c.LUAT_2003, tag=Confidence.HISTORICAL),
                    Outcome.REVIEW,
                ),
            )
        )
    for grant in grants_of(office, on):
        if code in grant.awards:
            return verdict_from(
                (
                    Reason(
                        "AUTH.CAN_DECIDE",
                        f"{office.label} có thẩm quyền quyết định tặng {name} vào ngày {on:%d/%m/%Y}.",
                        grant.citation,
                        Outcome.MET,
                    ),
                )
            )
    holders = ", ".join(g.office.label for g in authorities_for(code, on)) or "không có cấp nào được mã hóa"
    if office is Office.CT_UBND_HUYEN and on > LAST_DISTRICT_DAY:
        message = (
            f"Cấp huyện đã kết thúc hoạt động từ ngày 01/07/2025; {office.label} không còn thẩm quyền tặng "
            f"{name}. Cấp có thẩm quyền: {holders}."
        )
        cite = Citation(c.ND_129_2025, tag=Confidence.SECONDARY)
    else:
        message = (
            f"{office.label} không có thẩm quyền quyết định tặng {name} vào ngày {on:%d/%m/%Y}. "
            f"Cấp có thẩm quyền: {holders}."
        )
        cite = law(80)
    return verdict_from((Reason("AUTH.NOT_COMPETENT", message, cite, Outcome.NOT_MET),))

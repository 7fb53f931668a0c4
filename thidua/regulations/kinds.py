"""Enumerations shared by the whole engine (names from the glossary)."""

from __future__ import annotations

from enum import StrEnum


class SubjectKind(StrEnum):
    """What receives an award (đối tượng khen thưởng)."""

    INDIVIDUAL = "individual"  # cá nhân
    COLLECTIVE = "collective"  # tập thể
    HOUSEHOLD = "household"  # hộ gia đình
    VILLAGE = "village"  # thôn, tổ dân phố
    COMMUNE = "commune"  # xã, phường, đặc khu


class AwardKind(StrEnum):
    """Danh hiệu thi đua (title) or hình thức khen thưởng (form)."""

    TITLE = "title"
    FORM = "form"


class AwardLevel(StrEnum):
    """Who normally decides the award, for routing proposals."""

    LOCAL = "local"  # commune, unit, enterprise, Sở
    PROVINCE = "province"  # Chủ tịch UBND tỉnh, bộ, ngành
    STATE = "state"  # khen cao: Thủ tướng, Chính phủ, Chủ tịch nước
    SECTOR = "sector"  # ministries, central and mass organisations (Kỷ niệm chương)


class Rating(StrEnum):
    """Annual evaluation result (đánh giá, xếp loại)."""

    HTXS = "HTXS"  # hoàn thành xuất sắc nhiệm vụ
    HTT = "HTT"  # hoàn thành tốt nhiệm vụ
    HT = "HT"  # hoàn thành nhiệm vụ
    KHT = "KHT"  # không hoàn thành nhiệm vụ

    @property
    def rank(self) -> int:
        """Return 3 for HTXS down to 0 for KHT."""
        return _RATING_RANK[self]

    def at_least(self, other: Rating) -> bool:
        """Return True when this rating is ``other`` or better."""
        return self.rank >= other.rank


_RATING_RANK = {Rating.HTXS: 3, Rating.HTT: 2, Rating.HT: 1, Rating.KHT: 0}


class Scope(StrEnum):
    """Scope at which an initiative or research project is recognised."""

    CO_SO = "co_so"  # cơ sở (grassroots)
    TINH = "tinh"  # bộ, ngành, tỉnh
    TOAN_QUOC = "toan_quoc"  # toàn quốc

    @property
    def rank(self) -> int:
        """Return 1 for cơ sở up to 3 for toàn quốc."""
        return {Scope.CO_SO: 1, Scope.TINH: 2, Scope.TOAN_QUOC: 3}[self]


class DisciplineForm(StrEnum):
    """Disciplinary measures, mildest first (hình thức kỷ luật)."""

    KHIEN_TRACH = "khien_trach"  # khiển trách
    CANH_CAO = "canh_cao"  # cảnh cáo
    HA_BAC_LUONG = "ha_bac_luong"  # hạ bậc lương
    GIANG_CHUC = "giang_chuc"  # giáng chức
    CACH_CHUC = "cach_chuc"  # cách chức
    BUOC_THOI_VIEC = "buoc_thoi_viec"  # buộc thôi việc

    @property
    def severity(self) -> int:
        """Return 1 for khiển trách up to 6 for buộc thôi việc."""
        return list(DisciplineForm).index(self) + 1

    @property
    def label(self) -> str:
        """Return the Vietnamese name."""
        return _DISCIPLINE_LABELS[self]


_DISCIPLINE_LABELS = {
    DisciplineForm.KHIEN_TRACH: "khiển trách",
    DisciplineForm.CANH_CAO: "cảnh cáo",
    DisciplineForm.HA_BAC_LUONG: "hạ bậc lương",
    DisciplineForm.GIANG_CHUC: "giáng chức",
    DisciplineForm.CACH_CHUC: "cách chức",
    DisciplineForm.BUOC_THOI_VIEC: "buộc thôi việc",
}


class AwardBasis(StrEnum):
    """Why an award was given (loại hình khen thưởng, Luật Điều 8)."""

    MERIT = "merit"  # công trạng (thường xuyên, tổng kết)
    AD_HOC = "ad_hoc"  # đột xuất
    THEMATIC = "thematic"  # phong trào theo đợt, chuyên đề
    DEDICATION = "dedication"  # cống hiến
    LONG_SERVICE = "long_service"  # niên hạn
    FOREIGN = "foreign"  # đối ngoại


class LeaveKind(StrEnum):
    """Absences within the evaluation period (TT 01/2024 special cases for LĐTT)."""

    MATERNITY = "maternity"  # nghỉ thai sản
    TRAINING = "training"  # đi học, bồi dưỡng (compliant with the school's rules)
    INJURY = "injury"  # điều trị vết thương do chiến đấu, hành động dũng cảm
    UNPAID = "unpaid"  # nghỉ không lương
    SICK = "sick"  # nghỉ ốm dài ngày
    OTHER = "other"


class RoundingMode(StrEnum):
    """Rounding of prize money (POL.rounding_mode)."""

    CEIL_10K = "ceil"  # "làm tròn số lên hàng chục nghìn đồng" (the decree's wording)
    NEAREST_10K = "nearest"  # half up to the nearest 10,000 đ (published practice)
    NONE = "none"  # no rounding (some 2025 decisions pay the raw product)

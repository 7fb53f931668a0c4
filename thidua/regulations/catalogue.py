"""The award catalogue (AwardType): stable codes, Vietnamese labels by date, subjects, items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thidua.regulations import citations as c
from thidua.regulations.citations import Citation, Confidence, law
from thidua.regulations.kinds import AwardKind, AwardLevel, SubjectKind
from thidua.regulations.versions import RegulationError

REFORM_DAY = date(2025, 7, 1)  # districts abolished; NĐ 152/2025 and NĐ 129/2025 in force


@dataclass(frozen=True, slots=True)
class Label:
    """An official name valid between two dates (inclusive)."""

    name: str
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True, slots=True)
class AwardType:
    """A catalogue entry: one danh hiệu thi đua or hình thức khen thưởng."""

    code: str
    kind: AwardKind
    labels: tuple[Label, ...]
    subject_kinds: frozenset[SubjectKind]
    criteria: Citation
    level: AwardLevel
    items: tuple[str, ...] = ()  # hiện vật (NĐ 98 Điều 54; same in NĐ 152 [S])
    tag: Confidence = Confidence.CONFIRMED
    note: str = ""

    def name_on(self, on: date) -> str:
        """Return the official Vietnamese name in use on ``on``."""
        for label in self.labels:
            if (label.valid_from is None or label.valid_from <= on) and (
                label.valid_to is None or on <= label.valid_to
            ):
                return label.name
        return self.labels[-1].name

    @property
    def name(self) -> str:
        """Return the current official name."""
        return self.labels[-1].name


_I, _CO, _H, _V, _X = (
    SubjectKind.INDIVIDUAL,
    SubjectKind.COLLECTIVE,
    SubjectKind.HOUSEHOLD,
    SubjectKind.VILLAGE,
    SubjectKind.COMMUNE,
)
_T, _F = AwardKind.TITLE, AwardKind.FORM
_S, _U = Confidence.SECONDARY, Confidence.UNCONFIRMED
CERT_FRAME = ("Bằng chứng nhận", "Khung")
CERT_BADGE = ("Bằng chứng nhận", "Khung", "Huy hiệu", "Hộp")


def _a(
    code: str,
    kind: AwardKind,
    name: str | tuple[Label, ...],
    subjects: tuple[SubjectKind, ...],
    criteria: Citation,
    level: AwardLevel,
    items: tuple[str, ...] = (),
    tag: Confidence = Confidence.CONFIRMED,
    note: str = "",
) -> AwardType:
    labels = (Label(name),) if isinstance(name, str) else name
    return AwardType(code, kind, labels, frozenset(subjects), criteria, level, items, tag, note)


_LOCAL, _PROV, _STATE = AwardLevel.LOCAL, AwardLevel.PROVINCE, AwardLevel.STATE

CATALOGUE: tuple[AwardType, ...] = (
    # Danh hiệu thi đua (Luật Điều 19–31)
    _a("LDTT", _T, "Lao động tiên tiến", (_I,), law(24, 1), _LOCAL),
    _a("CSTT", _T, "Chiến sĩ tiên tiến", (_I,), law(24, 1), _LOCAL, note="Armed forces (Điều 80 k5)"),
    _a("CSTDCS", _T, "Chiến sĩ thi đua cơ sở", (_I,), law(23), _LOCAL, CERT_FRAME),
    _a("CSTD_TINH", _T, "Chiến sĩ thi đua bộ, ban, ngành, tỉnh", (_I,), law(22, tag=_S), _PROV, CERT_BADGE),
    _a("CSTD_TQ", _T, "Chiến sĩ thi đua toàn quốc", (_I,), law(21, tag=_S), _STATE, CERT_BADGE, _S),
    _a("TTLDTT", _T, "Tập thể lao động tiên tiến", (_CO,), law(28, tag=_U), _LOCAL),
    _a("DVTT", _T, "Đơn vị tiên tiến", (_CO,), law(28, tag=_U), _LOCAL, tag=_S),
    _a("TTLDXS", _T, "Tập thể lao động xuất sắc", (_CO,), law(27, tag=_S), _PROV, CERT_FRAME),
    _a("DVQT", _T, "Đơn vị quyết thắng", (_CO,), law(27, tag=_S), _PROV, CERT_FRAME, _S),
    _a("CO_TINH", _T, "Cờ thi đua của bộ, ban, ngành, tỉnh", (_CO,), law(26, tag=_U), _PROV, ("Cờ",)),
    _a("CO_CP", _T, "Cờ thi đua của Chính phủ", (_CO,), law(25, tag=_S), _STATE, ("Cờ",), _S),
    _a(
        "XA_TIEU_BIEU",
        _T,
        (
            Label("Xã, phường, thị trấn tiêu biểu", None, date(2025, 6, 30)),
            Label("Xã, phường, đặc khu tiêu biểu", REFORM_DAY, None),
        ),
        (_X,),
        law(29),
        _PROV,
        note="Label changes on 01/07/2025 [S]; criteria detailed under NĐ 86/2023",
    ),
    _a("THON_VH", _T, "Thôn, tổ dân phố văn hóa", (_V,), law(30, tag=_S), _LOCAL, tag=_S),
    _a("GDVH", _T, "Gia đình văn hóa", (_H,), law(31, tag=_S), _LOCAL, tag=_S),
    # Hình thức khen thưởng (Luật Điều 9)
    _a("GIAY_KHEN", _F, "Giấy khen", (_I, _CO, _H), law(75, 2), _LOCAL, ("Giấy khen",)),
    _a(
        "BK_TINH",
        _F,
        "Bằng khen của bộ, ban, ngành, tỉnh",
        (_I, _CO, _H),
        law(74, 1, "d"),
        _PROV,
        ("Bằng khen",),
        note="At local level: Bằng khen of the Chủ tịch UBND tỉnh",
    ),
    _a("BK_TTG", _F, "Bằng khen của Thủ tướng Chính phủ", (_I, _CO), law(73, 1, "b", tag=_S), _STATE, tag=_S),
    _a("KNC", _F, "Kỷ niệm chương", (_I,), Citation(c.LUAT_2022, tag=_S), AwardLevel.SECTOR, tag=_S),
    _a(
        "HCLD_1",
        _F,
        "Huân chương Lao động hạng Nhất",
        (_I, _CO),
        Citation(c.LUAT_2022, tag=_S),
        _STATE,
        tag=_S,
    ),
    _a(
        "HCLD_2",
        _F,
        "Huân chương Lao động hạng Nhì",
        (_I, _CO),
        Citation(c.LUAT_2022, tag=_S),
        _STATE,
        tag=_S,
    ),
    _a(
        "HCLD_3", _F, "Huân chương Lao động hạng Ba", (_I, _CO), Citation(c.LUAT_2022, tag=_S), _STATE, tag=_S
    ),
    _a(
        "HCDL_1",
        _F,
        "Huân chương Độc lập hạng Nhất",
        (_I, _CO),
        Citation(c.LUAT_2022, tag=_S),
        _STATE,
        tag=_S,
    ),
    _a(
        "HCDL_2", _F, "Huân chương Độc lập hạng Nhì", (_I, _CO), Citation(c.LUAT_2022, tag=_S), _STATE, tag=_S
    ),
    _a("HCDL_3", _F, "Huân chương Độc lập hạng Ba", (_I, _CO), Citation(c.LUAT_2022, tag=_S), _STATE, tag=_S),
    _a("HC_HCM", _F, "Huân chương Hồ Chí Minh", (_I, _CO), Citation(c.LUAT_2022, tag=_S), _STATE, tag=_S),
    _a("HC_SAO_VANG", _F, "Huân chương Sao vàng", (_I, _CO), Citation(c.LUAT_2022, tag=_S), _STATE, tag=_S),
    _a("AHLD", _F, "Anh hùng Lao động", (_I, _CO), Citation(c.LUAT_2022, tag=_U), _STATE, tag=_U),
)

_BY_CODE = {a.code: a for a in CATALOGUE}
AWARD_CODES: tuple[str, ...] = tuple(a.code for a in CATALOGUE)


def award(code: str) -> AwardType:
    """Return the catalogue entry for ``code`` or raise :class:`RegulationError`."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise RegulationError(f"Unknown award code {code!r}; known codes: {', '.join(AWARD_CODES)}") from None

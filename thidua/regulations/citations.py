"""Legal instruments, their effective dates, and citations of their articles.

Every rule, coefficient and policy parameter of the engine points at a :class:`Citation`.
The confidence tag says how sure we are of the text (see ``docs/regulations.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Confidence(StrEnum):
    """How sure we are of a rule (regulations.md §0)."""

    CONFIRMED = "C"  # read in the article text or an official MoHA answer quoting it
    SECONDARY = "S"  # reported by a reputable secondary source
    HISTORICAL = "H"  # repealed; applies only to records inside its validity window
    UNCONFIRMED = "U"  # best current understanding; a policy parameter, flagged "chưa xác minh"


@dataclass(frozen=True, slots=True)
class Instrument:
    """A legal instrument (law, decree, circular) with its validity window."""

    code: str  # short official designation, e.g. "Luật 06/2022/QH15"
    title: str
    signed: date | None
    effective_from: date | None
    effective_to: date | None  # last day in force, inclusive; None while in force
    tag: Confidence
    note: str = ""

    def in_force(self, on: date) -> bool:
        """Return True when the instrument is in force on ``on``."""
        if self.effective_from is not None and on < self.effective_from:
            return False
        return self.effective_to is None or on <= self.effective_to


LUAT_2003 = "Luật 15/2003/QH11"
LUAT_2022 = "Luật 06/2022/QH15"
ND_91_2017 = "NĐ 91/2017/NĐ-CP"
TT_12_2019 = "TT 12/2019/TT-BNV"
ND_98_2023 = "NĐ 98/2023/NĐ-CP"
ND_86_2023 = "NĐ 86/2023/NĐ-CP"
TT_01_2024 = "TT 01/2024/TT-BNV"
ND_129_2025 = "NĐ 129/2025/NĐ-CP"
ND_152_2025 = "NĐ 152/2025/NĐ-CP"
TT_15_2025 = "TT 15/2025/TT-BNV"
ND_42_2022 = "NĐ 42/2022/NĐ-CP"
ND_38_2019 = "NĐ 38/2019/NĐ-CP"
ND_24_2023 = "NĐ 24/2023/NĐ-CP"
ND_73_2024 = "NĐ 73/2024/NĐ-CP"
ND_161_2026 = "NĐ 161/2026/NĐ-CP"
BLLD_2019 = "Bộ luật Lao động 2019"
BLDS_2015 = "Bộ luật Dân sự 2015"
CV_5007_2023 = "Công văn 5007/BNV-TĐKT"
AMENDING_LAW = "Luật sửa đổi, bổ sung Luật TĐKT (dự thảo)"
POLICY = "Tham số chính sách"  # a citation of a policy parameter rather than of a legal text

_C, _S, _H, _U = Confidence.CONFIRMED, Confidence.SECONDARY, Confidence.HISTORICAL, Confidence.UNCONFIRMED

INSTRUMENTS: tuple[Instrument, ...] = (
    Instrument(
        LUAT_2003,
        "Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2009, 2013)",
        None,
        None,
        date(2023, 12, 31),
        _H,
        "Repealed by Luật 2022 Điều 94",
    ),
    Instrument(ND_91_2017, "Nghị định 91/2017/NĐ-CP", None, None, date(2023, 12, 31), _H),
    Instrument(TT_12_2019, "Thông tư 12/2019/TT-BNV", None, None, date(2023, 12, 31), _H),
    Instrument(
        LUAT_2022, "Luật Thi đua, khen thưởng số 06/2022/QH15", date(2022, 6, 15), date(2024, 1, 1), None, _C
    ),
    Instrument(
        ND_98_2023,
        "Nghị định 98/2023/NĐ-CP quy định chi tiết Luật Thi đua, khen thưởng",
        date(2023, 12, 31),
        date(2024, 1, 1),
        date(2025, 6, 30),
        _C,
        "Replaced by NĐ 152/2025",
    ),
    Instrument(
        ND_86_2023,
        "Nghị định 86/2023/NĐ-CP (GĐVH, thôn VH, xã tiêu biểu)",
        date(2023, 12, 7),
        date(2024, 1, 30),
        None,
        _S,
    ),
    Instrument(
        TT_01_2024,
        "Thông tư 01/2024/TT-BNV",
        date(2024, 2, 24),
        date(2024, 2, 24),
        None,
        _U,
        "Exact effective date not recorded; replaced by TT 15/2025",
    ),
    Instrument(
        ND_129_2025,
        "Nghị định 129/2025/NĐ-CP (phân định thẩm quyền chính quyền hai cấp)",
        None,
        date(2025, 7, 1),
        None,
        _S,
    ),
    Instrument(
        ND_152_2025,
        "Nghị định 152/2025/NĐ-CP quy định chi tiết Luật Thi đua, khen thưởng",
        date(2025, 6, 14),
        date(2025, 7, 1),
        None,
        _S,
        "vbpl metadata shows an end of validity on 01/03/2027 [U] (policy nd152_valid_to)",
    ),
    Instrument(
        TT_15_2025,
        "Thông tư 15/2025/TT-BNV",
        date(2025, 8, 4),
        date(2025, 8, 5),
        None,
        _U,
        "Effective 05/08/2025 per one secondary source",
    ),
    Instrument(ND_42_2022, "Nghị định 42/2022/NĐ-CP (dịch vụ công trực tuyến)", None, None, None, _S),
    Instrument(
        ND_38_2019,
        "Nghị định 38/2019/NĐ-CP (lương cơ sở 1.490.000 đ)",
        None,
        date(2019, 7, 1),
        date(2023, 6, 30),
        _H,
    ),
    Instrument(
        ND_24_2023,
        "Nghị định 24/2023/NĐ-CP (lương cơ sở 1.800.000 đ)",
        None,
        date(2023, 7, 1),
        date(2024, 6, 30),
        _S,
    ),
    Instrument(
        ND_73_2024,
        "Nghị định 73/2024/NĐ-CP (lương cơ sở 2.340.000 đ)",
        None,
        date(2024, 7, 1),
        date(2026, 6, 30),
        _S,
    ),
    Instrument(
        ND_161_2026,
        "Nghị định 161/2026/NĐ-CP (lương cơ sở 2.530.000 đ)",
        date(2026, 5, 15),
        date(2026, 7, 1),
        None,
        _S,
        "Verify on vbpl.vn / congbao",
    ),
    Instrument(BLLD_2019, "Bộ luật Lao động số 45/2019/QH14", None, date(2021, 1, 1), None, _S),
    Instrument(BLDS_2015, "Bộ luật Dân sự số 91/2015/QH13", None, date(2017, 1, 1), None, _U),
    Instrument(CV_5007_2023, "Công văn 5007/BNV-TĐKT năm 2023", None, None, None, _S),
    Instrument(
        AMENDING_LAW,
        "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
        None,
        date(2026, 10, 1),
        None,
        _U,
        "Existence unverified; disabled unless amending_law_layer",
    ),
)

_BY_CODE = {i.code: i for i in INSTRUMENTS}


def instrument(code: str) -> Instrument:
    """Return the instrument with this short designation."""
    return _BY_CODE[code]


@dataclass(frozen=True, slots=True)
class Citation:
    """A pointer into a legal text (or to a policy parameter)."""

    instrument: str
    article: int | None = None
    clause: int | None = None
    point: str | None = None
    tag: Confidence = Confidence.CONFIRMED
    policy: str | None = None  # key of the policy parameter this citation stands for

    @property
    def text(self) -> str:
        """Return the citation as Vietnamese legal prose, e.g. "Điều 74 khoản 1 điểm d Luật …"."""
        if self.policy is not None:
            return f"{POLICY} {self.policy}"
        parts: list[str] = []
        if self.article is not None:
            parts.append(f"Điều {self.article}")
        if self.clause is not None:
            parts.append(f"khoản {self.clause}")
        if self.point is not None:
            parts.append(f"điểm {self.point}")
        parts.append(self.instrument)
        return " ".join(parts)

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready mapping."""
        return {
            "instrument": self.instrument,
            "article": self.article,
            "clause": self.clause,
            "point": self.point,
            "policy": self.policy,
            "tag": self.tag.value,
            "text": self.text,
        }


def policy_citation(key: str, tag: Confidence = Confidence.UNCONFIRMED) -> Citation:
    """Return a citation that names a policy parameter."""
    return Citation(POLICY, tag=tag, policy=key)


def law(
    article: int, clause: int | None = None, point: str | None = None, *, tag: Confidence = _C
) -> Citation:
    """Cite an article of Luật 06/2022/QH15."""
    return Citation(LUAT_2022, article, clause, point, tag)

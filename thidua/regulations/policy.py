"""Policy parameters: every [U] or delegated rule as a documented, overridable value.

The defaults below are the national defaults of regulations.md §17. A province pack (or a council,
or a single case) overrides them with :meth:`Policy.with_overrides`; unknown keys and bad values raise
:class:`~thidua.regulations.versions.RegulationError`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType

from thidua.regulations.citations import Citation, Confidence, policy_citation
from thidua.regulations.kinds import DisciplineForm, RoundingMode
from thidua.regulations.versions import RegulationError


class YearType(StrEnum):
    """The evaluation period a year number refers to (POL.evaluation_year_type)."""

    CALENDAR_YEAR = "calendar_year"  # 01/01–31/12 of the year
    SCHOOL_YEAR = "school_year"  # 01/09 of the previous year – 31/08 of the year [U]


class ClockMode(StrEnum):
    """What a supplement request does to a deadline (POL.supplement_clock_mode)."""

    RESTART = "restart"  # count again from receipt of the complete supplement
    PAUSE = "pause"  # keep the elapsed working days; skip the days spent waiting


@dataclass(frozen=True, slots=True)
class Threshold:
    """A percentage threshold with an inclusive (≥) or strict (>) comparison, compared exactly."""

    pct: Decimal
    inclusive: bool = True

    def met(self, part: int, whole: int) -> bool:
        """Return True when ``part / whole`` reaches the threshold (exact integer arithmetic)."""
        if whole <= 0:
            return False
        lhs, rhs = Decimal(part) * 100, self.pct * whole
        return lhs >= rhs if self.inclusive else lhs > rhs

    @property
    def text(self) -> str:
        """Return e.g. "≥ 70%" or "> 50%"."""
        return f"{'≥' if self.inclusive else '>'} {self.pct.normalize():f}%"

    def to_data(self) -> dict[str, object]:
        """Return a JSON/YAML-ready mapping."""
        return {"pct": f"{self.pct.normalize():f}", "inclusive": self.inclusive}


@dataclass(frozen=True, slots=True)
class Policy:
    """The configurable parameters the engine reads (names follow regulations.md §17)."""

    rounding_mode: RoundingMode = RoundingMode.CEIL_10K
    collective_multiplier_form: Decimal = Decimal(2)
    household_multiplier: Decimal = Decimal("1.5")
    knc_coefficient: Decimal = Decimal("0.6")
    gdvh_coefficient: Decimal = Decimal(0)
    coefficient_overrides: Mapping[str, Decimal] = field(default_factory=lambda: MappingProxyType({}))
    evaluation_year_type: YearType = YearType.CALENDAR_YEAR
    ldtt_min_service_months: int = 6
    ldtt_counts_maternity: bool = True
    ldtt_counts_training: bool = True
    tenure_continuous_across_contract: bool = True
    cstdcs_requires_initiative: bool = False
    amending_law_layer: bool = False
    cap_cstdcs_pct_of_ldtt: Decimal | None = None
    cap_cstd_tinh_pct_of_cstdcs: Decimal | None = None
    cstd_chain_reuse_years: bool = False
    bk_tinh_initiatives_both_branches: bool = True
    bk_tinh_initiatives_required: int = 2
    bk_ttg_years: int = 5
    bk_ttg_cstdcs: int = 3
    ttldtt_min_ldtt_ratio: Threshold = Threshold(Decimal(50), inclusive=False)
    ttldtt_bar_member_discipline_from: DisciplineForm | None = DisciplineForm.CANH_CAO
    ttldxs_min_ldtt_ratio: Threshold = Threshold(Decimal(70), inclusive=True)
    ttldxs_htnv_ratio: Threshold = Threshold(Decimal(100), inclusive=True)
    ttldxs_min_cstdcs: int = 1
    ttldxs_bar_member_discipline_from: DisciplineForm | None = DisciplineForm.CANH_CAO
    ttldxs_requires_prior_ttldtt: bool = False
    chain_cross_authority: bool = True
    chain_counts_pre2024: bool = True
    unit_dissolved_block: bool = True
    supplement_clock_mode: ClockMode = ClockMode.RESTART
    nd152_valid_to: date | None = date(2027, 3, 1)
    public_notice_days_high: int = 10
    ineligible_answer_days: int = 5

    def with_overrides(self, overrides: Mapping[str, object]) -> Policy:
        """Return a copy with ``overrides`` applied; raise RegulationError on unknown keys or bad values."""
        changes: dict[str, object] = {}
        for key, raw in overrides.items():
            if key not in PARAMETERS:
                raise RegulationError(f"Unknown policy parameter {key!r}")
            try:
                changes[key] = _CONVERTERS[key](raw)
            except (TypeError, ValueError, InvalidOperation, KeyError) as exc:
                raise RegulationError(f"Bad value for policy parameter {key!r}: {raw!r} ({exc})") from None
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def to_data(self) -> dict[str, object]:
        """Return the parameters as plain JSON/YAML data."""
        return {f.name: _to_data(getattr(self, f.name)) for f in dataclasses.fields(self)}


def _to_data(value: object) -> object:
    if isinstance(value, Threshold):
        return value.to_data()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _to_data(v) for k, v in value.items()}
    return value


def _bool(raw: object) -> bool:
    if not isinstance(raw, bool):
        raise TypeError("expected true or false")
    return raw


def _int(raw: object) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise TypeError("expected a non-negative integer")
    return raw


def _decimal(raw: object) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str, Decimal)):
        raise TypeError("expected a number")
    value = Decimal(str(raw))
    if not value.is_finite() or value < 0:
        raise ValueError("expected a non-negative finite number")
    return value


def _opt[T](conv: Callable[[object], T]) -> Callable[[object], T | None]:
    def convert(raw: object) -> T | None:
        return None if raw is None else conv(raw)

    return convert


def _enum[E: StrEnum](cls: type[E]) -> Callable[[object], E]:
    def convert(raw: object) -> E:
        if not isinstance(raw, str):
            raise TypeError(f"expected one of {[m.value for m in cls]}")
        try:
            return cls(raw)
        except ValueError:
            raise ValueError(f"expected one of {[m.value for m in cls]}") from None

    return convert


def parse_threshold(raw: object) -> Threshold:
    """Parse ``{pct, inclusive}`` or a string such as ">=70" or ">50" into a :class:`Threshold`."""
    if isinstance(raw, Threshold):
        return raw
    if isinstance(raw, Mapping):
        unknown = set(raw) - {"pct", "inclusive"}
        if unknown:
            raise ValueError(f"unknown keys {sorted(unknown)}")
        return Threshold(_decimal(raw["pct"]), _bool(raw.get("inclusive", True)))
    if isinstance(raw, str):
        text = raw.replace(" ", "").rstrip("%")
        for prefix, inclusive in ((">=", True), ("≥", True), (">", False)):
            if text.startswith(prefix):
                return Threshold(_decimal(text[len(prefix) :]), inclusive)
    raise ValueError("expected {pct, inclusive} or a string like '>=70' or '>50'")


def _date(raw: object) -> date:
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str):
        raise TypeError("expected an ISO date string")
    return date.fromisoformat(raw)


def _overrides(raw: object) -> Mapping[str, Decimal]:
    if not isinstance(raw, Mapping):
        raise TypeError("expected a mapping 'CODE:subject' -> coefficient")
    return MappingProxyType({str(k): _decimal(v) for k, v in raw.items()})


_CONVERTERS: dict[str, Callable[[object], object]] = {
    "rounding_mode": _enum(RoundingMode),
    "collective_multiplier_form": _decimal,
    "household_multiplier": _decimal,
    "knc_coefficient": _decimal,
    "gdvh_coefficient": _decimal,
    "coefficient_overrides": _overrides,
    "evaluation_year_type": _enum(YearType),
    "ldtt_min_service_months": _int,
    "ldtt_counts_maternity": _bool,
    "ldtt_counts_training": _bool,
    "tenure_continuous_across_contract": _bool,
    "cstdcs_requires_initiative": _bool,
    "amending_law_layer": _bool,
    "cap_cstdcs_pct_of_ldtt": _opt(_decimal),
    "cap_cstd_tinh_pct_of_cstdcs": _opt(_decimal),
    "cstd_chain_reuse_years": _bool,
    "bk_tinh_initiatives_both_branches": _bool,
    "bk_tinh_initiatives_required": _int,
    "bk_ttg_years": _int,
    "bk_ttg_cstdcs": _int,
    "ttldtt_min_ldtt_ratio": parse_threshold,
    "ttldtt_bar_member_discipline_from": _opt(_enum(DisciplineForm)),
    "ttldxs_min_ldtt_ratio": parse_threshold,
    "ttldxs_htnv_ratio": parse_threshold,
    "ttldxs_min_cstdcs": _int,
    "ttldxs_bar_member_discipline_from": _opt(_enum(DisciplineForm)),
    "ttldxs_requires_prior_ttldtt": _bool,
    "chain_cross_authority": _bool,
    "chain_counts_pre2024": _bool,
    "unit_dissolved_block": _bool,
    "supplement_clock_mode": _enum(ClockMode),
    "nd152_valid_to": _opt(_date),
    "public_notice_days_high": _int,
    "ineligible_answer_days": _int,
}


@dataclass(frozen=True, slots=True)
class ParameterInfo:
    """Documentation of one policy parameter: its confidence tag and why the default was chosen."""

    key: str
    tag: Confidence
    why: str

    @property
    def citation(self) -> Citation:
        """Return the citation reasons use when they rest on this parameter."""
        return policy_citation(self.key, self.tag)


_S, _U, _H, _C = Confidence.SECONDARY, Confidence.UNCONFIRMED, Confidence.HISTORICAL, Confidence.CONFIRMED

PARAMETERS: dict[str, ParameterInfo] = {
    p.key: p
    for p in (
        ParameterInfo("rounding_mode", _S, "NĐ 98 Điều 53 says 'làm tròn số lên hàng chục nghìn' (ceiling)"),
        ParameterInfo("collective_multiplier_form", _U, "NĐ 91 Điều 73 k2 paid collectives 2× for GK/BK [H]"),
        ParameterInfo("household_multiplier", _S, "MoHA training on NĐ 152 (702.000 → 1.053.000 đ)"),
        ParameterInfo("knc_coefficient", _U, "NĐ 152 caps Kỷ niệm chương at 0.6 (one copy says 1.0)"),
        ParameterInfo("gdvh_coefficient", _U, "No coefficient found for Gia đình văn hóa; certificate only"),
        ParameterInfo("coefficient_overrides", _U, "Province-specific coefficients where allowed; none"),
        ParameterInfo("evaluation_year_type", _S, "Calendar year by default; school year in education"),
        ParameterInfo("ldtt_min_service_months", _S, "TT 01/2024: not considered if recruited < 6 months"),
        ParameterInfo("ldtt_counts_maternity", _S, "NĐ 152 Điều 4 as quoted: maternity leave counts"),
        ParameterInfo("ldtt_counts_training", _S, "TT 01/2024: compliant training counts as work time"),
        ParameterInfo(
            "tenure_continuous_across_contract", _S, "MoHA answer (Lao Động): contract then appointment"
        ),
        ParameterInfo("cstdcs_requires_initiative", _U, "Off: Luật 2022 Điều 23 makes a sáng kiến optional"),
        ParameterInfo("amending_law_layer", _U, "Off: the amending law is unverified"),
        ParameterInfo("cap_cstdcs_pct_of_ldtt", _H, "National 15% cap (NĐ 91 Điều 9 k3) removed; none"),
        ParameterInfo("cap_cstd_tinh_pct_of_cstdcs", _H, "Old 10% practice; none"),
        ParameterInfo("cstd_chain_reuse_years", _U, "Conservative: a CSTĐCS year serves one CSTĐ tỉnh chain"),
        ParameterInfo("bk_tinh_initiatives_both_branches", _U, "Conservative reading of Điều 74 k1 d"),
        ParameterInfo("bk_tinh_initiatives_required", _C, "Điều 74 k1 d: 02 sáng kiến or 02 đề tài"),
        ParameterInfo("bk_ttg_years", _S, "Điều 73 k1 b: 05 consecutive years ≥ HTT"),
        ParameterInfo("bk_ttg_cstdcs", _S, "Điều 73 k1 b: 03 CSTĐCS in those years"),
        ParameterInfo("ttldtt_min_ldtt_ratio", _U, "Old Điều 28 c: more than 50% LĐTT (strict)"),
        ParameterInfo(
            "ttldtt_bar_member_discipline_from", _U, "Old Điều 28 c: no member disciplined ≥ cảnh cáo"
        ),
        ParameterInfo("ttldxs_min_ldtt_ratio", _S, "Điều 27: at least 70% LĐTT (inclusive)"),
        ParameterInfo("ttldxs_htnv_ratio", _S, "Điều 27: 100% of members HTNV"),
        ParameterInfo("ttldxs_min_cstdcs", _S, "Điều 27: at least one CSTĐCS"),
        ParameterInfo("ttldxs_bar_member_discipline_from", _U, "Old rule kept as conservative default"),
        ParameterInfo("ttldxs_requires_prior_ttldtt", _H, "Old practice; not a current rule"),
        ParameterInfo("chain_cross_authority", _U, "Logical reading of Điều 95; districts abolished 2025"),
        ParameterInfo(
            "chain_counts_pre2024", _U, "Điều 95 keeps pre-2024 awards; common practice counts them"
        ),
        ParameterInfo("unit_dissolved_block", _S, "TT 15/2025: no award to units dissolved in 2025"),
        ParameterInfo("supplement_clock_mode", _U, "Deadline runs from a complete dossier: restart"),
        ParameterInfo("nd152_valid_to", _U, "vbpl metadata shows 01/03/2027; reason unknown: warn after"),
        ParameterInfo("public_notice_days_high", _S, "NĐ 98 Điều 46 k2 / NĐ 152 Điều 44 k2"),
        ParameterInfo("ineligible_answer_days", _S, "Ward procedure example: 5 working days"),
    )
}

assert set(PARAMETERS) == set(_CONVERTERS) == {f.name for f in dataclasses.fields(Policy)}

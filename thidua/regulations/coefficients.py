"""Prize coefficients (hệ số × mức lương cơ sở) by award, subject and decree (regulations.md §8.2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from thidua.regulations import citations as c
from thidua.regulations.authority import Office
from thidua.regulations.catalogue import REFORM_DAY, award
from thidua.regulations.citations import Citation, Confidence
from thidua.regulations.kinds import SubjectKind
from thidua.regulations.policy import PARAMETERS, Policy
from thidua.regulations.versions import NoRuleInForceError, RegulationError

_C, _S, _H, _U = Confidence.CONFIRMED, Confidence.SECONDARY, Confidence.HISTORICAL, Confidence.UNCONFIRMED
_I, _CO = SubjectKind.INDIVIDUAL, SubjectKind.COLLECTIVE


@dataclass(frozen=True, slots=True)
class Era:
    """A decree whose coefficient table applies between two decision dates."""

    instrument: str
    valid_from: date
    valid_to: date | None
    article: int | None
    principles: Citation  # the article on rounding and multiple awards

    def covers(self, on: date) -> bool:
        """Return True when a decision signed on ``on`` falls in this era."""
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


ND91 = Era(c.ND_91_2017, date(2017, 7, 31), date(2023, 12, 31), None, Citation(c.ND_91_2017, 68, 2, tag=_H))
ND98 = Era(c.ND_98_2023, date(2024, 1, 1), date(2025, 6, 30), None, Citation(c.ND_98_2023, 53, tag=_S))
ND152 = Era(c.ND_152_2025, REFORM_DAY, None, 50, Citation(c.ND_152_2025, 49, tag=_S))
ERAS = (ND91, ND98, ND152)

_HC = {
    "HC_SAO_VANG": ("46", "92"),
    "HC_HCM": ("30.5", "61"),
    "HCDL_1": ("15", "30"),
    "HCDL_2": ("12.5", "25"),
    "HCDL_3": ("10.5", "21"),
    "HCLD_1": ("9", "18"),
    "HCLD_2": ("7.5", "15"),
    "HCLD_3": ("4.5", "9"),
}


def _modern_table(bk_tinh: str) -> dict[tuple[str, SubjectKind], tuple[Decimal, Confidence]]:
    table: dict[tuple[str, SubjectKind], tuple[Decimal, Confidence]] = {
        ("CSTD_TQ", _I): (Decimal("4.5"), _C),
        ("CSTD_TINH", _I): (Decimal(3), _C),
        ("CSTDCS", _I): (Decimal(1), _C),
        ("LDTT", _I): (Decimal("0.3"), _C),
        ("CSTT", _I): (Decimal("0.3"), _C),
        ("CO_CP", _CO): (Decimal(12), _C),
        ("CO_TINH", _CO): (Decimal(8), _C),
        ("TTLDXS", _CO): (Decimal("1.5"), _C),
        ("DVQT", _CO): (Decimal("1.5"), _C),
        ("TTLDTT", _CO): (Decimal("0.8"), _C),
        ("DVTT", _CO): (Decimal("0.8"), _C),
        ("XA_TIEU_BIEU", SubjectKind.COMMUNE): (Decimal(2), _S),
        ("THON_VH", SubjectKind.VILLAGE): (Decimal("1.5"), _S),
        ("BK_TTG", _I): (Decimal("3.5"), _S),
        ("BK_TINH", _I): (Decimal(bk_tinh), _S),
    }
    for code, (ind, col) in _HC.items():
        table[code, _I] = (Decimal(ind), _S)
        table[code, _CO] = (Decimal(col), _S)
    return table


_TABLES: dict[str, dict[tuple[str, SubjectKind], tuple[Decimal, Confidence]]] = {
    c.ND_91_2017: {
        ("LDTT", _I): (Decimal("0.3"), _H),
        ("CSTT", _I): (Decimal("0.3"), _H),
        ("TTLDTT", _CO): (Decimal("0.8"), _H),
        ("DVTT", _CO): (Decimal("0.8"), _H),
        ("BK_TINH", _I): (Decimal(1), _H),
    },
    c.ND_98_2023: _modern_table("1"),
    c.ND_152_2025: _modern_table("1.5"),
}
# Mark the values regulations.md §8.2 calls "presumed" under NĐ 98.
_TABLES[c.ND_98_2023]["XA_TIEU_BIEU", SubjectKind.COMMUNE] = (Decimal(2), _U)
_TABLES[c.ND_98_2023]["THON_VH", SubjectKind.VILLAGE] = (Decimal("1.5"), _U)

_ISSUER_DEPENDENT_GK = (c.ND_91_2017, c.ND_98_2023)
_MULTIPLIED_FORMS = frozenset({"GIAY_KHEN", "BK_TINH", "BK_TTG"})
_HOUSEHOLD_FORMS = frozenset({"GIAY_KHEN", "BK_TINH"})


@dataclass(frozen=True, slots=True)
class Coefficient:
    """The coefficient used for one award, and where it comes from."""

    value: Decimal
    citations: tuple[Citation, ...]
    era: Era


def era_on(on: date) -> Era:
    """Return the decree era a decision signed on ``on`` belongs to."""
    for era in ERAS:
        if era.covers(on):
            return era
    raise NoRuleInForceError(f"No prize-money decree is recorded for {on.isoformat()}")


def coefficient(
    code: str, subject: SubjectKind, on: date, *, policy: Policy, issuer: Office | None = None
) -> Coefficient:
    """Return the coefficient for ``code`` awarded to ``subject`` by a decision signed on ``on``."""
    award_type = award(code)
    if subject not in award_type.subject_kinds:
        kinds = ", ".join(sorted(award_type.subject_kinds))
        raise RegulationError(f"{code} is not awarded to a {subject} subject (allowed: {kinds})")
    era = era_on(on)
    override = policy.coefficient_overrides.get(f"{code}:{subject.value}")
    if override is not None:
        return Coefficient(override, (PARAMETERS["coefficient_overrides"].citation,), era)
    if code == "KNC":
        return Coefficient(policy.knc_coefficient, (PARAMETERS["knc_coefficient"].citation,), era)
    if code == "GDVH":
        return Coefficient(policy.gdvh_coefficient, (PARAMETERS["gdvh_coefficient"].citation,), era)
    base_subject = subject
    if code in _MULTIPLIED_FORMS and subject in {SubjectKind.COLLECTIVE, SubjectKind.HOUSEHOLD}:
        base_subject = SubjectKind.INDIVIDUAL
    value, cite = _table_value(code, base_subject, era, issuer)
    citations: tuple[Citation, ...] = (cite,)
    if base_subject is not subject:
        key = "collective_multiplier_form" if subject is SubjectKind.COLLECTIVE else "household_multiplier"
        if subject is SubjectKind.HOUSEHOLD and code not in _HOUSEHOLD_FORMS:
            raise RegulationError(f"No household coefficient is recorded for {code}")
        value *= getattr(policy, key)
        citations += (PARAMETERS[key].citation,)
    return Coefficient(value, citations, era)


def _table_value(
    code: str, subject: SubjectKind, era: Era, issuer: Office | None
) -> tuple[Decimal, Citation]:
    if code == "GIAY_KHEN" and subject is SubjectKind.INDIVIDUAL:
        if era.instrument in _ISSUER_DEPENDENT_GK:
            if issuer is None:
                raise RegulationError(
                    f"Giấy khen under {era.instrument}: the coefficient depends on the issuer "
                    "(0.15 for the Chủ tịch UBND xã, 0.3 for others); give the issuer office"
                )
            commune = issuer is Office.CT_UBND_XA
            tag = (_H if era is ND91 else _S) if commune else (_H if era is ND91 else _U)
            return Decimal("0.15") if commune else Decimal("0.3"), Citation(
                era.instrument, era.article, tag=tag
            )
        return Decimal("0.3"), Citation(era.instrument, era.article, tag=_S)
    entry = _TABLES[era.instrument].get((code, subject))
    if entry is None:
        raise RegulationError(f"No coefficient is recorded for {code} ({subject}) under {era.instrument}")
    value, tag = entry
    return value, Citation(era.instrument, era.article, tag=tag)

"""Which awarding office a unit is, and which rule pack prices its decisions."""

from thidua.organization.models import DISTRICT_LEVEL, PROVINCE_LEVEL, AdminUnit, DivisionType, Unit, UnitKind
from thidua.regulations import Office, RegulationError, RulePack, load_rule_pack

_COMMUNE_LEVEL = {DivisionType.XA, DivisionType.PHUONG, DivisionType.DAC_KHU, DivisionType.THI_TRAN}


def _division(unit: Unit) -> str | None:
    node: Unit | None = unit
    while node is not None:
        if node.admin_unit_id is not None and node.admin_unit is not None:
            return str(node.admin_unit.division_type)
        node = node.parent
    return None


def office_for_unit(unit: Unit) -> Office:
    """Return the awarding office of a deciding body: the chairperson of its People's Committee, a head
    of a provincial department, or an enterprise director."""
    if unit.kind in (UnitKind.ENTERPRISE, UnitKind.COOPERATIVE):
        return Office.GD_DN
    if unit.kind == UnitKind.SPECIALISED_OFFICE and unit.parent is not None:
        parent_division = _division(unit.parent)
        if parent_division in PROVINCE_LEVEL:
            return Office.THU_TRUONG_SO
    division = _division(unit)
    if division in PROVINCE_LEVEL:
        return Office.CT_UBND_TINH
    if division in DISTRICT_LEVEL:
        return Office.CT_UBND_HUYEN
    if division in _COMMUNE_LEVEL:
        return Office.CT_UBND_XA
    name = unit.name.casefold()
    if " tỉnh " in f" {name} " or "thành phố trung ương" in name:
        return Office.CT_UBND_TINH
    if any(f" {w} " in f" {name} " for w in ("huyện", "quận", "thị xã")):
        return Office.CT_UBND_HUYEN
    return Office.CT_UBND_XA


def province_code(unit: Unit) -> str | None:
    """Return the two-digit code of the province the unit lies in, when its tree says so."""
    node: Unit | None = unit
    while node is not None:
        if node.admin_unit_id is not None:
            admin: AdminUnit | None = node.admin_unit
            while admin is not None:
                if admin.division_type in PROVINCE_LEVEL:
                    return admin.code
                admin = admin.parent
        node = node.parent
    return None


def rules_for_unit(unit: Unit) -> RulePack:
    """Return the rule pack for the unit's province when one is in force, else the national pack.

    Example packs (status "example", such as the Lai Châu sample) are never used to price real decisions.
    """
    code = province_code(unit)
    if code:
        try:
            pack = load_rule_pack(province_code=code)
        except RegulationError:
            pack = None
        if pack is not None and not pack.example:
            return pack
    return load_rule_pack()

"""What the law and the local policy say for a proposal: rule pack, deciding office, deadlines."""

from collections.abc import Iterable
from datetime import date

from django.conf import settings

from thidua.organization.models import DISTRICT_LEVEL, PROVINCE_LEVEL, AdminUnit, DivisionType, Unit, UnitKind
from thidua.regulations import ClockMode, Pause, RulePack, WorkingCalendar, load_rule_pack
from thidua.regulations.authority import Office
from thidua.regulations.policy import Threshold
from thidua.regulations.versions import RegulationError

from .checks import parse_thresholds

COMMUNE_LEVEL = {DivisionType.XA, DivisionType.PHUONG, DivisionType.DAC_KHU, DivisionType.THI_TRAN}
# No national processing deadline exists (regulations.md §12); 20 working days is the common
# provincial figure (e.g. Cần Thơ 1.012379.H13) and is used when the province pack sets none.
DEFAULT_PROCESSING_DAYS = 20


def _admin_unit(unit: Unit) -> AdminUnit | None:
    node: Unit | None = unit
    while node is not None:
        if node.admin_unit_id is not None:
            return node.admin_unit
        node = node.parent
    return None


def province_code_of(unit: Unit) -> str | None:
    """Return the two-digit code of the province the unit belongs to, if known."""
    admin = _admin_unit(unit)
    while admin is not None and admin.division_type not in PROVINCE_LEVEL:
        admin = admin.parent
    return admin.code if admin is not None else None


def rules_for(unit: Unit) -> RulePack:
    """Return the rule pack of the unit's province, or the national pack when the province has none."""
    code = province_code_of(unit)
    if code is not None:
        try:
            return load_rule_pack(province_code=code)
        except RegulationError:
            pass
    return load_rule_pack()


def office_of(unit: Unit) -> Office | None:
    """Return the awarding office whose head leads ``unit`` (None when the tree does not say)."""
    if unit.kind in {UnitKind.ENTERPRISE, UnitKind.COOPERATIVE}:
        return Office.GD_DN
    if unit.kind == UnitKind.SPECIALISED_OFFICE and unit.parent is not None:
        parent_admin = unit.parent.admin_unit
        if parent_admin is not None and parent_admin.division_type in PROVINCE_LEVEL:
            return Office.THU_TRUONG_SO
        return None
    if unit.kind != UnitKind.PEOPLES_COMMITTEE or unit.admin_unit is None:
        return None
    division = unit.admin_unit.division_type
    if division in COMMUNE_LEVEL:
        return Office.CT_UBND_XA
    if division in DISTRICT_LEVEL:
        return Office.CT_UBND_HUYEN
    if division in PROVINCE_LEVEL:
        return Office.CT_UBND_TINH
    return None


def processing_days(rules: RulePack) -> int:
    """Return the processing time in working days: the longest the province pack sets, else 20."""
    days = [p.value for p in rules.procedures.values() if p.unit == "working_days"]
    return max(days, default=DEFAULT_PROCESSING_DAYS)


def priority_thresholds() -> dict[str, Threshold | None]:
    """Return the warning thresholds for the priority shares (``THIDUA_PRIORITY_THRESHOLDS``)."""
    return parse_thresholds(getattr(settings, "THIDUA_PRIORITY_THRESHOLDS", None))


def due_date(
    calendar: WorkingCalendar,
    *,
    submitted_on: date,
    days: int,
    pauses: Iterable[tuple[date, date | None]],
    clock_mode: ClockMode,
) -> date | None:
    """Return the due date, or None while a supplement request is open (the clock is paused)."""
    closed: list[Pause] = []
    for start, end in pauses:
        if end is None:
            return None
        closed.append(Pause(start, max(start, end)))
    return calendar.add_working_days(submitted_on, days, pauses=closed, clock_mode=clock_mode).due


def paused_working_days(calendar: WorkingCalendar, pauses: Iterable[tuple[date, date | None]]) -> int:
    """Return the working days spent waiting for supplements (closed requests only)."""
    return sum(calendar.working_days_between(s, e) for s, e in pauses if e is not None)


def working_days_left(calendar: WorkingCalendar, *, on: date, due: date) -> int:
    """Return the working days from ``on`` to ``due`` (negative when overdue)."""
    if on <= due:
        return calendar.working_days_between(on, due)
    return -calendar.working_days_between(due, on)

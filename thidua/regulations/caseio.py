"""Parse a JSON case (the ``check`` command's input) into a :class:`Case`, strictly."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from thidua.regulations.authority import Office
from thidua.regulations.catalogue import award
from thidua.regulations.eligibility.case import (
    AwardRecord,
    Case,
    CollectiveCounts,
    DisciplineRecord,
    Flags,
    HistoryYear,
    Leave,
    Person,
)
from thidua.regulations.kinds import AwardBasis, DisciplineForm, LeaveKind, Rating, Scope, SubjectKind
from thidua.regulations.versions import RegulationError

_CASE_KEYS = {
    "award", "subject", "year", "on", "person", "history", "discipline", "flags", "collective", "province",
    "policy", "achievement", "attestations",
}  # fmt: skip


def _obj(
    value: object, where: str, allowed: set[str] | None, required: AbstractSet[str] = frozenset()
) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise RegulationError(f"{where}: expected an object")
    unknown = set() if allowed is None else set(value) - allowed
    if unknown:
        raise RegulationError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    missing = required - set(value)
    if missing:
        raise RegulationError(f"{where}: missing field(s) {', '.join(sorted(missing))}")
    return value


def _int(value: object, where: str, *, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise RegulationError(f"{where}: expected an integer ≥ {minimum}, got {value!r}")
    return value


def _bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise RegulationError(f"{where}: expected true or false, got {value!r}")
    return value


def _date(value: object, where: str) -> date:
    if not isinstance(value, str):
        raise RegulationError(f"{where}: expected a date YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RegulationError(f"{where}: expected a date YYYY-MM-DD, got {value!r}") from None


def _opt_date(value: object, where: str) -> date | None:
    return None if value is None else _date(value, where)


def _enum[E: StrEnum](cls: type[E], value: object, where: str) -> E:
    if isinstance(value, str):
        try:
            return cls(value)
        except ValueError:
            pass
    raise RegulationError(f"{where}: expected one of {', '.join(m.value for m in cls)}, got {value!r}")


def _award_record(value: object, where: str) -> AwardRecord:
    if isinstance(value, str):
        award(value)
        return AwardRecord(value)
    data = _obj(value, where, {"code", "revoked", "authority", "basis", "achievement"}, {"code"})
    code = data["code"]
    if not isinstance(code, str):
        raise RegulationError(f"{where}.code: expected an award code")
    award(code)
    return AwardRecord(
        code,
        _bool(data.get("revoked", False), f"{where}.revoked"),
        None if data.get("authority") is None else _enum(Office, data["authority"], f"{where}.authority"),
        _enum(AwardBasis, data.get("basis", "merit"), f"{where}.basis"),
        None if data.get("achievement") is None else str(data["achievement"]),
    )


def _history_year(value: object, where: str) -> HistoryYear:
    keys = {
        "year", "rating", "titles", "forms", "initiatives", "initiative_scope", "research", "research_scope",
        "combat_ingenuity",
    }  # fmt: skip
    data = _obj(value, where, keys, {"year"})
    awards: list[AwardRecord] = []
    for key in ("titles", "forms"):
        items = data.get(key, [])
        if not isinstance(items, list):
            raise RegulationError(f"{where}.{key}: expected a list of award codes")
        awards += [_award_record(item, f"{where}.{key}[{i}]") for i, item in enumerate(items)]
    return HistoryYear(
        _int(data["year"], f"{where}.year", minimum=1945),
        None if data.get("rating") is None else _enum(Rating, data["rating"], f"{where}.rating"),
        tuple(awards),
        _int(data.get("initiatives", 0), f"{where}.initiatives"),
        None
        if data.get("initiative_scope") is None
        else _enum(Scope, data["initiative_scope"], f"{where}.initiative_scope"),
        _int(data.get("research", 0), f"{where}.research"),
        None
        if data.get("research_scope") is None
        else _enum(Scope, data["research_scope"], f"{where}.research_scope"),
        _bool(data.get("combat_ingenuity", False), f"{where}.combat_ingenuity"),
    )


def _list(value: object, where: str) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RegulationError(f"{where}: expected a list")
    return value


def parse_case(data: object) -> tuple[Case, str | None, Mapping[str, object]]:
    """Return (case, province code or None, policy overrides) from decoded JSON; raise RegulationError."""
    root = _obj(data, "case", _CASE_KEYS, {"award", "subject", "year", "on"})
    code = root["award"]
    if not isinstance(code, str):
        raise RegulationError("award: expected an award code")
    award(code)
    person_data = _obj(
        root.get("person", {}), "person", {"recruited_on", "continuous_service_from", "leaves"}
    )
    leaves = []
    for i, item in enumerate(_list(person_data.get("leaves"), "person.leaves")):
        lv = _obj(item, f"person.leaves[{i}]", {"kind", "from", "to"}, {"kind", "from", "to"})
        leaves.append(
            Leave(
                _enum(LeaveKind, lv["kind"], f"person.leaves[{i}].kind"),
                _date(lv["from"], f"person.leaves[{i}].from"),
                _date(lv["to"], f"person.leaves[{i}].to"),
            )
        )
    person = Person(
        _opt_date(person_data.get("recruited_on"), "person.recruited_on"),
        _opt_date(person_data.get("continuous_service_from"), "person.continuous_service_from"),
        tuple(leaves),
    )
    history = tuple(
        _history_year(h, f"history[{i}]") for i, h in enumerate(_list(root.get("history"), "history"))
    )
    discipline = []
    for i, item in enumerate(_list(root.get("discipline"), "discipline")):
        d = _obj(item, f"discipline[{i}]", {"form", "from", "to"}, {"form", "from"})
        discipline.append(
            DisciplineRecord(
                _enum(DisciplineForm, d["form"], f"discipline[{i}].form"),
                _date(d["from"], f"discipline[{i}].from"),
                _opt_date(d.get("to"), f"discipline[{i}].to"),
            )
        )
    flag_keys = {"under_investigation", "pending_complaint", "discipline_pending", "unit_dissolved"}
    flag_data = _obj(root.get("flags", {}), "flags", flag_keys)
    flags = Flags(**{k: _bool(v, f"flags.{k}") for k, v in flag_data.items()})
    collective = None
    if root.get("collective") is not None:
        count_keys = {"members", "members_completed", "members_ldtt", "members_cstdcs", "members_disciplined"}
        col = _obj(root["collective"], "collective", {"rating", *count_keys}, {"members"})
        members = _int(col["members"], "collective.members", minimum=1)
        collective = CollectiveCounts(
            None if col.get("rating") is None else _enum(Rating, col["rating"], "collective.rating"),
            members,
            _int(col.get("members_completed", members), "collective.members_completed"),
            _int(col.get("members_ldtt", 0), "collective.members_ldtt"),
            _int(col.get("members_cstdcs", 0), "collective.members_cstdcs"),
            _int(col.get("members_disciplined", 0), "collective.members_disciplined"),
        )
    attestations = _obj(root.get("attestations", {}), "attestations", None)
    province = root.get("province")
    if province is not None and not isinstance(province, (str, int)):
        raise RegulationError('province: expected a province code such as "12" or null')
    policy = _obj(root.get("policy", {}), "policy", None)
    case = Case(
        code,
        _enum(SubjectKind, root["subject"], "subject"),
        _int(root["year"], "year", minimum=1945),
        _date(root["on"], "on"),
        person,
        history,
        tuple(discipline),
        flags,
        collective,
        None if root.get("achievement") is None else str(root["achievement"]),
        MappingProxyType({str(k): _bool(v, f"attestations.{k}") for k, v in attestations.items()}),
    )
    return case, None if province is None else str(province), policy

"""Rule packs: the national pack plus an optional province pack, as plain data (YAML).

A pack holds what the law delegates or leaves open: policy parameters, voting overrides per award
and per council, detailed criteria checklists, procedure deadlines and calendar overrides. Packs live
in ``thidua/regulations/packs/``; the Django side may also build one from its database with
:func:`rule_pack_from_data`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

import yaml

from thidua.regulations.policy import Policy
from thidua.regulations.versions import RegulationError
from thidua.regulations.voting import VotingRule, default_voting_rule, voting_rule_with
from thidua.regulations.workdays import CalendarOverride, OverrideKind, WorkingCalendar

PACKS_DIR = Path(__file__).parent / "packs"
_PACK_KEYS = frozenset({
    "pack", "name", "province_code", "status", "note", "policy", "voting", "criteria", "procedures",
    "calendar_overrides",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Criterion:
    """One detailed criterion a province sets for an award; attested by people, not computed."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class ProcedureDeadline:
    """A processing deadline of an administrative procedure."""

    code: str
    name: str
    value: int
    unit: str  # "working_days" or "calendar_days"
    start_event: str = "nhận đủ hồ sơ hợp lệ"


@dataclass(frozen=True)
class RulePack:
    """The rules in force for one province (or nationally when ``province_code`` is None)."""

    policy: Policy = field(default_factory=Policy)
    province_code: str | None = None
    name: str = "Quốc gia"
    example: bool = False
    voting_awards: Mapping[str, Mapping[str, object]] = field(default_factory=lambda: MappingProxyType({}))
    voting_councils: Mapping[str, Mapping[str, Mapping[str, object]]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    criteria: Mapping[str, tuple[Criterion, ...]] = field(default_factory=lambda: MappingProxyType({}))
    procedures: Mapping[str, ProcedureDeadline] = field(default_factory=lambda: MappingProxyType({}))
    calendar_overrides: tuple[CalendarOverride, ...] = ()
    sources: tuple[str, ...] = ()

    @cached_property
    def calendar(self) -> WorkingCalendar:
        """Return the working calendar with this pack's overrides."""
        return WorkingCalendar(self.calendar_overrides)

    def with_policy(self, overrides: Mapping[str, object]) -> RulePack:
        """Return a copy whose policy has ``overrides`` applied (e.g. a case's own overrides)."""
        if not overrides:
            return self
        return RulePack(
            self.policy.with_overrides(overrides), self.province_code, self.name, self.example,
            self.voting_awards, self.voting_councils, self.criteria, self.procedures,
            self.calendar_overrides, self.sources,
        )  # fmt: skip

    def voting_rule(self, award_code: str, on: date, *, council: str | None = None) -> VotingRule:
        """Return the voting rule: national default, then the pack's award override, then the council's."""
        rule = default_voting_rule(award_code, on)
        for layer in (self.voting_awards.get("*"), self.voting_awards.get(award_code)):
            if layer:
                rule = voting_rule_with(rule, layer)
        if council is not None:
            council_rules = self.voting_councils.get(council, {})
            for layer in (council_rules.get("*"), council_rules.get(award_code)):
                if layer:
                    rule = voting_rule_with(rule, layer)
        return rule


def _mapping(value: object, where: str) -> Mapping[str, object]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise RegulationError(f"{where} must be a mapping")
    return value


def _merge(pack: RulePack, data: Mapping[str, object], source: str) -> RulePack:
    unknown = set(data) - _PACK_KEYS
    if unknown:
        raise RegulationError(f"{source}: unknown keys {sorted(unknown)}")
    policy = pack.policy.with_overrides(_mapping(data.get("policy"), f"{source}: policy"))
    voting = _mapping(data.get("voting"), f"{source}: voting")
    awards = dict(pack.voting_awards)
    awards.update({str(k): _mapping(v, f"{source}: voting.awards") for k, v in
                   _mapping(voting.get("awards"), f"{source}: voting.awards").items()})  # fmt: skip
    councils = dict(pack.voting_councils)
    for council, per_award in _mapping(voting.get("councils"), f"{source}: voting.councils").items():
        councils[str(council)] = {
            str(k): _mapping(v, f"{source}: voting.councils") for k, v in _mapping(per_award, source).items()
        }
    criteria = dict(pack.criteria)
    for code, items in _mapping(data.get("criteria"), f"{source}: criteria").items():
        if not isinstance(items, list):
            raise RegulationError(f"{source}: criteria.{code} must be a list")
        criteria[str(code)] = tuple(Criterion(str(i["id"]), str(i["text"])) for i in items)
    procedures = dict(pack.procedures)
    for code, raw in _mapping(data.get("procedures"), f"{source}: procedures").items():
        p = _mapping(raw, f"{source}: procedures.{code}")
        unit = str(p.get("unit", "working_days"))
        if unit not in {"working_days", "calendar_days"}:
            raise RegulationError(f"{source}: procedures.{code}.unit must be working_days or calendar_days")
        value = p.get("value")
        if not isinstance(value, int) or isinstance(value, bool):
            raise RegulationError(f"{source}: procedures.{code}.value must be an integer")
        procedures[str(code)] = ProcedureDeadline(
            str(code), str(p.get("name", "")), value, unit, str(p.get("start_event", "nhận đủ hồ sơ hợp lệ"))
        )
    overrides = list(pack.calendar_overrides)
    raw_overrides = data.get("calendar_overrides") or []
    if not isinstance(raw_overrides, list):
        raise RegulationError(f"{source}: calendar_overrides must be a list")
    for raw in raw_overrides:
        o = _mapping(raw, f"{source}: calendar_overrides")
        day = o.get("date")
        overrides.append(
            CalendarOverride(
                day if isinstance(day, date) else date.fromisoformat(str(day)),
                OverrideKind(str(o.get("kind"))),
                str(o.get("note", "")),
                str(o.get("legal_basis", "")),
            )
        )
    province_code = data.get("province_code", pack.province_code)
    return RulePack(
        policy,
        None if province_code is None else normalise_province_code(province_code),
        str(data.get("name", pack.name)),
        pack.example or data.get("status") == "example",
        MappingProxyType(awards),
        MappingProxyType(councils),
        MappingProxyType(criteria),
        MappingProxyType(procedures),
        tuple(overrides),
        (*pack.sources, source),
    )


def normalise_province_code(code: object) -> str:
    """Return a province code as two digits ("12"); raise RegulationError when it is not one."""
    text = str(code).strip()
    if not text.isdigit() or len(text) > 2:
        raise RegulationError(f"Bad province code {code!r}: expected two digits such as '12'")
    return text.zfill(2)


def rule_pack_from_data(
    national: Mapping[str, object], province: Mapping[str, object] | None = None
) -> RulePack:
    """Build a pack from plain data (the parsed YAML, or rows from the database)."""
    try:
        pack = _merge(RulePack(), national, "national")
        if province is not None:
            pack = _merge(pack, province, f"province {province.get('province_code', '?')}")
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, RegulationError):
            raise
        raise RegulationError(f"Bad rule pack: {exc}") from None
    return pack


def _read_yaml(path: Path) -> Mapping[str, object]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return _mapping(data, str(path.name))


@functools.lru_cache(maxsize=64)
def load_rule_pack(national: str = "national", province_code: str | None = None) -> RulePack:
    """Load ``packs/<national>.yaml`` and, when given, ``packs/provinces/<code>.yaml``."""
    national_path = PACKS_DIR / f"{national}.yaml"
    if not national_path.is_file():
        raise RegulationError(f"No national rule pack named {national!r}")
    province = None
    if province_code is not None:
        code = normalise_province_code(province_code)
        path = PACKS_DIR / "provinces" / f"{code}.yaml"
        if not path.is_file():
            raise RegulationError(f"No rule pack for province {code}")
        province = _read_yaml(path)
    return rule_pack_from_data(_read_yaml(national_path), province)

"""The voting rule a council applies: the regulations engine's pack, the council's key and its own rules."""

from datetime import date

from thidua.council.models import Council
from thidua.organization.models import PROVINCE_LEVEL, AdminUnit, Unit
from thidua.regulations import load_rule_pack
from thidua.regulations.rulepack import RulePack
from thidua.regulations.versions import RegulationError
from thidua.regulations.voting import VotingRule, voting_rule_with


def _admin_unit_of(unit: Unit) -> AdminUnit | None:
    if unit.admin_unit_id:
        return unit.admin_unit
    ids = [int(p) for p in unit.path.strip("/").split("/") if p.isdigit()]
    ancestors = Unit.objects.filter(pk__in=ids, admin_unit__isnull=False).select_related("admin_unit")
    deepest = max(ancestors, key=lambda u: u.depth, default=None)
    return deepest.admin_unit if deepest else None


def province_code_of(unit: Unit) -> str | None:
    """Return the two-digit code of the province the unit lies in, when its tree says so."""
    admin = _admin_unit_of(unit)
    seen = 0
    while admin is not None and seen < 5:
        if admin.division_type in PROVINCE_LEVEL:
            return admin.code
        admin = admin.parent
        seen += 1
    return None


def rule_pack_for(council: Council) -> RulePack:
    """Return the rule pack of the council's province, or the national pack when it has none."""
    code = province_code_of(council.authority_unit)
    if code:
        try:
            return load_rule_pack(province_code=code)
        except RegulationError:
            pass
    return load_rule_pack()


def voting_rule_for(council: Council, award_code: str, on: date) -> VotingRule:
    """Return the rule for `award_code` at a session on `on`: pack, council key, then the working rules."""
    rule = rule_pack_for(council).voting_rule(award_code, on, council=council.rules_key or None)
    if council.voting_overrides:
        rule = voting_rule_with(rule, council.voting_overrides)
    return rule

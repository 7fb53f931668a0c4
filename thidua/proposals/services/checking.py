"""Run the nominee and list checks of a proposal and store each nominee's verdict with its reasons."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from thidua.core.audit import audit_record
from thidua.proposals import checks, dossier, eligibility, rules
from thidua.proposals.models import Nominee, Proposal, SubjectKind
from thidua.regulations import authorities_for
from thidua.regulations.rulepack import RulePack
from thidua.regulations.verdicts import Reason

from ._common import today

_RANK = {"not_met": 3, "review": 2}


@dataclass(frozen=True)
class ProposalChecks:
    """Everything the proposal page shows about the list, on one date."""

    on: date
    rules: RulePack
    list_checks: checks.ListChecks
    missing: list[dossier.MissingPart]
    nominees: list[Nominee]

    @property
    def blocking_duplicates(self) -> dict[int, tuple[Reason, ...]]:
        """Return the nominees whose duplicates block submission."""
        return self.list_checks.blocking


def verdict_json(engine: list[dict[str, Any]], extra: Iterable[Reason]) -> dict[str, Any]:
    """Return the stored verdict: the register's reasons, then the list's, and the overall verdict."""
    reasons = [*engine, *(r.to_dict() for r in extra)]
    worst = max((_RANK.get(str(r["outcome"]), 0) for r in reasons), default=0)
    verdict = {3: "not_eligible", 2: "needs_review"}.get(worst, "eligible")
    return {"verdict": verdict, "reasons": reasons, "engine": len(engine)}


def check_date(proposal: Proposal, on: date | None) -> date:
    """Return the date the rules are read on: the submission date once submitted, else ``on``."""
    return proposal.submitted_on or today(on)


def _facts(n: Nominee, registered: set[tuple[str, str, int]]) -> checks.NomineeFacts:
    key = eligibility.subject_key(n)
    person = n.person if n.subject_kind == SubjectKind.INDIVIDUAL else None
    return checks.NomineeFacts(
        key=n.pk,
        subject=key,
        award_code=n.award_code,
        year=n.year,
        individual=person is not None,
        woman=person is not None and person.sex == "F",
        direct_worker=person is not None and person.is_direct_worker,
        ethnic_minority=person is not None and person.ethnicity is not None and person.ethnicity.is_minority,
        in_register=(key, n.award_code, n.year) in registered,
    )


def run_checks(
    proposal: Proposal, *, on: date | None = None, recheck: set[int] | None = None, store: bool = True
) -> ProposalChecks:
    """Check the list; re-ask the register for ``recheck`` nominees (None: all) and store changed verdicts."""
    when = check_date(proposal, on)
    pack = rules.rules_for(proposal.authority_unit)
    nominees = list(
        proposal.nominees.filter(forwarded_to__isnull=True)
        .select_related("person__ethnicity", "unit", "household")
        .order_by("order", "id")
    )
    registered = eligibility.already_awarded(nominees)
    facts = [_facts(n, registered) for n in nominees]
    found = checks.check_list(
        facts,
        rules=pack,
        thresholds=rules.priority_thresholds(),
        authority_office=rules.office_of(proposal.authority_unit),
        on=when,
    )
    now = timezone.now()
    changed: list[Nominee] = []
    asked = [n for n in nominees if recheck is None or n.pk in recheck or not n.verdict]
    verdicts = eligibility.verdicts_for(asked, on=when, rules=pack)
    for n in nominees:
        stored = n.verdict or {}
        engine = list(stored.get("reasons", []))[: int(stored.get("engine", 0))]
        if n.pk in verdicts:
            engine = [r.to_dict() for r in verdicts[n.pk].reasons]
            n.checked_at = now
        new = verdict_json(engine, found.per_nominee.get(n.pk, ()))
        offices = [g.office.value for g in authorities_for(n.award_code, when)]
        if new != stored or offices != n.authority_offices:
            n.verdict, n.authority_offices = new, offices
            changed.append(n)
    if store and changed:
        Nominee.objects.bulk_update(changed, ["verdict", "checked_at", "authority_offices"], batch_size=500)
    return ProposalChecks(when, pack, found, missing_dossier_parts(proposal, nominees), nominees)


def missing_dossier_parts(proposal: Proposal, nominees: list[Nominee]) -> list[dossier.MissingPart]:
    """Return the required parts not attached (a proposal-level part covers the meeting minutes)."""
    kinds: dict[int | None, set[str]] = {}
    for nominee_id, kind in proposal.parts.values_list("nominee_id", "kind"):
        kinds.setdefault(nominee_id, set()).add(kind)
    return dossier.missing_parts(
        (dossier.NomineeParts(n.pk, n.award_code, frozenset(kinds.get(n.pk, ()))) for n in nominees),
        proposal_kinds=kinds.get(None, set()),
        simplified=proposal.simplified,
    )


@transaction.atomic
def proposal_check(*, actor: Any, proposal: Proposal, on: date | None = None) -> ProposalChecks:
    """Re-run every check of the proposal and store the nominees' verdicts."""
    result = run_checks(proposal, on=on)
    counts: dict[str, int] = {}
    for n in result.nominees:
        counts[n.verdict_kind] = counts.get(n.verdict_kind, 0) + 1
    audit_record(
        actor=actor, action="proposal.check", obj=proposal, after={"on": result.on.isoformat(), **counts}
    )
    return result

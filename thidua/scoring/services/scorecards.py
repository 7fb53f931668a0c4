"""Writes that build a scorecard: create or copy it, add groups and criteria while drafting, move it on."""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record, changed, snapshot
from thidua.core.errors import ValidationFailed
from thidua.core.text import clean_text
from thidua.scoring import workflow
from thidua.scoring.calculation import TieRule, check_formula
from thidua.scoring.models import (
    Cluster,
    ClusterMembership,
    Criterion,
    CriterionGroup,
    CriterionKind,
    CriterionSource,
    Formula,
    Scorecard,
    ScorecardEvent,
)
from thidua.scoring.permissions import is_cluster_manager
from thidua.scoring.services._common import authorise, clean_multiline, lock_scorecard, parse_points

CRITERION_FIELDS = (
    "code",
    "name",
    "max_points",
    "kind",
    "source",
    "indicator_code",
    "formula",
    "formula_params",
    "guidance",
    "position",
)


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, {field: [message]})


def _check_settings(
    *, bonus_cap: Any, tie_rules: Any, award_plan: Any
) -> tuple[Decimal | None, list[str], list[list[Any]]]:
    cap = None if bonus_cap in (None, "") else parse_points(bonus_cap, "bonus_cap", minimum=Decimal(0))
    rules = [str(r) for r in tie_rules]
    if any(r not in TieRule.__members__ for r in rules) or len(set(rules)) != len(rules):
        raise _invalid("tie_rules", _("Unknown or repeated tie rule."))
    plan: list[list[Any]] = []
    for item in award_plan:
        try:
            code, count = clean_text(str(item[0])).upper(), int(item[1])
        except (TypeError, ValueError, IndexError):
            raise _invalid("award_plan", _("Each award needs a code and a number of places.")) from None
        if not code or count < 0:
            raise _invalid("award_plan", _("Each award needs a code and a number of places."))
        plan.append([code, count])
    return cap, rules, plan


def _ensure_draft(scorecard: Scorecard) -> None:
    if not workflow.structure_editable(scorecard.status):
        raise ValidationFailed(_("Criteria can only change while the scorecard is a draft."))


@transaction.atomic
def scorecard_create(
    *,
    actor: Any,
    cluster: Cluster,
    year: int,
    title: str,
    bonus_cap: Any = None,
    tie_rules: Any = None,
    award_plan: Any = None,
) -> Scorecard:
    """Create a draft scorecard for `cluster` in `year` (the next version number for that year)."""
    cluster = Cluster.objects.select_for_update().select_related("owner").get(pk=cluster.pk)
    authorise(actor, is_cluster_manager(actor, cluster, year=year))
    title = clean_text(title)
    if not title:
        raise _invalid("title", _("The title is missing."))
    defaults = Scorecard()
    cap, rules, plan = _check_settings(
        bonus_cap=bonus_cap,
        tie_rules=defaults.tie_rules if tie_rules is None else tie_rules,
        award_plan=defaults.award_plan if award_plan is None else award_plan,
    )
    last = Scorecard.objects.filter(cluster=cluster, year=year).aggregate(v=Max("version"))["v"] or 0
    scorecard = Scorecard.objects.create(
        cluster=cluster,
        year=year,
        version=last + 1,
        title=title,
        bonus_cap=cap,
        tie_rules=rules,
        award_plan=plan,
    )
    audit_record(actor=actor, action="scorecard.create", obj=scorecard, after=snapshot(scorecard))
    return scorecard


@transaction.atomic
def scorecard_copy(*, actor: Any, source: Scorecard, year: int, title: str = "") -> Scorecard:
    """Start `year`'s scorecard as a draft copy of `source` (usually last year's), with its criteria."""
    scorecard = scorecard_create(
        actor=actor,
        cluster=source.cluster,
        year=year,
        title=title or source.title,
        bonus_cap=source.bonus_cap,
        tie_rules=source.tie_rules,
        award_plan=source.award_plan,
    )
    scorecard.based_on = source
    scorecard.save(update_fields=["based_on", "updated_at"])
    for group in source.groups.prefetch_related("criteria").order_by("number"):
        new_group = CriterionGroup.objects.create(scorecard=scorecard, number=group.number, name=group.name)
        Criterion.objects.bulk_create(
            Criterion(group=new_group, **{f: getattr(c, f) for f in CRITERION_FIELDS})
            for c in group.criteria.all()
        )
    audit_record(
        actor=actor, action="scorecard.copy", obj=scorecard, after={"based_on": source.pk, "year": year}
    )
    return scorecard


@transaction.atomic
def scorecard_update(*, actor: Any, scorecard: Scorecard, **fields: Any) -> Scorecard:
    """Change the title, bonus cap, tie rules or award plan (until the results are published)."""
    scorecard = lock_scorecard(scorecard)
    authorise(actor, is_cluster_manager(actor, scorecard.cluster, year=scorecard.year))
    before = snapshot(scorecard)
    if "title" in fields:
        scorecard.title = clean_text(fields.pop("title"))
        if not scorecard.title:
            raise _invalid("title", _("The title is missing."))
    if fields:
        if set(fields) - {"bonus_cap", "tie_rules", "award_plan"}:
            raise ValueError(f"not a scorecard setting: {sorted(fields)}")
        if workflow.verification_open(scorecard.status) and {"bonus_cap", "tie_rules"} & set(fields):
            raise ValidationFailed(_("The bonus cap and tie rules cannot change during verification."))
        cap, rules, plan = _check_settings(
            bonus_cap=fields.get("bonus_cap", scorecard.bonus_cap),
            tie_rules=fields.get("tie_rules", scorecard.tie_rules),
            award_plan=fields.get("award_plan", scorecard.award_plan),
        )
        scorecard.bonus_cap, scorecard.tie_rules, scorecard.award_plan = cap, rules, plan
    scorecard.save()
    old, new = changed(before, snapshot(scorecard))
    if old or new:
        audit_record(actor=actor, action="scorecard.update", obj=scorecard, before=old, after=new)
    return scorecard


@transaction.atomic
def group_add(*, actor: Any, scorecard: Scorecard, name: str, number: int | None = None) -> CriterionGroup:
    """Add a numbered group of criteria to a draft scorecard."""
    scorecard = lock_scorecard(scorecard)
    authorise(actor, is_cluster_manager(actor, scorecard.cluster, year=scorecard.year))
    _ensure_draft(scorecard)
    name = clean_text(name)
    if not name:
        raise _invalid("name", _("The group name is missing."))
    if number is None:
        number = (scorecard.groups.aggregate(n=Max("number"))["n"] or 0) + 1
    if scorecard.groups.filter(number=number).exists():
        raise _invalid("number", _("This group number is taken."))
    group = CriterionGroup.objects.create(scorecard=scorecard, number=number, name=name)
    audit_record(actor=actor, action="scorecard.group_add", obj=group, after=snapshot(group))
    return group


def _clean_criterion(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for text in ("code", "name", "indicator_code"):
        if text in out:
            out[text] = clean_text(out[text] or "")
    if "guidance" in out:
        out["guidance"] = clean_multiline(out["guidance"])
    if not out.get("code"):
        raise _invalid("code", _("The criterion code is missing."))
    if not out.get("name"):
        raise _invalid("name", _("The criterion is missing its wording."))
    out["max_points"] = parse_points(out.get("max_points"), "max_points", minimum=Decimal("0.01"))
    if out.get("kind") not in CriterionKind.values:
        raise _invalid("kind", _("Choose how the criterion counts."))
    if out.get("source") not in CriterionSource.values:
        raise _invalid("source", _("Choose where the score comes from."))
    if out["source"] == CriterionSource.TARGET:
        if not out.get("indicator_code"):
            raise _invalid("indicator_code", _("A target-derived criterion needs an indicator code."))
        if out.get("formula") not in Formula.values:
            raise _invalid("formula", _("Choose a formula."))
        try:
            check_formula(out["formula"], out.get("formula_params") or {})
        except ValueError as exc:
            raise _invalid("formula_params", _("The formula parameters are not valid: %s") % exc) from None
    out["formula_params"] = out.get("formula_params") or {}
    return out


@transaction.atomic
def criterion_add(*, actor: Any, group: CriterionGroup, **values: Any) -> Criterion:
    """Add a criterion to a group of a draft scorecard."""
    scorecard = lock_scorecard(group.scorecard)
    authorise(actor, is_cluster_manager(actor, scorecard.cluster, year=scorecard.year))
    _ensure_draft(scorecard)
    if set(values) - set(CRITERION_FIELDS):
        raise ValueError(f"not a criterion field: {sorted(set(values) - set(CRITERION_FIELDS))}")
    values.setdefault("kind", CriterionKind.BASE)
    values.setdefault("source", CriterionSource.MANUAL)
    values.setdefault("formula", Formula.LINEAR)
    data = _clean_criterion(values)
    if Criterion.objects.filter(group__scorecard=scorecard, code=data["code"]).exists():
        raise _invalid("code", _("This criterion code is already used in the scorecard."))
    if "position" not in data:
        data["position"] = group.criteria.count() + 1
    criterion = Criterion.objects.create(group=group, **data)
    audit_record(actor=actor, action="scorecard.criterion_add", obj=criterion, after=snapshot(criterion))
    return criterion


@transaction.atomic
def criterion_update(*, actor: Any, criterion: Criterion, **values: Any) -> Criterion:
    """Change a criterion of a draft scorecard."""
    scorecard = lock_scorecard(criterion.group.scorecard)
    authorise(actor, is_cluster_manager(actor, scorecard.cluster, year=scorecard.year))
    _ensure_draft(scorecard)
    criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
    before = snapshot(criterion)
    data = _clean_criterion({**{f: getattr(criterion, f) for f in CRITERION_FIELDS}, **values})
    clash = Criterion.objects.filter(group__scorecard=scorecard, code=data["code"]).exclude(pk=criterion.pk)
    if clash.exists():
        raise _invalid("code", _("This criterion code is already used in the scorecard."))
    for name, value in data.items():
        setattr(criterion, name, value)
    criterion.save()
    old, new = changed(before, snapshot(criterion))
    if old or new:
        audit_record(actor=actor, action="scorecard.criterion_update", obj=criterion, before=old, after=new)
    return criterion


@transaction.atomic
def criterion_delete(*, actor: Any, criterion: Criterion) -> None:
    """Remove a criterion from a draft scorecard."""
    scorecard = lock_scorecard(criterion.group.scorecard)
    authorise(actor, is_cluster_manager(actor, scorecard.cluster, year=scorecard.year))
    _ensure_draft(scorecard)
    audit_record(actor=actor, action="scorecard.criterion_delete", obj=criterion, before=snapshot(criterion))
    criterion.delete()


def transition(*, actor: Any, scorecard: Scorecard, command: str, note: str = "") -> Scorecard:
    """Move a locked scorecard on by `command`, writing the event and audit rows (caller holds the lock)."""
    try:
        target = workflow.next_state(scorecard.status, command)
    except workflow.TransitionRefused:
        raise ValidationFailed(_("This step is not possible now.")) from None
    source = scorecard.status
    scorecard.status = target
    scorecard.save(update_fields=["status", "updated_at"])
    ScorecardEvent.objects.create(
        scorecard=scorecard,
        command=command,
        from_status=source,
        to_status=target,
        actor=actor if getattr(actor, "pk", None) else None,
        occurred_at=timezone.now(),
        note=clean_multiline(note),
    )
    audit_record(
        actor=actor,
        action=f"scorecard.{command.lower()}",
        obj=scorecard,
        before={"status": source},
        after={"status": str(target)},
        reason=note,
    )
    return scorecard


@transaction.atomic
def scorecard_open(*, actor: Any, scorecard: Scorecard, note: str = "") -> Scorecard:
    """Open self-assessment: the criteria are final; the year must have members and base criteria."""
    scorecard = lock_scorecard(scorecard)
    authorise(actor, is_cluster_manager(actor, scorecard.cluster, year=scorecard.year))
    if not Criterion.objects.filter(group__scorecard=scorecard, kind=CriterionKind.BASE).exists():
        raise ValidationFailed(_("Add at least one scored criterion before opening."))
    if not ClusterMembership.objects.filter(cluster=scorecard.cluster, year=scorecard.year).exists():
        raise ValidationFailed(_("The cluster has no members in this year."))
    return transition(actor=actor, scorecard=scorecard, command=workflow.Command.OPEN, note=note)


@transaction.atomic
def scorecard_start_verification(*, actor: Any, scorecard: Scorecard, note: str = "") -> Scorecard:
    """Close self-assessment and start verification by the cluster head and Home Affairs."""
    scorecard = lock_scorecard(scorecard)
    authorise(actor, is_cluster_manager(actor, scorecard.cluster, year=scorecard.year))
    return transition(
        actor=actor, scorecard=scorecard, command=workflow.Command.START_VERIFICATION, note=note
    )


@transaction.atomic
def scorecard_reopen(*, actor: Any, scorecard: Scorecard, note: str) -> Scorecard:
    """Send the scorecard back to self-assessment (a reason is required)."""
    scorecard = lock_scorecard(scorecard)
    authorise(actor, is_cluster_manager(actor, scorecard.cluster, year=scorecard.year))
    if not clean_text(note):
        raise _invalid("note", _("Give a reason."))
    return transition(actor=actor, scorecard=scorecard, command=workflow.Command.REOPEN, note=note)

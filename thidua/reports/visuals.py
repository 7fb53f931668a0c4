"""Charts of the reports and the dashboard, built from the selectors' figures with translated words."""

from collections.abc import Sequence

from django.db.models import Q
from django.utils.translation import gettext as _

from thidua.core.formatting import format_number
from thidua.organization.models import Unit
from thidua.regulations.kinds import AwardKind
from thidua.reports import charts, selectors
from thidua.reports.charts import BulletItem, Chart, ShareItem
from thidua.reports.selectors import ClusterResult, ShareLine, TargetLine, YearReport


def share_label(group: str) -> str:
    """Return the name of a priority group."""
    return {
        "direct_workers": _("Direct workers"),
        "women": _("Women"),
        "ethnic_minorities": _("Ethnic minorities"),
    }.get(group, group)


def awards_by_year_chart(series: dict[int, dict[str, int]], *, key: str = "awards-by-year") -> Chart:
    """Stacked bars: valid awards per evaluation year, titles and forms."""
    years = sorted(series)
    return charts.stacked_bar_chart(
        key=key,
        title=_("Awards by year and kind"),
        desc=_(
            "Number of valid awards in your units per evaluation year; each bar stacks emulation titles "
            "and forms of commendation. Revoked awards are not counted."
        ),
        categories=[str(y) for y in years],
        series=[
            (_("Emulation titles"), charts.PALETTE[0], [series[y][AwardKind.TITLE.value] for y in years]),
            (_("Forms of commendation"), charts.PALETTE[1], [series[y][AwardKind.FORM.value] for y in years]),
        ],
        empty=_("No awards recorded for these years."),
        head=[_("Year"), _("Emulation titles"), _("Forms of commendation"), _("Total")],
    )


def shares_chart(lines: Sequence[ShareLine], *, year: int | None, key: str = "shares") -> Chart:
    """Horizontal bars: shares of direct workers, women and ethnic minorities against their thresholds."""
    items = [
        ShareItem(
            label=share_label(line.group),
            part=line.part,
            whole=line.whole,
            threshold_pct=line.threshold.pct if line.threshold else None,
            threshold_text=line.threshold.text if line.threshold else "",
            met=line.met,
        )
        for line in lines
    ]
    title = (
        _("Priority shares among individual awards, %(year)s") % {"year": year}
        if year
        else _("Priority shares among individual awards")
    )
    return charts.share_chart(
        key=key,
        title=title,
        desc=_(
            "Share of individual awards that went to direct workers, women and ethnic minorities. A dashed "
            "line marks the threshold set by the office, when there is one; green meets it, pink does not."
        ),
        items=items,
        empty=_("No individual awards in that year."),
        head=[_("Group"), _("Number of awards"), _("Individual awards"), _("Share"), _("Threshold")],
    )


def targets_chart(
    lines: Sequence[TargetLine], *, year: int | None, key: str = "targets", limit: int = 8
) -> Chart:
    """Progress bars: each target's completion of its plan, with a line at 100 %."""
    items = []
    for line in lines:
        if line.row.target.planned is None:
            continue
        ind = line.indicator
        actual = line.row.actual.value if line.row.actual is not None else None
        detail = _("Actual %(actual)s · Plan %(plan)s %(uom)s") % {
            "actual": "—" if actual is None else format_number(round(actual, ind.decimals)),
            "plan": format_number(round(line.row.target.planned, ind.decimals)),
            "uom": ind.unit_of_measure,
        }
        label = f"{line.unit.short_name or line.unit.name}: {ind.short_name or ind.name}"
        items.append(
            BulletItem(label, line.row.assessment.completion_pct, line.row.assessment.met_plan, detail)
        )
    title = _("Targets against plan, %(year)s") % {"year": year} if year else _("Targets against plan")
    return charts.bullet_chart(
        key=key,
        title=title,
        desc=_(
            "Completion of the plan for each target, in percent; the dashed line is 100%. Green met or "
            "exceeded the plan, pink fell short."
        ),
        items=items[:limit],
        empty=_("No targets with a plan for that year."),
        head=[_("Target"), _("Figures"), _("Completion")],
    )


def ranking_chart(result: ClusterResult | None, *, key: str = "ranking") -> Chart:
    """Horizontal bars: a cluster's published ranking, best first, the first three in green."""
    if result is None:
        return charts.hbar_chart(
            key=key,
            title=_("Cluster ranking"),
            desc=_("Totals of the units of an emulation cluster, best first."),
            items=[],
            empty=_("No cluster ranking published yet."),
            head=[_("Rank"), _("Unit"), _("Points")],
        )
    return charts.hbar_chart(
        key=key,
        title=_("Ranking of %(cluster)s, %(year)s") % {"cluster": result.cluster.name, "year": result.year},
        desc=_("Published totals of the cluster's units, best first; the first three are in green."),
        items=[(r.unit.name, r.total) for r in result.rows],
        empty=_("No cluster ranking published yet."),
        head=[_("Rank"), _("Unit"), _("Points")],
        highlight=3,
    )


def year_report_charts(report: YearReport) -> list[Chart]:
    """Return the charts of the year report: by award, by unit, and the priority shares."""
    by_award = charts.bar_chart(
        key="by-award",
        title=_("Awards by title and form, %(year)s") % {"year": report.year},
        desc=_("Number of valid awards of each title or form of commendation."),
        items=[(a.code, a.count) for a in report.by_award],
        empty=_("No awards for this year."),
        head=[_("Award"), _("Number of awards")],
    )
    by_unit = charts.hbar_chart(
        key="by-unit",
        title=_("Awards by unit, %(year)s") % {"year": report.year},
        desc=_("Number of valid awards to the people and collectives of each unit, most first."),
        items=[(line.label, line.count) for line in report.by_unit[:12]],
        empty=_("No awards for this year."),
        head=[_("No."), _("Unit"), _("Number of awards")],
    )
    return [by_award, by_unit, shares_chart(report.shares, year=report.year, key="year-shares")]


CHART_YEARS = 5
# Roles whose dashboard also shows targets and cluster rankings (they plan, lead or decide).
PLANNING_ROLES = frozenset({"EMULATION_OFFICER", "UNIT_HEAD", "SIGNATORY", "ADMINISTRATOR"})


def dashboard_charts(paths: Sequence[str], roles: Sequence[str], *, on_year: int) -> list[Chart]:
    """Return the charts of a dashboard over the subtrees `paths`.

    Everyone gets awards by year and kind and the priority shares of the latest year with awards; the
    planning roles also get targets against plan and the latest published cluster ranking, when any.
    """
    years = list(range(on_year - CHART_YEARS + 1, on_year + 1))
    out = [awards_by_year_chart(selectors.awards_by_year_and_kind(paths, years))]
    share_year = selectors.latest_award_year(paths, up_to=on_year)
    lines = selectors.priority_shares(paths, share_year) if share_year else []
    out.append(shares_chart(lines, year=share_year))
    if PLANNING_ROLES & set(roles):
        units = Unit.objects.filter(_paths_q(paths))
        target_year = selectors.target_years(units)[:1]
        if target_year:
            targets = selectors.targets_against_plan(units, year=target_year[0])
            out.append(targets_chart(targets, year=target_year[0]))
        rankings = selectors.published_rankings(paths)
        if rankings:
            out.append(ranking_chart(rankings[0]))
    return out


def _paths_q(paths: Sequence[str]) -> Q:
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(path__startswith=p)
    return q

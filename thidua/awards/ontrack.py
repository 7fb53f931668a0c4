"""What a person is on track for: the engine asked "what if this year added …?" on the register's history.

Each sentence is honest by construction: it is only said when the engine finds the person eligible with the
named additions to the current year and nothing else, and it cites the article the engine applied.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from itertools import combinations

from thidua.awards.cases import case_from_records, load_records, rules_for, with_history_row
from thidua.organization.models import Person
from thidua.regulations import (
    AwardRecord,
    Case,
    HistoryYear,
    Outcome,
    Rating,
    RegulationError,
    RulePack,
    Scope,
    Verdict,
    VerdictKind,
    award,
    check_eligibility,
)

LAW_START = date(2024, 1, 1)
BLOCKER_CODES = ("BLK.DISCIPLINE_PENDING", "BLK.INVESTIGATION", "BLK.COMPLAINT", "BLK.DISCIPLINE_PERIOD")


@dataclass(frozen=True)
class Addition:
    """Something the current year could still add, in words, and how it changes the year's history row."""

    key: str
    phrase: str
    apply: Callable[[HistoryYear], HistoryYear]


def _holds(row: HistoryYear, code: str) -> bool:
    return any(a.code == code and not a.revoked for a in row.awards)


def _add_awards(row: HistoryYear, *codes: str) -> HistoryYear:
    extra = tuple(AwardRecord(c) for c in codes if not _holds(row, c))
    return replace(row, awards=row.awards + extra)


def _add_initiatives(row: HistoryYear, n: int, scope: Scope) -> HistoryYear:
    best = (
        scope
        if row.initiative_scope is None or scope.rank > row.initiative_scope.rank
        else row.initiative_scope
    )
    return replace(row, initiatives=row.initiatives + n, initiative_scope=best)


CSTDCS = Addition("cstdcs", "đạt CSTĐCS", lambda r: _add_awards(r, "LDTT", "CSTDCS"))
HTXS = Addition("htxs", "được xếp loại HTXS", lambda r: replace(r, rating=Rating.HTXS))
INITIATIVE_TINH = Addition(
    "initiative_tinh", "có sáng kiến cấp tỉnh", lambda r: _add_initiatives(r, 1, Scope.TINH)
)
INITIATIVE_1 = Addition("initiative_1", "có thêm 1 sáng kiến", lambda r: _add_initiatives(r, 1, Scope.CO_SO))
INITIATIVE_2 = Addition("initiative_2", "có thêm 2 sáng kiến", lambda r: _add_initiatives(r, 2, Scope.CO_SO))
CSTD_TINH = Addition("cstd_tinh", "đạt CSTĐ tỉnh", lambda r: _add_awards(r, "CSTD_TINH"))
INITIATIVE_TQ = Addition(
    "initiative_tq", "có sáng kiến phạm vi toàn quốc", lambda r: _add_initiatives(r, 1, Scope.TOAN_QUOC)
)
EXCLUSIVE = {frozenset({"initiative_1", "initiative_2"})}


@dataclass(frozen=True)
class Goal:
    """An award worth aiming at and the additions to try, cheapest first."""

    code: str
    additions: tuple[Addition, ...]


GOALS = (
    Goal("CSTD_TINH", (CSTDCS, INITIATIVE_TINH)),
    Goal("BK_TINH", (HTXS, CSTDCS, INITIATIVE_1, INITIATIVE_2)),
    Goal("CSTD_TQ", (CSTD_TINH, INITIATIVE_TQ)),
)


def _run(case: Case, last: int, test: Callable[[HistoryYear], bool]) -> list[int]:
    """Return the consecutive years ending at `last` whose rows pass `test`."""
    rows = {r.year: r for r in case.history}
    years: list[int] = []
    y = last
    while y in rows and test(rows[y]):
        years.insert(0, y)
        y -= 1
    return years


def _run_text(case: Case, year: int, label: str, test: Callable[[HistoryYear], bool]) -> str:
    rows = {r.year: r for r in case.history}
    last = year if year in rows and test(rows[year]) else year - 1
    years = _run(case, last, test)
    if not years:
        return ""
    listed = ", ".join(str(y) for y in years)
    return f"{len(years)} năm liên tục {label} ({listed})" if len(years) > 1 else f"{label} năm {listed}"


def _describe(goal: str, case: Case, year: int, verdict: Verdict) -> str:
    if goal == "CSTD_TQ":
        return _run_text(case, year, "CSTĐ tỉnh", lambda r: _holds(r, "CSTD_TINH"))
    if goal == "BK_TINH" and "BK_TINH.D.HTXS_ROUTE" in verdict.codes(Outcome.MET):
        return _run_text(case, year, "HTXS", lambda r: r.rating is Rating.HTXS)
    return _run_text(case, year, "CSTĐCS", lambda r: _holds(r, "CSTDCS"))


def _subsets(additions: tuple[Addition, ...]) -> Iterable[tuple[Addition, ...]]:
    for size in range(min(3, len(additions)) + 1):
        for combo in combinations(additions, size):
            keys = frozenset(a.key for a in combo)
            if not any(pair <= keys for pair in EXCLUSIVE):
                yield combo


def _what_if(case: Case, year: int, additions: tuple[Addition, ...], rules: RulePack) -> Verdict:
    rows = {r.year: r for r in case.history}
    row = rows.get(year, HistoryYear(year))
    for addition in additions:
        row = addition.apply(row)
    return check_eligibility(with_history_row(replace(case, year=year), row), rules=rules)


def _goal_sentence(
    goal: Goal, person_case_at: Callable[[int], Case], on: date, rules: RulePack
) -> str | None:
    name = award(goal.code).name_on(on)
    cite = award(goal.code).criteria.text
    current = on.year
    done = person_case_at(current - 1)
    if check_eligibility(done, rules=rules).verdict is VerdictKind.ELIGIBLE:
        facts = _describe(goal.code, done, current - 1, check_eligibility(done, rules=rules))
        return f"{facts} — đủ điều kiện xét {name} cho thành tích năm {current - 1} ({cite})."
    case = person_case_at(current)
    for combo in _subsets(goal.additions):
        verdict = _what_if(case, current, combo, rules)
        if verdict.verdict is not VerdictKind.ELIGIBLE:
            continue
        facts = _describe(goal.code, case, current, verdict)
        if not combo:
            return f"{facts} — đủ điều kiện xét {name} cho thành tích năm {current} ({cite})."
        needs = " và ".join(a.phrase for a in combo)
        prefix = f"{facts} — đ" if facts else "Đ"
        return f"{prefix}ủ điều kiện xét {name} nếu năm {current} {needs} ({cite})."
    return None


def _blockers(case: Case, rules: RulePack) -> list[str]:
    verdict = check_eligibility(replace(case, award="LDTT"), rules=rules)
    seen: list[str] = []
    for r in verdict.reasons:
        if r.code in BLOCKER_CODES and r.outcome is Outcome.NOT_MET:
            text = f"Lưu ý: {r.message} ({r.citation.text})"
            if text not in seen:
                seen.append(text)
    return seen


def on_track(person: Person, *, on: date) -> list[str]:
    """Return Vietnamese sentences saying which awards the person is on track for, as of `on`.

    The current evaluation year is `on.year`; for each goal (CSTĐ tỉnh, Bằng khen tỉnh, CSTĐ toàn quốc)
    the sentence names what this year still has to add, or says the person is already eligible.
    """
    if on < LAW_START:
        return []
    rules = rules_for(person.unit)
    records = load_records([person.pk])[person.pk]
    cache: dict[int, Case] = {}

    def case_at(year: int) -> Case:
        if year not in cache:
            cache[year] = case_from_records(records, "LDTT", year, on)
        return cache[year]

    sentences = _blockers(case_at(on.year), rules)
    if sentences:
        return sentences
    for goal in GOALS:

        def goal_case(year: int, code: str = goal.code) -> Case:
            return replace(case_at(year), award=code)

        try:
            sentence = _goal_sentence(goal, goal_case, on, rules)
        except RegulationError:
            continue
        if sentence:
            sentences.append(sentence)
    return sentences

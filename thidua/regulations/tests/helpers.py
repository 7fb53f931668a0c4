"""Small builders for eligibility cases (a cast: officer An, unit head Bình, collective Tổ Văn thư)."""

from datetime import date

from thidua.regulations import Rating, Scope, SubjectKind
from thidua.regulations.eligibility import AwardRecord, Case, HistoryYear


def year(y, rating=None, *awards, initiatives=0, scope=None, research=0):
    records = tuple(a if isinstance(a, AwardRecord) else AwardRecord(a) for a in awards)
    return HistoryYear(
        y,
        None if rating is None else Rating(rating),
        records,
        initiatives,
        None if scope is None else Scope(scope),
        research,
    )


def case(award, y, *history, on=None, subject=SubjectKind.INDIVIDUAL, **kw):
    return Case(award, subject, y, on or date(y + 1, 1, 15), history=tuple(history), **kw)

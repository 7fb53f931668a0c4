"""Property tests (hypothesis): money, order-independence of verdicts, bằng chữ round trip."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.regulations import (
    CATALOGUE,
    RegulationError,
    RoundingMode,
    SubjectKind,
    load_rule_pack,
    number_in_words,
    prize_money,
    round_vnd,
)
from thidua.regulations.eligibility import AwardRecord, Case, HistoryYear, Person, check_eligibility
from thidua.regulations.kinds import Rating, Scope

RULES = load_rule_pack()

_UNITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6,
          "bảy": 7, "tám": 8, "chín": 9}  # fmt: skip
_SCALES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9}


def parse_words(text: str) -> int:
    """Parse Vietnamese number words back into an integer (the test's own independent reader)."""
    stack: list[int] = []
    small = 0
    last_digit = 0
    for word in text.split():
        if word in _UNITS:
            last_digit = _UNITS[word]
            small += last_digit
        elif word == "trăm":
            small = small - last_digit + last_digit * 100
        elif word == "mười":
            small += 10
        elif word == "mươi":
            small = small - last_digit + last_digit * 10
        elif word in {"linh", "lẻ"}:
            pass
        elif word in _SCALES:
            scale = _SCALES[word]
            total = small
            while stack and stack[-1] < scale:
                total += stack.pop()
            stack.append(total * scale)
            small = 0
        else:
            raise ValueError(word)
        if word not in _UNITS:
            last_digit = 0
    return sum(stack) + small


@given(st.integers(min_value=0, max_value=10**12 - 1))
@settings(max_examples=3000)
def test_words_round_trip(n):
    assert parse_words(number_in_words(n)) == n
    assert parse_words(number_in_words(n, linh="lẻ", thousand="ngàn", four="bốn")) == n


PAYABLE = [
    (a.code, s)
    for a in CATALOGUE
    for s in sorted(a.subject_kinds)
    if a.code not in {"AHLD"}
    and not (s is SubjectKind.HOUSEHOLD and a.code not in {"GIAY_KHEN", "BK_TINH", "GDVH"})
]


@given(
    st.sampled_from(PAYABLE),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from(list(RoundingMode)),
)
def test_prize_money_is_never_negative_nor_below_raw_under_ceiling(award_subject, on, mode):
    code, subject = award_subject
    try:
        prize = prize_money(code, subject, on, rules=RULES, rounding=mode)
    except RegulationError:
        return
    assert prize.amount >= 0
    if mode is RoundingMode.CEIL_10K:
        assert prize.amount >= prize.raw
        assert prize.amount - prize.raw < 10_000


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_round_vnd_ceiling_bounds(raw):
    assert round_vnd(raw, RoundingMode.CEIL_10K) >= raw
    assert abs(round_vnd(raw, RoundingMode.NEAREST_10K) - raw) <= Decimal(5_000)


TITLES = ["LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH", "BK_TTG", "GIAY_KHEN"]


@st.composite
def histories(draw):
    years = draw(st.lists(st.integers(2014, 2025), unique=True, max_size=10))
    rows = []
    for y in years:
        awards = tuple(
            AwardRecord(code, revoked=draw(st.booleans()) and draw(st.booleans()))
            for code in draw(st.lists(st.sampled_from(TITLES), unique=True, max_size=3))
        )
        rows.append(
            HistoryYear(
                y,
                draw(st.none() | st.sampled_from(list(Rating))),
                awards,
                draw(st.integers(0, 2)),
                draw(st.none() | st.sampled_from(list(Scope))),
                draw(st.integers(0, 1)),
            )
        )
    return rows


@given(
    histories(),
    st.sampled_from(["LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "BK_TINH", "BK_TTG"]),
    st.randoms(),
)
@settings(max_examples=300)
def test_verdict_does_not_depend_on_history_order(rows, code, rnd):
    person = Person(recruited_on=date(2010, 1, 1))
    first = check_eligibility(
        Case(code, SubjectKind.INDIVIDUAL, 2025, date(2026, 2, 1), person, tuple(rows)), rules=RULES
    )
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    second = check_eligibility(
        Case(code, SubjectKind.INDIVIDUAL, 2025, date(2026, 2, 1), person, tuple(shuffled)), rules=RULES
    )
    assert first == second

"""Prize money: regulations.md §8 (coefficients, base salary, rounding) and §16 T6–T9."""

from datetime import date
from decimal import Decimal

import pytest

from thidua.regulations import (
    AwardGrant,
    Office,
    RegulationError,
    RoundingMode,
    SubjectKind,
    base_salary,
    load_rule_pack,
    prize_for_awards,
    prize_money,
    round_vnd,
)

IND, CO, H, V, X = (
    SubjectKind.INDIVIDUAL,
    SubjectKind.COLLECTIVE,
    SubjectKind.HOUSEHOLD,
    SubjectKind.VILLAGE,
    SubjectKind.COMMUNE,
)
CEIL, NEAREST = RoundingMode.CEIL_10K, RoundingMode.NEAREST_10K
AT_2340 = date(2025, 8, 1)  # NĐ 152 era, base 2,340,000
AT_2530 = date(2026, 8, 1)  # NĐ 152 era, base 2,530,000
RULES = load_rule_pack()

# regulations.md §8.3 worked table: code, subject, coefficient,
# (@2,340,000 ceil, nearest), (@2,530,000 ceil, nearest), legal source of the coefficient
TABLE = [
    ("CSTD_TQ", IND, "4.5", (10_530_000, 10_530_000), (11_390_000, 11_390_000), "NĐ 152 Điều 50 [S]"),
    ("CSTD_TINH", IND, "3", (7_020_000, 7_020_000), (7_590_000, 7_590_000), "NĐ 152 Điều 50 [S]"),
    ("CSTDCS", IND, "1", (2_340_000, 2_340_000), (2_530_000, 2_530_000), "NĐ 152 Điều 50 [S]"),
    ("LDTT", IND, "0.3", (710_000, 700_000), (760_000, 760_000), "NĐ 152 Điều 50 [S]"),
    ("CSTT", IND, "0.3", (710_000, 700_000), (760_000, 760_000), "NĐ 152 Điều 50 [S]"),
    ("CO_CP", CO, "12", (28_080_000, 28_080_000), (30_360_000, 30_360_000), "NĐ 152 Điều 50 [S]"),
    ("CO_TINH", CO, "8", (18_720_000, 18_720_000), (20_240_000, 20_240_000), "NĐ 152 Điều 50 [S]"),
    ("TTLDXS", CO, "1.5", (3_510_000, 3_510_000), (3_800_000, 3_800_000), "NĐ 152 Điều 50 [S]"),
    ("TTLDTT", CO, "0.8", (1_880_000, 1_870_000), (2_030_000, 2_020_000), "NĐ 152 Điều 50 [S]"),
    ("XA_TIEU_BIEU", X, "2", (4_680_000, 4_680_000), (5_060_000, 5_060_000), "NĐ 152 Điều 50 [S]"),
    ("THON_VH", V, "1.5", (3_510_000, 3_510_000), (3_800_000, 3_800_000), "NĐ 152 Điều 50 [S]"),
    ("BK_TTG", IND, "3.5", (8_190_000, 8_190_000), (8_860_000, 8_860_000), "NĐ 152 Điều 50 [S]"),
    (
        "BK_TTG",
        CO,
        "7",
        (16_380_000, 16_380_000),
        (17_710_000, 17_710_000),
        "POL.collective_multiplier_form [U]",
    ),
    ("BK_TINH", IND, "1.5", (3_510_000, 3_510_000), (3_800_000, 3_800_000), "NĐ 152 Điều 50 [S]"),
    (
        "BK_TINH",
        CO,
        "3",
        (7_020_000, 7_020_000),
        (7_590_000, 7_590_000),
        "POL.collective_multiplier_form [U]",
    ),
    ("GIAY_KHEN", IND, "0.3", (710_000, 700_000), (760_000, 760_000), "NĐ 152 Điều 50 [S]"),
    (
        "GIAY_KHEN",
        CO,
        "0.6",
        (1_410_000, 1_400_000),
        (1_520_000, 1_520_000),
        "POL.collective_multiplier_form",
    ),
    ("KNC", IND, "0.6", (1_410_000, 1_400_000), (1_520_000, 1_520_000), "POL.knc_coefficient [U]"),
    ("HCLD_1", IND, "9", (21_060_000, 21_060_000), (22_770_000, 22_770_000), "NĐ 152 Điều 50 [S]"),
    ("HCLD_2", IND, "7.5", (17_550_000, 17_550_000), (18_980_000, 18_980_000), "NĐ 152 Điều 50 [S]"),
    ("HCLD_3", IND, "4.5", (10_530_000, 10_530_000), (11_390_000, 11_390_000), "NĐ 152 Điều 50 [S]"),
]


@pytest.mark.parametrize(("code", "subject", "coef", "at2340", "at2530", "source"), TABLE)
@pytest.mark.parametrize(("mode", "index"), [(CEIL, 0), (NEAREST, 1)])
def test_coefficient_table(code, subject, coef, at2340, at2530, source, mode, index):
    for on, expected in ((AT_2340, at2340[index]), (AT_2530, at2530[index])):
        prize = prize_money(code, subject, on, rules=RULES, rounding=mode)
        assert prize.coefficient == Decimal(coef), source
        assert prize.amount == expected, (source, on, mode)
        assert prize.amount % 10_000 == 0


@pytest.mark.parametrize(
    ("on", "amount"),
    [  # regulations.md §16 T9
        (date(2024, 6, 30), 1_800_000),
        (date(2024, 7, 1), 2_340_000),
        (date(2026, 6, 30), 2_340_000),
        (date(2026, 7, 1), 2_530_000),
        (date(2019, 7, 1), 1_490_000),
    ],
)
def test_base_salary_by_decision_date(on, amount):
    assert base_salary(on).amount == amount


def test_t6_ldtt_signed_30_06_2025_under_nd98():
    assert prize_money("LDTT", IND, date(2025, 6, 30), rules=RULES, rounding=CEIL).amount == 710_000
    assert prize_money("LDTT", IND, date(2025, 6, 30), rules=RULES, rounding=NEAREST).amount == 700_000


def test_t7_ldtt_signed_01_07_2026():
    for mode in (CEIL, NEAREST):
        prize = prize_money("LDTT", IND, date(2026, 7, 1), rules=RULES, rounding=mode)
        assert (prize.raw, prize.amount) == (Decimal(759_000), 760_000)


def test_t8_bk_tinh_coefficient_changes_with_nd152():
    before = prize_money("BK_TINH", IND, date(2025, 6, 30), rules=RULES)
    after = prize_money("BK_TINH", IND, date(2025, 7, 1), rules=RULES)
    assert (before.coefficient, before.amount) == (Decimal(1), 2_340_000)
    assert (after.coefficient, after.amount) == (Decimal("1.5"), 3_510_000)
    assert before.citations[0].instrument == "NĐ 98/2023/NĐ-CP"
    assert after.citations[0].instrument == "NĐ 152/2025/NĐ-CP"


def test_nd98_at_1_800_000_is_exact():
    on = date(2024, 3, 1)
    assert prize_money("LDTT", IND, on, rules=RULES).amount == 540_000
    assert prize_money("TTLDTT", CO, on, rules=RULES).amount == 1_440_000
    assert prize_money("BK_TINH", IND, on, rules=RULES).amount == 1_800_000


def test_historical_nd91_published_examples_round_to_nearest():
    # thuvienphapluat Q&A at base 1,490,000: 1,192,000 → 1,190,000; 223,500 → 220,000; 447,000 → 450,000
    on = date(2020, 5, 1)
    assert prize_money("TTLDTT", CO, on, rules=RULES, rounding=NEAREST).amount == 1_190_000
    assert (
        prize_money("GIAY_KHEN", IND, on, rules=RULES, rounding=NEAREST, issuer=Office.CT_UBND_XA).amount
        == 220_000
    )
    assert prize_money("LDTT", IND, on, rules=RULES, rounding=NEAREST).amount == 450_000
    assert prize_money("TTLDTT", CO, on, rules=RULES, rounding=CEIL).amount == 1_200_000


def test_giay_khen_before_reform_depends_on_issuer():
    on = date(2025, 3, 1)
    assert (
        prize_money("GIAY_KHEN", IND, on, rules=RULES, issuer=Office.CT_UBND_XA).amount == 360_000
    )  # 351,000↑
    with pytest.raises(RegulationError, match="issuer"):
        prize_money("GIAY_KHEN", IND, on, rules=RULES)


def test_household_gets_one_and_a_half_times_without_rounding():
    prize = prize_money("GIAY_KHEN", H, date(2025, 8, 1), rules=RULES, rounding=RoundingMode.NONE)
    assert prize.amount == 1_053_000  # MoHA training document quoted by Lao Động
    bk = prize_money("BK_TINH", H, date(2025, 8, 1), rules=RULES, rounding=RoundingMode.NONE)
    assert bk.amount == 5_265_000  # the 2025 provincial decision


def test_policy_overrides_change_coefficients():
    rules = RULES.with_policy(
        {"collective_multiplier_form": "1.5", "coefficient_overrides": {"LDTT:individual": 1}}
    )
    assert prize_money("GIAY_KHEN", CO, AT_2530, rules=rules).coefficient == Decimal("0.45")
    assert prize_money("LDTT", IND, AT_2530, rules=rules).amount == 2_530_000


def test_gdvh_pays_nothing_by_default_and_ahld_has_no_coefficient():
    assert prize_money("GDVH", H, AT_2530, rules=RULES).words == "Không đồng"
    with pytest.raises(RegulationError, match="No coefficient"):
        prize_money("AHLD", IND, AT_2530, rules=RULES)


def test_wrong_subject_and_unknown_award_are_errors():
    with pytest.raises(RegulationError, match="not awarded"):
        prize_money("LDTT", CO, AT_2530, rules=RULES)
    with pytest.raises(RegulationError, match="Unknown award"):
        prize_money("XYZ", IND, AT_2530, rules=RULES)


def test_nd152_end_date_is_a_warning_not_a_silent_guess():
    prize = prize_money("LDTT", IND, date(2027, 3, 2), rules=RULES)
    assert prize.amount == 760_000
    assert any("NĐ 152" in w for w in prize.warnings)


def test_round_vnd_modes():
    assert round_vnd(Decimal(702_000), CEIL) == 710_000
    assert round_vnd(Decimal(705_000), NEAREST) == 710_000
    assert round_vnd(Decimal(704_999), NEAREST) == 700_000
    assert round_vnd(Decimal("702000.5"), RoundingMode.NONE) == 702_001


def test_title_and_form_together_are_both_paid():
    bundle = prize_for_awards(
        [AwardGrant("CSTDCS", IND, "2025", "a1"), AwardGrant("BK_TINH", IND, "2025", "a2")],
        AT_2530,
        rules=RULES,
    )
    assert all(line.paid for line in bundle.lines)
    assert bundle.total == 2_530_000 + 3_800_000
    assert bundle.lines[0].reasons[0].code == "MULTI.PAY_TITLE_AND_FORM"


def test_titles_of_the_same_period_pay_only_the_highest():
    bundle = prize_for_awards(
        [AwardGrant("LDTT", IND, "2025"), AwardGrant("CSTDCS", IND, "2025")], AT_2530, rules=RULES
    )
    assert [line.paid for line in bundle.lines] == [False, True]
    assert bundle.lines[0].reasons[0].code == "MULTI.SAME_PERIOD_HIGHEST"
    assert bundle.total == 2_530_000


def test_never_two_forms_for_one_achievement():
    bundle = prize_for_awards(
        [AwardGrant("GIAY_KHEN", IND, "2025", "x"), AwardGrant("BK_TINH", IND, "2025", "x")],
        AT_2530,
        rules=RULES,
    )
    assert [line.paid for line in bundle.lines] == [False, True]
    assert bundle.lines[0].reasons[0].code == "MULTI.ONE_ACHIEVEMENT"

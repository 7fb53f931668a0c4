"""Eligibility: regulations.md §4–§5 and the §16 cases, each row naming its legal source."""

from datetime import date

import pytest

from thidua.regulations import (
    DisciplineForm,
    LeaveKind,
    Office,
    Rating,
    RegulationError,
    SubjectKind,
    VerdictKind,
)
from thidua.regulations import load_rule_pack as load
from thidua.regulations.eligibility import (
    AwardRecord,
    CollectiveCounts,
    DisciplineRecord,
    Flags,
    Leave,
    Person,
    check_caps,
    check_eligibility,
)
from thidua.regulations.kinds import AwardBasis
from thidua.regulations.tests.helpers import case, year

RULES = load()
OK, NO, REVIEW = VerdictKind.ELIGIBLE, VerdictKind.NOT_ELIGIBLE, VerdictKind.NEEDS_REVIEW
AN = Person(recruited_on=date(2015, 3, 1))


def verdict(c, rules=RULES):
    return check_eligibility(c, rules=rules)


# -- LĐTT -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("recruited", "rating", "expected", "code", "source"),
    [
        (date(2025, 8, 1), "HTT", NO, "BLK.RECRUITED_LT_6M", "T4: TT 01/2024, 5 months"),
        (date(2025, 6, 15), "HTT", OK, "LDTT.SERVICE", "T5: TT 01/2024, 6.5 months"),
        (date(2025, 7, 1), "HTXS", OK, "LDTT.SERVICE", "exactly 6 months"),
        (date(2025, 7, 2), "HTXS", NO, "BLK.RECRUITED_LT_6M", "one day short"),
        (date(2015, 3, 1), "HT", NO, "LDTT.RATING", "Điều 24 k1: HT is below HTT"),
        (date(2015, 3, 1), None, REVIEW, "LDTT.RATING", "no evaluation recorded"),
    ],
)
def test_ldtt(recruited, rating, expected, code, source):
    v = verdict(case("LDTT", 2025, year(2025, rating), person=Person(recruited_on=recruited)))
    assert v.verdict is expected, source
    assert code in v.codes()


def test_ldtt_counted_leave_cases():
    # Maternity and training count as work time (TT 01/2024; NĐ 152 Điều 4); unpaid leave does not.
    maternity = Person(
        recruited_on=date(2025, 6, 1),
        leaves=(Leave(LeaveKind.MATERNITY, date(2025, 7, 1), date(2025, 12, 31)),),
    )
    assert verdict(case("LDTT", 2025, year(2025, "HTT"), person=maternity)).verdict is OK
    unpaid = Person(
        recruited_on=date(2025, 6, 1), leaves=(Leave(LeaveKind.UNPAID, date(2025, 9, 1), date(2025, 10, 31)),)
    )
    v = verdict(case("LDTT", 2025, year(2025, "HTT"), person=unpaid))
    assert v.verdict is REVIEW
    assert "LDTT.LEAVE" in v.codes()
    no_maternity = RULES.with_policy({"ldtt_counts_maternity": False})
    assert verdict(case("LDTT", 2025, year(2025, "HTT"), person=maternity), no_maternity).verdict is REVIEW


def test_ldtt_contract_then_appointment_counts_as_continuous():
    person = Person(recruited_on=date(2025, 9, 1), continuous_service_from=date(2024, 1, 1))
    assert verdict(case("LDTT", 2025, year(2025, "HTT"), person=person)).verdict is OK
    strict = RULES.with_policy({"tenure_continuous_across_contract": False})
    assert verdict(case("LDTT", 2025, year(2025, "HTT"), person=person), strict).verdict is NO


# -- CSTĐCS (Điều 23) ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("row", "expected", "source"),
    [
        (year(2025, "HTXS", "LDTT"), OK, "Điều 23: LĐTT + HTXS"),
        (year(2025, "HTT", "LDTT", initiatives=1, scope="co_so"), OK, "Điều 23: LĐTT + sáng kiến"),
        (year(2025, "HTT", "LDTT", research=1), OK, "Điều 23: LĐTT + đề tài"),
        (year(2025, "HTT", "LDTT"), NO, "Điều 23: no second ground"),
        (year(2025, "HTXS"), OK, "LĐTT considered in the same round"),
        (year(2025, "HTXS", AwardRecord("LDTT", revoked=True)), NO, "Điều 93: revoked LĐTT"),
    ],
)
def test_cstdcs(row, expected, source):
    assert verdict(case("CSTDCS", 2025, row, person=AN)).verdict is expected, source


def test_cstdcs_draft_amendment_is_a_disabled_layer():
    c = case("CSTDCS", 2026, year(2026, "HTXS", "LDTT"), on=date(2026, 12, 1), person=AN)
    assert verdict(c).verdict is OK
    on = RULES.with_policy({"amending_law_layer": True})
    v = verdict(c, on)
    assert v.verdict is NO
    assert "CSTDCS.INITIATIVE_REQUIRED" in v.codes()
    assert any(r.citation.tag.value == "U" for r in v.reasons if r.code == "CSTDCS.INITIATIVE_REQUIRED")


# -- Chains ---------------------------------------------------------------------------------------------
def _cstd_tinh_history(overrides=None):
    rows = {
        2023: year(2023, "HTXS", AwardRecord("CSTDCS", authority=Office.CT_UBND_HUYEN)),
        2024: year(2024, "HTXS", AwardRecord("CSTDCS", authority=Office.CT_UBND_HUYEN)),
        2025: year(
            2025, "HTXS", AwardRecord("CSTDCS", authority=Office.CT_UBND_XA), initiatives=1, scope="tinh"
        ),
    }
    rows.update(overrides or {})
    return [r for r in rows.values() if r is not None]


def test_t13_chain_survives_the_change_of_authority():
    v = verdict(case("CSTD_TINH", 2025, *_cstd_tinh_history(), person=AN))
    assert v.verdict is OK
    assert "CHAIN.CROSS_AUTHORITY" in v.codes()
    strict = RULES.with_policy({"chain_cross_authority": False})
    assert verdict(case("CSTD_TINH", 2025, *_cstd_tinh_history(), person=AN), strict).verdict is NO


@pytest.mark.parametrize(
    ("overrides", "code", "source"),
    [
        ({2024: year(2024, "HTXS")}, "CHAIN.GAP", "CHAIN.N_CONSECUTIVE: gap year"),
        ({2024: None}, "CHAIN.GAP", "CHAIN.N_CONSECUTIVE: missing year"),
        ({2024: year(2024, "HTXS", AwardRecord("CSTDCS", revoked=True))}, "CHAIN.REVOKED", "T14: Điều 93"),
        ({2025: year(2025, "HTXS", "CSTDCS")}, "CSTD_TINH.INITIATIVE_SCOPE", "Điều 22: provincial scope"),
    ],
)
def test_cstd_tinh_chain_breaks(overrides, code, source):
    v = verdict(case("CSTD_TINH", 2025, *_cstd_tinh_history(overrides), person=AN))
    assert v.verdict is NO, source
    assert code in v.codes(), source


def test_discipline_restarts_the_counting():
    # Khiển trách until 30/06/2024: the achievement period counts from 01/07/2024 (NĐ 152 Điều 4).
    d = (DisciplineRecord(DisciplineForm.KHIEN_TRACH, date(2023, 7, 1), date(2024, 6, 30)),)
    v = verdict(case("CSTD_TINH", 2025, *_cstd_tinh_history(), person=AN, discipline=d))
    assert v.verdict is NO
    assert "CHAIN.DISCIPLINE" in v.codes()
    later = verdict(case("CSTD_TINH", 2027, *_three_clean_years(2025), person=AN, discipline=d))
    assert later.verdict is OK


def _three_clean_years(first):
    return [
        year(first, "HTXS", "CSTDCS"),
        year(first + 1, "HTXS", "CSTDCS"),
        year(first + 2, "HTXS", "CSTDCS", initiatives=1, scope="tinh"),
    ]


def test_chain_reuse_is_a_policy():
    rows = [*_three_clean_years(2020), year(2022, "HTXS", "CSTDCS", "CSTD_TINH", initiatives=1, scope="tinh")]
    rows = [r for r in rows if r.year != 2022] + [rows[-1]] + _three_clean_years(2023)
    assert verdict(case("CSTD_TINH", 2025, *rows, person=AN)).verdict is OK  # 2023–2025 after 2022's chain
    overlap = [
        *_three_clean_years(2021)[:2],
        year(2023, "HTXS", "CSTDCS", "CSTD_TINH", initiatives=1, scope="tinh"),
    ]
    overlap += [year(2024, "HTXS", "CSTDCS"), year(2025, "HTXS", "CSTDCS", initiatives=1, scope="tinh")]
    v = verdict(case("CSTD_TINH", 2025, *overlap, person=AN))
    assert "CHAIN.REUSE" in v.codes()
    assert v.verdict is NO
    assert verdict(
        case("CSTD_TINH", 2025, *overlap, person=AN), RULES.with_policy({"cstd_chain_reuse_years": True})
    ).ok


def test_cstd_tq_needs_two_back_to_back_provincial_titles():
    rows = [
        year(2022, "HTXS", "CSTDCS", "CSTD_TINH", initiatives=1, scope="tinh"),
        year(2025, "HTXS", "CSTDCS", "CSTD_TINH", initiatives=1, scope="toan_quoc"),
    ]
    assert verdict(case("CSTD_TQ", 2025, *rows, person=AN)).verdict is OK
    rows[0] = year(2021, "HTXS", "CSTDCS", "CSTD_TINH")
    assert verdict(case("CSTD_TQ", 2025, *rows, person=AN)).verdict is NO


# -- Bằng khen tỉnh, Điều 74 k1 d ------------------------------------------------------------------------
BA_A = [
    year(2023, "HTXS", initiatives=1, scope="co_so"),
    year(2024, "HTXS", "CSTDCS", initiatives=1, scope="co_so"),
]


@pytest.mark.parametrize("both", [True, False])
def test_moha_ba_a_example_is_eligible(both):
    # chinhsachonline.chinhphu.vn 77204: 2 years HTXS + 2 sáng kiến → eligible whatever the policy.
    rules = RULES.with_policy({"bk_tinh_initiatives_both_branches": both})
    v = verdict(case("BK_TINH", 2024, *BA_A, person=AN), rules)
    assert v.verdict is OK
    assert "BK_TINH.D.HTXS_ROUTE" in v.codes()


def test_t2_one_initiative_is_not_enough():
    rows = [year(2023, "HTXS"), year(2024, "HTXS", "CSTDCS", initiatives=1, scope="co_so")]
    assert verdict(case("BK_TINH", 2024, *rows, person=AN)).verdict is NO


def test_t3_two_cstdcs_without_initiatives_depends_on_the_policy():
    rows = [year(2024, "HTXS", "CSTDCS"), year(2025, "HTXS", "CSTDCS")]
    v = verdict(case("BK_TINH", 2025, *rows, person=AN))
    assert v.verdict is NO
    assert any(r.citation.policy == "bk_tinh_initiatives_both_branches" for r in v.reasons)
    lenient = verdict(
        case("BK_TINH", 2025, *rows, person=AN),
        RULES.with_policy({"bk_tinh_initiatives_both_branches": False}),
    )
    assert lenient.verdict is OK
    assert any(r.citation.policy == "bk_tinh_initiatives_both_branches" for r in lenient.reasons)


def test_bk_ttg_after_bk_tinh_and_five_years():
    rows = [year(2019, "HTXS", "BK_TINH")] + [
        year(y, "HTT", *(["CSTDCS"] if y in {2021, 2023, 2025} else [])) for y in range(2021, 2026)
    ]
    assert verdict(case("BK_TTG", 2025, *rows, person=AN)).verdict is OK
    rows[-1] = year(2025, "HTT")
    v = verdict(case("BK_TTG", 2025, *rows, person=AN))
    assert v.verdict is NO
    assert "BK_TTG.CSTDCS" in v.codes(outcome=None)


# -- Collectives ----------------------------------------------------------------------------------------
def _col(award, rating, members, completed, ldtt, cstdcs, disciplined=0):
    return case(
        award,
        2025,
        subject=SubjectKind.COLLECTIVE,
        collective=CollectiveCounts(Rating(rating), members, completed, ldtt, cstdcs, disciplined),
    )


@pytest.mark.parametrize(
    ("args", "expected", "source"),
    [
        (("TTLDXS", "HTXS", 20, 20, 14, 1), OK, "T10: 14/20 = 70% inclusive"),
        (("TTLDXS", "HTXS", 20, 20, 13, 1), NO, "T11: 13/20 = 65%"),
        (("TTLDXS", "HTXS", 100, 100, 69, 1), NO, "69% < 70%"),
        (("TTLDXS", "HTXS", 100, 100, 70, 1), OK, "70% ≥ 70%"),
        (("TTLDXS", "HTXS", 20, 19, 14, 1), NO, "100% HTNV required"),
        (("TTLDXS", "HTXS", 20, 20, 14, 0), NO, "at least one CSTĐCS"),
        (("TTLDXS", "HTT", 20, 20, 14, 1), NO, "collective must be HTXS"),
        (("TTLDXS", "HTXS", 20, 20, 14, 1, 1), NO, "member disciplined ≥ cảnh cáo [U]"),
        (("TTLDTT", "HTT", 10, 10, 5, 0), NO, "T12: 50% is not > 50%"),
        (("TTLDTT", "HTT", 10, 10, 6, 0), OK, "T12: 60% > 50%"),
        (("TTLDTT", "HTT", 10, 10, 6, 0, 1), NO, "old Điều 28 c: no member disciplined"),
    ],
)
def test_collectives(args, expected, source):
    assert verdict(_col(*args)).verdict is expected, source


def test_inconsistent_member_counts_are_errors():
    with pytest.raises(RegulationError):
        verdict(_col("TTLDXS", "HTXS", 10, 10, 12, 1))
    with pytest.raises(RegulationError, match="member counts"):
        verdict(case("TTLDTT", 2025, subject=SubjectKind.COLLECTIVE))


def test_unit_dissolved_in_2025_is_blocked():
    c = _col("TTLDTT", "HTT", 10, 10, 6, 0)
    blocked = check_eligibility(
        type(c)(
            c.award,
            c.subject,
            c.year,
            date(2026, 1, 15),
            collective=c.collective,
            flags=Flags(unit_dissolved=True),
        ),
        rules=RULES,
    )
    assert "BLK.UNIT_DISSOLVED" in blocked.codes()


# -- Blockers ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kw", "code", "source"),
    [
        ({"flags": Flags(discipline_pending=True)}, "BLK.DISCIPLINE_PENDING", "T17: NĐ 152 Điều 4"),
        ({"flags": Flags(under_investigation=True)}, "BLK.INVESTIGATION", "NĐ 152 Điều 4"),
        ({"flags": Flags(pending_complaint=True)}, "BLK.COMPLAINT", "NĐ 152 Điều 4"),
        (
            {"discipline": (DisciplineRecord(DisciplineForm.CANH_CAO, date(2025, 3, 1), date(2026, 2, 28)),)},
            "BLK.DISCIPLINE_PERIOD",
            "ongoing discipline",
        ),
        (
            {
                "discipline": (
                    DisciplineRecord(DisciplineForm.KHIEN_TRACH, date(2025, 3, 1), date(2025, 8, 31)),
                )
            },
            "BLK.DISCIPLINE_PERIOD",
            "discipline within the year",
        ),
    ],
)
def test_blockers(kw, code, source):
    v = verdict(case("CSTDCS", 2025, year(2025, "HTXS", "LDTT"), person=AN, **kw))
    assert v.verdict is NO, source
    assert code in v.codes()


def test_t18_same_achievement_twice():
    rows = [year(2025, "HTXS", AwardRecord("GIAY_KHEN", achievement="2025-bao-cao"))]
    v = verdict(case("BK_TINH", 2025, *rows, person=AN, achievement="2025-bao-cao"))
    assert "BLK.DUPLICATE_ACHIEVEMENT" in v.codes()
    assert v.verdict is NO
    adhoc = [year(2025, "HTXS", AwardRecord("GIAY_KHEN", basis=AwardBasis.AD_HOC, achievement="cuu-nguoi"))]
    assert (
        "BLK.ADHOC_FOR_MERIT"
        in verdict(case("BK_TINH", 2025, *adhoc, person=AN, achievement="cuu-nguoi")).codes()
    )


def test_already_awarded_for_the_year():
    v = verdict(case("CSTDCS", 2025, year(2025, "HTXS", "LDTT", "CSTDCS"), person=AN))
    assert "BLK.DUPLICATE_ACHIEVEMENT" in v.codes()


# -- Delegated criteria and misc ----------------------------------------------------------------------------
def test_delegated_award_needs_review_without_a_checklist():
    c = case("GIAY_KHEN", 2025, person=AN)
    v = verdict(c)
    assert v.verdict is REVIEW
    assert "CRITERIA.NOT_CONFIGURED" in v.codes()


def test_province_checklist_from_attestations():
    rules = load("national", "12")
    base = case("GIAY_KHEN", 2025, person=AN)
    assert check_eligibility(base, rules=rules).verdict is REVIEW
    attested = type(base)(
        base.award, base.subject, base.year, base.on, attestations={"gk.1": True, "gk.2": True}
    )
    assert check_eligibility(attested, rules=rules).verdict is OK
    refused = type(base)(
        base.award, base.subject, base.year, base.on, attestations={"gk.1": True, "gk.2": False}
    )
    assert check_eligibility(refused, rules=rules).verdict is NO


def test_wrong_subject_kind():
    v = verdict(case("TTLDXS", 2025, person=AN))
    assert v.verdict is NO
    assert v.codes() == ("SUBJECT.KIND",)


def test_decisions_before_2024_are_not_evaluated():
    with pytest.raises(RegulationError, match="No version"):
        verdict(case("LDTT", 2022, year(2022, "HTT"), person=AN))


def test_duplicate_history_year_is_an_error():
    with pytest.raises(RegulationError, match="two rows"):
        verdict(case("LDTT", 2025, year(2025, "HTT"), year(2025, "HTXS"), person=AN))


def test_messages_are_nfc_vietnamese():
    import unicodedata

    v = verdict(case("CSTD_TINH", 2025, *_cstd_tinh_history(), person=AN))
    assert all(unicodedata.is_normalized("NFC", r.message) for r in v.reasons)


def test_caps_over_a_proposal_list():
    rules = load("national", "12")  # example cap: CSTĐCS ≤ 15% of LĐTT
    assert check_caps({"LDTT": 40, "CSTDCS": 6}, rules=rules).verdict is OK
    over = check_caps({"LDTT": 40, "CSTDCS": 7}, rules=rules)
    assert over.verdict is NO
    assert "tối đa 6" in over.reasons[0].message
    assert check_caps({"LDTT": 40, "CSTDCS": 40}, rules=RULES).verdict is OK  # no national cap

"""List checks without a database: caps, priority shares, duplicates, the deciding authority."""

from datetime import date

import pytest

from thidua.proposals import checks
from thidua.proposals.checks import NomineeFacts
from thidua.proposals.publicity import notice_needed
from thidua.regulations import load_rule_pack
from thidua.regulations.authority import Office
from thidua.regulations.verdicts import Outcome

ON = date(2026, 11, 2)


def _people(n: int, code: str, start: int = 0, **flags) -> list[NomineeFacts]:
    return [NomineeFacts(start + i, f"P:{start + i}", code, 2026, individual=True, **flags) for i in range(n)]


def test_the_province_cap_of_15_percent_cstdcs_over_ldtt_is_checked():
    lai_chau = load_rule_pack(province_code="12")
    nominees = _people(20, "LDTT") + _people(4, "CSTDCS", start=100)
    found = checks.check_list(
        nominees, rules=lai_chau, thresholds={}, authority_office=Office.CT_UBND_XA, on=ON
    )
    cap = next(r for r in found.caps.reasons if r.code == "CAP.CSTDCS")
    assert cap.outcome is Outcome.NOT_MET  # 4 > floor(15% of 20) = 3
    assert "tối đa 3" in cap.message
    nominees = _people(20, "LDTT") + _people(3, "CSTDCS", start=100)
    found = checks.check_list(
        nominees, rules=lai_chau, thresholds={}, authority_office=Office.CT_UBND_XA, on=ON
    )
    assert next(r for r in found.caps.reasons if r.code == "CAP.CSTDCS").outcome is Outcome.MET


def test_shares_count_distinct_people_against_the_thresholds():
    thresholds = checks.parse_thresholds({"women": ">=50", "direct_workers": ">60"})
    nominees = (
        _people(2, "LDTT", woman=True, direct_worker=True)
        + _people(1, "LDTT", start=10, direct_worker=True, ethnic_minority=True)
        + [NomineeFacts(99, "P:0", "CSTDCS", 2026, individual=True, woman=True, direct_worker=True)]
        + [NomineeFacts(50, "U:1", "TTLDTT", 2026)]
    )
    shares = {s.group: s for s in checks.shares(nominees, thresholds)}
    assert (shares["women"].part, shares["women"].whole, shares["women"].ok) == (2, 3, True)
    assert (shares["direct_workers"].part, shares["direct_workers"].ok) == (3, True)
    assert shares["ethnic_minorities"].part == 1 and shares["ethnic_minorities"].ok is None  # report only


def test_unknown_priority_groups_are_refused():
    with pytest.raises(Exception, match="Unknown priority groups"):
        checks.parse_thresholds({"veterans": ">=10"})


def test_the_same_subject_twice_for_one_award_and_year_blocks_both_lines():
    nominees = [
        NomineeFacts(1, "P:7", "LDTT", 2026, individual=True),
        NomineeFacts(2, "P:7", "LDTT", 2026, individual=True),
        NomineeFacts(3, "P:7", "LDTT", 2025, individual=True),
        NomineeFacts(4, "P:8", "CSTDCS", 2026, individual=True, in_register=True),
    ]
    found = checks.check_list(
        nominees, rules=load_rule_pack(), thresholds={}, authority_office=Office.CT_UBND_XA, on=ON
    )
    assert set(found.blocking) == {1, 2, 4}
    assert found.blocking[4][0].code == "DUP.REGISTER"
    assert found.blocking[1][0].citation.article == 5


def test_the_authority_on_the_proposals_date_is_named():
    assert checks.authority_reason("CSTDCS", Office.CT_UBND_XA, ON).code == "AUTH.CAN_DECIDE"
    up = checks.authority_reason("BK_TINH", Office.CT_UBND_XA, ON)
    assert up.code == "AUTH.FORWARD" and "Chủ tịch Ủy ban nhân dân tỉnh" in up.message
    # Before the 2025 reform a commune chairman could not give CSTĐCS.
    assert checks.authority_reason("CSTDCS", Office.CT_UBND_XA, date(2025, 3, 1)).code == "AUTH.FORWARD"
    assert checks.authority_reason("LDTT", None, ON).outcome is Outcome.REVIEW


def test_high_awards_and_gdvh_need_a_public_notice():
    policy = load_rule_pack().policy
    assert notice_needed(["LDTT", "CSTDCS", "BK_TINH"], policy) is None
    high = notice_needed(["LDTT", "HCLD_3"], policy)
    assert high is not None and high.working_days == 10
    assert notice_needed(["GDVH"], policy).working_days == 10

"""Checks that read the award register: eligibility from history, and "one achievement rewarded twice"."""

from datetime import date

import pytest

from thidua.awards import services as awards
from thidua.core.errors import ValidationFailed
from thidua.proposals import services

from .conftest import ON, add, complete_dossier, draft

pytestmark = pytest.mark.django_db


def test_eligibility_comes_from_the_evaluations_in_the_register(cast):
    good, weak = cast.teachers[0], cast.teachers[1]
    awards.evaluation_set(actor=None, person=good, year=2026, rating="HTXS")
    awards.evaluation_set(actor=None, person=weak, year=2026, rating="HT")
    proposal = draft(cast)
    first = add(cast, proposal, good, "LDTT")
    second = add(cast, proposal, weak, "LDTT")
    assert first.verdict["verdict"] in {"eligible", "needs_review"}
    assert second.verdict["verdict"] == "not_eligible"
    assert any(r["outcome"] == "not_met" and r["citation"]["text"] for r in second.verdict["reasons"])


def test_an_award_already_in_the_register_for_that_year_blocks_the_line(cast):
    teacher = cast.teachers[0]
    awards.award_record(
        actor=None,
        subject_kind="INDIVIDUAL",
        person=teacher,
        award_code="LDTT",
        year=2026,
        decided_on=date(2026, 10, 1),
        authority_office="CT_UBND_XA",
        decision_symbol="12/QĐ-UBND",
        source_ref="import",
    )
    proposal = draft(cast)
    nominee = add(cast, proposal, teacher, "LDTT")
    assert any(r["code"] == "DUP.REGISTER" for r in nominee.verdict["reasons"])
    assert nominee.verdict["verdict"] == "not_eligible"
    complete_dossier(cast, proposal)
    with pytest.raises(ValidationFailed) as exc:
        services.proposal_submit(actor=cast.binh, proposal=proposal, on=ON)
    assert "duplicates" in exc.value.errors


def test_an_ineligible_nominee_is_warned_but_not_blocked(cast):
    awards.evaluation_set(actor=None, person=cast.teachers[1], year=2026, rating="HT")
    proposal = draft(cast)
    nominee = add(cast, proposal, cast.teachers[1], "LDTT")
    assert nominee.verdict["verdict"] == "not_eligible"
    complete_dossier(cast, proposal)
    services.proposal_submit(actor=cast.binh, proposal=proposal, on=ON)  # the council decides

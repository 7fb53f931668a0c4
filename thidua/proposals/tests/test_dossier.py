"""Required dossier parts per award, without a database (Luật Điều 84, 85; NĐ 86/2023)."""

import pytest

from thidua.proposals import dossier
from thidua.proposals.dossier import NomineeParts


@pytest.mark.parametrize(
    ("code", "kinds"),
    [
        ("LDTT", {"ACHIEVEMENT_REPORT", "EVALUATION_MINUTES"}),
        ("CSTDCS", {"ACHIEVEMENT_REPORT", "EVALUATION_MINUTES", "INITIATIVE_RECOGNITION"}),
        ("CSTD_TINH", {"ACHIEVEMENT_REPORT", "EVALUATION_MINUTES", "INITIATIVE_RECOGNITION"}),
        ("BK_TINH", {"ACHIEVEMENT_REPORT", "EVALUATION_MINUTES"}),
        ("GDVH", {"EVALUATION_MINUTES"}),
    ],
)
def test_required_parts_follow_the_law(code, kinds):
    parts = dossier.required_parts(code, simplified=False)
    assert {p.kind for p in parts} == kinds
    assert all(p.citation.text for p in parts)


def test_titles_cite_article_84_clause_1_and_forms_clause_2():
    assert (
        dossier.required_parts("LDTT", simplified=False)[0].citation.text
        == "Điều 84 khoản 1 Luật 06/2022/QH15"
    )
    assert (
        dossier.required_parts("GIAY_KHEN", simplified=False)[0].citation.text
        == "Điều 84 khoản 2 Luật 06/2022/QH15"
    )


def test_the_simplified_procedure_needs_only_a_summary():
    parts = dossier.required_parts("BK_TINH", simplified=True)
    assert [p.kind for p in parts] == ["SUMMARY_REPORT"]
    assert parts[0].citation.article == 85


def test_minutes_for_the_whole_proposal_cover_every_nominee():
    nominees = [
        NomineeParts(1, "LDTT", frozenset({"ACHIEVEMENT_REPORT"})),
        NomineeParts(2, "CSTDCS", frozenset({"ACHIEVEMENT_REPORT"})),
    ]
    missing = dossier.missing_parts(nominees, proposal_kinds={"EVALUATION_MINUTES"}, simplified=False)
    assert [(m.nominee_key, m.kind) for m in missing] == [(2, "INITIATIVE_RECOGNITION")]


def test_a_report_for_the_whole_proposal_does_not_stand_for_each_nominee():
    missing = dossier.missing_parts(
        [NomineeParts(1, "LDTT", frozenset())], proposal_kinds={"ACHIEVEMENT_REPORT"}, simplified=False
    )
    assert {m.kind for m in missing} == {"ACHIEVEMENT_REPORT", "EVALUATION_MINUTES"}

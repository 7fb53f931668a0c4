"""Stories about scoring: self-assessment with evidence, submission, verification, ranking and publication."""

import importlib
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.errors import NotFound, ValidationFailed
from thidua.core.models import AuditEvent
from thidua.scoring import selectors, services
from thidua.scoring.models import ClusterRanking, Evidence, ScoreEntry, ScoreSubmission
from thidua.scoring.permissions import HEAD, HOME_AFFAIRS
from thidua.scoring.tests.world import YEAR, build_scorecard, build_scoring_world

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world():
    return build_scoring_world()


@pytest.fixture
def card(world):
    return build_scorecard(world)


def assess(world, sc, crit, user, unit, scores):
    for code, score in scores.items():
        services.score_self_assess(actor=user, scorecard=sc, unit=unit, criterion=crit[code], score=score)


def test_a_unit_scores_itself_within_the_maximum(world, card):
    sc, crit = card
    entry = services.score_self_assess(
        actor=world.an, scorecard=sc, unit=world.a, criterion=crit["1.1"], score="8,5", note="Đạt 85 %"
    )
    assert entry.self_score == Decimal("8.50") and entry.self_note == "Đạt 85 %"
    with pytest.raises(ValidationFailed, match="between"):
        services.score_self_assess(
            actor=world.an, scorecard=sc, unit=world.a, criterion=crit["1.1"], score="11"
        )
    with pytest.raises(ValidationFailed, match="between"):
        services.score_self_assess(
            actor=world.an, scorecard=sc, unit=world.a, criterion=crit["P1"], score="-2"
        )
    assert AuditEvent.objects.filter(action="score.self_assess", object_id=str(entry.pk)).count() == 1


def test_a_unit_scores_only_itself(world, card):
    sc, crit = card
    with pytest.raises(NotFound):
        services.score_self_assess(
            actor=world.an, scorecard=sc, unit=world.c, criterion=crit["1.1"], score="5"
        )
    with pytest.raises(NotFound):
        services.score_self_assess(
            actor=world.dung, scorecard=sc, unit=world.a, criterion=crit["1.1"], score="5"
        )


def test_a_target_criterion_cannot_be_typed_in(world, card):
    sc, crit = card
    with pytest.raises(ValidationFailed, match="computed from a target"):
        services.score_self_assess(
            actor=world.an, scorecard=sc, unit=world.a, criterion=crit["1.3"], score="5"
        )


def test_a_unit_scored_zero_on_every_criterion_can_submit(world, card):
    sc, crit = card
    assess(world, sc, crit, world.cuong, world.c, {"1.1": "0", "1.2": "0"})
    submission = services.score_submit(actor=world.cuong, scorecard=sc, unit=world.c)
    assert submission.submitted_by == world.cuong
    with pytest.raises(ValidationFailed, match="submitted"):
        services.score_self_assess(
            actor=world.cuong, scorecard=sc, unit=world.c, criterion=crit["1.1"], score="3"
        )


def test_submission_names_the_criteria_still_missing(world, card):
    sc, crit = card
    assess(world, sc, crit, world.an, world.a, {"1.1": "7"})
    with pytest.raises(ValidationFailed, match=r"1\.2"):
        services.score_submit(actor=world.an, scorecard=sc, unit=world.a)
    assert not ScoreSubmission.objects.exists()


def test_evidence_is_checked_by_content_and_stored_with_its_hash(world, card, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sc, crit = card
    upload = SimpleUploadedFile("Biên bản họp.pdf", PDF, content_type="application/pdf")
    evidence = services.evidence_attach(
        actor=world.an, scorecard=sc, unit=world.a, criterion=crit["1.2"], upload=upload
    )
    assert evidence.original_name == "Biên bản họp.pdf" and evidence.size == len(PDF)
    assert len(evidence.sha256) == 64 and evidence.sha256 in evidence.file.name
    assert (tmp_path / evidence.file.name).read_bytes() == PDF
    fake = SimpleUploadedFile("anh.pdf", b"\x89PNG\r\n\x1a\n0000", content_type="application/pdf")
    with pytest.raises(ValidationFailed, match="does not match"):
        services.evidence_attach(
            actor=world.an, scorecard=sc, unit=world.a, criterion=crit["1.2"], upload=fake
        )
    exe = SimpleUploadedFile("x.pdf", b"MZ\x90\x00", content_type="application/pdf")
    with pytest.raises(ValidationFailed, match="Only PDF"):
        services.evidence_attach(
            actor=world.an, scorecard=sc, unit=world.a, criterion=crit["1.2"], upload=exe
        )
    assert Evidence.objects.count() == 1


def test_evidence_over_ten_megabytes_is_refused(world, card, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sc, crit = card
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(ValidationFailed, match="10 MB"):
        services.evidence_attach(
            actor=world.an, scorecard=sc, unit=world.a, criterion=crit["1.1"], upload=big
        )


def _to_verification(world, card):
    sc, crit = card
    assess(world, sc, crit, world.an, world.a, {"1.1": "9", "1.2": "18", "T1": "3"})
    assess(world, sc, crit, world.binh, world.b, {"1.1": "8", "1.2": "19", "P1": "1"})
    assess(world, sc, crit, world.cuong, world.c, {"1.1": "10", "1.2": "20", "T1": "5"})
    for user, unit in ((world.an, world.a), (world.binh, world.b), (world.cuong, world.c)):
        services.score_submit(actor=user, scorecard=sc, unit=unit)
    return services.scorecard_start_verification(actor=world.nga, scorecard=sc), crit


def _entry(sc, unit, crit):
    return ScoreEntry.objects.get(scorecard=sc, unit=unit, criterion=crit)


def test_a_changed_score_needs_a_reason_and_both_scores_are_kept(world, card):
    sc, crit = _to_verification(world, card)
    entry = _entry(sc, world.c, crit["1.2"])
    with pytest.raises(ValidationFailed, match="reason"):
        services.score_verify(actor=world.an, level=HEAD, entry=entry, score="15", reason="  ")
    entry = services.score_verify(
        actor=world.an, level=HEAD, entry=entry, score="15", reason="Thiếu biên bản kiểm tra"
    )
    assert (entry.self_score, entry.head_score, entry.head_by) == (Decimal(20), Decimal(15), world.an)
    # Home Affairs checks against the head's score: confirming 15 needs no reason, 17 does.
    entry = services.score_verify(actor=world.nga, level=HOME_AFFAIRS, entry=entry, score="15")
    assert entry.verified_score == Decimal(15)
    with pytest.raises(ValidationFailed, match="reason"):
        services.score_verify(actor=world.nga, level=HOME_AFFAIRS, entry=entry, score="17")
    event = AuditEvent.objects.filter(action="score.verify_head", object_id=str(entry.pk)).get()
    assert event.reason == "Thiếu biên bản kiểm tra" and event.after["head_score"] == "15.00"


def test_the_head_does_not_verify_its_own_unit_the_deputy_does(world, card):
    sc, crit = _to_verification(world, card)
    own = _entry(sc, world.a, crit["1.1"])
    with pytest.raises(NotFound):
        services.score_verify(actor=world.an, level=HEAD, entry=own, score="9")
    services.score_verify(actor=world.binh, level=HEAD, entry=own, score="9")
    with pytest.raises(NotFound):  # a member cannot verify at Home Affairs level
        services.score_verify(actor=world.cuong, level=HOME_AFFAIRS, entry=own, score="9")


def test_a_verifier_can_add_a_penalty_the_unit_did_not_declare(world, card):
    sc, crit = _to_verification(world, card)
    entry = services.score_verify_criterion(
        actor=world.nga,
        level=HOME_AFFAIRS,
        scorecard=sc,
        unit=world.c,
        criterion=crit["P1"],
        score="4",
        reason="Công văn 12/UBND: chậm báo cáo",
    )
    assert entry.self_score is None and entry.verified_score == Decimal(4)


def test_ranking_uses_the_most_verified_scores_and_tie_rules(world, card):
    sc, crit = _to_verification(world, card)
    rows = services.ranking_compute(scorecard=sc, actor=world.nga)
    # c: 30 + 5 bonus = 35; a: 27 + 3 = 30; b: 27 - 1 = 26
    assert [(r.unit, r.total, r.rank) for r in rows] == [
        (world.c, Decimal("35.00"), 1),
        (world.a, Decimal("30.00"), 2),
        (world.b, Decimal("26.00"), 3),
    ]
    services.score_verify(
        actor=world.nga,
        level=HOME_AFFAIRS,
        entry=_entry(sc, world.c, crit["T1"]),
        score="0",
        reason="Không có hồ sơ",
    )
    services.score_verify(
        actor=world.nga, level=HOME_AFFAIRS, entry=_entry(sc, world.a, crit["T1"]), score="3"
    )
    services.score_verify(
        actor=world.nga,
        level=HOME_AFFAIRS,
        entry=_entry(sc, world.a, crit["1.2"]),
        score="20",
        reason="Đủ hồ sơ",
    )
    rows = services.ranking_compute(scorecard=sc, actor=world.nga)
    # a: 29 + 3 = 32; c: 30 + 0 = 30; b: 26
    assert [(r.unit.code, r.total, r.rank) for r in rows] == [
        ("XA", Decimal("32.00"), 1),
        ("XC", Decimal("30.00"), 2),
        ("XB", Decimal("26.00"), 3),
    ]


def test_equal_totals_are_split_by_the_base_total(world, card):
    sc, crit = card
    assess(world, sc, crit, world.an, world.a, {"1.1": "10", "1.2": "15", "T1": "5"})  # 25 + 5 = 30
    assess(world, sc, crit, world.cuong, world.c, {"1.1": "10", "1.2": "20"})  # 30
    services.scorecard_start_verification(actor=world.nga, scorecard=sc)
    rows = services.ranking_compute(scorecard=sc, actor=world.nga)
    assert [(r.unit.code, r.rank, r.tied) for r in rows][:2] == [("XC", 1, False), ("XA", 2, False)]
    assert rows[2].unit == world.b and not rows[2].submitted


def test_publishing_locks_every_write(world, card):
    sc, crit = _to_verification(world, card)
    services.ranking_publish(actor=world.nga, scorecard=sc)
    sc.refresh_from_db()
    assert sc.is_published and sc.published_at is not None
    leader = ClusterRanking.objects.get(scorecard=sc, rank=1)
    assert leader.unit == world.c and leader.acclaimed and leader.published_at is not None
    entry = _entry(sc, world.c, crit["1.1"])
    attempts = [
        lambda: services.score_verify(
            actor=world.nga, level=HOME_AFFAIRS, entry=entry, score="1", reason="x"
        ),
        lambda: services.score_self_assess(
            actor=world.cuong, scorecard=sc, unit=world.c, criterion=crit["1.1"], score="1"
        ),
        lambda: services.ranking_compute(scorecard=sc, actor=world.nga),
        lambda: services.scorecard_update(actor=world.nga, scorecard=sc, title="Khác"),
        lambda: services.scorecard_reopen(actor=world.nga, scorecard=sc, note="Mở lại"),
        lambda: services.criterion_update(actor=world.nga, criterion=crit["1.1"], max_points="1"),
    ]
    for attempt in attempts:
        with pytest.raises(services.ResultsPublished):
            attempt()


def test_top_ranked_units_and_suggested_awards_follow_the_published_ranking(world, card):
    sc, _crit = _to_verification(world, card)
    assert selectors.top_ranked_units(cluster=world.cluster, year=YEAR, n=2) == []  # not yet published
    services.ranking_publish(actor=world.nga, scorecard=sc)
    top = selectors.top_ranked_units(cluster=world.cluster, year=YEAR, n=2)
    assert [(u.code, total, rank) for u, total, rank in top] == [
        ("XC", Decimal("35.00"), 1),
        ("XA", Decimal("30.00"), 2),
    ]
    nominees = selectors.suggested_nominees(sc)
    assert [(n.unit.code, n.award_code) for n in nominees] == [
        ("XC", "CO_TINH"),
        ("XA", "BK_TINH"),
        ("XB", "BK_TINH"),
    ]
    assert nominees[0].acclaimed


def test_units_sharing_a_boundary_rank_are_all_suggested(world, card):
    sc, crit = card
    services.scorecard_update(actor=world.nga, scorecard=sc, award_plan=[["CO_TINH", 1], ["BK_TINH", 1]])
    for user, unit in ((world.an, world.a), (world.binh, world.b), (world.cuong, world.c)):
        assess(world, sc, crit, user, unit, {"1.1": "10", "1.2": "20"})
    services.scorecard_start_verification(actor=world.nga, scorecard=sc)
    services.ranking_publish(actor=world.nga, scorecard=sc)
    nominees = selectors.suggested_nominees(sc)
    # All three tie on every rule: nobody is acclaimed automatically, and all share the first award.
    assert {n.award_code for n in nominees} == {"CO_TINH"} and all(n.tied for n in nominees)
    assert not ClusterRanking.objects.filter(scorecard=sc, acclaimed=True).exists()
    assert len(selectors.top_ranked_units(cluster=world.cluster, year=YEAR, n=1)) == 3


def _targets_ready() -> bool:
    try:
        selectors_mod = importlib.import_module("thidua.targets.selectors")
        models_mod = importlib.import_module("thidua.targets.models")
    except ImportError:
        return False
    return hasattr(selectors_mod, "target_completion") and hasattr(models_mod, "TargetActual")


@pytest.mark.skipif(not _targets_ready(), reason="thidua.targets has no target_completion or models yet")
def test_target_criteria_are_computed_from_target_completion(world, card):
    from thidua.targets import models as tm

    sc, crit = card
    indicator = tm.Indicator.objects.create(
        code="THU_NGAN_SACH", name="Thu ngân sách trên địa bàn", unit_of_measure="triệu đồng"
    )
    target = tm.Target.objects.create(unit=world.a, indicator=indicator, year=YEAR, planned=Decimal(1000))
    tm.TargetActual.objects.create(
        target=target, period_kind="YEAR", period_index=1, value=Decimal(850), reported_on=date(2025, 12, 20)
    )
    assess(world, sc, crit, world.an, world.a, {"1.1": "5", "1.2": "5"})
    services.score_submit(actor=world.an, scorecard=sc, unit=world.a)  # submitting computes the targets
    entry = _entry(sc, world.a, crit["1.3"])
    assert entry.target_ratio == Decimal("0.85") and entry.self_score == Decimal("8.50")
    # Commune C has no target data: the criterion stays empty, which does not block submission.
    assess(world, sc, crit, world.cuong, world.c, {"1.1": "5", "1.2": "5"})
    services.score_submit(actor=world.cuong, scorecard=sc, unit=world.c)
    assert _entry(sc, world.c, crit["1.3"]).self_score is None

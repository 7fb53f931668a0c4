"""The scoring screens through Django's test client."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from thidua.scoring import services
from thidua.scoring.models import Criterion, CriterionGroup, MemberRole, ScorecardStatus, ScoreEntry
from thidua.scoring.tests.world import YEAR, build_scorecard, build_scoring_world
from thidua.testing.cast import PASSWORD

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def world():
    return build_scoring_world()


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_members_and_organisers_see_the_cluster_outsiders_get_404(client, world):
    url = reverse("scoring:cluster_detail", args=[world.cluster.pk])
    html = login(client, world.cuong).get(url).content.decode()
    assert "Cụm thi đua số 1" in html and 'data-testid="cluster-members"' in html
    members_table = html.split('data-testid="cluster-members"')[1].split("</table>")[0]
    with translation.override("vi"):
        head_label = str(MemberRole.HEAD.label)
    assert head_label in members_table and "HEAD" not in members_table  # labels, never raw codes
    assert 'data-testid="member-form"' not in html  # members do not manage
    client.logout()
    assert login(client, world.dung).get(url).status_code == 404
    assert "Cụm thi đua số 1" not in client.get(reverse("scoring:cluster_list")).content.decode()
    client.logout()
    html = login(client, world.nga).get(url).content.decode()
    assert 'data-testid="member-form"' in html and 'data-testid="scorecard-form"' in html


def test_the_organiser_creates_a_cluster_and_builds_a_scorecard(client, world):
    login(client, world.nga)
    response = client.post(
        reverse("scoring:cluster_create"),
        {"name": "Khối các cơ quan", "kind": "SECTORAL", "owner": world.district.pk, "description": ""},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("scoring:scorecard_create", args=[world.cluster.pk]),
        {"year": YEAR, "title": "Bảng điểm 2025", "bonus_cap": "5"},
    )
    scorecard_url = response["Location"]
    scorecard_id = int(scorecard_url.rstrip("/").split("/")[-1])
    client.post(reverse("scoring:group_add", args=[scorecard_id]), {"name": "Kinh tế"})
    group_id = CriterionGroup.objects.get().pk
    data = {
        "group": group_id,
        "code": "1.1",
        "name": "Thu ngân sách",
        "max_points": "10",
        "kind": "BASE",
        "source": "TARGET",
        "indicator_code": "THU_NGAN_SACH",
        "formula": "THRESHOLD",
        "formula_params": '{"floor": "0.5"}',
        "guidance": "",
    }
    assert client.post(reverse("scoring:criterion_add", args=[scorecard_id]), data).status_code == 302
    bad = {**data, "code": "1.2", "formula_params": "{not json"}
    response = client.post(reverse("scoring:criterion_add", args=[scorecard_id]), bad)
    assert response.status_code == 400 and "JSON" in response.content.decode()
    html = client.get(scorecard_url).content.decode()
    assert 'data-testid="criteria-table"' in html and "Thu ngân sách" in html and "THU_NGAN_SACH" in html
    criterion = Criterion.objects.get(code="1.1")
    assert criterion.formula_params == {"floor": "0.5"} and criterion.max_points == Decimal(10)


def test_a_unit_fills_its_sheet_and_submits_all_zeros(client, world):
    sc, crit = build_scorecard(world)
    login(client, world.cuong)
    url = reverse("scoring:unit_sheet", args=[sc.pk, world.c.pk])
    html = client.get(url).content.decode()
    assert 'data-testid="sheet-table"' in html and 'data-testid="target-points"' in html
    response = client.post(url, {f"score_{crit['1.1'].pk}": "0", f"score_{crit['1.2'].pk}": "0"})
    assert response.status_code == 302
    response = client.post(reverse("scoring:unit_submit", args=[sc.pk, world.c.pk]))
    html = client.get(url).content.decode()
    assert 'data-testid="sheet-submitted"' in html and 'data-testid="sheet-form"' not in html
    # Another member's sheet is hidden before publication.
    assert client.get(reverse("scoring:unit_sheet", args=[sc.pk, world.a.pk])).status_code == 404


def test_a_score_above_the_maximum_is_shown_on_its_row(client, world):
    sc, crit = build_scorecard(world)
    login(client, world.an)
    url = reverse("scoring:unit_sheet", args=[sc.pk, world.a.pk])
    response = client.post(url, {f"score_{crit['1.1'].pk}": "12", f"score_{crit['1.2'].pk}": "1.234,5"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "is-invalid" in html and 'value="12"' in html
    assert not ScoreEntry.objects.filter(self_score__isnull=False).exists()  # all or nothing


def test_evidence_upload_and_download_follow_the_unit(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sc, crit = build_scorecard(world)
    login(client, world.an)
    upload = SimpleUploadedFile("Báo cáo.pdf", PDF, content_type="application/pdf")
    client.post(
        reverse("scoring:evidence_upload", args=[sc.pk, world.a.pk, crit["1.2"].pk]), {"file": upload}
    )
    html = client.get(reverse("scoring:unit_sheet", args=[sc.pk, world.a.pk])).content.decode()
    assert "Báo cáo.pdf" in html
    evidence = ScoreEntry.objects.get(unit=world.a, criterion=crit["1.2"]).evidence.get()
    response = client.get(reverse("scoring:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.logout()
    login(client, world.cuong)
    assert client.get(reverse("scoring:evidence_download", args=[evidence.pk])).status_code == 404


def _verifying(world):
    sc, crit = build_scorecard(world)
    for user, unit, scores in (
        (world.an, world.a, {"1.1": "9", "1.2": "18"}),
        (world.binh, world.b, {"1.1": "8", "1.2": "19"}),
        (world.cuong, world.c, {"1.1": "10", "1.2": "20"}),
    ):
        for code, score in scores.items():
            services.score_self_assess(actor=user, scorecard=sc, unit=unit, criterion=crit[code], score=score)
    services.scorecard_start_verification(actor=world.nga, scorecard=sc)
    return sc, crit


def test_verification_demands_a_reason_and_highlights_the_change(client, world):
    sc, crit = _verifying(world)
    login(client, world.an)
    url = reverse("scoring:unit_verify", args=[sc.pk, world.c.pk, "HEAD"])
    response = client.post(url, {f"score_{crit['1.2'].pk}": "15", f"reason_{crit['1.2'].pk}": ""})
    assert response.status_code == 400 and "is-invalid" in response.content.decode()
    response = client.post(url, {f"score_{crit['1.2'].pk}": "15", f"reason_{crit['1.2'].pk}": "Thiếu hồ sơ"})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert (
        'data-testid="verify-table"' in html
        and 'data-testid="changed-cell"' in html
        and "Thiếu hồ sơ" in html
    )
    # The head cannot verify its own commune, nor anyone at Home Affairs level.
    assert client.get(reverse("scoring:unit_verify", args=[sc.pk, world.a.pk, "HEAD"])).status_code == 404
    assert (
        client.get(reverse("scoring:unit_verify", args=[sc.pk, world.c.pk, "HOME_AFFAIRS"])).status_code
        == 404
    )


def test_ranking_is_private_until_published_then_locked_for_everyone(client, world):
    sc, _crit = _verifying(world)
    login(client, world.nga)
    client.post(reverse("scoring:ranking_compute", args=[sc.pk]))
    html = client.get(reverse("scoring:ranking", args=[sc.pk])).content.decode()
    assert 'data-testid="ranking-chart"' in html and 'data-testid="ranking-table"' in html
    assert "<svg" in html and "Ủy ban nhân dân xã Chiềng" in html and "30" in html
    client.logout()
    login(client, world.cuong)
    assert client.get(reverse("scoring:ranking", args=[sc.pk])).status_code == 404
    client.logout()
    login(client, world.nga)
    publish = reverse("scoring:ranking_publish", args=[sc.pk])
    assert 'data-testid="publish-form"' in client.get(publish).content.decode()
    client.post(publish, {"note": ""})  # not confirmed
    sc.refresh_from_db()
    assert sc.status == ScorecardStatus.VERIFYING
    assert client.post(publish, {"note": "Hội nghị tổng kết cụm", "confirm": "yes"}).status_code == 302
    sc.refresh_from_db()
    assert sc.status == ScorecardStatus.PUBLISHED
    client.logout()
    login(client, world.cuong)
    html = client.get(reverse("scoring:ranking", args=[sc.pk])).content.decode()
    assert 'data-testid="ranking-published"' in html and 'data-testid="suggested-nominees"' in html
    assert "CO_TINH" in html
    assert client.get(reverse("scoring:unit_sheet", args=[sc.pk, world.a.pk])).status_code == 200


def test_scorecard_page_offers_each_user_their_own_work(client, world):
    sc, _crit = _verifying(world)
    login(client, world.an)
    html = client.get(reverse("scoring:scorecard_detail", args=[sc.pk])).content.decode()
    assert 'data-testid="own-sheet-link"' in html and 'data-testid="head-verify-list"' in html
    assert 'data-testid="scorecard-actions"' not in html and 'data-testid="progress-table"' not in html
    client.logout()
    login(client, world.nga)
    html = client.get(reverse("scoring:scorecard_detail", args=[sc.pk])).content.decode()
    assert 'data-testid="scorecard-actions"' in html and 'data-testid="progress-table"' in html

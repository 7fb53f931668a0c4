"""Writes on proposals through the API use the screens' services, with the caller as actor."""

import io

import pytest
from openpyxl import Workbook

from thidua.core.models import AuditEvent
from thidua.proposals.models import Nominee, Proposal

pytestmark = pytest.mark.django_db

HEAD = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Số định danh",
    "Đơn vị",
    "Chức vụ",
    "Hình thức/Danh hiệu",
    "Năm",
    "Tóm tắt thành tích",
]


def _book(rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(HEAD)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "danh-sach.xlsx"
    return buf


def _create(api, **extra):
    body = {
        "proposing_unit": api.world.school.pk,
        "kind": "YEAR_END",
        "year": 2025,
        "title": "Đề nghị của trường",
        **extra,
    }
    response = api.binh.post("/api/v1/proposals/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_create_add_and_submit_a_proposal(api):
    w = api.world
    proposal = _create(api, simplified=True, simplified_case="EXCEPTIONAL")
    assert proposal["status"] == "DRAFT" and proposal["authority_unit"]["code"] == "XA"
    assert proposal["proposing_unit"]["code"] == "XA-TH"
    added = api.binh.post(
        f"/api/v1/proposals/{proposal['id']}/nominees/",
        {"subject_kind": "INDIVIDUAL", "person": w.teacher.pk, "award_code": "ldtt", "year": 2025,
         "achievement": "Hoàn thành xuất sắc nhiệm vụ"},
        format="json",
    )  # fmt: skip
    assert added.status_code == 201, added.json()
    nominee = added.json()
    assert nominee["award_code"] == "LDTT" and nominee["person"]["full_name"] == "Nguyễn Văn An"
    assert nominee["verdict"] in {"eligible", "not_eligible", "needs_review"}  # checked at once
    listed = api.binh.get(f"/api/v1/proposals/{proposal['id']}/nominees/").json()
    assert [n["id"] for n in listed["results"]] == [nominee["id"]]
    submitted = api.binh.post(f"/api/v1/proposals/{proposal['id']}/submit/")
    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["status"] == "SUBMITTED" and submitted.json()["submitted_on"]
    actions = set(AuditEvent.objects.filter(actor=w.binh).values_list("action", flat=True))
    assert {"proposal.create", "nominee.add"} <= actions
    # Once submitted, the list cannot change: the service refuses (409).
    again = api.binh.post(
        f"/api/v1/proposals/{proposal['id']}/nominees/",
        {"subject_kind": "COLLECTIVE", "unit": w.school.pk, "award_code": "TTLDTT", "year": 2025},
        format="json",
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "refused"
    # The authority side (commune officer An) now sees it too.
    assert api.an.get(f"/api/v1/proposals/{proposal['id']}/").status_code == 200


def test_a_draft_is_visible_to_the_proposing_side_only(api):
    proposal = _create(api)
    assert api.binh.get(f"/api/v1/proposals/{proposal['id']}/").status_code == 200
    assert api.dung.get(f"/api/v1/proposals/{proposal['id']}/").status_code == 404


def test_nominees_import_checks_first_then_adds_all(api):
    w = api.world
    proposal = _create(api)
    rows = [
        [1, w.teacher.full_name, "02/05/1980", "", "XA-TH", "Giáo viên", "LDTT", 2025, "Hoàn thành tốt."],
        [2, "", "", "", "XA-TH", "", "Tập thể lao động tiên tiến", 2025, "Tập thể trường."],
    ]
    url = f"/api/v1/proposals/{proposal['id']}/nominees/import/"
    dry = api.binh.post(url, {"file": _book(rows)}, format="multipart")
    assert dry.status_code == 200, dry.json()
    assert dry.json()["dry_run"] is True and dry.json()["is_clean"] and dry.json()["created"] == 0
    assert not Nominee.objects.filter(proposal_id=proposal["id"]).exists()
    done = api.binh.post(url, {"file": _book(rows), "dry_run": "false"}, format="multipart")
    assert done.status_code == 201, done.json()
    assert done.json()["created"] == 2
    assert Nominee.objects.filter(proposal_id=proposal["id"]).count() == 2
    bad = api.binh.post(url, {"file": _book([[1, "Không Có Ai", "01/01/1990", "", "", "", "NOPE", 2025, ""]]),
                              "dry_run": "false"}, format="multipart")  # fmt: skip
    assert bad.status_code == 200 and not bad.json()["is_clean"]
    assert {i["row"] for i in bad.json()["issues"]} == {2}
    assert Nominee.objects.filter(proposal_id=proposal["id"]).count() == 2
    assert api.dung.post(url, {"file": _book(rows)}, format="multipart").status_code == 404
    assert Proposal.objects.count() == 1

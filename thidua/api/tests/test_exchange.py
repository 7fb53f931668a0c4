"""Exchange layouts: export the register and decisions, import earlier awards in the same layout."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from thidua.awards.models import Award
from thidua.awards.services import award_record
from thidua.decisions import services as decision_services
from thidua.organization.models import Person

pytestmark = pytest.mark.django_db

FIELDS = (
    "subject_kind",
    "award_code",
    "year",
    "decision_symbol",
    "decided_on",
    "authority_office",
    "prize_vnd",
)


@pytest.fixture
def register(api):
    w = api.world
    Person.objects.filter(pk=w.teacher.pk).update(id_number="001080000123")
    w.teacher.refresh_from_db()
    awards = [
        award_record(
            actor=None,
            subject_kind="INDIVIDUAL",
            person=w.teacher,
            award_code="LDTT",
            year=2023,
            decided_on=date(2023, 12, 20),
            authority_office="CT_UBND_XA",
            decision_symbol="45/QĐ-UBND",
            source_ref="test",
            prize_vnd=702_000,
        ),
        award_record(
            actor=None,
            subject_kind="INDIVIDUAL",
            person=w.teacher,
            award_code="CSTDCS",
            year=2024,
            decided_on=date(2024, 12, 20),
            authority_office="CT_UBND_HUYEN",
            decision_symbol="46/QĐ-UBND",
            source_ref="test",
            prize_vnd=2_340_000,
        ),
        award_record(
            actor=None,
            subject_kind="COLLECTIVE",
            unit=w.school,
            award_code="TTLDTT",
            year=2024,
            decided_on=date(2024, 12, 20),
            authority_office="CT_UBND_HUYEN",
            decision_symbol="47/QĐ-UBND",
            source_ref="test",
        ),
    ]
    return api, awards


def _rows():
    return sorted(
        tuple(str(v) for v in Award.objects.filter(pk=a.pk).values_list(*FIELDS).get())
        for a in Award.objects.all()
    )


def test_the_json_layout_round_trips_through_the_import(register):
    api, _awards = register
    document = api.an.get("/api/v1/exchange/awards.json").json()
    assert document["format"] == "thidua.awards/1" and document["complete"] is True
    first = {r["award_code"]: r for r in document["records"]}
    assert first["CSTDCS"]["person"] == {
        "id_number": "001080000123",
        "full_name": "Nguyễn Văn An",
        "date_of_birth": "1980-05-02",
    }
    assert first["CSTDCS"]["decided_on"] == "2024-12-20" and first["CSTDCS"]["prize_vnd"] == 2_340_000
    assert first["TTLDTT"]["unit_code"] == "XA-TH" and first["TTLDTT"]["person"] is None
    before = _rows()
    Award.objects.all().delete()

    dry = api.an.post("/api/v1/exchange/awards/import", document, format="json")  # dry run by default
    assert dry.status_code == 200, dry.content
    assert dry.json()["is_clean"] and dry.json()["created"] == 0 and dry.json()["rows_total"] == 3
    assert not Award.objects.exists()

    done = api.an.post("/api/v1/exchange/awards/import", {**document, "dry_run": False}, format="json")
    assert done.status_code == 201 and done.json()["created"] == 3
    assert _rows() == before
    again = api.an.get("/api/v1/exchange/awards.json").json()
    assert again["records"] == document["records"]


def test_the_excel_layout_round_trips_through_the_import(register):
    api, _awards = register
    response = api.an.get("/api/v1/exchange/awards.xlsx?year=2024")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[1]][:4] == ["Số định danh", "Họ và tên", "Ngày sinh", "Mã đơn vị"]
    assert sheet.max_row == 3  # heading + the two awards of 2024
    before = _rows()
    Award.objects.filter(year=2024).delete()
    upload = io.BytesIO(response.content)
    upload.name = "so-khen-thuong.xlsx"
    done = api.an.post(
        "/api/v1/exchange/awards/import", {"file": upload, "dry_run": "false"}, format="multipart"
    )
    assert done.status_code == 201, done.json()["issues"]
    assert done.json()["created"] == 2
    assert _rows() == before


def test_bad_records_are_reported_by_row_and_nothing_is_recorded(register):
    api, _awards = register
    document = api.an.get("/api/v1/exchange/awards.json").json()
    Award.objects.all().delete()
    records = document["records"]
    records[0]["award_code"] = "NOPE"
    records[1]["status"] = "REVOKED"
    response = api.an.post(
        "/api/v1/exchange/awards/import", {**document, "records": records, "dry_run": False}, format="json"
    )
    assert response.status_code == 200
    report = response.json()
    assert report["created"] == 0 and not report["is_clean"]
    assert {i["row"] for i in report["issues"] if i["is_error"]} == {1, 2}
    assert not Award.objects.exists()


def test_a_malformed_document_is_a_400(api):
    response = api.an.post(
        "/api/v1/exchange/awards/import", {"format": "other/9", "records": "x"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["details"]) == {"format", "records"}


def test_decisions_export_in_json_and_excel(api):
    w = api.world
    decision = decision_services.decision_create(
        actor=w.an,
        authority_unit=w.commune,
        title="Về việc khen thưởng năm học 2024 - 2025",
        decided_on=date(2025, 8, 1),
        achievement_year=2025,
        signer_name="Bùi Huy Phương",
    )
    decision_services.decision_add_lines(
        actor=w.an,
        decision=decision,
        lines=[{"subject_kind": "INDIVIDUAL", "person": w.teacher, "award_code": "LDTT"}],
    )
    document = api.an.get("/api/v1/exchange/decisions.json?year=2025").json()
    assert document["format"] == "thidua.decisions/1"
    [d] = document["decisions"]
    assert d["authority_unit_code"] == "XA" and d["status"] == "DRAFT" and d["decided_on"] == "2025-08-01"
    [line] = d["lines"]
    assert line["person"]["full_name"] == "Nguyễn Văn An" and line["award_code"] == "LDTT"
    assert isinstance(line["amount_vnd"], int) and line["amount_vnd"] > 0
    workbook = load_workbook(io.BytesIO(api.an.get("/api/v1/exchange/decisions.xlsx").content))
    assert workbook.sheetnames == ["Quyết định", "Danh sách"]
    assert workbook["Danh sách"].cell(row=2, column=4).value == "Nguyễn Văn An"
    assert api.an.get("/api/v1/exchange/decisions.json?year=2024").json()["decisions"] == []

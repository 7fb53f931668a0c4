"""The registry screens through Django's test client."""

import io

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook

from thidua.core.models import AuditEvent
from thidua.organization.models import Person
from thidua.testing.cast import PASSWORD, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_pages_need_a_login(client):
    response = client.get(reverse("web:person_list"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_login_page_is_vietnamese_by_default(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="vi"' in html and "Đăng nhập" in html


def test_outsider_gets_404_for_another_units_person_by_url(client, world):
    _login(client, world.dung)
    assert client.get(reverse("web:person_detail", args=[world.teacher.pk])).status_code == 404
    assert client.get(reverse("web:person_detail", args=[999999])).status_code == 404
    assert client.get(reverse("web:person_edit", args=[world.teacher.pk])).status_code == 404
    assert client.get(reverse("web:unit_detail", args=[world.school.pk])).status_code == 404
    assert client.get(reverse("web:person_detail", args=[world.outsider_person.pk])).status_code == 200


def test_person_list_searches_without_accents_and_shows_vietnamese_dates(client, world):
    _login(client, world.an)
    html = client.get(reverse("web:person_list"), {"q": "nguyen van an"}).content.decode()
    assert "Nguyễn Văn An" in html and "02/05/1980" in html
    assert "Trần Thị Bình" not in html  # another commune's person


def test_officer_edits_a_person_and_the_history_shows_it(client, world):
    _login(client, world.an)
    url = reverse("web:person_edit", args=[world.teacher.pk])
    data = {
        "family_name": "Nguyễn",
        "middle_name": "Văn",
        "given_name": "An",
        "sex": "M",
        "date_of_birth": "02/05/1980",
        "position": "Tổ trưởng chuyên môn",
        "unit": world.school.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    detail = client.get(reverse("web:person_detail", args=[world.teacher.pk])).content.decode()
    assert "Tổ trưởng chuyên môn" in detail and "person.update" in detail
    event = AuditEvent.objects.filter(action="person.update").get()
    assert event.actor == world.an and event.after == {"position": "Tổ trưởng chuyên môn"}


def test_council_member_cannot_edit(client, world):
    _login(client, world.chau)
    assert client.get(reverse("web:person_edit", args=[world.teacher.pk])).status_code == 404


def test_officer_creates_a_person_with_nfd_input_stored_as_nfc(client, world):
    import unicodedata

    _login(client, world.an)
    data = {
        "family_name": unicodedata.normalize("NFD", "Lường"),
        "middle_name": "Thị",
        "given_name": "Ơn",
        "sex": "F",
        "unit": world.school.pk,
    }
    assert client.post(reverse("web:person_create"), data).status_code == 302
    assert Person.objects.get(given_name="Ơn").family_name == "Lường"


def test_officer_cannot_put_a_person_into_another_commune(client, world):
    _login(client, world.an)
    data = {"family_name": "Lò", "given_name": "Xuân", "sex": "M", "unit": world.other_commune.pk}
    response = client.post(reverse("web:person_create"), data)
    assert response.status_code == 200 and not Person.objects.filter(given_name="Xuân").exists()


def test_import_screen_reports_bad_rows_and_imports_nothing(client, world):
    _login(client, world.an)
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Giới tính", "Mã đơn vị", "Ngày sinh"])
    ws.append(["Lò Văn Út", "Nam", "XA-TH", "01/01/1990"])
    ws.append(["Lò Văn Ả", "Nam", "XB", "01/01/1990"])  # another commune: unknown to this officer
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "ds.xlsx"
    html = client.post(reverse("web:person_import"), {"file": buf}).content.decode()
    assert "Mã đơn vị" in html and "XB" in html
    assert not Person.objects.filter(given_name__in=["Út", "Ả"]).exists()


def test_export_downloads_an_xlsx_of_the_visible_people(client, world):
    _login(client, world.an)
    response = client.get(reverse("web:person_list"), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


@override_settings(LOGIN_THROTTLE_ATTEMPTS=2)
def test_login_form_refuses_after_repeated_failures(client, world):
    url = reverse("accounts:login")
    for _ in range(2):
        client.post(url, {"username": "an", "password": "sai"})
    response = client.post(url, {"username": "an", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "15" in response.content.decode()


def test_english_is_available(client, world):
    _login(client, world.an)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("web:home")).content.decode()
    assert 'lang="en"' in html and "Your roles" in html


def test_admin_units_page_shows_the_province_for_name_clashes(client, world):
    from django.core.management import call_command

    call_command("import_admin_units", verbosity=0)
    _login(client, world.an)
    html = client.get(reverse("web:admin_unit_list"), {"q": "tan uyen", "on": "2026-11-27"}).content.decode()
    assert "Xã Tân Uyên" in html and "Tỉnh Lai Châu" in html
    assert "Phường Tân Uyên" in html and "Thành phố Hồ Chí Minh" in html

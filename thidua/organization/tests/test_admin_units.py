"""The administrative registry: 34 provinces, 3,321 communes, and the former Tân Uyên district's lineage."""

from datetime import date

import pytest
from django.core.management import call_command

from thidua.organization.models import AdminUnit, DivisionType
from thidua.organization.selectors import admin_unit_successors_on, admin_units_valid_on

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)


@pytest.fixture
def imported():
    call_command("import_admin_units", verbosity=0)


def test_current_registry_has_34_provinces_and_3321_communes(imported):
    current = admin_units_valid_on(TODAY)
    provinces = current.filter(division_type__in=[DivisionType.TINH, DivisionType.THANH_PHO_TW])
    assert provinces.count() == 34
    assert provinces.filter(division_type=DivisionType.THANH_PHO_TW).count() == 6
    communes = current.filter(division_type__in=[DivisionType.XA, DivisionType.PHUONG, DivisionType.DAC_KHU])
    assert communes.count() == 3321
    assert communes.filter(division_type=DivisionType.XA).count() == 2621
    assert communes.filter(division_type=DivisionType.PHUONG).count() == 687
    assert communes.filter(division_type=DivisionType.DAC_KHU).count() == 13


def test_official_codes_are_kept_with_leading_zeros(imported):
    lai_chau = admin_units_valid_on(TODAY).get(code="12")
    assert lai_chau.name == "Tỉnh Lai Châu"
    tan_uyen = admin_units_valid_on(TODAY).get(code="03598")
    assert tan_uyen.name == "Xã Tân Uyên"
    assert tan_uyen.parent == lai_chau
    assert (
        admin_units_valid_on(TODAY).get(code="25888").name == "Phường Tân Uyên"
    )  # a name clash: key on codes


def test_former_tan_uyen_district_existed_in_2020_with_ten_communes(imported):
    district = admin_units_valid_on(date(2020, 12, 30)).get(code="111")
    assert district.name == "Huyện Tân Uyên"
    assert district.parent.code == "12"
    assert district.children.count() == 10
    assert not district.is_valid_on(TODAY)


def test_former_communes_lead_to_todays_communes(imported):
    old = {u.name: u for u in AdminUnit.objects.filter(parent__code="111", valid_to=date(2025, 6, 30))}
    expected = {
        "Thị trấn Tân Uyên": ["03598"],
        "Xã Trung Đồng": ["03598"],
        "Xã Thân Thuộc": ["03598"],
        "Xã Nậm Cần": ["03598"],
        "Xã Phúc Khoa": ["03601"],
        "Xã Mường Khoa": ["03601"],
        "Xã Tà Mít": ["03613"],
        "Xã Nậm Sỏ": ["03613"],
        "Xã Hố Mít": ["03616"],
        "Xã Pắc Ta": ["03616"],
    }
    assert {
        name: [u.code for u in admin_unit_successors_on(unit, TODAY)] for name, unit in old.items()
    } == expected
    district = AdminUnit.objects.get(code="111")
    assert [u.code for u in admin_unit_successors_on(district, TODAY)] == ["03598", "03601", "03613", "03616"]


def test_merged_provinces_lead_to_the_new_province(imported):
    yen_bai = AdminUnit.objects.get(code="15", valid_from__isnull=True)
    assert [u.name for u in admin_unit_successors_on(yen_bai, TODAY)] == ["Tỉnh Lào Cai"]
    assert (
        AdminUnit.objects.filter(valid_from__isnull=True, division_type__in=["TINH", "THANH_PHO_TW"]).count()
        == 63
    )


def test_import_twice_changes_nothing(imported):
    before = AdminUnit.objects.count()
    call_command("import_admin_units", verbosity=0)
    assert AdminUnit.objects.count() == before

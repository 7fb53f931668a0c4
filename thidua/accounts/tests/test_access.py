"""A user acts only within the subtree of their units; missing and forbidden look the same."""

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.utils import timezone

from thidua.accounts import services
from thidua.accounts.permissions import (
    access_person,
    access_unit,
    can_write_registry,
    people_in_scope,
    units_in_scope,
)
from thidua.core.errors import NotFound
from thidua.testing.cast import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_officer_sees_the_commune_and_everything_below(world):
    assert set(units_in_scope(world.an).values_list("code", flat=True)) == {"XA", "XA-TH"}
    assert list(people_in_scope(world.an)) == [world.teacher]


def test_unit_head_sees_only_the_school(world):
    assert list(units_in_scope(world.binh).values_list("code", flat=True)) == ["XA-TH"]
    with pytest.raises(NotFound):
        access_unit(world.binh, world.commune.pk)


def test_district_member_sees_both_communes(world):
    assert set(units_in_scope(world.chau).values_list("code", flat=True)) == {"H", "XA", "XA-TH", "XB"}


def test_outsider_gets_not_found_for_another_units_person_just_as_for_a_missing_one(world):
    with pytest.raises(NotFound) as forbidden:
        access_person(world.dung, world.teacher.pk)
    with pytest.raises(NotFound) as missing:
        access_person(world.dung, 999_999)
    assert str(forbidden.value) == str(missing.value)
    assert access_person(world.dung, world.outsider_person.pk) == world.outsider_person


def test_council_member_may_read_but_not_write_the_registry(world):
    assert access_person(world.chau, world.teacher.pk) == world.teacher
    with pytest.raises(NotFound):
        access_person(world.chau, world.teacher.pk, for_write=True)
    assert not can_write_registry(world.chau, world.school)
    assert can_write_registry(world.an, world.school)


def test_a_user_without_memberships_sees_nothing_even_as_superuser(world):
    from thidua.accounts.models import User

    root = User.objects.create_superuser(username="root", password="x" * 12)
    assert not units_in_scope(root).exists()
    with pytest.raises(NotFound):
        access_unit(root, world.district.pk)


@override_settings(LOGIN_THROTTLE_ATTEMPTS=3)
def test_logins_are_throttled_per_user_name(world):
    now = timezone.now()
    for _ in range(3):
        assert not services.login_is_throttled(username="an", ip_address="10.0.0.1", now=now)
        services.login_failed(username="AN", ip_address="10.0.0.1", now=now)
    assert services.login_is_throttled(username="an", ip_address="10.0.0.9", now=now)
    later = now + timezone.timedelta(hours=1)
    assert not services.login_is_throttled(username="an", ip_address="10.0.0.9", now=later)


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from config.settings import base

    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert make_password("mat-khau-dai-du").startswith("argon2$")

"""API tokens: only a hash is kept; revoked, expired and unknown tokens are refused alike."""

import hashlib
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from thidua.api.models import ApiToken
from thidua.api.services import api_token_create, api_token_revoke
from thidua.api.tests.conftest import client_with
from thidua.core.errors import ValidationFailed
from thidua.core.models import AuditEvent
from thidua.testing.cast import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def test_the_secret_is_shown_once_and_only_its_sha256_is_stored(world):
    token, secret = api_token_create(actor=world.an, user=world.an, name="HR system", now=timezone.now())
    assert secret.startswith("thd_") and len(secret) > 40
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert row["digest"] == hashlib.sha256(secret.encode()).hexdigest()
    assert not any(secret in str(v) for v in row.values())  # the secret itself is nowhere in the row
    assert secret.startswith(row["lead"]) and len(row["lead"]) < 12
    audit = AuditEvent.objects.get(action="api.token_create")
    assert secret not in str(audit.after) and audit.actor_id == world.an.pk


def test_a_token_authenticates_its_user_and_records_its_use(world):
    token, secret = api_token_create(actor=None, user=world.an, name="HR", now=timezone.now())
    response = client_with(secret).get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["username"] == "an"
    assert response.json()["memberships"][0]["unit"]["code"] == "XA"
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("header", ["Bearer thd_nope", "Token thd_nope", "Bearer", "Bearer a b"])
def test_unknown_or_malformed_tokens_answer_401_with_the_envelope(world, header):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/units/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_stops_working_at_once(world):
    token, secret = api_token_create(actor=None, user=world.an, name="HR", now=timezone.now())
    client = client_with(secret)
    assert client.get("/api/v1/units/").status_code == 200
    api_token_revoke(actor=world.an, token=token, now=timezone.now())
    response = client.get("/api/v1/units/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_an_expired_token_is_refused(world):
    now = timezone.now()
    token, secret = api_token_create(
        actor=None, user=world.an, name="HR", now=now, expires_at=now + timedelta(minutes=5)
    )
    assert client_with(secret).get("/api/v1/units/").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=now - timedelta(seconds=1))
    assert client_with(secret).get("/api/v1/units/").status_code == 401


def test_the_token_of_a_deactivated_user_is_refused(world):
    _token, secret = api_token_create(actor=None, user=world.an, name="HR", now=timezone.now())
    world.an.is_active = False
    world.an.save()
    assert client_with(secret).get("/api/v1/units/").status_code == 401


def test_no_credentials_answer_401_not_authenticated(world):
    response = client_with(None).get("/api/v1/people/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_tokens_need_a_name_and_a_future_expiry(world):
    now = timezone.now()
    with pytest.raises(ValidationFailed) as exc:
        api_token_create(actor=None, user=world.an, name="  ", now=now, expires_at=now - timedelta(days=1))
    assert set(exc.value.errors) == {"name", "expires_at"}


def test_the_management_commands_create_and_revoke_tokens(world):
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token_create", "an", "Hệ thống nhân sự", "--days", "30", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    token = ApiToken.objects.get(user=world.an)
    assert token.name == "Hệ thống nhân sự" and token.expires_at is not None
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert client_with(secret).get("/api/v1/me/").status_code == 200
    call_command("api_token_revoke", "--user", "an", stdout=io.StringIO())
    assert client_with(secret).get("/api/v1/me/").status_code == 401

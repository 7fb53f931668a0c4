"""Schemathesis against the served OpenAPI schema: no server error, no response outside the schema.

Every operation runs a bounded, derandomized number of generated requests with the token of the demo's
province administrator. Run it more deeply with THIDUA_SCHEMATHESIS_EXAMPLES=200 (default 12).
"""

import os
from importlib import import_module

import pytest
import schemathesis
from django.apps import apps as django_apps
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from thidua.api.tests.richdemo import build_rich_demo

EXAMPLES = int(os.environ.get("THIDUA_SCHEMATHESIS_EXAMPLES", "12"))
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]
HIGH_RATES = dict.fromkeys(("user", "anon", "imports", "regulations_anon"), "100000/hour")


@pytest.fixture(scope="module")
def rich_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo = build_rich_demo()
        yield demo
        call_command("flush", interactive=False, verbosity=0)
        import_module("thidua.organization.migrations.0002_ethnicities").load(django_apps, None)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Serve requests inside the test's transaction, as Django's test client does: the WSGI handler would
    otherwise close the connection at each request's start and end (fatal inside a transaction on
    PostgreSQL)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _high_rates(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": HIGH_RATES}


# The schema as the application serves it (the request needs no database).
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", WSGIHandler())


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)
def test_the_api_keeps_to_its_schema(case, rich_demo):
    response = case.call_and_validate(headers={"Authorization": f"Bearer {rich_demo.secret}"}, checks=CHECKS)
    assert response.status_code != 401  # the token works: the checks saw real answers


@pytest.mark.django_db
def test_the_token_of_the_run_sees_the_demo(rich_demo, client):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {rich_demo.secret}"}
    assert client.get("/api/v1/awards/", **auth).json()["count"] > 0
    assert client.get("/api/v1/proposals/", **auth).json()["count"] > 0
    assert client.get("/api/v1/decisions/", **auth).json()["count"] > 0
    sessions = client.get("/api/v1/council-sessions/", **auth).json()["results"]
    detail = client.get(f"/api/v1/council-sessions/{sessions[0]['id']}/", **auth).json()
    assert any(item["results"] for item in detail["items"])

"""Fixtures of the API tests: the cast's world, tokens for its users and a client that sends them."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from thidua.api.services import api_token_create
from thidua.testing.cast import World, build_world


def token_for(user: Any, name: str = "test system") -> str:
    """Create a token for `user` and return its secret."""
    _token, secret = api_token_create(actor=None, user=user, name=name, now=timezone.now())
    return secret


def client_with(secret: str | None) -> APIClient:
    """Return a client that sends the bearer token (or nothing)."""
    client = APIClient()
    if secret:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@dataclass
class ApiWorld:
    world: World
    an: APIClient  # officer of the commune (XA) — sees the commune and its school
    dung: APIClient  # officer of the other commune (XB)
    binh: APIClient  # head of the school


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(db) -> ApiWorld:
    world = build_world()
    return ApiWorld(
        world=world,
        an=client_with(token_for(world.an)),
        dung=client_with(token_for(world.dung)),
        binh=client_with(token_for(world.binh)),
    )

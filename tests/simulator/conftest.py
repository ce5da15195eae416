"""Fixtures for the simulator's behaviour tests: an in-process app with three tenants and a fixed clock.

Tenants: "demo" (live, the default key and hosts), "acme" (live, for isolation tests) and "docs"
(documented profile). Clients are `starlette.testclient.TestClient`s used as context managers, each
sending its tenant's key.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from contracts import wire
from contracts.op import Profile
from simulator.app import create_app
from simulator.config import DEMO_KEY, SimConfig, TenantConfig

NOW = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)
STAMP = wire.format_timestamp(NOW)
ACME_KEY = "acme-key"
DOCS_KEY = "docs-key"


class SteppingClock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def three_tenants() -> SimConfig:
    """demo (live), acme (live) and docs (documented)."""
    return SimConfig(
        tenants=[
            TenantConfig.named("demo", DEMO_KEY),
            TenantConfig.named("acme", ACME_KEY),
            TenantConfig.named("docs", DOCS_KEY, Profile.DOCUMENTED),
        ]
    )


def bearer(key: str) -> dict[str, str]:
    """The Authorization header for a key."""
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock()


@pytest.fixture
def app(clock: SteppingClock) -> Starlette:
    return create_app(three_tenants(), clock=clock)


def _client(app: Starlette, key: str) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver/api/v1", headers=bearer(key)) as client:
        yield client


@pytest.fixture
def client(app: Starlette) -> Iterator[TestClient]:
    """The live "demo" tenant, authenticated."""
    yield from _client(app, DEMO_KEY)


@pytest.fixture
def acme(app: Starlette) -> Iterator[TestClient]:
    """The live "acme" tenant, authenticated."""
    yield from _client(app, ACME_KEY)


@pytest.fixture
def docs(app: Starlette) -> Iterator[TestClient]:
    """The documented-profile "docs" tenant, authenticated."""
    yield from _client(app, DOCS_KEY)


@pytest.fixture
def admin(app: Starlette) -> Iterator[TestClient]:
    """The control plane (no admin token configured)."""
    with TestClient(app, base_url="http://testserver/_sim") as control:
        yield control


def exported(admin: TestClient) -> dict[str, Any]:
    """Every tenant's state, for before/after comparisons."""
    response = admin.get("/state")
    assert response.status_code == 200
    state: dict[str, Any] = response.json()
    return state


def error(message: str, code: str, **errors: list[str]) -> dict[str, Any]:
    """A whole error body (for bodies whose messages the simulator itself chose)."""
    return {"message": message, "code": code, "errors": errors}

"""Tenants to test against: `jasper` (live profile) and `jasper_documented`, as JasperClients.

In-process by default: one simulator app with a live tenant ("demo", the default key and hosts) and a
documented-profile tenant ("docs"), reached through Starlette's TestClient (an httpx2.Client), so
nothing listens on a port. With `pytest --base-url URL --api-key KEY`, `jasper` talks to that served
tenant over real HTTP instead (a served simulator now, a staging tenant later) and the in-process
fixtures are skipped. Every JasperClient built here is recorded by tests/plugins/consumer.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from client import JasperClient, RetryPolicy
from contracts.op import Profile
from contracts.wire import API_PREFIX
from simulator.app import create_app
from simulator.config import DEMO_HOST, DEMO_KEY, SimConfig, TenantConfig, tenant_hosts

SIM_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # the in-process simulator's clock: stamps are predictable
DOCS_KEY = "docs-key"
DOCS_HOST = tenant_hosts("docs")[0]


def _no_wait(seconds: float) -> None:
    """In-process retries wait for nothing: tests never sleep."""


def in_process_retry() -> RetryPolicy:
    """The retry policy of in-process clients: the default bounds, without waiting."""
    return RetryPolicy(sleep=_no_wait)


@pytest.fixture
def served(pytestconfig: pytest.Config) -> tuple[str, str] | None:
    """(base URL, API key) of the served tenant given on the command line, or None for in-process."""
    base_url = pytestconfig.getoption("base_url")
    if base_url is None:
        return None
    api_key = pytestconfig.getoption("api_key")
    if not api_key:
        raise pytest.UsageError("--base-url needs --api-key")
    return str(base_url), str(api_key)


@pytest.fixture
def sim_app(served: tuple[str, str] | None) -> Starlette:
    """A fresh in-process simulator: "demo" (live) and "docs" (documented profile)."""
    if served is not None:
        pytest.skip("in-process simulator only; --base-url points at a served tenant")
    tenants = [TenantConfig.named("demo", DEMO_KEY), TenantConfig.named("docs", DOCS_KEY, Profile.DOCUMENTED)]
    return create_app(SimConfig(tenants=tenants), clock=lambda: SIM_NOW)


@pytest.fixture
def sim_http(sim_app: Starlette) -> Iterator[TestClient]:
    """The TestClient every in-process JasperClient shares (also reaches the control plane, /_sim)."""
    with TestClient(sim_app, base_url=f"http://{DEMO_HOST}") as http:
        yield http


@pytest.fixture
def jasper(served: tuple[str, str] | None, request: pytest.FixtureRequest) -> Iterator[JasperClient]:
    """A client of a live-profile tenant: the in-process "demo" tenant, or the one at --base-url."""
    if served is not None:
        with JasperClient(*served) as client:
            yield client
        return
    http: TestClient = request.getfixturevalue("sim_http")
    yield JasperClient(f"http://{DEMO_HOST}{API_PREFIX}", DEMO_KEY, http, retry=in_process_retry())


@pytest.fixture
def jasper_documented(sim_http: TestClient) -> JasperClient:
    """A client of the in-process documented-profile tenant ("docs"), for rehearsing Jasper's documented API."""
    return JasperClient(f"http://{DOCS_HOST}{API_PREFIX}", DOCS_KEY, sim_http, retry=in_process_retry())

"""The tenants a test talks to: a fresh in-process simulator per test, or the tenant given by --jasper-url.

`jasper_sim_config` and `jasper_sim_clock` are the knobs: override either fixture (session scope) in a
conftest.py to simulate other tenants or to fix the clock. The in-process simulator is reached through
Starlette's TestClient (an httpx2.Client), so nothing listens on a port and nothing waits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from client.jasper import JasperClient
from client.retry import RetryPolicy
from contracts.op import Profile
from contracts.wire import API_PREFIX
from simulator.app import create_app
from simulator.config import DEMO_KEY, SimConfig, TenantConfig

Clock = Callable[[], datetime]
DOCS_KEY = "docs-key"


def _no_wait(seconds: float) -> None:
    """In-process retries wait for nothing: a simulated tenant never needs time to recover."""


def in_process_retry() -> RetryPolicy:
    """The retry policy of in-process clients: the default bounds, without waiting."""
    return RetryPolicy(sleep=_no_wait)


def tenant_url(tenant: TenantConfig, origin: str | None = None) -> str:
    """A tenant's API Url: on `origin` (a served simulator picks the tenant by key), else on its own host."""
    if origin is None:
        origin = f"http://{tenant.hosts[0]}" if tenant.hosts else "http://testserver"
    return origin + API_PREFIX


def first_tenant(config: SimConfig, profile: Profile) -> TenantConfig:
    """The first tenant of the configuration that serves `profile`."""
    for tenant in config.tenants:
        if tenant.profile is profile:
            return tenant
    raise pytest.UsageError(f"jasper_sim_config has no tenant of the {profile.value} profile")


@dataclass(frozen=True, slots=True)
class InProcessSimulator:
    """A simulator app in this process and the TestClient that reaches its API and its control plane (`/_sim`)."""

    app: Starlette
    http: TestClient
    config: SimConfig

    def client(self, tenant: str | None = None, *, profile: Profile = Profile.LIVE) -> JasperClient:
        """A JasperClient of the tenant called `tenant` (default: the first of `profile`), sharing `http`."""
        chosen = self.config.tenant(tenant) if tenant is not None else first_tenant(self.config, profile)
        return JasperClient(tenant_url(chosen), chosen.first_key, self.http, retry=in_process_retry())


@pytest.fixture(scope="session")
def jasper_sim_config() -> SimConfig:
    """The simulated tenants: "demo" (live profile, key `demo-key`) and "docs" (documented, `docs-key`)."""
    return SimConfig(
        tenants=[TenantConfig.named("demo", DEMO_KEY), TenantConfig.named("docs", DOCS_KEY, Profile.DOCUMENTED)]
    )


@pytest.fixture(scope="session")
def jasper_sim_clock() -> Clock | None:
    """The simulators' clock; None is the real UTC time. Override it to make timestamps predictable."""
    return None


@pytest.fixture
def jasper_sim(
    pytestconfig: pytest.Config, jasper_sim_config: SimConfig, jasper_sim_clock: Clock | None
) -> Iterator[InProcessSimulator]:
    """A fresh in-process simulator for this test (skipped with --jasper-url: `jasper` is another tenant then)."""
    if pytestconfig.getoption("jasper_url") is not None:
        pytest.skip("needs the in-process simulator; --jasper-url points `jasper` at another tenant")
    app = create_app(jasper_sim_config, clock=jasper_sim_clock)
    origin = tenant_url(first_tenant(jasper_sim_config, Profile.LIVE)).removesuffix(API_PREFIX)
    with TestClient(app, base_url=origin) as http:
        yield InProcessSimulator(app, http, jasper_sim_config)


@pytest.fixture
def jasper(pytestconfig: pytest.Config, request: pytest.FixtureRequest) -> Iterator[JasperClient]:
    """A JasperClient of a live-profile tenant: a fresh in-process one, or the tenant at --jasper-url."""
    url = pytestconfig.getoption("jasper_url")
    if url is None:
        simulator: InProcessSimulator = request.getfixturevalue("jasper_sim")
        yield simulator.client(profile=Profile.LIVE)
        return
    with JasperClient(str(url), str(pytestconfig.getoption("jasper_key"))) as client:
        yield client


@pytest.fixture
def jasper_documented(jasper_sim: InProcessSimulator) -> JasperClient:
    """A JasperClient of a fresh in-process documented-profile tenant (what Jasper's public reference describes)."""
    return jasper_sim.client(profile=Profile.DOCUMENTED)

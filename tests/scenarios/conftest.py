"""Fixtures of the scenario tests: a traced Sync on the tenant under test, and a run tag.

Each scenario runs twice: on `jasper` (the in-process tenant, or the one given with --jasper-url) and on
the plugin's `jasper_server`, a simulator served over HTTP on loopback, so the scenarios are known to
work against a served tenant on every run. Against a served tenant the tests cannot assume an empty
tenant: every name and SKU carries the run's tag, and every read-back looks only at objects with that tag.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from client import JasperClient
from client.pytest_plugin import ServedSimulator
from client.scenarios import AGAIN, SCENARIOS, PhaseCalls, run
from client.write_paths import Sync
from tests.scenarios.support import new_tag, traced_sync, undeclared_calls

RunScenario = Callable[[str], list[PhaseCalls]]


@pytest.fixture
def tag() -> str:
    """This test's run tag."""
    return new_tag()


@pytest.fixture(params=["jasper", "jasper_server"])
def tenant_client(request: pytest.FixtureRequest) -> Iterator[JasperClient]:
    """A client of the tenant under test: `jasper`, or the served simulator (skipped with --jasper-url)."""
    if request.param == "jasper":
        yield request.getfixturevalue("jasper")
        return
    if request.config.getoption("jasper_url") is not None:
        pytest.skip("--jasper-url: `jasper` is the served tenant")
    server: ServedSimulator = request.getfixturevalue("jasper_server")
    with server.client() as client:
        yield client


@pytest.fixture
def sync(tenant_client: JasperClient) -> Iterator[Sync]:
    """A Sync on the tenant under test; afterwards, every call it made must be declared in the contract."""
    sync = traced_sync(tenant_client)
    yield sync
    assert undeclared_calls(sync.trace) == set()


@pytest.fixture
def run_scenario(sync: Sync, tag: str) -> RunScenario:
    """Run a write path's scenario (every phase); the same input again must POST nothing."""

    def run_one(write_path: str) -> list[PhaseCalls]:
        phases = run(SCENARIOS[write_path], sync, tag)
        again = [call for phase in phases if phase.phase == AGAIN for call in phase.calls]
        assert [call.operation for call in again if call.method == "POST"] == []
        return phases

    return run_one

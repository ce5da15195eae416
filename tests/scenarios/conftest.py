"""Fixtures of the scenario tests: a traced Sync on `jasper` (in-process, or --base-url), and a run tag.

Against a served tenant the tests cannot assume an empty tenant: every name and SKU carries the run's
tag, and every read-back looks only at objects with that tag.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from client import JasperClient
from client.scenarios import AGAIN, SCENARIOS, PhaseCalls, run
from client.write_paths import Sync
from tests.scenarios.support import new_tag, traced_sync, undeclared_calls

RunScenario = Callable[[str], list[PhaseCalls]]


@pytest.fixture
def tag() -> str:
    """This test's run tag."""
    return new_tag()


@pytest.fixture
def sync(jasper: JasperClient) -> Iterator[Sync]:
    """A Sync on the tenant under test; afterwards, every call it made must be declared in the contract."""
    sync = traced_sync(jasper)
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

"""This suite's tenants: the shipped plugin's (client/pytest_plugin/) with a fixed clock, and short names.

`jasper`, `jasper_documented`, `jasper_sim` and `jasper_server` come from the plugin, which installing the
package registers. Here the simulators' clock is fixed at `SIM_NOW`, so stamps are predictable, and
`sim_app` / `sim_http` name the in-process simulator's app and TestClient (skipped with --jasper-url).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from client.pytest_plugin.tenants import Clock, InProcessSimulator, in_process_retry

SIM_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # the simulators' clock in this suite

__all__ = ["SIM_NOW", "in_process_retry"]


@pytest.fixture(scope="session")
def jasper_sim_clock() -> Clock:
    """Every simulator of this suite stamps `SIM_NOW`."""
    return lambda: SIM_NOW


@pytest.fixture
def sim_app(jasper_sim: InProcessSimulator) -> Starlette:
    """The in-process simulator's app: "demo" (live) and "docs" (documented profile)."""
    return jasper_sim.app


@pytest.fixture
def sim_http(jasper_sim: InProcessSimulator) -> TestClient:
    """The TestClient every in-process JasperClient shares (also reaches the control plane, /_sim)."""
    return jasper_sim.http

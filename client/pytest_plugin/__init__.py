"""The pytest plugin of jasper-pim-sim: simulated Jasper PIM tenants as fixtures, for any project's tests.

Installing the package is enough: it registers this plugin with pytest (the `pytest11` entry point
`client.pytest_plugin`, named after the module so that `-p client.pytest_plugin` or `pytest_plugins`
naming it again never loads it twice; `-p no:client.pytest_plugin` turns it off).
`pip install 'jasper-pim-sim[pytest]'` also brings what consumer verification needs.

Fixtures:
- `jasper`: a `JasperClient` of a fresh in-process tenant (live profile) for each test; with
  `--jasper-url URL --jasper-key KEY`, of that tenant instead (a served simulator, a staging tenant).
- `jasper_documented`: the same on a documented-profile tenant (what Jasper's public reference describes).
- `jasper_sim`: the in-process simulator behind both (`.app`, `.http`, a TestClient that also reaches the
  control plane under `/_sim`, `.client(tenant)`); tests that use it are skipped with --jasper-url.
- `jasper_server`: a simulator served over HTTP on a free loopback port (one per session, emptied before
  each test): `.base_url` (ends in /api/v1), `.api_key`, `.admin_url`, `.api_keys`, `.client()`.
- `jasper_contract`: the test's consumer-verification recorder. With `--jasper-verify` (or
  `jasper_verify = true` in the pytest configuration) every request any JasperClient sends during a test
  is checked against the committed OpenAPI documents, and a violation fails the test that sent it.
- `jasper_sim_config`, `jasper_sim_clock` (session): the simulated tenants ("demo", live, key `demo-key`;
  "docs", documented, key `docs-key`) and the clock (real time); override them in a conftest.py.

This module needs the simulator and the client, so it lives in client/ (client may import simulator).
"""

from __future__ import annotations

import pytest

from client.pytest_plugin.contract import (
    _jasper_verify_every_test,
    jasper_contract,
    jasper_contract_verifier,
    pytest_runtest_call,
)
from client.pytest_plugin.served import ServedSimulator, jasper_server, jasper_server_session
from client.pytest_plugin.tenants import (
    InProcessSimulator,
    jasper,
    jasper_documented,
    jasper_sim,
    jasper_sim_clock,
    jasper_sim_config,
)

__all__ = [
    "InProcessSimulator",
    "ServedSimulator",
    "_jasper_verify_every_test",
    "jasper",
    "jasper_contract",
    "jasper_contract_verifier",
    "jasper_documented",
    "jasper_server",
    "jasper_server_session",
    "jasper_sim",
    "jasper_sim_clock",
    "jasper_sim_config",
    "pytest_addoption",
    "pytest_configure",
    "pytest_runtest_call",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    """--jasper-url, --jasper-key, --jasper-verify and the `jasper_verify` ini setting."""
    group = parser.getgroup("jasper", "Jasper PIM tenants (jasper-pim-sim)")
    group.addoption(
        "--jasper-url", default=None, help="point `jasper` at this tenant, e.g. http://127.0.0.1:8000/api/v1"
    )
    group.addoption("--jasper-key", default=None, help="API key for --jasper-url")
    group.addoption(
        "--jasper-verify",
        action="store_true",
        default=False,
        help="check every request a JasperClient sends against the contract (fails the test that breaks it)",
    )
    parser.addini("jasper_verify", type="bool", default=False, help="as --jasper-verify, for every run")


def pytest_configure(config: pytest.Config) -> None:
    """Refuse --jasper-url without --jasper-key before any test runs."""
    if config.getoption("jasper_url") is not None and not config.getoption("jasper_key"):
        raise pytest.UsageError("--jasper-url needs --jasper-key (the tenant's API key)")

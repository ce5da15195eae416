"""Options and settings shared by every test folder.

`--base-url URL --api-key KEY` points the scenario tests at a served tenant (a served simulator, or a
staging tenant) instead of the in-process simulator.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

pytest_plugins = ["tests.plugins.consumer", "tests.plugins.browser"]

# Bounded budgets so the whole suite stays well inside CI's time on 2 cores; `--hypothesis-profile dev`
# (or HYPOTHESIS_PROFILE=dev) runs more examples locally.
settings.register_profile("ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("jasper", "Jasper PIM tenant under test")
    group.addoption("--base-url", default=None, help="base URL of a served tenant, e.g. http://127.0.0.1:8000/api/v1")
    group.addoption("--api-key", default=None, help="API key for --base-url")

"""Settings shared by every test folder.

The tenants come from the package's own pytest plugin (client/pytest_plugin/, registered by its entry
point): `pytest --jasper-url URL --jasper-key KEY` points `jasper` at a served tenant (a served
simulator, or a staging tenant) instead of the in-process simulator. Consumer verification is on for
the whole suite (`jasper_verify` in pyproject.toml).
"""

from __future__ import annotations

import os

# pytester's in-process runs (tests/client/test_pytest_plugin.py, test_verify.py) drop the modules first
# imported inside them. httpx2 maps httpcore2's errors to its own once, from the httpcore2 it first
# imports; a fresh httpcore2 imported after such a run raises errors that map no longer knows, and
# transport failures then escape as raw httpcore2 errors (seen in the crash test under the full suite).
# Importing httpcore2 here keeps one for the whole session.
import httpcore2  # noqa: F401
from hypothesis import HealthCheck, settings

# tenants: this suite's clock and short names; browser: headless Chromium; pytester: inner sessions;
# served: a simulator served in a thread, for fault tests over a real socket.
pytest_plugins = ["pytester", "tests.plugins.tenants", "tests.plugins.browser", "tests.plugins.served"]

# Bounded budgets so the whole suite stays well inside CI's time on 2 cores; `--hypothesis-profile dev`
# (or HYPOTHESIS_PROFILE=dev) runs more examples locally.
settings.register_profile("ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

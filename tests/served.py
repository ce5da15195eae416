"""A simulator served over real sockets, for tests that need a URL (the schemathesis CLI, `jasper-sim verify`).

Served as `jasper-sim serve` runs it, in a thread (client/pytest_plugin/served.py `serving`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from client.pytest_plugin.served import LOOPBACK, serving
from contracts.wire import API_PREFIX
from simulator import demo
from simulator.app import create_app
from simulator.config import SimConfig


@contextmanager
def serve(config: SimConfig, *, seed_demo: bool = False) -> Iterator[str]:
    """Serve `config` (each tenant seeded with the demo catalogue when asked); yields the base URL."""
    app = create_app(config)
    if seed_demo:
        for tenant in app.state.tenants:
            demo.seed(tenant.store)
    with serving(app) as port:
        yield f"http://{LOOPBACK}:{port}{API_PREFIX}"

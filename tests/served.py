"""A simulator served over real sockets, for tests that need a URL (the schemathesis CLI, `jasper-sim verify`).

uvicorn runs in a thread on a socket bound to a free loopback port before the thread starts, so the
first request waits in the listen queue until the server accepts it: no polling, no port race.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

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
    listening = socket.create_server(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}{API_PREFIX}"
    finally:
        server.should_exit = True
        thread.join()
        listening.close()

"""`jasper_server`: the simulator served over real HTTP on a free loopback port, for code that needs a URL.

One server per test session (per xdist worker), run by uvicorn in a thread of the test process, with
the tenants of `jasper_sim_config`; every tenant is emptied and the journal cleared before each test
that asks for it. It binds 127.0.0.1 on a port the system picks, so sessions never collide, and it
needs no admin token (loopback only).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import httpx2
import pytest
import uvicorn
from starlette.types import ASGIApp

from client.jasper import JasperClient
from client.pytest_plugin.tenants import Clock, first_tenant, tenant_url
from contracts.op import Profile
from simulator.app import create_app
from simulator.config import SimConfig
from simulator.protocol import protocol_class
from simulator.serve import bind

LOOPBACK = "127.0.0.1"
START_TIMEOUT = 30.0  # seconds; a start that takes longer is a broken environment, not a slow one


@dataclass(frozen=True, slots=True)
class ServedSimulator:
    """Where a served simulator answers: `base_url` (ends in /api/v1), the live tenant's `api_key`, `admin_url`."""

    base_url: str
    api_key: str
    admin_url: str  # the control plane, e.g. http://127.0.0.1:PORT/_sim
    api_keys: Mapping[str, str]  # each tenant's first key, by tenant name
    admin_token: str | None = None  # jasper_sim_config's, when it sets one

    def client(self, tenant: str | None = None) -> JasperClient:
        """A new JasperClient of `tenant` (default: the first live-profile tenant); close it when done."""
        return JasperClient(self.base_url, self.api_keys[tenant] if tenant is not None else self.api_key)

    def reset(self) -> None:
        """Empty every tenant, clear the journal, and take back the last test's fault rules, queued webhook
        deliveries and clock changes, through the control plane (rate limits are the config's: they stay)."""
        headers = {"Authorization": f"Bearer {self.admin_token}"} if self.admin_token else {}
        with httpx2.Client(base_url=self.admin_url, headers=headers, timeout=10.0) as control:
            control.post("/reset", json={}).raise_for_status()
            for path in ("/journal", "/faults", "/deliveries", "/clock"):
                control.delete(path).raise_for_status()


class _ThreadedServer(uvicorn.Server):
    """uvicorn that says when it is listening (no polling) and installs no signal handlers (not the main thread)."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.listening = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self.listening.set()


@contextmanager
def serving(app: ASGIApp) -> Iterator[int]:
    """Serve `app` as `jasper-sim serve` runs it (the same socket, protocol and uvicorn settings) in a
    thread, on a port of 127.0.0.1 the system picks; yields the port and stops the server on exit.

    The socket is bound before the thread starts, so a first request waits in the listen queue: no
    polling, no port race. Tests with an app of their own (tests/served.py, tests/plugins/served.py) use it too.
    """
    sock = bind(LOOPBACK, 0)
    port: int = sock.getsockname()[1]
    settings = uvicorn.Config(
        app, http=protocol_class(), lifespan="on", log_level="warning", access_log=False, server_header=False
    )
    server = _ThreadedServer(settings)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as error:  # reported to the test that waits for the start
            failure.append(error)
        finally:
            sock.close()
            server.listening.set()

    thread = threading.Thread(target=run, name=f"jasper-sim:{port}", daemon=True)
    thread.start()
    if not server.listening.wait(START_TIMEOUT) or failure or not server.started:
        server.should_exit = True
        raise RuntimeError(f"the simulator did not start on {LOOPBACK}:{port}: {failure or 'timed out'}")
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(START_TIMEOUT)


@pytest.fixture(scope="session")
def jasper_server_session(jasper_sim_config: SimConfig, jasper_sim_clock: Clock | None) -> Iterator[ServedSimulator]:
    """The session's served simulator (not reset between tests; `jasper_server` is)."""
    app = create_app(jasper_sim_config, clock=jasper_sim_clock, allowed_hosts=(LOOPBACK,))
    with serving(app) as port:
        origin = f"http://{LOOPBACK}:{port}"
        yield ServedSimulator(
            base_url=tenant_url(first_tenant(jasper_sim_config, Profile.LIVE), origin),
            api_key=first_tenant(jasper_sim_config, Profile.LIVE).first_key,
            admin_url=f"{origin}/_sim",
            api_keys={tenant.name: tenant.first_key for tenant in jasper_sim_config.tenants},
            admin_token=jasper_sim_config.admin_token,
        )


@pytest.fixture
def jasper_server(jasper_server_session: ServedSimulator) -> ServedSimulator:
    """A served simulator on a free loopback port, its tenants empty at the start of the test."""
    jasper_server_session.reset()
    return jasper_server_session

"""`served_sim`: the simulator served over a real socket, as `jasper-sim serve` serves it, for fault tests.

uvicorn runs in a thread of the test process with simulator.protocol's protocol (so fault rules can
drop connections), on 127.0.0.1 and a port the system picks (client/pytest_plugin/served.py `serving`).
One server per session (per xdist worker); `served_sim` puts it back to a known state before each test:
every tenant empty, no fault rule, no rate limit, no delivery, an empty journal and the clock frozen at
`SERVED_NOW`.

Tenants: "demo" (live, `DEMO_KEY`) and "acme" (live, two keys: `ACME_KEY`, `ACME_OTHER_KEY`).
`ServedSim.faults` lists the demo tenant's calls as `GET /_sim/journal` shows them (operation, status and
the fault applied); a test whose call outlives it (a delay past the client's timeout) uses "acme".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

import httpx2
import pytest

from client.pytest_plugin.served import LOOPBACK, serving
from contracts.wire import API_PREFIX
from simulator.app import SimulatorApp, create_app
from simulator.config import DEMO_KEY, SimConfig, TenantConfig

SERVED_NOW: Final = datetime(2030, 1, 1, tzinfo=UTC)
ACME_KEY: Final = "acme-key"
ACME_OTHER_KEY: Final = "acme-other-key"


@dataclass(frozen=True, slots=True)
class Marked:
    """One call as the journal shows it: its operation, status (0: dropped unanswered) and the fault applied."""

    operation: str | None
    status: int
    fault: str | None


@dataclass
class ServedSim:
    """A served simulator: its app (same process), base URL, control-plane client and fault marks."""

    app: SimulatorApp
    origin: str
    control: httpx2.Client
    clients: list[httpx2.Client] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return self.origin + API_PREFIX

    @property
    def faults(self) -> list[Marked]:
        """The demo tenant's calls since the test started, oldest first, as the journal shows them."""
        entries = self.control.get("/journal", params={"tenant": "demo", "limit": 1000}).json()["data"]
        return [Marked(entry["operation"], entry["status"], entry["fault"]) for entry in entries]

    def api(self, key: str = DEMO_KEY, **kwargs: Any) -> httpx2.Client:
        """A plain HTTP client of the API with this key (closed after the test)."""
        client = httpx2.Client(base_url=self.base_url, headers={"Authorization": f"Bearer {key}"}, **kwargs)
        self.clients.append(client)
        return client

    def add_fault(self, **rule: Any) -> dict[str, Any]:
        """POST a fault rule; answers it (with its id)."""
        response = self.control.post("/faults", json=rule)
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    def reset(self) -> None:
        for client in self.clients:
            client.close()
        self.clients.clear()
        for tenant in ("demo", "acme"):
            assert self.control.delete(f"/rate_limits/{tenant}").status_code == 204
        for path in ("/faults", "/deliveries", "/journal"):
            assert self.control.delete(path).status_code == 204
        assert self.control.post("/reset", json={}).status_code == 200
        assert self.control.put("/clock", json={"frozen_at": SERVED_NOW.isoformat()}).status_code == 200


def served_config() -> SimConfig:
    """demo (one key) and acme (two keys)."""
    acme = TenantConfig.named("acme", ACME_KEY).replace(keys=[ACME_KEY, ACME_OTHER_KEY])
    return SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY), acme])


@pytest.fixture(scope="session")
def served_sim_session() -> Iterator[ServedSim]:
    """The session's served simulator (not reset between tests; `served_sim` is)."""
    app = create_app(served_config())
    with serving(app) as port, httpx2.Client(base_url=f"http://{LOOPBACK}:{port}/_sim", timeout=30.0) as control:
        sim = ServedSim(app, f"http://{LOOPBACK}:{port}", control)
        try:
            yield sim
        finally:
            for client in sim.clients:
                client.close()


@pytest.fixture
def served_sim(served_sim_session: ServedSim) -> ServedSim:
    """A served simulator on a loopback port, back to a known state (see the module docstring)."""
    served_sim_session.reset()
    return served_sim_session

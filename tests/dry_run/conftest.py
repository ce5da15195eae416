"""A served simulator for the dry-run tests: `jasper-sim serve --state` started as the README says, in its own
process.

Two tenants, so the tests of this folder can share one server: "staging" (the end-to-end dry run) and
"shop" (the page in Chromium). The demo catalogue is the imported snapshot (`PUT /_sim/state`).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
import pytest

from simulator import demo
from simulator.app import create_app
from simulator.state import export_tenant

KEYS = {"staging": "staging-key", "shop": "shop-key"}
JASPER_SIM = Path(sys.executable).parent / "jasper-sim"


@dataclass(frozen=True)
class Served:
    """A running simulator: its root URL, its process and what it printed."""

    url: str
    process: subprocess.Popen[bytes]
    state: Path  # the state file it keeps its tenants, journal and runs in

    def api_url(self) -> str:
        return f"{self.url}/api/v1"

    def control(self) -> httpx2.Client:
        """A client of the control plane (JSON writes, as the guard wants)."""
        return httpx2.Client(base_url=f"{self.url}/_sim", timeout=30.0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def demo_catalogue() -> dict[str, Any]:
    """The demo catalogue as `GET /_sim/state` exports it: the snapshot a staging tenant starts from."""
    app = create_app()
    store = app.state.tenants.by_name["demo"].store
    demo.seed(store)
    return export_tenant(store)


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`jasper-sim serve --config tenants.json --state state.db --port P` on loopback, stopped after the session."""
    folder = tmp_path_factory.mktemp("served")
    config = folder / "tenants.json"
    config.write_text(json.dumps({"tenants": [{"name": name, "keys": [key]} for name, key in KEYS.items()]}))
    port = free_port()
    state = folder / "state.db"
    command = [str(JASPER_SIM), "serve", "--port", str(port), "--config", str(config), "--state", str(state)]
    log = (folder / "serve.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process)
        yield Served(url, process, state)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _wait_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    """Poll the health endpoint until it answers (at most about 20 s; fails early if the process died)."""
    with httpx2.Client(timeout=1.0) as http:
        for _ in range(400):
            if process.poll() is not None:
                pytest.fail(f"jasper-sim serve exited with {process.returncode}")
            try:
                if http.get(f"{url}/_sim/health").status_code == 200:
                    return
            except httpx2.TransportError:
                pass
            process_wait(0.05, process)
    pytest.fail("jasper-sim serve did not answer within 20 s")


def process_wait(seconds: float, process: subprocess.Popen[bytes]) -> None:
    """Wait for the process to exit, at most `seconds` (the pause between two polls)."""
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return

"""The two servers of the benchmark, started with the same uvicorn settings, and their readiness.

Both run uvicorn with uvloop + httptools, no access log, one worker, no `server` header: the simulator
as users start it (`jasper-sim serve`, which lets uvicorn pick uvloop/httptools and leaves the access log
off), the bare app through uvicorn's command line with those settings spelled out. `loaded_modules`
reads /proc/<pid>/maps so the report can show that uvloop and httptools really are in use.
"""

from __future__ import annotations

import http.client
import json
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from simulator.config import DEMO_KEY

BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
AUTH = f"Bearer {DEMO_KEY}"
EXTRA_PRODUCTS = 15  # on top of the demo catalogue, so the first list page is full


@dataclass(frozen=True, slots=True)
class ServerSpec:
    """How to start one server on a port, and which URL answers 200 once it is ready."""

    name: str
    argv: tuple[str, ...]
    ready_path: str

    def command(self, port: int, cpu: str | None) -> list[str]:
        pinned = ["taskset", "-c", cpu] if cpu is not None else []
        return [*pinned, *(part.format(port=port) for part in self.argv)]


SIMULATOR = ServerSpec("simulator", (str(BIN / "jasper-sim"), "serve", "--port", "{port}"), "/api/v1/ping")
# the same simulator with the request journal off: the journal's cost is the ratio of the two
SIMULATOR_NO_JOURNAL = ServerSpec(
    "simulator, no journal", (*SIMULATOR.argv, "--journal-bytes", "0"), SIMULATOR.ready_path
)
SIMULATOR_SEEDED = ServerSpec("simulator --seed demo", (*SIMULATOR.argv, "--seed", "demo"), SIMULATOR.ready_path)
BARE = ServerSpec(
    "bare",
    (
        str(BIN / "uvicorn"),
        "--app-dir",
        str(BENCH),
        "bare_app:app",
        "--host",
        "127.0.0.1",
        "--port",
        "{port}",
        "--loop",
        "uvloop",
        "--http",
        "httptools",
        "--no-access-log",
        "--log-level",
        "warning",
        "--no-server-header",
    ),
    "/api/v1/products/1",
)


@dataclass
class Server:
    """A started server process (stop it with `stop`)."""

    spec: ServerSpec
    port: int
    process: subprocess.Popen[bytes]
    command: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """SIGTERM by PID, then wait (SIGKILL after 10 s)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(spec: ServerSpec, port: int, cpu: str | None = None) -> Server:
    """Start `spec` on `port` (pinned to `cpu` when given); output is discarded."""
    command = spec.command(port, cpu)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return Server(spec, port, process, command)


def request(port: int, method: str, path: str, body: object = None, timeout: float = 5.0) -> tuple[int, bytes]:
    """One request on a fresh connection, with the demo key; (status, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Authorization": AUTH}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_ready(server: Server, *, timeout: float = 20.0, poll: float = 0.005) -> float:
    """Seconds from now until the server's ready URL first answers 200 (RuntimeError on timeout)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.spec.name} exited with {server.process.returncode}")
        try:
            if request(server.port, "GET", server.spec.ready_path, timeout=1.0)[0] == 200:
                return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(poll)
    raise RuntimeError(f"{server.spec.name} not ready after {timeout} s")


def startup_seconds(spec: ServerSpec, port: int) -> float:
    """Time from process start to the first 200 on a fresh connection (unpinned, as in the baseline)."""
    started = time.perf_counter()
    server = start(spec, port)
    try:
        wait_ready(server)
        return time.perf_counter() - started
    finally:
        server.stop()


def seed_simulator(port: int) -> int:
    """Reset the tenant to the demo catalogue plus EXTRA_PRODUCTS plain products; the first product's id."""
    status, _ = request(port, "POST", "/_sim/seed", {"seed": "demo"})
    if status != 200:
        raise RuntimeError(f"/_sim/seed answered {status}")
    # The demo's product webhook would make every POST queue a delivery (to a port nobody listens on):
    # deactivated, the POST figure is the API's own write path, as before webhooks were delivered.
    status, body = request(port, "GET", "/api/v1/webhooks")
    for webhook in json.loads(body)["data"]:
        status, _ = request(port, "DELETE", f"/api/v1/webhooks/{webhook['id']}")
        if status != 204:
            raise RuntimeError(f"DELETE /api/v1/webhooks/{webhook['id']} answered {status}")
    for index in range(EXTRA_PRODUCTS):
        product = {"name": f"Bench product {index}", "sku": f"BENCH-{index:03d}", "type": "simple"}
        status, _ = request(port, "POST", "/api/v1/products", product)
        if status != 201:
            raise RuntimeError(f"POST /api/v1/products answered {status}")
    status, body = request(port, "GET", "/api/v1/products?per_page=1")
    product_id: int = json.loads(body)["data"][0]["id"]
    return product_id


def loaded_modules(pid: int, names: tuple[str, ...] = ("uvloop", "httptools")) -> dict[str, bool]:
    """Whether each named extension module is mapped into the process."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    return {name: f"/{name}/" in maps for name in names}

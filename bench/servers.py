"""The servers of the benchmark, started with the same uvicorn settings, and their readiness.

The simulator and the bare app run uvicorn with uvloop + httptools, no access log, one worker, no
`server` header: the simulator as users start it (`jasper-sim serve`, which lets uvicorn pick
uvloop/httptools and leaves the access log off; also with `--state FILE`), the bare app through
uvicorn's command line with those settings spelled out. The peer is Prism's mock of the committed
contract (`contracts/openapi.json`), quiet, when node is installed (`prism_spec`). `loaded_modules`
reads /proc/<pid>/maps so the report can show that uvloop and httptools really are in use.
"""

from __future__ import annotations

import http.client
import json
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from simulator.config import DEMO_KEY

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
BIN = Path(sys.executable).parent
AUTH = f"Bearer {DEMO_KEY}"
EXTRA_PRODUCTS = 100  # on top of the demo catalogue, so the first list page is full at 15 and at 100 items
PRISM_VERSION = "5.14.2"  # the version perf-baseline.md measured
PRISM_DIR = BENCH / ".prism"  # npm installs Prism here (git-ignored)


@dataclass(frozen=True, slots=True)
class ServerSpec:
    """How to start one server on a port, and which URL answers 200 once it is ready."""

    name: str
    argv: tuple[str, ...]
    ready_path: str
    api_prefix: str = "/api/v1"  # where the API's paths start on this server

    def command(self, port: int, cpu: str | None, **values: object) -> list[str]:
        pinned = ["taskset", "-c", cpu] if cpu is not None else []
        return [*pinned, *(part.format(port=port, **values) for part in self.argv)]


SIMULATOR = ServerSpec("simulator", (str(BIN / "jasper-sim"), "serve", "--port", "{port}"), "/api/v1/ping")
# the same simulator with the request journal off: the journal's cost is the ratio of the two
SIMULATOR_NO_JOURNAL = ServerSpec(
    "simulator, no journal", (*SIMULATOR.argv, "--journal-bytes", "0"), SIMULATOR.ready_path
)
SIMULATOR_SEEDED = ServerSpec("simulator --seed demo", (*SIMULATOR.argv, "--seed", "demo"), SIMULATOR.ready_path)
SIMULATOR_STATE = ServerSpec("simulator --state", (*SIMULATOR.argv, "--state", "{state}"), SIMULATOR.ready_path)
# a restart on an existing state file, ready when a stored product answers
SIMULATOR_RESTART = ServerSpec("simulator --state (restart)", SIMULATOR_STATE.argv, "/api/v1/products/1")
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


def prism_spec() -> ServerSpec | None:
    """Prism's mock of the committed contract, quiet (`-v warn`), installed into bench/.prism by npm.

    None when node or npm is missing (the report says so). Prism serves the document's paths from the
    root, without `/api/v1`.
    """
    binary = PRISM_DIR / "node_modules" / ".bin" / "prism"
    if not binary.exists():
        if shutil.which("npm") is None or shutil.which("node") is None:
            return None
        PRISM_DIR.mkdir(exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", f"@stoplight/prism-cli@{PRISM_VERSION}"],
            cwd=PRISM_DIR,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    contract = REPO / "contracts" / "openapi.json"
    argv = (str(binary), "mock", "-h", "127.0.0.1", "-p", "{port}", "-v", "warn", str(contract))
    return ServerSpec("prism", argv, "/ping", api_prefix="")


def start(spec: ServerSpec, port: int, cpu: str | None = None, **values: object) -> Server:
    """Start `spec` on `port` (pinned to `cpu` when given); output is discarded."""
    command = spec.command(port, cpu, **values)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return Server(spec, port, process, command)


def rss_bytes(pid: int) -> int:
    """Resident set size of a running process."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for {pid}")


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


def wait_ready(server: Server, *, timeout: float = 90.0, poll: float = 0.005) -> float:
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


def startup_seconds(spec: ServerSpec, port: int, **values: object) -> float:
    """Time from process start to the first 200 on a fresh connection (unpinned, as in the baseline)."""
    return startup_and_first_write_seconds(spec, port, write=False, **values)[0]


def startup_and_first_write_seconds(
    spec: ServerSpec, port: int, *, write: bool = True, **values: object
) -> tuple[float, float | None]:
    """Seconds from process start to the first 200, and (`write`) to the answer of a POST /products sent
    right after it: what a client that writes at once waits for (the simulator loads its models after
    its first answer, simulator/serve.py)."""
    started = time.perf_counter()
    server = start(spec, port, None, **values)
    try:
        wait_ready(server)
        ready = time.perf_counter() - started
        if not write:
            return ready, None
        status, _ = request(port, "POST", f"{spec.api_prefix}/products", {"name": "First", "sku": "FIRST-1"})
        if status not in (200, 201):
            raise RuntimeError(f"{spec.name}: the first POST /products answered {status}")
        return ready, time.perf_counter() - started
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

"""The simulator holding 100k products: import, deep pages, memory, the state file and a restart.

Each run starts a fresh `jasper-sim serve` (in memory, or with `--state FILE`), unpinned like the
start-up test, and measures:
- the import of `PRODUCTS` products through `PUT /_sim/state` (wall time, and the server's CPU time,
  which the GET prober below adds a little to), while a second thread sends
  `GET /api/v1/products/1` back to back on one keep-alive connection: the latency of every GET that
  started during the import (median, p99, max) against the same GETs before it;
- resident memory idle and after the import (bytes per product = the difference / PRODUCTS);
- deep pages: `GET /products?page=1000&per_page=100` against page 1, alternated, median latency each;
- with a state file: its size per product once the server has stopped, and the restart on it (process
  start to the first 200 of a stored product), interleaved with the bare app's start.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from bench import servers
from bench.loadgen import process_cpu_seconds

PRODUCTS = 100_000
_SEEDED_STATE = servers.ServerSpec(
    "simulator --state --seed demo", (*servers.SIMULATOR_STATE.argv, "--seed", "demo"), "/api/v1/ping"
)
_STAMP = "2026-11-30T12:00:00.000000Z"


def state_document(count: int = PRODUCTS) -> bytes:
    """A state import of `count` plain products for the demo tenant (about 230 bytes each as JSON)."""
    products = [
        {"id": index, "name": f"Scale product {index}", "sku": f"SCALE-{index:08d}", "type": "simple",
         "description": f"Product {index} of the scale benchmark.", "option_set_id": None,
         "created_at": _STAMP, "updated_at": _STAMP}
        for index in range(1, count + 1)
    ]  # fmt: skip
    return orjson.dumps({"tenants": {"demo": {"products": products}}})


@dataclass
class ScaleRun:
    """What one run measured (seconds, bytes)."""

    kind: str  # "memory" or "state"
    products: int
    import_s: float
    during: list[float]  # GET latencies while the import ran
    before: list[float]  # GET latencies just before it
    idle_rss: int
    loaded_rss: int
    import_cpu_s: float = 0.0  # the server's CPU seconds during the import (noise-robust on a busy machine)
    page_1: list[float] = field(default_factory=list)
    page_1000: list[float] = field(default_factory=list)
    state_file_bytes: int = 0


def _get(connection: http.client.HTTPConnection, path: str) -> float:
    started = time.perf_counter()
    connection.request("GET", path, headers={"Authorization": servers.AUTH})
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}")
    return time.perf_counter() - started


def _probe(port: int, stop: threading.Event, samples: list[tuple[float, float]]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while not stop.is_set():
        started = time.perf_counter()
        samples.append((started, _get(connection, "/api/v1/products/1")))
    connection.close()


def _put_state(port: int, document: bytes) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    connection.request("PUT", "/_sim/state", body=document, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"PUT /_sim/state answered {response.status}: {body[:300]!r}")


def run_once(  # noqa: PLR0917 (each argument is one setting of the run)
    kind: str, products: int, document: bytes, port: int, state: Path | None, deep_samples: int
) -> ScaleRun:
    """One fresh server (seeded, so that product 1 answers): the import under probing, memory, deep pages."""
    spec = _SEEDED_STATE if state is not None else servers.SIMULATOR_SEEDED
    server = servers.start(spec, port, state=state)
    try:
        servers.wait_ready(server)
        for _ in range(50):
            servers.request(port, "GET", "/api/v1/ping")
        # the control plane loads on its first call (simulator/control/__init__.py): loaded before the idle
        # figure, so that bytes per product count products, not the modules the import's call loads
        servers.request(port, "GET", "/_sim/tenants")
        time.sleep(1)
        idle = servers.rss_bytes(server.process.pid)
        samples: list[tuple[float, float]] = []
        stop = threading.Event()
        prober = threading.Thread(target=_probe, args=(port, stop, samples))
        prober.start()
        time.sleep(1.0)
        cpu_before = process_cpu_seconds(server.process.pid)
        started = time.perf_counter()
        _put_state(port, document)
        ended = time.perf_counter()
        import_cpu = process_cpu_seconds(server.process.pid) - cpu_before
        time.sleep(0.2)
        stop.set()
        prober.join()
        time.sleep(1)
        loaded = servers.rss_bytes(server.process.pid)
        result = ScaleRun(
            kind,
            products,
            ended - started,
            [latency for at, latency in samples if started <= at <= ended],
            [latency for at, latency in samples if at < started],
            idle,
            loaded,
            import_cpu,
        )
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(deep_samples):
            result.page_1.append(_get(connection, "/api/v1/products?page=1&per_page=100"))
            result.page_1000.append(_get(connection, "/api/v1/products?page=1000&per_page=100"))
        connection.close()
    finally:
        server.stop()
    if state is not None:
        result.state_file_bytes = sum(path.stat().st_size for path in state.parent.glob(state.name + "*"))
    return result


def restart_runs(state: Path, runs: int, ports: Callable[[], int]) -> tuple[list[float], list[float]]:
    """(restart seconds, bare start seconds), interleaved: the simulator restarted on a full state file."""
    restarts, bares = [], []
    for _ in range(runs):
        restarts.append(servers.startup_seconds(servers.SIMULATOR_RESTART, ports(), state=state))
        bares.append(servers.startup_seconds(servers.BARE, ports()))
    return restarts, bares


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def median(values: list[float]) -> float:
    """The median (NaN for no values)."""
    return statistics.median(values) if values else float("nan")

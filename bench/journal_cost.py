"""The request journal's cost in-process: CPU time per request through the app, journal on and off.

The wrk figures of bench/run.py compare whole servers over loopback and move with whatever else the two
cores run. This drives the ASGI app directly (no sockets, no HTTP parsing) in one process holding two
apps, identical but for `journal_bytes` (the default 64 MiB budget, recording every call with its bodies,
against 0: the journal off), each seeded with the demo catalogue. Every round sends a batch of
GET /products/1 and a batch of POST /products (a fresh SKU each) to both apps, in alternating order, and
takes the CPU time of this process per request (`time.process_time`). Other processes can only add to a
batch's CPU time (cache and core sharing), never take from it, so the verdict compares the fastest batch
of each (the minimum over rounds, as `timeit` advises); the medians are shown beside it. valgrind's
instruction counts would be steadier still but take many minutes per process on a busy 2-core machine,
and `perf stat` has no instruction counter here.

    .venv/bin/python -m bench.journal_cost [--rounds 21] [--batch 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from simulator import demo
from simulator.app import SimulatorApp, create_app
from simulator.config import DEMO_KEY, SimConfig, TenantConfig

TESTS = ("GET /products/{id}", "POST /products")
APPS = ("journal on", "journal off")
TARGET = 1.10  # issue 8: recording costs at most 10% of a request
_HEADERS = [(b"host", b"127.0.0.1"), (b"authorization", f"Bearer {DEMO_KEY}".encode())]


@dataclass
class JournalCost:
    """CPU microseconds per request per (app, test), one figure per round."""

    rounds: int
    batch: int
    us: dict[tuple[str, str], list[float]] = field(default_factory=dict)

    def best(self, app: str, test: str) -> float:
        return min(self.us[(app, test)])

    def typical(self, app: str, test: str) -> float:
        return median(self.us[(app, test)])

    def ratio(self, test: str) -> float:
        """Journal on ÷ off, fastest batch of each."""
        return self.best(APPS[0], test) / self.best(APPS[1], test)


def _app(journal: bool) -> SimulatorApp:
    config = SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY)])
    app = create_app(config if journal else config.replace(journal_bytes=0))
    demo.seed(app.state.tenants.by_name["demo"].store)
    return app


async def asgi_call(app: Any, method: str, path: str, query: bytes = b"", body: bytes = b"") -> bytes:
    """One request straight into an ASGI app (no sockets); its body. An answer of 400 or more raises."""
    extra = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())] if body else []
    scope: dict[str, Any] = {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query,
        "headers": _HEADERS + extra,
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
    }
    answer: list[bytes] = []

    async def receive() -> MutableMapping[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start" and message["status"] >= 400:
            raise RuntimeError(f"{method} {path} answered {message['status']}")
        if message["type"] == "http.response.body":
            answer.append(message.get("body", b""))

    await app(scope, receive, send)
    return b"".join(answer)


async def _batch(app: SimulatorApp, test: str, size: int, first_sku: int) -> float:
    """CPU microseconds per request over one batch."""
    if test == TESTS[0]:
        calls = [("GET", "/api/v1/products/1", b"")] * size
    else:
        calls = [
            ("POST", "/api/v1/products", b'{"name": "Bench", "sku": "B-%d"}' % n)
            for n in range(first_sku, first_sku + size)
        ]
    started = time.process_time()
    for method, path, body in calls:
        await asgi_call(app, method, path, body=body)
    return (time.process_time() - started) / size * 1e6


async def _measure(rounds: int, batch: int) -> JournalCost:
    apps = {name: _app(name == APPS[0]) for name in APPS}
    skus = dict.fromkeys(APPS, 0)
    cost = JournalCost(rounds, batch)
    for index in range(-1, rounds):  # round -1 warms up
        order = APPS if index % 2 == 0 else APPS[::-1]
        for test in TESTS:
            for name in order:
                figure = await _batch(apps[name], test, batch, skus[name])
                skus[name] += batch
                if index >= 0:
                    cost.us.setdefault((name, test), []).append(figure)
    return cost


def measure(rounds: int = 21, batch: int = 1000) -> JournalCost:
    """Both apps, both tests, `rounds` interleaved rounds of `batch` requests (after one warm-up round)."""
    return asyncio.run(_measure(rounds, batch))


def render(cost: JournalCost, command: str) -> list[str]:
    """The RESULTS.md section."""
    lines = [
        "## The journal's cost in-process (bench/journal_cost.py)",
        "",
        f"`{command}`: {cost.rounds} interleaved rounds of {cost.batch} requests per app and test through the ASGI "
        "app, CPU time of the process per request; the verdict compares the fastest batch of each (other "
        "processes only ever add to a batch's CPU time), medians beside it.",
        "",
        "| test | on: fastest µs/req | off: fastest µs/req | on ÷ off (fastest) | on ÷ off (medians) | target | met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for test in TESTS:
        on, off = cost.best(APPS[0], test), cost.best(APPS[1], test)
        typical = cost.typical(APPS[0], test) / cost.typical(APPS[1], test)
        met = "yes" if on / off <= TARGET else "**NO**"
        lines.append(f"| {test} | {on:.1f} | {off:.1f} | {on / off:.3f} | {typical:.3f} | <= {TARGET:.2f} | {met} |")
    return [*lines, ""]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.journal_cost", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21, help="interleaved rounds (default 21)")
    parser.add_argument("--batch", type=int, default=1000, help="requests per batch (default 1000)")
    args = parser.parse_args(argv)
    command = f".venv/bin/python -m bench.journal_cost --rounds {args.rounds} --batch {args.batch}"
    print("\n".join(render(measure(args.rounds, args.batch), command)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

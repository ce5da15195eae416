"""A 100-item list page's cost in-process: CPU time per request through the app, against the bare app's.

Issue 11 asks `GET /products?per_page=100` to reach 0.5x the bare app's 100-item orjson list
(bench/bare_app.py) under wrk. wrk's figures move with whatever else the two cores run; this drives the
ASGI apps directly (no sockets, no HTTP parsing), as bench/journal_cost.py does, in one process holding
the simulator with the journal on, with it off, and the bare app. The simulators hold what bench/run.py
seeds (the demo catalogue plus 100 products, posted through the API), so page 1 of 100 is full and its
first items carry categories, relations and stock. Every round sends a batch of the page to each app in
rotating order and takes this process's CPU time per request; the verdict compares the fastest batch of
each (other processes only ever add to a batch's CPU time), medians beside it.

Two simulator rows more show the page when the store has just changed: each request is preceded by a
write (a product's name set through the API, PUT), so every product of the page is rendered anew, as the
first page after any write is; their CPU time is that of the pair, less the write alone's, measured in
the same round.

    .venv/bin/python -m bench.page_cost [--rounds 15] [--batch 300]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from bench import bare_app
from bench.journal_cost import asgi_call
from bench.servers import EXTRA_PRODUCTS
from simulator import demo
from simulator.app import SimulatorApp, create_app
from simulator.config import DEMO_KEY, SimConfig, TenantConfig

PAGE = ("/api/v1/products", b"per_page=100")
TARGET = 0.5  # issue 11: the page at >= 0.5x the bare app's requests per second
ON, OFF, BARE = "simulator", "simulator, no journal", "bare"
COLD_ON, COLD_OFF = "simulator, after a write", "simulator, no journal, after a write"
ROWS = (ON, OFF, COLD_ON, COLD_OFF, BARE)
_WRITE = ("PUT", "/api/v1/products/{}", b'{"name": "Renamed %d"}')


@dataclass
class PageCost:
    """CPU microseconds per request per row, one figure per round."""

    rounds: int
    batch: int
    us: dict[str, list[float]] = field(default_factory=dict)

    def best(self, row: str) -> float:
        return min(self.us[row])

    def typical(self, row: str) -> float:
        return median(self.us[row])

    def ratio(self, row: str) -> float:
        """The bare app's CPU per request ÷ the row's, fastest batch of each (as req/s would compare)."""
        return self.best(BARE) / self.best(row)


async def _simulator(journal: bool) -> SimulatorApp:
    """The demo catalogue plus bench/servers.py's extra products, posted through the API."""
    config = SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY)])
    app = create_app(config if journal else config.replace(journal_bytes=0))
    store = app.state.tenants.by_name["demo"].store
    demo.seed(store)
    for webhook_id in list(store.webhooks):  # as bench/servers.py: a write queues no webhook delivery
        await asgi_call(app, "DELETE", f"/api/v1/webhooks/{webhook_id}")
    for index in range(EXTRA_PRODUCTS):
        body = b'{"name": "Bench product %d", "sku": "BENCH-%03d", "type": "simple"}' % (index, index)
        await asgi_call(app, "POST", "/api/v1/products", body=body)
    return app


async def _batch(app: Any, size: int, write_before: bool) -> float:
    """CPU microseconds per request over one batch (a write before each page when `write_before`)."""
    method, path, body = _WRITE
    started = time.process_time()
    for index in range(size):
        if write_before:
            await asgi_call(app, method, path.format(1 + index % 3), body=body % index)
        await asgi_call(app, "GET", PAGE[0], PAGE[1])
    return (time.process_time() - started) / size * 1e6


async def _writes(app: Any, size: int) -> float:
    method, path, body = _WRITE
    started = time.process_time()
    for index in range(size):
        await asgi_call(app, method, path.format(1 + index % 3), body=body % index)
    return (time.process_time() - started) / size * 1e6


async def _measure(rounds: int, batch: int) -> PageCost:
    apps: dict[str, Any] = {ON: await _simulator(True), OFF: await _simulator(False), BARE: bare_app.app}
    cost = PageCost(rounds, batch)
    for index in range(-1, rounds):  # round -1 warms up
        names = list(apps)
        names = names[index % len(names) :] + names[: index % len(names)]
        for name in names:
            figures = {name: await _batch(apps[name], batch, False)}
            if name != BARE:
                pair = await _batch(apps[name], batch, True)
                figures[COLD_ON if name == ON else COLD_OFF] = pair - await _writes(apps[name], batch)
            if index >= 0:
                for row, figure in figures.items():
                    cost.us.setdefault(row, []).append(figure)
    return cost


def measure(rounds: int = 15, batch: int = 300) -> PageCost:
    """Every row, `rounds` rounds of `batch` requests each (after one warm-up round)."""
    return asyncio.run(_measure(rounds, batch))


def render(cost: PageCost, command: str) -> list[str]:
    """The RESULTS.md section."""
    lines = [
        "## The 100-item page in-process (bench/page_cost.py)",
        "",
        f"`{command}`: `GET /api/v1/products?per_page=100` through the ASGI app, {cost.rounds} rounds of "
        f"{cost.batch} requests per row in rotating order, CPU time of the process per request; the ratio "
        "is the bare app's fastest batch over the row's (as requests per second compare), medians beside it. "
        "The rows after a write send a PUT of a product before each page (its own cost taken off), so the page is "
        "rendered anew every time, as the first read after any change is (simulator/render_cache.py).",
        "",
        "| row | fastest µs/req | median µs/req | bare ÷ row (fastest) | bare ÷ row (medians) | target | met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in ROWS:
        ratio, typical = cost.ratio(row), cost.typical(BARE) / cost.typical(row)
        # the target is the served page's (bench/run.py's wrk row); rows after a write show the first read's cost
        judged = row in (ON, OFF)
        target = f">= {TARGET:.2f}" if judged else "-"
        met = ("yes" if ratio >= TARGET else "**NO**") if judged else "-"
        best, middle = cost.best(row), cost.typical(row)
        lines.append(f"| {row} | {best:.1f} | {middle:.1f} | {ratio:.3f} | {typical:.3f} | {target} | {met} |")
    return [*lines, ""]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.page_cost", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds (default 15)")
    parser.add_argument("--batch", type=int, default=300, help="requests per batch (default 300)")
    args = parser.parse_args(argv)
    command = f".venv/bin/python -m bench.page_cost --rounds {args.rounds} --batch {args.batch}"
    print("\n".join(render(measure(args.rounds, args.batch), command)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

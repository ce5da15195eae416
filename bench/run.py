"""Benchmark the simulator against a bare Starlette app and Prism; write bench/RESULTS.md (issues 3, 7, 11).

    .venv/bin/python -m bench.run [--rounds 5] [--duration 10] [--scale-runs 3]

Not a test and never run in CI: it needs wrk (`apt-get install -y wrk`), two cores and a quiet machine;
node and npm for the Prism peer row (installed into bench/.prism on first use), skipped without them.
The servers (the simulator in memory and with `--state`, the bare app, Prism) run at once, pinned to
core 0 (an idle server uses no CPU), wrk to core 1, all traffic on 127.0.0.1. After a warm-up, each
round runs every (server, test) once in a shuffled order; before each round the simulators are reset to
the demo catalogue plus 100 products (POST grows the store by tens of thousands of products per run).
Then start-up is timed for `jasper-sim serve` (with and without `--seed demo`) and the bare app,
interleaved; then the 100k-product figures (bench/scale.py). See perf-baseline.md for the method.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from bench import journal_cost, page_cost, report, scale, servers
from bench.loadgen import Load, run_wrk

SERVER_CPU, WRK_CPU = "0", "1"
TESTS = ("GET /products/{id}", "POST /products", "GET /products?per_page=15", "GET /products?per_page=100")
PEER_TESTS = TESTS[:2]  # Prism answers a list with one example item: only single objects compare
NO_JOURNAL = report.NO_JOURNAL
SIMULATORS = ("simulator", NO_JOURNAL, "simulator --state")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def loads(server: servers.Server, product_id: int) -> dict[str, Load]:
    """The tests against one server; every request carries the demo key (bare ignores it)."""
    auth = (f"Authorization: {servers.AUTH}",)
    api = server.base + server.spec.api_prefix
    tests = {
        TESTS[0]: Load(f"{api}/products/{product_id}", auth),
        TESTS[1]: Load(f"{api}/products", auth, servers.BENCH / "lua" / "post_product.lua"),
        TESTS[2]: Load(f"{api}/products?per_page=15", auth),
        TESTS[3]: Load(f"{api}/products?per_page=100", auth),
    }
    return {name: load for name, load in tests.items() if server.spec.name != "prism" or name in PEER_TESTS}


def environment(running: dict[str, servers.Server]) -> dict[str, str]:
    """Machine, versions and the event loop / HTTP parser each server really loaded."""
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    found = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{cpu}, {len(os.sched_getaffinity(0))} CPUs, kernel {platform.release()}",
        "Python": platform.python_version(),
        "packages": ", ".join(
            f"{name} {metadata.version(name)}"
            for name in ("uvicorn", "starlette", "uvloop", "httptools", "orjson", "pydantic")
        ),
        "wrk": (wrk.stdout or wrk.stderr).splitlines()[0] if (wrk.stdout or wrk.stderr) else "?",
        "git commit": commit.stdout.strip() or "?",
    }
    for name, server in running.items():
        if server.spec.name == "prism":
            continue
        modules = servers.loaded_modules(server.process.pid)
        found[f"{name}: loaded"] = ", ".join(f"{module} {'yes' if on else 'NO'}" for module, on in modules.items())
    return found


def measure_load(
    data: report.Measurements, running: dict[str, servers.Server], *, rounds: int, duration: float, warmup: float
) -> None:
    """Warm up, then run every (server, test) once per round in a shuffled order."""
    product_id = 1
    for name in SIMULATORS:
        product_id = servers.seed_simulator(running[name].port)
    plans = {name: loads(server, product_id) for name, server in running.items()}
    for name, tests in plans.items():
        for load in tests.values():
            run_wrk(load, duration=warmup, connections=32, server_pid=running[name].process.pid, wrk_cpu=WRK_CPU)
    for round_index in range(rounds):
        for name in SIMULATORS:
            servers.seed_simulator(running[name].port)
        order = [(name, test) for name in plans for test in TESTS if test in plans[name]]
        random.Random(round_index).shuffle(order)
        for name, test in order:
            result = run_wrk(
                plans[name][test],
                duration=duration,
                connections=32,
                server_pid=running[name].process.pid,
                wrk_cpu=WRK_CPU,
            )
            data.runs.setdefault((name, test), []).append(result)
            print(f"round {round_index + 1} {name:17} {test:28} {result.requests_per_second:>10,.0f} req/s "
                  f"p99 {result.p99_ms:.2f} ms non-2xx {result.non_2xx}", flush=True)  # fmt: skip
            time.sleep(0.5)


def measure_startup(data: report.Measurements, runs: int) -> None:
    """Start each server `runs` times, interleaved; seconds to its first 200, then to a POST sent at once."""
    specs = {"serve": servers.SIMULATOR, "serve --seed demo": servers.SIMULATOR_SEEDED, "bare": servers.BARE}
    for _ in range(runs):
        for name, spec in specs.items():
            ready, written = servers.startup_and_first_write_seconds(spec, free_port())
            data.startup.setdefault(name, []).append(ready)
            if written is not None:
                data.first_write.setdefault(name, []).append(written)
            time.sleep(0.2)


def measure_scale(data: report.Measurements, runs: int, count: int) -> None:
    """The 100k-product figures: imports (in memory and with a state file), then restarts on the last file."""
    document = scale.state_document(count)
    with tempfile.TemporaryDirectory() as folder:
        state = Path(folder) / "state.sqlite"
        for index in range(runs):
            for kind in ("memory", "state"):
                if kind == "state":
                    for path in Path(folder).glob("state.sqlite*"):
                        path.unlink()
                result = scale.run_once(kind, count, document, free_port(), state if kind == "state" else None, 100)
                data.scale.append(result)
                print(f"scale run {index + 1} {kind:6} import {result.import_s:.2f} s, {len(result.during)} GETs "
                      f"meanwhile, max {max(result.during, default=0) * 1000:.1f} ms", flush=True)  # fmt: skip
        data.restart = scale.restart_runs(state, runs, free_port)


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write the report."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per wrk run (default 10)")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up per test (default 3)")
    parser.add_argument("--startup-runs", type=int, default=5, help="start-up measurements per server (default 5)")
    parser.add_argument("--scale-runs", type=int, default=3, help="100k-product runs per server kind (default 3)")
    parser.add_argument("--products", type=int, default=scale.PRODUCTS, help="products of the scale runs")
    parser.add_argument("--output", type=Path, default=servers.BENCH / "RESULTS.md", help="report file")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)  # a stopped run still stops the servers it started
    command = shlex.join([".venv/bin/python", "-m", "bench.run", *(sys.argv[1:] if argv is None else argv)])
    folder = tempfile.TemporaryDirectory()
    specs = {
        "simulator": servers.SIMULATOR,
        NO_JOURNAL: servers.SIMULATOR_NO_JOURNAL,
        "simulator --state": servers.SIMULATOR_STATE,
        "bare": servers.BARE,
    }
    prism = servers.prism_spec()
    if prism is not None:
        specs["prism"] = prism
    state = Path(folder.name) / "load.sqlite"
    running = {name: servers.start(spec, free_port(), SERVER_CPU, state=state) for name, spec in specs.items()}
    try:
        for server in running.values():
            servers.wait_ready(server)
        data = report.Measurements(
            command=command,
            duration=args.duration,
            environment=environment(running),
            servers={
                name: shlex.join(server.command).replace(str(state), "STATE_FILE") for name, server in running.items()
            },
            tests={
                TESTS[0]: "a demo product (categories, prices, inventory) by id; bare: a fixed 5-field product; "
                "Prism: the contract's example",
                TESTS[1]: "a new product with a unique sku (bench/lua/post_product.lua); bare echoes the body",
                TESTS[2]: "a full page of 15 products in the list envelope (bare: stdlib JSONResponse)",
                TESTS[3]: "a full page of 100 products in the list envelope (bare: 100 products of the simulator's "
                "shape, orjson)",
            },
        )
        if prism is None:
            data.notes.append("No Prism row: node or npm is not installed.")
        measure_load(data, running, rounds=args.rounds, duration=args.duration, warmup=args.warmup)
    finally:
        for server in running.values():
            server.stop()
        folder.cleanup()
    cost = journal_cost.measure()
    data.extra_sections = journal_cost.render(cost, ".venv/bin/python -m bench.journal_cost --rounds 21 --batch 1000")
    pages = page_cost.measure()  # issue 11's 100-item page, in-process (the wrk row above is the verdict's)
    data.extra_sections += page_cost.render(pages, ".venv/bin/python -m bench.page_cost --rounds 15 --batch 300")
    measure_startup(data, args.startup_runs)
    measure_scale(data, args.scale_runs, args.products)
    args.output.write_text(report.render(data, TESTS))
    for target, measured, met in report.verdicts(data):
        print(f"{'met' if met else 'MISSED'}: {target} (measured {measured})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

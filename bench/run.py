"""Benchmark the simulator against a bare Starlette app; write bench/RESULTS.md (issue 3 item 9, issue 8).

    .venv/bin/python -m bench.run [--rounds 5] [--duration 10]

Not a test and never run in CI: it needs wrk (`apt-get install -y wrk`), two cores and a quiet machine.
The servers (the simulator as served, the same with its request journal off, the bare app) run at once,
pinned to core 0 (an idle server uses no CPU), wrk to core 1, all traffic on 127.0.0.1. After a warm-up,
each round runs every (server, test) once in a shuffled order; before each round both simulators are reset
to the demo catalogue plus 15 products (POST grows the store by tens of thousands of products per run).
Then the journal's cost is measured in-process (bench/journal_cost.py) and start-up is timed for
`jasper-sim serve` (with and without `--seed demo`) and the bare app, interleaved. See perf-baseline.md
for the method this follows.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from bench import journal_cost, report, servers
from bench.loadgen import Load, run_wrk

SERVER_CPU, WRK_CPU = "0", "1"
LIST_PATH = "/api/v1/products?per_page=15"
TESTS = ("GET /products/{id}", "POST /products", "GET /products?per_page=15")
NO_JOURNAL = report.NO_JOURNAL


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def loads(base: str, product_id: int) -> dict[str, Load]:
    """The three tests against one server; every request carries the demo key (bare ignores it)."""
    auth = (f"Authorization: {servers.AUTH}",)
    return {
        TESTS[0]: Load(f"{base}/api/v1/products/{product_id}", auth),
        TESTS[1]: Load(f"{base}/api/v1/products", auth, servers.BENCH / "lua" / "post_product.lua"),
        TESTS[2]: Load(f"{base}{LIST_PATH}", auth),
    }


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
        modules = servers.loaded_modules(server.process.pid)
        found[f"{name}: loaded"] = ", ".join(f"{module} {'yes' if on else 'NO'}" for module, on in modules.items())
    return found


def measure_load(
    data: report.Measurements, running: dict[str, servers.Server], *, rounds: int, duration: float, warmup: float
) -> None:
    """Warm up, then run every (server, test) once per round in a shuffled order."""
    product_id = servers.seed_simulator(running["simulator"].port)
    if servers.seed_simulator(running[NO_JOURNAL].port) != product_id:
        raise RuntimeError("the two simulators were seeded differently")
    plans = {name: loads(server.base, product_id) for name, server in running.items()}
    for name, tests in plans.items():
        for load in tests.values():
            run_wrk(load, duration=warmup, connections=32, server_pid=running[name].process.pid, wrk_cpu=WRK_CPU)
    for round_index in range(rounds):
        servers.seed_simulator(running["simulator"].port)
        servers.seed_simulator(running[NO_JOURNAL].port)
        order = [(name, test) for name in plans for test in TESTS]
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
            print(f"round {round_index + 1} {name:21} {test:28} {result.requests_per_second:>10,.0f} req/s "
                  f"p99 {result.p99_ms:.2f} ms non-2xx {result.non_2xx}", flush=True)  # fmt: skip
            time.sleep(0.5)


def measure_startup(data: report.Measurements, runs: int) -> None:
    """Start each server `runs` times, interleaved; seconds to its first 200."""
    specs = {"serve": servers.SIMULATOR, "serve --seed demo": servers.SIMULATOR_SEEDED, "bare": servers.BARE}
    for _ in range(runs):
        for name, spec in specs.items():
            data.startup.setdefault(name, []).append(servers.startup_seconds(spec, free_port()))
            time.sleep(0.2)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write the report."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per wrk run (default 10)")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up per test (default 3)")
    parser.add_argument("--startup-runs", type=int, default=5, help="start-up measurements per server (default 5)")
    parser.add_argument("--output", type=Path, default=servers.BENCH / "RESULTS.md", help="report file")
    args = parser.parse_args(argv)
    command = shlex.join([".venv/bin/python", "-m", "bench.run", *(sys.argv[1:] if argv is None else argv)])
    specs = {"simulator": servers.SIMULATOR, NO_JOURNAL: servers.SIMULATOR_NO_JOURNAL, "bare": servers.BARE}
    running = {name: servers.start(spec, free_port(), SERVER_CPU) for name, spec in specs.items()}
    try:
        for server in running.values():
            servers.wait_ready(server)
        data = report.Measurements(
            command=command,
            duration=args.duration,
            environment=environment(running),
            servers={name: shlex.join(server.command) for name, server in running.items()},
            tests={
                TESTS[0]: "a demo product (categories, prices, inventory) by id; bare: a fixed 5-field product",
                TESTS[1]: "a new product with a unique sku (bench/lua/post_product.lua); bare echoes the body",
                TESTS[2]: f"`{LIST_PATH}`, a full page of 15 products in the list envelope",
            },
        )
        measure_load(data, running, rounds=args.rounds, duration=args.duration, warmup=args.warmup)
    finally:
        for server in running.values():
            server.stop()
    cost = journal_cost.measure()
    data.extra_sections = journal_cost.render(cost, ".venv/bin/python -m bench.journal_cost --rounds 21 --batch 1000")
    measure_startup(data, args.startup_runs)
    # paths relative to the repository, never this machine's (house rule for bench/RESULTS.md)
    args.output.write_text(report.render(data, TESTS).replace(f"{servers.BENCH.parent}/", ""))
    for target, measured, met in report.verdicts(data):
        print(f"{'met' if met else 'MISSED'}: {target} (measured {measured})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

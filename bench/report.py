"""Figures to verdicts: medians over rounds, paired-median ratios to bare, and bench/RESULTS.md.

As in ../shared/reference/perf-baseline.md, every figure is a median over interleaved rounds and every
ratio a paired median: the median over rounds of (simulator ÷ bare in the same round), which cancels
most of the noise a shared machine adds to a round.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from bench.loadgen import WrkResult

# Targets of issue 3 item 9: throughput ratio to bare per test, and seconds to the first 200.
RATIO_TARGETS = {"GET /products/{id}": 0.7, "POST /products": 0.5}
STARTUP_TARGET_S = 1.0
# Issue 8: the journal recording every call with its bodies costs at most 10% of throughput.
NO_JOURNAL = "simulator, no journal"
JOURNAL_TARGET = 0.9
# perf-baseline.md §1: the bare app's GET on a quiet machine of this kind, pinned like here.
BASELINE_BARE_GET = 33_421


@dataclass
class Measurements:
    """Everything one run of bench/run.py measured."""

    command: str
    duration: float  # seconds per wrk run
    environment: dict[str, str]
    servers: dict[str, str]  # name -> exact command line
    tests: dict[str, str]  # test -> what is requested
    runs: dict[tuple[str, str], list[WrkResult]] = field(default_factory=dict)  # (server, test) -> rounds
    startup: dict[str, list[float]] = field(default_factory=dict)  # server -> seconds per run
    extra_sections: list[str] = field(default_factory=list)  # lines of further sections (bench/journal_cost.py)


def paired_ratio(ours: Sequence[float], reference: Sequence[float]) -> float:
    """Median over rounds of ours[i] / reference[i]."""
    return median(a / b for a, b in zip(ours, reference, strict=True))


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    align = ["---" if index == 0 else "---:" for index in range(len(header))]
    return [_row(header), _row(align), *(_row(row) for row in rows), ""]


def _ratio(runs: Sequence[WrkResult], bare: Sequence[WrkResult], figure: str) -> float:
    return paired_ratio([getattr(run, figure) for run in runs], [getattr(run, figure) for run in bare])


def summary_rows(data: Measurements, tests: Sequence[str]) -> list[list[object]]:
    """One row per (server, test): medians, ranges, CPU per request and the ratios to bare."""
    rows: list[list[object]] = []
    for test in tests:
        bare = data.runs[("bare", test)]
        for server in ("bare", "simulator", NO_JOURNAL):
            if (server, test) not in data.runs:
                continue
            runs = data.runs[(server, test)]
            rates = [run.requests_per_second for run in runs]
            rows.append(
                [
                    server,
                    test,
                    f"{median(rates):,.0f}",
                    f"{min(rates):,.0f} to {max(rates):,.0f}",
                    f"{median(run.p50_ms for run in runs):.2f}",
                    f"{median(run.p99_ms for run in runs):.2f}",
                    f"{median(run.server_cpu_us_per_request for run in runs):.1f}",
                    f"{median(run.bytes_per_request for run in runs):.0f}",
                    sum(run.non_2xx + run.socket_errors for run in runs),
                    f"{median(run.other_cpu_s for run in runs):.2f}",
                    f"{_ratio(runs, bare, 'requests_per_second'):.3f}",
                    f"{_ratio(runs, bare, 'p99_ms'):.2f}",
                    f"{_ratio(runs, bare, 'server_cpu_us_per_request'):.2f}",
                ]
            )
    return rows


def verdicts(data: Measurements) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for each target of the issue."""
    found: list[tuple[str, str, bool]] = []
    for test, target in RATIO_TARGETS.items():
        ratio = _ratio(data.runs[("simulator", test)], data.runs[("bare", test)], "requests_per_second")
        found.append((f"{test}: req/s >= {target} x bare", f"{ratio:.3f} x", ratio >= target))
    for test in RATIO_TARGETS:
        if (NO_JOURNAL, test) in data.runs:
            ratio = _ratio(data.runs[("simulator", test)], data.runs[(NO_JOURNAL, test)], "requests_per_second")
            goal = f"{test}: req/s with the journal >= {JOURNAL_TARGET} x without"
            found.append((goal, f"{ratio:.3f} x", ratio >= JOURNAL_TARGET))
            # server CPU per request: less disturbed than req/s when other processes share the cores
            cpu = _ratio(data.runs[("simulator", test)], data.runs[(NO_JOURNAL, test)], "server_cpu_us_per_request")
            goal = f"{test}: server CPU per request with the journal <= {2 - JOURNAL_TARGET:.1f} x without"
            found.append((goal, f"{cpu:.3f} x", cpu <= 2 - JOURNAL_TARGET))
    for server, seconds in data.startup.items():
        if server != "bare":
            value = median(seconds)
            found.append((f"`jasper-sim {server}`: first 200 <= {STARTUP_TARGET_S} s", f"{value:.3f} s", value <= 1))
    return found


def _conditions(data: Measurements) -> list[str]:
    """How quiet the machine was: other CPU per run, and the bare GET against the quiet baseline."""
    other = median(run.other_cpu_s for runs in data.runs.values() for run in runs)
    bare_get = median(run.requests_per_second for run in data.runs[("bare", "GET /products/{id}")])
    return [
        f"CPU used outside the server and wrk (other processes, kernel workers, softirq, steal): median "
        f"{other:.1f} CPU-s per {data.duration:g} s run, of the {2 * data.duration:g} two cores give. "
        f"The bare GET reached {bare_get:,.0f} req/s, "
        f"{bare_get / BASELINE_BARE_GET:.2f} of perf-baseline.md's quiet-machine {BASELINE_BARE_GET:,} req/s.",
        "Compare absolute figures only with runs under the same conditions; the ratios are paired per round "
        "(both servers measured in the same round, in shuffled order), so shared noise largely cancels.",
    ]


def render(data: Measurements, tests: Sequence[str]) -> str:
    """bench/RESULTS.md."""
    lines = ["# Benchmark: the simulator against a bare Starlette app", ""]
    lines += ["Written by `bench/run.py`; not a test, never run in CI. Exact command:", ""]
    lines += ["```", data.command, "```", ""]
    lines += ["## Conditions", "", *_conditions(data), ""]
    lines += ["## Verdicts", ""]
    lines += _table(["target", "measured", "met"], [(t, m, "yes" if ok else "**NO**") for t, m, ok in verdicts(data)])
    lines += ["## Environment", ""]
    lines += _table(["item", "value"], list(data.environment.items()))
    lines += ["## Servers and requests", ""]
    lines += _table(["server", "command"], [(name, f"`{command}`") for name, command in data.servers.items()])
    lines += _table(["test", "request"], [(name, what) for name, what in data.tests.items()])
    lines += ["## Throughput and latency (medians over rounds; ratios are paired medians vs bare)", ""]
    header = ["server", "test", "req/s", "req/s min to max", "p50 ms", "p99 ms", "server CPU µs/req", "bytes/resp"]
    header += ["non-2xx + socket errors", "other CPU s/run", "req/s / bare", "p99 / bare", "CPU/req / bare"]
    lines += _table(header, summary_rows(data, tests))
    lines += data.extra_sections
    lines += ["## Start-up: process start to first 200 (unpinned, fresh connection polled every 5 ms)", ""]
    rows = [
        (name, ", ".join(f"{value:.3f}" for value in seconds), f"{median(seconds):.3f}")
        for name, seconds in data.startup.items()
    ]
    lines += _table(["server", "runs (s)", "median (s)"], rows)
    lines += ["## Raw runs", ""]
    raw = [
        (server, test, index + 1, f"{run.requests_per_second:,.0f}", f"{run.p50_ms:.2f}", f"{run.p99_ms:.2f}",
         f"{run.server_cpu_s:.2f}", f"{run.wrk_cpu_s:.2f}", f"{run.other_cpu_s:.2f}", run.non_2xx, run.socket_errors)
        for (server, test), runs in data.runs.items()
        for index, run in enumerate(runs)
    ]  # fmt: skip
    header = ["server", "test", "round", "req/s", "p50 ms", "p99 ms", "server CPU s", "wrk CPU s", "other CPU s"]
    lines += _table([*header, "non-2xx", "socket errors"], raw)
    commands = sorted({run.command for runs in data.runs.values() for run in runs})
    lines += ["wrk commands:", "", "```", *commands, "```", ""]
    return "\n".join(lines)

"""Figures to verdicts: medians over rounds, paired-median ratios to bare, and bench/RESULTS.md.

As in ../shared/reference/perf-baseline.md, every figure is a median over interleaved rounds and every
ratio a paired median: the median over rounds of (server ÷ bare in the same round), which cancels
most of the noise a shared machine adds to a round. Commands are shown relative to the repository.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from bench import report_scale
from bench.loadgen import WrkResult
from bench.report_scale import table
from bench.scale import ScaleRun
from bench.servers import REPO

# Targets: throughput ratio to bare per (server, test) (issue 3 item 9, issue 7 for --state, issue 11
# for the 100-item page), and start-up as a ratio to the bare app's (issue 11).
RATIO_TARGETS = {
    ("simulator", "GET /products/{id}"): 0.7,
    ("simulator", "POST /products"): 0.5,
    ("simulator", "GET /products?per_page=100"): 0.5,
    ("simulator --state", "GET /products/{id}"): 0.75,
    ("simulator --state", "POST /products"): 0.4,
}
STARTUP_RATIO_TARGET = 1.4
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
    first_write: dict[str, list[float]] = field(default_factory=dict)  # server -> seconds to a POST sent at once
    scale: list[ScaleRun] = field(default_factory=list)
    restart: tuple[list[float], list[float]] = ([], [])  # (restart seconds, bare start seconds)
    notes: list[str] = field(default_factory=list)
    extra_sections: list[str] = field(default_factory=list)  # lines of further sections (bench/journal_cost.py)


def relative(text: str) -> str:
    """`text` with the repository's absolute path taken out (RESULTS.md names no machine path)."""
    return text.replace(f"{REPO}/", "")


def paired_ratio(ours: Sequence[float], reference: Sequence[float]) -> float:
    """Median over rounds of ours[i] / reference[i]."""
    return median(a / b for a, b in zip(ours, reference, strict=True))


def _ratio(runs: Sequence[WrkResult], bare: Sequence[WrkResult], figure: str) -> float:
    return paired_ratio([getattr(run, figure) for run in runs], [getattr(run, figure) for run in bare])


def summary_rows(data: Measurements, tests: Sequence[str]) -> list[list[object]]:
    """One row per (server, test): medians, ranges, CPU per request and the ratios to bare."""
    rows: list[list[object]] = []
    names = list(dict.fromkeys(name for name, _ in data.runs))
    for test in tests:
        bare = data.runs[("bare", test)]
        for server in sorted(names, key=lambda name: name != "bare"):
            runs = data.runs.get((server, test))
            if not runs:
                continue
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
    """(target, measured, met) for each target."""
    found: list[tuple[str, str, bool]] = []
    for (server, test), target in RATIO_TARGETS.items():
        if (server, test) not in data.runs:
            continue
        ratio = _ratio(data.runs[(server, test)], data.runs[("bare", test)], "requests_per_second")
        found.append((f"`{server}` {test}: req/s >= {target} x bare", f"{ratio:.3f} x", ratio >= target))
    for test in ("GET /products/{id}", "POST /products"):
        if (NO_JOURNAL, test) in data.runs:
            ratio = _ratio(data.runs[("simulator", test)], data.runs[(NO_JOURNAL, test)], "requests_per_second")
            goal = f"{test}: req/s with the journal >= {JOURNAL_TARGET} x without"
            found.append((goal, f"{ratio:.3f} x", ratio >= JOURNAL_TARGET))
            # server CPU per request: less disturbed than req/s when other processes share the cores
            cpu = _ratio(data.runs[("simulator", test)], data.runs[(NO_JOURNAL, test)], "server_cpu_us_per_request")
            goal = f"{test}: server CPU per request with the journal <= {2 - JOURNAL_TARGET:.1f} x without"
            found.append((goal, f"{cpu:.3f} x", cpu <= 2 - JOURNAL_TARGET))
    seeded, bare = data.startup.get("serve --seed demo"), data.startup.get("bare")
    if seeded and bare:
        ratio = paired_ratio(seeded, bare)
        found.append(
            (
                f"`jasper-sim serve --seed demo` start-up <= {STARTUP_RATIO_TARGET} x bare's",
                f"{ratio:.2f} x ({median(seeded):.3f} s vs {median(bare):.3f} s)",
                ratio <= STARTUP_RATIO_TARGET,
            )
        )
    found += report_scale.verdicts(data.scale, data.restart)
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
        "(every server measured in the same round, in shuffled order), so shared noise largely cancels.",
    ]


def render(data: Measurements, tests: Sequence[str]) -> str:
    """bench/RESULTS.md."""
    lines = ["# Benchmark: the simulator against a bare Starlette app (and Prism)", ""]
    lines += ["Written by `bench/run.py`; not a test, never run in CI. Every figure below comes from this one run:", ""]
    lines += ["```", data.command, "```", ""]
    lines += ["## Conditions", "", *_conditions(data), *data.notes, ""]
    lines += ["## Verdicts", ""]
    lines += table(["target", "measured", "met"], [(t, m, "yes" if ok else "**NO**") for t, m, ok in verdicts(data)])
    lines += ["## Environment", ""]
    lines += table(["item", "value"], list(data.environment.items()))
    lines += ["## Servers and requests", ""]
    lines += table(["server", "command"], [(name, f"`{relative(cmd)}`") for name, cmd in data.servers.items()])
    lines += table(["test", "request"], [(name, what) for name, what in data.tests.items()])
    lines += ["## Throughput and latency (medians over rounds; ratios are paired medians vs bare)", ""]
    header = ["server", "test", "req/s", "req/s min to max", "p50 ms", "p99 ms", "server CPU µs/req", "bytes/resp"]
    header += ["non-2xx + socket errors", "other CPU s/run", "req/s / bare", "p99 / bare", "CPU/req / bare"]
    lines += table(header, summary_rows(data, tests))
    lines += data.extra_sections
    lines += ["## Start-up: process start to first 200 (unpinned, fresh connection polled every 5 ms)", ""]
    lines += [
        "Then, at once, a POST /products on a fresh connection: the first write's answer, from process start",
        "(the simulator loads pydantic and the contract's models after its first answer).",
        "",
    ]
    rows = [
        (
            name,
            ", ".join(f"{value:.3f}" for value in seconds),
            f"{median(seconds):.3f}",
            f"{median(data.first_write[name]):.3f}" if data.first_write.get(name) else "",
        )
        for name, seconds in data.startup.items()
    ]
    lines += table(["server", "runs (s)", "median (s)", "first write, median (s)"], rows)
    lines += report_scale.render(data.scale, data.restart)
    lines += ["## Raw runs", ""]
    raw = [
        (server, test, index + 1, f"{run.requests_per_second:,.0f}", f"{run.p50_ms:.2f}", f"{run.p99_ms:.2f}",
         f"{run.server_cpu_s:.2f}", f"{run.wrk_cpu_s:.2f}", f"{run.other_cpu_s:.2f}", run.non_2xx, run.socket_errors)
        for (server, test), runs in data.runs.items()
        for index, run in enumerate(runs)
    ]  # fmt: skip
    header = ["server", "test", "round", "req/s", "p50 ms", "p99 ms", "server CPU s", "wrk CPU s", "other CPU s"]
    lines += table([*header, "non-2xx", "socket errors"], raw)
    commands = sorted({relative(run.command) for runs in data.runs.values() for run in runs})
    lines += ["wrk commands:", "", "```", *commands, "```", ""]
    return "\n".join(lines)

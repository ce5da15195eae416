"""The 100k-product figures of bench/scale.py: verdicts and the RESULTS.md section."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from bench.scale import PRODUCTS, ScaleRun, percentile

IMPORT_TARGET_S = 2.0  # issue 11: PUT /_sim/state of 100k products, on a loaded machine too
DEEP_PAGE_TARGET = 1.5  # issue 11: page 1000 within 1.5x page 1 at 100k products
BYTES_PER_PRODUCT_TARGET = 1200  # issue 11: at most 1.2 KB per stored product
RESTART_TARGET_S = 2.0  # issue 7: process start to first 200 on a state file of 100k products

Verdict = tuple[str, str, bool]


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """A markdown table, first column left-aligned."""
    align = ["---" if index == 0 else "---:" for index in range(len(header))]
    return [_row(header), _row(align), *(_row(row) for row in rows), ""]


def _of(runs: list[ScaleRun], kind: str) -> list[ScaleRun]:
    return [run for run in runs if run.kind == kind]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def verdicts(runs: list[ScaleRun], restart: tuple[list[float], list[float]]) -> list[Verdict]:
    """(target, measured, met) for the 100k-product targets."""
    found: list[Verdict] = []
    count = runs[0].products if runs else PRODUCTS
    for kind, label in (("memory", "in memory"), ("state", "with --state")):
        mine = _of(runs, kind)
        if not mine:
            continue
        seconds, cpu = median(run.import_s for run in mine), median(run.import_cpu_s for run in mine)
        found.append((f"PUT /_sim/state of {count:,} products {label} <= {IMPORT_TARGET_S:g} s",
                      f"{seconds:.2f} s ({cpu:.2f} s of server CPU)", seconds <= IMPORT_TARGET_S))  # fmt: skip
        during = [latency for run in mine for latency in run.during]
        found.append((f"API answers during that import ({label}): every GET 200", f"{len(during)} GETs, max "
                      f"{_ms(max(during, default=float('nan')))} ms", bool(during)))  # fmt: skip
    memory = _of(runs, "memory")
    if memory:
        deep = median(median(run.page_1000) / median(run.page_1) for run in memory)
        found.append((f"page 1000 of 100 within {DEEP_PAGE_TARGET} x page 1 at {count:,} products",
                      f"{deep:.2f} x", deep <= DEEP_PAGE_TARGET))  # fmt: skip
        per_product = median((run.loaded_rss - run.idle_rss) / run.products for run in memory)
        found.append((f"bytes per stored product at {count:,} <= {BYTES_PER_PRODUCT_TARGET:,}",
                      f"{per_product:,.0f} B", per_product <= BYTES_PER_PRODUCT_TARGET))  # fmt: skip
    restarts, _ = restart
    if restarts:
        seconds = median(restarts)
        found.append((f"restart on a state file of {count:,} products: first 200 <= {RESTART_TARGET_S:g} s",
                      f"{seconds:.2f} s", seconds <= RESTART_TARGET_S))  # fmt: skip
    return found


def render(runs: list[ScaleRun], restart: tuple[list[float], list[float]]) -> list[str]:
    """The RESULTS.md section of the 100k-product figures."""
    count = runs[0].products if runs else PRODUCTS
    lines = [f"## {count:,} products: import, API latency meanwhile, deep pages, memory, state file", ""]
    lines += [
        "Each run: a fresh `jasper-sim serve` (unpinned), `PUT /_sim/state` of the products while one client sends "
        "`GET /api/v1/products/1` back to back; GET latencies are those of requests started during the import "
        "(before: the second before it). Then resident memory, and page 1 against page 1000 (`per_page=100`), "
        "alternated.",
        "",
    ]
    header = ["server", "run", "import s", "import CPU s", "GETs during", "p50 ms", "p99 ms", "max ms", "p99 before ms"]
    header += ["idle RSS MiB", "RSS after MiB", "B/product", "page 1 ms", "page 1000 ms", "state file B/product"]
    rows = []
    for index, run in enumerate(runs):
        during = run.during or [float("nan")]
        rows.append(
            [
                "simulator --state" if run.kind == "state" else "simulator",
                index + 1,
                f"{run.import_s:.2f}",
                f"{run.import_cpu_s:.2f}",
                len(run.during),
                _ms(median(during)),
                _ms(percentile(during, 0.99)),
                _ms(max(during)),
                _ms(percentile(run.before, 0.99)) if run.before else "-",
                f"{run.idle_rss / 2**20:.1f}",
                f"{run.loaded_rss / 2**20:.1f}",
                f"{(run.loaded_rss - run.idle_rss) / run.products:,.0f}",
                _ms(median(run.page_1)) if run.page_1 else "-",
                _ms(median(run.page_1000)) if run.page_1000 else "-",
                f"{run.state_file_bytes / run.products:,.0f}" if run.state_file_bytes else "-",
            ]
        )
    lines += table(header, rows)
    restarts, bares = restart
    if restarts:
        lines += ["Restart on the state file of the last `--state` run, interleaved with the bare app's start:", ""]
        lines += table(
            ["server", "runs (s)", "median (s)"],
            [
                ("simulator --state (restart)", ", ".join(f"{s:.3f}" for s in restarts), f"{median(restarts):.3f}"),
                ("bare", ", ".join(f"{s:.3f}" for s in bares), f"{median(bares):.3f}"),
            ],
        )
    return lines

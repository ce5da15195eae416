"""bench/MUTATION.md from a run's results and the verdicts in notes.toml."""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from bench.mutation.mutants import Mutant
from bench.mutation.runner import BROKEN, KILLED, SURVIVED, TIMEOUT, UNREACHED

ROOT = Path(__file__).resolve().parents[2]
TARGET = 0.95


def _git(*args: str) -> str:
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return result.stdout.strip()


def _scope_of(path: str, scopes: Sequence[str]) -> str:
    return next(scope for scope in scopes if path == scope or path.startswith(scope + "/"))


def commit() -> str:
    """The short commit of the checkout, marked when files differ from it."""
    dirty = " with uncommitted changes" if _git("status", "--porcelain", "--untracked-files=no") else ""
    return _git("rev-parse", "--short", "HEAD") + dirty


def render(
    *,
    mutants: list[Mutant],
    results: dict[str, dict[str, object]],
    notes: dict[str, dict[str, str]],
    runs: list[dict[str, object]],
    scopes: Sequence[str],
) -> str:
    """The whole report: the runs, per-scope and per-module counts, every survivor with its reason."""
    equivalent, accepted = notes.get("equivalent", {}), notes.get("survived", {})
    status = {mutant.key: str(results[mutant.key]["status"]) for mutant in mutants}
    surviving = [mutant for mutant in mutants if status[mutant.key] in (SURVIVED, UNREACHED)]
    lines = [
        "# Mutation testing",
        "",
        "Written by `bench/mutation` (see its docstring for how it works and why it is our own script);",
        "not a test, never run in CI. The runs behind this page, in order (a later run re-tests some mutants):",
        "",
    ]
    for number, run in enumerate(runs, start=1):
        drawn = f"a sample of {run['sample']} drawn with seed {run['seed']}" if run["sample"] else "every mutant chosen"
        lines += [
            f"{number}. `{run['command']}`",
            f"   on commit `{run['commit']}`: {drawn}, {run['done']} of {run['mutants']} run, "
            f"{run['minutes']} min wall time with {run['jobs']} children at a time",
        ]
    lines += [
        "",
        f"Machine: Python {platform.python_version()}, {os.cpu_count()} cores. "
        f"Written {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "A mutant is **killed** when a test that reaches its function fails (or the run passes its time",
        "limit), **equivalent** when no program can tell it from the original (each one argued in",
        "`bench/mutation/notes.toml`), **survived** otherwise. Score = killed / (mutants - equivalent);",
        f"the target is {TARGET:.0%}.",
        "",
        "## By scope",
        "",
        *_table(mutants, status, equivalent, lambda mutant: _scope_of(mutant.path, scopes)),
        "",
        "## By module",
        "",
        *_table(mutants, status, equivalent, lambda mutant: mutant.path),
        "",
        "## Survivors",
        "",
        "Each with its one-line diff and why it survives.",
        "",
    ]
    real = [mutant for mutant in surviving if mutant.key not in equivalent]
    for mutant in real:
        why = accepted.get(mutant.key, "UNEXPLAINED: add a test that kills it, or a verdict in notes.toml")
        reached = "" if status[mutant.key] == SURVIVED else " (no test reaches this function)"
        lines.append(f"- `{mutant.path}:{mutant.line}` {mutant.diff}{reached}: {why}")
    if not real:
        lines.append("None.")
    lines += ["", "## Equivalent mutants", ""]
    equivalents = [mutant for mutant in surviving if mutant.key in equivalent]
    lines += [f"- `{m.path}:{m.line}` {m.diff}: {equivalent[m.key]}" for m in equivalents] or ["None."]
    broken = [mutant for mutant in mutants if status[mutant.key] == BROKEN]
    if broken:
        lines += ["", "## Not applied (left out of the counts)", ""]
        lines += [
            f"- `{m.path}:{m.line}` {m.diff}: the runner could not patch it into the live function (a change"
            " that drops the only `super()` call changes the code's closure)"
            for m in broken
        ]
    killed_anyway = [m for m in mutants if m.key in equivalent and status[m.key] in (KILLED, TIMEOUT)]
    stale = sorted((set(equivalent) | set(accepted)) - {mutant.key for mutant in mutants})
    if killed_anyway or stale:
        lines += ["", "## Notes to tidy", ""]
        lines += [f"- noted equivalent but killed: `{mutant.key}`" for mutant in killed_anyway]
        lines += [f"- no such mutant any more (or not run): `{key}`" for key in stale]
    return "\n".join(lines) + "\n"


def _table(
    mutants: list[Mutant], status: dict[str, str], equivalent: dict[str, str], group: Callable[[Mutant], str]
) -> list[str]:
    rows: dict[str, list[int]] = {}
    for mutant in mutants:
        if status[mutant.key] == BROKEN:
            continue
        counts = rows.setdefault(group(mutant), [0, 0, 0, 0])
        counts[0] += 1
        if status[mutant.key] in (KILLED, TIMEOUT):
            counts[1] += 1
        elif mutant.key in equivalent:
            counts[3] += 1
        else:
            counts[2] += 1
    lines = [
        "| module | mutants | killed | survived | equivalent | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    totals = [0, 0, 0, 0]
    for name, (total, killed, survived, same) in sorted(rows.items()):
        lines.append(f"| `{name}` | {total} | {killed} | {survived} | {same} | {_score(killed, total - same)} |")
        totals = [a + b for a, b in zip(totals, (total, killed, survived, same), strict=True)]
    total, killed, survived, same = totals
    lines.append(f"| **all** | {total} | {killed} | {survived} | {same} | {_score(killed, total - same)} |")
    return lines


def _score(killed: int, real: int) -> str:
    return f"{killed / real:.1%}" if real else "-"

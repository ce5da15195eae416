"""Mutation testing of the simulator, the client and the contract's impact analysis (issue 12).

    .venv/bin/python -m bench.mutation --seed 12 --jobs 2            # every mutant, writes bench/MUTATION.md
    .venv/bin/python -m bench.mutation --sample 150 --seed 7         # a seeded sample, quicker
    .venv/bin/python -m bench.mutation --scope client/retry.py       # one scope (repeatable)
    .venv/bin/python -m bench.mutation --rerun survived              # only last run's survivors
    .venv/bin/python -m bench.mutation --report-only                 # rewrite the report (after notes.toml)

Like the benchmarks, never run in CI: a run of every mutant (about 1,250) takes tens of minutes to hours
with two children, depending on how busy the machine is, plus the traced run of the suite whenever a
source or test file changed (bench/MUTATION.md records each run's wall time). The random explorations
(schemathesis, state machines: SLOW below) are left out. First a traced
run of the suite finds which tests reach each function (`bench/mutation/reach.py`, cached in
bench/out/mutation/ until a source or test file changes); then every mutant
(`bench/mutation/mutants.py`) runs against the tests that reach its function (`bench/mutation/runner.py`).
Verdicts on survivors (equivalent, or why a real one is accepted) live in `bench/mutation/notes.toml`.

Why a script of our own and not mutmut 3 or cosmic-ray: mutmut 3 never mutates a decorated function, and
every handler in simulator/resources is one (`@handles(OP)`), so it would skip most of the simulator's
rules; cosmic-ray starts a fresh test process per mutant, and pytest's start-up with this project's
plugins (schemathesis, hypothesis) costs several seconds here, hours for a thousand mutants on two
cores. Neither draws a seeded sample. This runner forks a warm process per mutant instead.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shlex
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from bench.mutation import report
from bench.mutation.mutants import Mutant, module_mutants
from bench.mutation.runner import KILLED, SURVIVED, TIMEOUT, UNREACHED, Outcome, run_all, warm_up

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out" / "mutation"
NOTES = Path(__file__).with_name("notes.toml")
# Random explorations, 2 to 75 s a test: a kill by one of them is the luck of the seed, and a survivor would
# run them all. Left out unless --with-slow; a mutant only they would catch deserves a test of its own.
SLOW = (
    "tests/contract/test_schemathesis_stateful.py",
    "tests/contract/test_schemathesis_stateless.py",
    "tests/client/test_state_machine_write_paths.py",
    "tests/client/test_state_machine_operations.py",
)
SCOPES = (
    "simulator/resources",
    "simulator/routing.py",
    "simulator/state_checks.py",
    "client/retry.py",
    "client/write_paths",
    "contracts/impact.py",
)


def scope_files(scope: str) -> list[str]:
    """The Python files of a scope (a file, or every module of a package)."""
    target = ROOT / scope
    files = sorted(target.glob("*.py")) if target.is_dir() else [target]
    return [str(path.relative_to(ROOT)) for path in files]


def _fingerprint(seed: int) -> str:
    digest = hashlib.sha256(str(seed).encode())
    for folder in ("contracts", "simulator", "client", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    digest.update((ROOT / "pyproject.toml").read_bytes())
    return digest.hexdigest()[:16]


def reach(files: list[str], seed: int, *, retrace: str) -> dict[str, dict[str, object]]:
    """Tests reaching each function, from the cache or a fresh traced run."""
    OUT.mkdir(parents=True, exist_ok=True)
    cached = OUT / f"reach-{_fingerprint(seed)}.json"
    if retrace == "never" and not cached.exists():
        candidates = sorted(OUT.glob("reach-*.json"), key=lambda path: path.stat().st_mtime)
        cached = candidates[-1] if candidates else cached
    if retrace == "always" or not cached.exists():
        print(f"tracing the suite once to find which tests reach which function -> {cached.name}", flush=True)
        started = time.monotonic()
        command = [sys.executable, "-m", "bench.mutation.reach", str(cached), str(seed), *files]
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        print(f"traced in {time.monotonic() - started:.0f} s", flush=True)
    data: dict[str, dict[str, object]] = json.loads(cached.read_text("utf-8"))
    return data


def main(argv: list[str] | None = None) -> int:
    """Generate, select, run, report."""
    parser = argparse.ArgumentParser(prog="python -m bench.mutation", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scope", action="append", choices=SCOPES, help="limit to these scopes (default: all)")
    parser.add_argument("--seed", type=int, default=12, help="draws the sample and seeds hypothesis (default 12)")
    parser.add_argument("--sample", type=int, help="run this many mutants drawn with --seed instead of all")
    parser.add_argument("--jobs", type=int, default=2, help="children at a time (default 2)")
    parser.add_argument("--rerun", choices=["survived"], help="only the last run's survivors not noted equivalent")
    parser.add_argument("--retrace", choices=["auto", "always", "never"], default="auto")
    parser.add_argument("--also", action="append", default=[], help="extra test files for every mutant")
    parser.add_argument("--with-slow", action="store_true", help="also run the random explorations (see SLOW)")
    parser.add_argument("--write", type=Path, default=ROOT / "bench" / "MUTATION.md", help="report file")
    parser.add_argument(
        "--results", type=Path, default=OUT / "results.json", help="verdicts as JSON (kept between runs)"
    )
    parser.add_argument(
        "--report-only", action="store_true", help="write the report from the last results, run nothing"
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind, so no forked child outlives the run

    scopes = args.scope or list(SCOPES)
    files = [path for scope in SCOPES for path in scope_files(scope)]
    mutants = [mutant for path in files for mutant in module_mutants(ROOT, path)]
    chosen = [mutant for mutant in mutants if any(_in_scope(mutant.path, scope) for scope in scopes)]
    last = args.results
    previous: dict[str, dict[str, object]] = json.loads(last.read_text("utf-8")) if last.exists() else {}
    notes = tomllib.loads(NOTES.read_text("utf-8")) if NOTES.exists() else {}
    if args.rerun == "survived":  # the ones not argued equivalent: those would only run every test again
        chosen = [
            mutant
            for mutant in chosen
            if previous.get(mutant.key, {}).get("status") in (SURVIVED, UNREACHED)
            and mutant.key not in notes.get("equivalent", {})
        ]
    if args.sample is not None and args.sample < len(chosen):
        chosen = sorted(random.Random(args.seed).sample(chosen, args.sample), key=mutants.index)
    runs_file = args.results.with_suffix(".runs.json")
    runs: list[dict[str, object]] = json.loads(runs_file.read_text("utf-8")) if runs_file.exists() else []
    if args.report_only:
        return _write_report(args.write, mutants, previous, runs)
    started = time.monotonic()
    partial = bool(args.rerun or args.scope)
    run = {
        "command": ".venv/bin/python -m bench.mutation " + shlex.join(argv if argv is not None else sys.argv[1:]),
        "commit": report.commit(),
        "seed": args.seed,
        "sample": args.sample,
        "jobs": args.jobs,
        "mutants": len(chosen),
        "done": 0,
        "minutes": 0.0,
    }
    runs = [*runs, run] if partial else [run]
    traced = reach(files, args.seed, retrace=args.retrace)
    durations: dict[str, float] = traced["durations"]  # type: ignore[assignment]
    reached: dict[str, list[str]] = traced["reached"]  # type: ignore[assignment]

    def tests_of(mutant: Mutant) -> list[str]:
        tests = {
            test
            for test in reached.get(f"{mutant.path}::{mutant.function}", ())
            if (args.with_slow or not test.startswith(SLOW)) and test in existing  # a stale trace may name old tests
        }
        tests |= set(args.also)
        return sorted(tests, key=lambda test: (durations.get(test, 0.0), test))

    def limit_of(tests: list[str]) -> float:
        return 30.0 + 3 * sum(durations.get(test, 5.0) for test in tests)

    print(f"{len(chosen)} mutants of {len(mutants)}; warming up", flush=True)
    files_run = {test.split("::")[0] for tests in reached.values() for test in tests}
    existing = warm_up({path for path in files_run if args.with_slow or not path.startswith(SLOW)} | set(args.also))
    results = dict(previous) if partial else {}  # a partial run updates the last one
    counts = {KILLED: 0, SURVIVED: 0, TIMEOUT: 0, UNREACHED: 0}

    def record(mutant: Mutant, outcome: Outcome) -> None:
        results[mutant.key] = {"status": outcome.status, "seconds": round(outcome.seconds, 2), "tests": outcome.tests}
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        if outcome.status not in (KILLED, TIMEOUT):
            print(f"{outcome.status:9} {mutant.path}:{mutant.line} {mutant.diff}", flush=True)
        done = sum(counts.values())
        if done % 50 == 0:
            print(f"{done}/{len(chosen)} after {(time.monotonic() - started) / 60:.1f} min: {counts}", flush=True)
        run.update(done=done, minutes=round((time.monotonic() - started) / 60, 1))
        last.write_text(json.dumps(results, indent=1, sort_keys=True), "utf-8")
        runs_file.write_text(json.dumps(runs, indent=1), "utf-8")

    run_all(chosen, tests_of, limit_of, jobs=args.jobs, seed=args.seed, report=record)
    print(f"done in {(time.monotonic() - started) / 60:.1f} min: {counts}", flush=True)
    return _write_report(args.write, mutants, results, runs)


def _write_report(
    path: Path, mutants: list[Mutant], results: dict[str, dict[str, object]], runs: list[dict[str, object]]
) -> int:
    notes = tomllib.loads(NOTES.read_text("utf-8")) if NOTES.exists() else {}
    ran = [mutant for mutant in mutants if mutant.key in results]
    path.write_text(report.render(mutants=ran, results=results, notes=notes, runs=runs, scopes=SCOPES), "utf-8")
    print(f"wrote {path}", flush=True)
    return 0


def _in_scope(path: str, scope: str) -> bool:
    return path == scope or path.startswith(scope + "/")


if __name__ == "__main__":
    sys.exit(main())

"""Which tests reach which function: one instrumented, serial run of the suite, cached until the code changes.

    .venv/bin/python -m bench.mutation.reach OUT.json SEED PATH...

Every function and method of the given files gets, the same way a mutant is patched in, a `__code__`
that first notes "reached" for the test running at the time (nested functions note their top-level
function). Only the watched functions pay for it, so the run costs about what the suite costs serially;
a `sys.settrace` hook would slow every call in the suite several times over. Setup and teardown count:
a fixture that calls the code reaches it too. Only tests that pass are kept (a failing test would kill
every mutant), with their duration, so the runner can try fast tests first.
`tests/test_repository.py` is left out: it runs ruff and mypy in subprocesses and reaches nothing.
"""

from __future__ import annotations

import ast
import json
import sys
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from bench.mutation.mutants import find_code, functions, live_function

ROOT = Path(__file__).resolve().parents[2]
BASE_ARGS = ["-n", "0", "-p", "no:cacheprovider", "-q", "--ignore=tests/test_repository.py", "tests"]
_HIT = "_mutation_reach_hit_"  # the name the instrumented code calls, set in each watched module


class Reach:
    """A pytest plugin that records, per test, the watched functions it calls."""

    def __init__(self) -> None:
        self.current: str | None = None
        self.calls: dict[str, set[str]] = {}
        self.durations: dict[str, float] = {}
        self.failed: set[str] = set()

    def hit(self, function: str) -> None:
        """Called first thing by every instrumented function."""
        if self.current is not None:
            self.calls.setdefault(self.current, set()).add(function)

    def instrument(self, path: str) -> list[str]:
        """Patch every function of one file to report its calls; answers the ones it could not patch."""
        tree = ast.parse((ROOT / path).read_text("utf-8"), filename=path)
        found = list(functions(tree.body))
        for qualname, function in found:
            _prepend_hit(function, f"{path}::{qualname}")
        code = compile(ast.fix_missing_locations(tree), path, "exec", dont_inherit=True)
        module = path.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        missed = []
        for qualname, _ in found:
            try:
                target = live_function(module, qualname)
            except (LookupError, AttributeError, KeyError):
                missed.append(f"{path}::{qualname}")
                continue
            patched = find_code(code, qualname)
            if patched is None:
                missed.append(f"{path}::{qualname}")
                continue
            target.__globals__[_HIT] = self.hit
            target.__code__ = patched
        return missed

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None, None, None]:
        """Attribute every call made while `item` sets up, runs and tears down to it."""
        self.current = item.nodeid
        started = time.perf_counter()
        yield
        self.durations[item.nodeid] = time.perf_counter() - started
        self.current = None

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Remember tests that did not pass (failed, errored or skipped)."""
        if report.outcome != "passed":
            self.failed.add(report.nodeid)

    def result(self, missed: list[str]) -> dict[str, Any]:
        """Functions -> the passing tests that reach them; tests -> their duration in seconds."""
        passing = {test: seconds for test, seconds in self.durations.items() if test not in self.failed}
        reached: dict[str, list[str]] = {}
        for test in passing:
            for function in sorted(self.calls.get(test, ())):
                reached.setdefault(function, []).append(test)
        return {"durations": passing, "reached": reached, "not_passing": sorted(self.failed), "unpatchable": missed}


def _prepend_hit(function: ast.FunctionDef | ast.AsyncFunctionDef, key: str) -> None:
    """Insert `_mutation_reach_hit_(key)` at the top of the function and of every function nested in it."""
    for node in ast.walk(function):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            call = ast.Expr(ast.Call(ast.Name(_HIT, ast.Load()), [ast.Constant(key)], []))
            first = node.body[0]
            docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
            node.body.insert(1 if docstring else 0, ast.copy_location(call, first))


def main(argv: list[str]) -> int:
    """Instrument the watched files, run the suite, write the result as JSON."""
    out, seed, *paths = argv
    reach = Reach()
    missed = [name for path in paths for name in reach.instrument(path)]
    status = pytest.main([*BASE_ARGS, f"--hypothesis-seed={seed}"], plugins=[reach])
    Path(out).write_text(json.dumps(reach.result(missed), indent=1, sort_keys=True), "utf-8")
    return 0 if status in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) else int(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

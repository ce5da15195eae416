"""Run mutants: one warm process, one fork per mutant, the mutant patched into the live function.

The parent imports pytest and collects every test once (conftest, plugins, test modules and the code
under test stay imported). Each child replaces the `__code__` of the one function its mutant lives in,
so every reference to that function (the handler registry, `from x import f` elsewhere) runs the
mutant, then runs `pytest -x` on the tests that reach the function, fastest first. A failing test kills
the mutant; a child past its time limit is killed and the mutant counted as killed by timeout.
Hypothesis runs with the run's seed and a fresh example database per child, so a run is repeatable.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pytest

from bench.mutation.mutants import Mutant, live_function
from bench.mutation.reach import BASE_ARGS

KILLED, SURVIVED, TIMEOUT, UNREACHED, BROKEN = "killed", "survived", "timeout", "unreached", "broken"
_PATCH_FAILED = 97
FIRST_BATCH = 6


@dataclass(frozen=True)
class Outcome:
    """What became of one mutant."""

    status: str  # KILLED, SURVIVED, TIMEOUT, UNREACHED (no test calls the function) or BROKEN (runner fault)
    seconds: float
    tests: int


class _Collected:
    def __init__(self) -> None:
        self.ids: set[str] = set()

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.ids = {item.nodeid for item in session.items}


def warm_up(test_files: Iterable[str]) -> set[str]:
    """Import and collect every test once in this process, so forked children start warm; answers the test ids."""
    collected = _Collected()
    with contextlib.redirect_stdout(io.StringIO()):
        status = pytest.main([*BASE_ARGS[:-1], "--collect-only", *sorted(set(test_files))], plugins=[collected])
    if status != pytest.ExitCode.OK:
        raise RuntimeError(f"collecting the tests failed ({status!r}); run pytest --collect-only to see why")
    gc.collect()
    gc.freeze()  # the warm objects stay out of the children's collections: less copy-on-write, quicker gc
    return collected.ids


class _ExitEarly:
    """Ends the child as soon as its verdict is known: at the first failure, or when the last batch ends
    (before pytest's clean-up, whose garbage collections cost more than most test runs)."""

    def __init__(self, *, last: bool) -> None:
        self.last = last

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """A test failed (in setup, call or teardown): the mutant is killed."""
        if report.failed:
            os._exit(pytest.ExitCode.TESTS_FAILED)

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, exitstatus: int) -> None:
        """Every test of the batch ran."""
        if self.last or exitstatus != pytest.ExitCode.OK:
            os._exit(int(exitstatus))


def _child(mutant: Mutant, tests: list[str], seed: int) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    home = tempfile.mkdtemp(prefix="mutant-hypothesis-")
    status = _PATCH_FAILED
    try:
        # imported here, not at the top: pytest must import hypothesis's plugin itself, or it warns (an error)
        from hypothesis import configuration  # noqa: PLC0415

        configuration.set_hypothesis_home_dir(home)
        live_function(mutant.module, mutant.function).__code__ = mutant.code()
        # The fastest few tests first, on their own: most mutants die there, and pytest then collects a
        # handful of tests instead of hundreds.
        batches = [tests[:FIRST_BATCH], tests[FIRST_BATCH:]] if len(tests) > FIRST_BATCH else [tests]
        for number, batch in enumerate(batches, start=1):
            args = [*BASE_ARGS[:-1], "-x", f"--hypothesis-seed={seed}", *batch]
            status = int(pytest.main(args, plugins=[_ExitEarly(last=number == len(batches))]))
    finally:
        shutil.rmtree(home, ignore_errors=True)
        os._exit(status)


def _verdict(exit_status: int) -> str:
    if exit_status < 0:
        return KILLED  # the child died of a signal (a crash): the mutant did not go unnoticed
    if exit_status == pytest.ExitCode.OK:
        return SURVIVED
    if exit_status in (pytest.ExitCode.TESTS_FAILED, pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.INTERRUPTED):
        return KILLED  # a mutant that crashes pytest itself is caught as surely as one that fails a test
    return BROKEN  # usage error, no tests collected, or the patch did not apply: the runner's fault


def run_all(
    mutants: list[Mutant],
    tests_of: Callable[[Mutant], list[str]],
    limit_of: Callable[[list[str]], float],
    *,
    jobs: int,
    seed: int,
    report: Callable[[Mutant, Outcome], None],
) -> None:
    """Run every mutant, `jobs` children at a time, calling `report` as each one finishes."""
    running: dict[int, tuple[Mutant, float, float, int]] = {}  # pid -> mutant, start, deadline, tests
    try:
        _run_queue(list(mutants), running, tests_of, limit_of, jobs=jobs, seed=seed, report=report)
    finally:
        for pid in running:  # interrupted: leave no child behind
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _run_queue(
    queue: list[Mutant],
    running: dict[int, tuple[Mutant, float, float, int]],
    tests_of: Callable[[Mutant], list[str]],
    limit_of: Callable[[list[str]], float],
    *,
    jobs: int,
    seed: int,
    report: Callable[[Mutant, Outcome], None],
) -> None:
    while queue or running:
        while queue and len(running) < jobs:
            mutant = queue.pop(0)
            tests = tests_of(mutant)
            if not tests:
                report(mutant, Outcome(UNREACHED, 0.0, 0))
                continue
            started = time.monotonic()
            pid = os.fork()
            if pid == 0:
                _child(mutant, tests, seed)
            running[pid] = (mutant, started, started + limit_of(tests), len(tests))
        pid, wait_status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            now = time.monotonic()
            for late, (mutant, started, deadline, count) in list(running.items()):
                if now > deadline:
                    os.kill(late, signal.SIGKILL)
                    os.waitpid(late, 0)
                    del running[late]
                    report(mutant, Outcome(TIMEOUT, now - started, count))
            time.sleep(0.02)
            continue
        mutant, started, _, count = running.pop(pid)
        status = os.waitstatus_to_exitcode(wait_status)
        report(mutant, Outcome(_verdict(status), time.monotonic() - started, count))

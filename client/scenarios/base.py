"""A scenario's shape and how its phases run (see client/scenarios/__init__.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from client.external_ids import InMemoryExternalIds
from client.write_paths.sync import Sync, TracedCall

Step = Callable[[Sync, str], object]

SETUP: Final = "setup"
FIRST: Final = "first run"
AGAIN: Final = "same input again"
CHANGED: Final = "changed input"
FORGOTTEN: Final = "ids forgotten"


@dataclass(frozen=True, slots=True)
class Scenario:
    """One write path's scenario: what it needs first, its first input, and its changed input."""

    write_path: str
    first: Step
    changed: Step
    setup: Step | None = None


@dataclass(frozen=True, slots=True)
class PhaseCalls:
    """The calls one phase of a scenario sent."""

    phase: str
    calls: tuple[TracedCall, ...]


def plan(scenario: Scenario, sync: Sync) -> list[tuple[str, Sync, Step]]:
    """The phases in order, each as (phase name, the Sync it runs on, the step).

    Phases: set-up, first run, the same input again, changed input, then set-up and changed input once
    more on a fresh in-memory external-id store (`sync.ids` keeps what the changed input left). Every
    Sync shares `sync.trace`.
    """
    forgetful = dataclasses.replace(sync, ids=InMemoryExternalIds())
    steps: list[tuple[str, Sync, Step | None]] = [
        (SETUP, sync, scenario.setup),
        (FIRST, sync, scenario.first),
        (AGAIN, sync, scenario.first),
        (CHANGED, sync, scenario.changed),
        (FORGOTTEN, forgetful, scenario.setup),
        (FORGOTTEN, forgetful, scenario.changed),
    ]
    return [(phase, target, step) for phase, target, step in steps if step is not None]


def run(scenario: Scenario, sync: Sync, tag: str) -> list[PhaseCalls]:
    """Run every phase of `plan`; answers each phase's calls (`sync.trace` must be watching its client)."""
    phases: list[PhaseCalls] = []
    for phase, target, step in plan(scenario, sync):
        start = len(sync.trace.calls)
        step(target, tag)
        phases.append(PhaseCalls(phase, tuple(sync.trace.calls[start:])))
    return phases

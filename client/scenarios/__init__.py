"""Scenarios: each write path run end to end on sample iPaaS data, the way a sync job would run it.

A scenario runs in phases: its set-up (the write paths it depends on), the first run, the same input
again, changed input, and the changed input once more with every external id forgotten (a lost
external-id store, or lost create answers). Names and SKUs carry a per-run tag, so a scenario can run
against a tenant that already holds data. The scenario tests (tests/scenarios/), the rehearsal of a
breaking change (`jasper-sim rehearse`, client/rehearse.py) and the write-path link check
(tests/contract/test_write_path_links.py) all run these.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from client.scenarios import catalogue, definitions
from client.scenarios.base import AGAIN, CHANGED, FIRST, FORGOTTEN, SETUP, PhaseCalls, Scenario, Step, plan, run
from contracts.write_paths import WRITE_PATHS


def _in_contract_order(scenarios: tuple[Scenario, ...]) -> Mapping[str, Scenario]:
    by_path = {scenario.write_path: scenario for scenario in scenarios}
    return MappingProxyType({name: by_path[name] for name in WRITE_PATHS if name in by_path})


# One scenario per write path, in the contract's order of write paths (a test checks none is missing).
SCENARIOS: Final = _in_contract_order((*definitions.SCENARIOS, *catalogue.SCENARIOS))

__all__ = [
    "AGAIN",
    "CHANGED",
    "FIRST",
    "FORGOTTEN",
    "SCENARIOS",
    "SETUP",
    "PhaseCalls",
    "Scenario",
    "Step",
    "plan",
    "run",
]

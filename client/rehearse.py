"""Rehearsal of a breaking change: the write paths' scenarios against a tenant of another profile.

Jasper's live API differs from its published reference (../shared/DESIGN.md §4). `rehearse()` runs
every scenario (client/scenarios/) against a fresh in-process simulated tenant serving the `documented`
profile, i.e. what the connector would meet if Jasper aligned its API with its documentation, and
reports which write paths break, at which operation, and why (status, error code and message).
`jasper-sim rehearse` prints the report and exits 1 when any write path breaks. Unlike the rest of
client/, this module needs the simulator (and Starlette's test client); nothing else imports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from starlette.testclient import TestClient

from client.external_ids import InMemoryExternalIds
from client.jasper import JasperClient
from client.retry import RetryPolicy
from client.scenarios import SCENARIOS, Scenario
from client.scenarios.outcome import Breakage, attempt
from client.write_paths.sync import Sync
from contracts.op import Profile
from contracts.wire import API_PREFIX
from simulator.app import create_app
from simulator.config import SimConfig, TenantConfig, tenant_hosts

TENANT: Final = "rehearsal"
API_KEY: Final = "rehearsal-key"
TAG: Final = "rehearsal"
__all__ = ["Breakage", "Rehearsal", "rehearse", "report"]


@dataclass(frozen=True, slots=True)
class Rehearsal:
    """Each write path's outcome: None when its scenario ran through, else where it broke."""

    profile: Profile
    outcomes: Mapping[str, Breakage | None]

    @property
    def broken(self) -> list[str]:
        """The write paths that break, in the contract's order."""
        return [name for name, outcome in self.outcomes.items() if outcome is not None]

    @property
    def exit_code(self) -> int:
        return 1 if self.broken else 0


def rehearse(profile: Profile = Profile.DOCUMENTED, write_paths: Iterable[str] | None = None) -> Rehearsal:
    """Run the scenarios (all, or those of `write_paths`) against fresh in-process tenants of `profile`."""
    chosen = list(SCENARIOS) if write_paths is None else list(write_paths)
    unknown = [name for name in chosen if name not in SCENARIOS]
    if unknown:
        raise ValueError(f"no scenario for {', '.join(unknown)}; known: {', '.join(SCENARIOS)}")
    return Rehearsal(profile, {name: _rehearse_one(SCENARIOS[name], profile) for name in chosen})


def _rehearse_one(scenario: Scenario, profile: Profile) -> Breakage | None:
    host = tenant_hosts(TENANT)[0]
    app = create_app(SimConfig(tenants=[TenantConfig.named(TENANT, API_KEY, profile)]))
    with TestClient(app, base_url=f"http://{host}") as http:
        jasper = JasperClient(f"http://{host}{API_PREFIX}", API_KEY, http, retry=RetryPolicy.disabled())
        return attempt(scenario, Sync.traced(jasper, InMemoryExternalIds()), TAG)


def report(rehearsal: Rehearsal) -> str:
    """The rehearsal as text: one line per write path, two more for each that breaks, and a summary."""
    lines = [
        f"Rehearsal: the write paths' scenarios against a tenant serving the {rehearsal.profile.value} profile",
        "",
    ]
    for name, outcome in rehearsal.outcomes.items():
        lines.append(f"  {'ok' if outcome is None else 'BREAKS':<7}{name}")
        if outcome is not None:
            lines += [f"         {line}" for line in outcome.describe().splitlines()]
    broken = rehearsal.broken
    lines.append("")
    if broken:
        lines.append(f"{len(broken)} of {len(rehearsal.outcomes)} write paths break: {', '.join(broken)}")
    else:
        lines.append(f"no write path breaks ({len(rehearsal.outcomes)} rehearsed)")
    return "\n".join(lines) + "\n"

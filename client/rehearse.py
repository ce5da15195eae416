"""Rehearsal of a breaking change: the write paths' scenarios against a tenant of another profile.

Jasper's live API differs from its published reference (../shared/DESIGN.md §4). `rehearse()` runs
every scenario (client/scenarios/) against a fresh in-process simulated tenant serving the `documented`
profile, i.e. what the connector would meet if Jasper aligned its API with its documentation, and
reports which write paths break, at which operation, and why (status, error code and message).
`jasper-sim rehearse` prints the report and exits 1 when any write path breaks. Unlike the rest of
client/, this module needs the simulator (and Starlette's test client); nothing else imports it.

With `permissions`, it rehearses a narrow API key instead (contracts/permissions.py): each write path's
own calls (those `Sync.trace` labels with it) carry a key holding only those permissions, so a 403
names the write path whose call needs what the key lacks; what its scenario needs from other write
paths (its set-up, the product upsert around a product row) carries a key with every permission, so
each write path is judged on its own calls, exactly as the scope review (`jasper-sim scopes`) lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Final

import httpx2
from starlette.testclient import TestClient

from client.external_ids import InMemoryExternalIds
from client.jasper import JasperClient
from client.retry import RetryPolicy
from client.scenarios import SCENARIOS, Scenario
from client.scenarios.outcome import Breakage, attempt
from client.write_paths.sync import Sync, Trace
from contracts import scopes
from contracts.op import Profile
from contracts.permissions import unknown_permissions
from contracts.wire import API_PREFIX, AUTH_SCHEME
from simulator.app import create_app
from simulator.config import KeySpec, SimConfig, TenantConfig, tenant_hosts

TENANT: Final = "rehearsal"
API_KEY: Final = "rehearsal-key"
NARROW_KEY: Final = "rehearsal-narrow-key"  # holds only the rehearsed permissions
TAG: Final = "rehearsal"

__all__ = ["Breakage", "Rehearsal", "rehearse", "report"]


@dataclass(frozen=True, slots=True)
class Rehearsal:
    """Each write path's outcome: None when its scenario ran through, else where it broke."""

    profile: Profile
    outcomes: Mapping[str, Breakage | None]
    permissions: tuple[str, ...] | None = None  # the narrow key's permissions; None: a key with every one

    @property
    def broken(self) -> list[str]:
        """The write paths that break, in the contract's order."""
        return [name for name, outcome in self.outcomes.items() if outcome is not None]

    @property
    def exit_code(self) -> int:
        return 1 if self.broken else 0


def rehearse(
    profile: Profile = Profile.DOCUMENTED,
    write_paths: Iterable[str] | None = None,
    permissions: Iterable[str] | None = None,
) -> Rehearsal:
    """Run the scenarios (all, or those of `write_paths`) against fresh in-process tenants of `profile`;
    with `permissions`, each write path's own calls carry a key holding only those (module docstring)."""
    chosen = list(SCENARIOS) if write_paths is None else list(write_paths)
    unknown = [name for name in chosen if name not in SCENARIOS]
    if unknown:
        raise ValueError(f"no scenario for {', '.join(unknown)}; known: {', '.join(SCENARIOS)}")
    granted = tuple(dict.fromkeys(permissions)) if permissions is not None else None
    if granted is not None and (unknown := unknown_permissions(list(granted))):
        raise ValueError(f"unknown permission {', '.join(unknown)} (`jasper-sim scopes` lists the ones used)")
    outcomes = {name: _rehearse_one(SCENARIOS[name], profile, granted) for name in chosen}
    return Rehearsal(profile, outcomes, granted)


def _rehearse_one(scenario: Scenario, profile: Profile, permissions: tuple[str, ...] | None) -> Breakage | None:
    host = tenant_hosts(TENANT)[0]
    keys: list[str | KeySpec] = [API_KEY]
    if permissions is not None:
        keys.append(KeySpec(key=NARROW_KEY, permissions=list(permissions)))
    tenant = TenantConfig(name=TENANT, hosts=tenant_hosts(TENANT), keys=keys, profile=profile)
    with TestClient(create_app(SimConfig(tenants=[tenant])), base_url=f"http://{host}") as http:
        jasper = JasperClient(f"http://{host}{API_PREFIX}", API_KEY, http, retry=RetryPolicy.disabled())
        sync = Sync.traced(jasper, InMemoryExternalIds())
        if permissions is not None:
            hooks = http.event_hooks
            narrow = _narrow_key_for(sync.trace, scenario.write_path)
            http.event_hooks = {"request": [*hooks["request"], narrow], "response": hooks["response"]}
        return attempt(scenario, sync, TAG)


def _narrow_key_for(trace: Trace, write_path: str) -> Callable[[httpx2.Request], None]:
    """A request hook: the narrow key on the calls `write_path` makes itself, the full key elsewhere."""

    def narrow(request: httpx2.Request) -> None:
        if trace.current == write_path:
            request.headers["Authorization"] = f"{AUTH_SCHEME} {NARROW_KEY}"

    return narrow


def report(rehearsal: Rehearsal) -> str:
    """The rehearsal as text: one line per write path, two more for each that breaks, and a summary."""
    lines = [f"Rehearsal: the write paths' scenarios against a tenant serving the {rehearsal.profile.value} profile"]
    if rehearsal.permissions is not None:
        lines += [
            f"with a key holding only: {', '.join(rehearsal.permissions) or 'no permission'}",
            "(each write path's own calls use that key; what its scenario needs from other write paths, a full key)",
        ]
    lines.append("")
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
    if rehearsal.permissions is not None:
        needed = scopes.review(rehearsal.outcomes).permissions
        missing = [permission for permission in needed if permission not in rehearsal.permissions]
        if missing:
            lines.append(f"the key lacks, for these write paths (jasper-sim scopes): {', '.join(missing)}")
    return "\n".join(lines) + "\n"

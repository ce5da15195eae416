"""Narrow API keys: the scope review's permissions are exactly what the write paths need.

- A tenant whose only key holds the union the scope review prints runs every scenario to the end,
  every call included (set-ups too).
- Each write path runs to the end with a key holding exactly its own scope (`rehearse --permissions`).
- For each permission of the union, a key missing just it breaks every write path that needs it, at a
  call of its own, with a 403 naming that permission. The write paths that do not need it keep running:
  that key still holds their whole scope, and a key's permissions are only ever checked for membership
  (simulator/routing.py), so a larger key passes every check a smaller one passes. So the rehearsal of
  the whole list needs only the write paths that break: 23 full rehearsals would cost about 22 s of CPU.
"""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from client import JasperClient, RetryPolicy
from client.cli import main
from client.rehearse import Breakage, Rehearsal, rehearse, report
from client.scenarios import FIRST, SCENARIOS, run
from contracts import scopes
from contracts import write_paths as wp
from contracts.op import Profile
from contracts.write_paths import WRITE_PATHS
from simulator.app import create_app
from simulator.config import KeySpec, SimConfig, TenantConfig
from tests.scenarios.support import traced_sync

REVIEW = scopes.review()
UNION = REVIEW.permissions
SCOPE = {scope.write_path: scope.permissions for scope in REVIEW.write_paths}


def test_every_scenario_runs_to_the_end_with_only_the_union_the_scope_review_prints() -> None:
    tenant = TenantConfig(name="narrow", keys=[KeySpec(key="union-key", permissions=list(UNION))])
    with TestClient(create_app(SimConfig(tenants=[tenant]))) as http:
        jasper = JasperClient("http://testserver/api/v1", "union-key", http, retry=RetryPolicy.disabled())
        sync = traced_sync(jasper)
        for number, scenario in enumerate(SCENARIOS.values()):
            run(scenario, sync, f"union{number}")
    assert {call.write_path for call in sync.trace.calls} == set(WRITE_PATHS)


@pytest.mark.parametrize("write_path", list(WRITE_PATHS))
def test_rehearse_key_holding_exactly_a_write_paths_scope_breaks_nothing(write_path: str) -> None:
    rehearsal = rehearse(Profile.LIVE, [write_path], SCOPE[write_path])
    assert rehearsal.outcomes == {write_path: None}


@pytest.mark.parametrize("permission", UNION)
def test_rehearse_key_missing_one_permission_breaks_exactly_the_write_paths_needing_it(permission: str) -> None:
    needing = REVIEW.needing(permission)

    rehearsal = rehearse(Profile.LIVE, needing, [p for p in UNION if p != permission])

    assert needing
    assert {
        name: (o.step, o.status, o.code, o.permission) if o else None for name, o in rehearsal.outcomes.items()
    } == {name: (name, 403, "missing_permission", permission) for name in needing}


def test_rehearse_unknown_permission_raises() -> None:
    with pytest.raises(ValueError, match="unknown permission products:write"):
        rehearse(Profile.LIVE, [wp.PRODUCT], ["products:write"])


def test_report_names_the_missing_permission_and_what_the_key_lacks() -> None:
    breakage = Breakage(
        FIRST,
        wp.PRODUCT_INVENTORY,
        "createProductInventory",
        403,
        "missing_permission",
        "No.",
        "product_inventory:write",
    )
    rehearsal = Rehearsal(Profile.LIVE, {wp.PRODUCT: None, wp.PRODUCT_INVENTORY: breakage}, ("product:read",))

    assert report(rehearsal).splitlines() == [
        "Rehearsal: the write paths' scenarios against a tenant serving the live profile",
        "with a key holding only: product:read",
        "(each write path's own calls use that key; what its scenario needs from other write paths, a full key)",
        "",
        "  ok     product",
        "  BREAKS product.inventory",
        "         at createProductInventory (POST /products/{product_id}/inventory), first run, in product.inventory",
        "         403 missing_permission: No. Missing permission: product_inventory:write",
        "",
        "1 of 2 write paths break: product.inventory",
        "the key lacks, for these write paths (jasper-sim scopes): product:write, product_inventory:write",
    ]


def test_cli_rehearse_permissions_names_the_break_and_defaults_to_live(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rehearse", "--permissions", "product:read, product:write", wp.PRODUCT, wp.PRODUCT_INVENTORY]) == 1

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Rehearsal: the write paths' scenarios against a tenant serving the live profile"
    assert lines[4:] == [
        "  ok     product",
        "  BREAKS product.inventory",
        "         at createProductInventory (POST /products/{product_id}/inventory), first run, in product.inventory",
        "         403 missing_permission: This action is unauthorized. Missing permission: product_inventory:write",
        "",
        "1 of 2 write paths break: product.inventory",
        "the key lacks, for these write paths (jasper-sim scopes): product_inventory:write",
    ]


def test_cli_rehearse_unknown_permission_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rehearse", "--permissions", "stock:write"]) == 2
    assert capsys.readouterr().out == ""

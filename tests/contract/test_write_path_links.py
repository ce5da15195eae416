"""Exact impact: the `write_paths` links on the Ops are exactly the operations the write paths call.

Every write path's scenario (client/scenarios/: first run, same input, changed input, forgotten ids) runs
against the in-process tenant with a Trace that labels each call with the write path that made it (the
innermost one: the product upsert's price step is `product.prices`). The (write path, operation) pairs
seen must equal the pairs the contract declares, in both directions, so `jasper-sim impact` names
exactly the write paths a deprecation breaks. Every test of the write paths also checks, on teardown,
that each call it made is declared (tests/scenarios/support.py: `undeclared_calls`).
"""

from __future__ import annotations

import pytest

from client import JasperClient
from client.contract_check import ContractRecorder
from client.rehearse import rehearse
from client.scenarios import SCENARIOS, run
from client.write_paths import Sync, Trace, TracedCall
from contracts import BY_ID, OPERATIONS, impact
from tests.scenarios.support import traced_sync, undeclared_calls

Links = set[tuple[str, str]]


@pytest.fixture
def exercised(jasper: JasperClient) -> tuple[Sync, Links]:
    """Every scenario run once; the traced Sync and the (write path, operationId) pairs its calls show."""
    sync = traced_sync(jasper)
    for number, scenario in enumerate(SCENARIOS.values()):
        run(scenario, sync, f"links{number}")
    return sync, {(call.write_path, call.operation) for call in sync.trace.calls}


def declared() -> Links:
    return {(write_path, op.id) for op in OPERATIONS for write_path in op.write_paths}


def test_write_path_links_every_call_is_declared(exercised: tuple[Sync, Links]) -> None:
    _, seen = exercised
    assert sorted(seen - declared()) == []


def test_write_path_links_every_declared_link_is_exercised(exercised: tuple[Sync, Links]) -> None:
    _, seen = exercised
    assert sorted(declared() - seen) == []


def test_write_path_links_trace_saw_every_request_the_recorder_saw(
    exercised: tuple[Sync, Links], jasper_contract: ContractRecorder
) -> None:
    sync, _ = exercised
    assert [call.operation for call in sync.trace.calls] == jasper_contract.operations
    assert all(call.write_path for call in sync.trace.calls)  # no call outside a labelled step


def test_undeclared_calls_names_a_call_no_link_declares() -> None:
    trace = Trace()
    trace.calls += [
        TracedCall("related", "createProduct", "POST", "/api/v1/products"),  # related links, never creates
        TracedCall("product", "createProduct", "POST", "/api/v1/products"),
        TracedCall("", "ping", "GET", "/api/v1/ping"),  # outside any write path: not a link
    ]

    assert undeclared_calls(trace) == {("related", "createProduct")}


def test_impact_of_each_rehearsed_break_names_the_broken_write_path() -> None:
    breaks = {name: outcome for name, outcome in rehearse().outcomes.items() if outcome is not None}

    for name, breakage in breaks.items():
        op = BY_ID[breakage.operation]
        text = impact.report(impact.analyse(impact.parse(f"{op.method} {op.path}")))
        assert f"  {breakage.step}: " in text.split("Write paths affected:")[1], name
    assert sorted(breaks) == ["gridded", "product.attributes", "product.inventory"]

"""`--write`: the write paths' scenarios against the tenant, every answer checked, and what they leave behind.

The scenarios' names and SKUs carry the run's tag, so they run on a tenant that already holds data.
Jasper's API deletes only webhooks (`deleteWebhook` deactivates one), so everything else a run creates
stays: the report lists it by the operation that created it and the ids the tenant gave.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from client.external_ids import InMemoryExternalIds
from client.scenarios import SCENARIOS
from client.scenarios.outcome import attempt
from client.verify.calls import Caller
from client.verify.model import OperationResult, ScenarioResult
from client.verify.recorder import Exchange
from client.write_paths.sync import Sync


def write_all(caller: Caller, tag: str, relation_types: Mapping[str, int]) -> list[ScenarioResult]:
    """Run every scenario; file each answer's differences (a declared error status is no difference)."""
    outcomes: list[ScenarioResult] = []
    for name, scenario in SCENARIOS.items():
        start = len(caller.recorder.exchanges)
        broke = attempt(scenario, Sync.traced(caller.jasper, InMemoryExternalIds(), relation_types), tag)
        for exchange in caller.recorder.since(start):
            result = caller.results.get(exchange.operation)
            if result is None:  # an operation the checked profile's contract does not have
                result = OperationResult(exchange.operation, exchange.method, exchange.path)
                caller.results[exchange.operation] = result
            result.calls += 1
            result.add(caller.checker.check(exchange, expect_success=False))
        outcomes.append(ScenarioResult(name, broke.describe() if broke is not None else ""))
    return outcomes


def left_behind(exchanges: list[Exchange]) -> dict[str, list[int]]:
    """Ids each create answered, less the webhooks deleted later in the run. A POST that answers an object
    its path already names (adding an option to a set answers the set) created nothing of its own."""
    created: dict[str, list[int]] = {}
    deleted: set[int] = set()
    for exchange in exchanges:
        if exchange.method == "POST" and exchange.status == 201:
            try:
                body = json.loads(exchange.body)
            except ValueError:
                continue
            in_path = {int(part) for part in exchange.path.split("/") if part.isdigit()}
            if isinstance(body, dict) and type(body.get("id")) is int and body["id"] not in in_path:
                created.setdefault(exchange.operation, []).append(body["id"])
        elif exchange.operation == "deleteWebhook" and 200 <= exchange.status < 300:
            last = exchange.path.rstrip("/").rpartition("/")[2]
            if last.isdigit():
                deleted.add(int(last))
    if "createWebhook" in created:
        created["createWebhook"] = [id_ for id_ in created["createWebhook"] if id_ not in deleted]
    return {operation: ids for operation, ids in created.items() if ids}

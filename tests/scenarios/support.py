"""Helpers of the write-path tests: traced Syncs, run tags, injected faults, and the tenant as exported."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeVar

import httpx2
from pydantic import BaseModel
from starlette.testclient import TestClient

from client import JasperClient, RetryPolicy
from client.external_ids import CollectionType, InMemoryExternalIds
from client.jasper import OPERATION_EXTENSION
from client.write_paths import Sync, Trace
from contracts import BY_ID
from contracts.wire import API_PREFIX
from simulator.config import DEMO_HOST, DEMO_KEY
from tests.plugins.tenants import SIM_NOW, in_process_retry

_Model = TypeVar("_Model", bound=BaseModel)

State = dict[str, list[dict[str, Any]]]  # a tenant's data as /_sim/state exports it
IdsByTable = dict[str, set[int]]

# Which table of the simulator's state export holds the objects linked under each collection type.
TABLE_OF = MappingProxyType(
    {
        CollectionType.PRODUCT: "products",
        CollectionType.PRODUCT_VARIANT: "products",
        CollectionType.PRODUCT_CATEGORY: "categories",
        CollectionType.PRODUCT_INVENTORY: "inventory",
        CollectionType.PRODUCT_VARIANT_INVENTORY: "inventory",
        CollectionType.PRODUCT_OPTION: "options",
        CollectionType.PRODUCT_OPTION_VALUE: "option_values",
        CollectionType.PRODUCT_OPTION_SET: "option_sets",
        CollectionType.ATTRIBUTE: "attributes",
        CollectionType.ATTRIBUTE_SET: "attribute_sets",
        CollectionType.WEBHOOK: "webhooks",
    }
)


def new_tag() -> str:
    """A tag unique to this run, for names and SKUs on a tenant that already holds data."""
    return uuid.uuid4().hex[:10]


def traced_sync(jasper: JasperClient) -> Sync:
    """A Sync on `jasper` with an empty in-memory store, recording every call."""
    return Sync.traced(jasper, InMemoryExternalIds())


def undeclared_calls(trace: Trace) -> set[tuple[str, str]]:
    """(write path, operationId) pairs the trace holds that the contract's `write_paths` links do not declare."""
    return {
        (call.write_path, call.operation)
        for call in trace.calls
        if call.write_path and call.write_path not in BY_ID[call.operation].write_paths
    }


def creates(trace: Trace, start: int = 0) -> list[str]:
    """The operationIds of the POSTs the trace holds from position `start` on."""
    return [call.operation for call in trace.calls[start:] if call.method == "POST"]


class Fault(StrEnum):
    """How a failing call fails."""

    REFUSE = "refuse"  # the request never reaches the tenant
    SERVER_ERROR = "server error"  # the answer is a 500 made up on the way; the tenant never saw the request
    LOSE_ANSWER = "lose answer"  # the tenant handles the request, but its answer is lost


@dataclass
class FaultyConnection:
    """An httpx2 handler: forwards the first `after` calls to the tenant; of the later ones (only those of
    `operation`, when given) it fails `failures` as `fault` says (None: all of them), and forwards the rest."""

    forward: Callable[[httpx2.Request], httpx2.Response]
    after: int
    fault: Fault
    failures: int | None = None
    operation: str | None = None
    sent: int = 0
    failed: int = 0

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.sent += 1
        chosen = self.operation is None or request.extensions.get(OPERATION_EXTENSION) == self.operation
        if self.sent <= self.after or not chosen or (self.failures is not None and self.failed >= self.failures):
            return self.forward(request)
        self.failed += 1
        if self.fault is Fault.SERVER_ERROR:
            return httpx2.Response(500, json={"message": "Server Error", "code": "injected", "errors": {}})
        if self.fault is Fault.LOSE_ANSWER:
            self.forward(request)
            raise httpx2.ReadError("the connection dropped before the answer arrived", request=request)
        raise httpx2.ConnectError("connection refused (injected)", request=request)


@contextmanager
def forwarding(app: Any) -> Iterator[Callable[[httpx2.Request], httpx2.Response]]:
    """A function that sends a request to the in-process app and answers a fresh, unread response.

    It has its own TestClient, so requests are not recorded twice by hooks on the tests' shared one.
    """
    with TestClient(app, base_url=f"http://{DEMO_HOST}") as inner:

        def forward(request: httpx2.Request) -> httpx2.Response:
            answer = inner.send(request)
            return httpx2.Response(answer.status_code, headers=answer.headers, content=answer.content)

        yield forward


def faulty_jasper(
    forward: Callable[[httpx2.Request], httpx2.Response],
    after: int,
    fault: Fault,
    *,
    failures: int | None = None,
    operation: str | None = None,
    retry: RetryPolicy | None = None,
) -> JasperClient:
    """A client of the in-process demo tenant whose connection fails after `after` calls (see FaultyConnection);
    it retries like the in-process clients unless given another policy."""
    connection = FaultyConnection(forward, after, fault, failures, operation)
    http = httpx2.Client(transport=httpx2.MockTransport(connection))
    return JasperClient(f"http://{DEMO_HOST}{API_PREFIX}", DEMO_KEY, http, retry=retry or in_process_retry())


def exported(sim_http: TestClient) -> State:
    """The demo tenant's data from the control plane, without webhook secrets (random per create)."""
    state: State = sim_http.get("/_sim/state", params={"tenant": "demo"}).json()["tenants"]["demo"]
    state["webhooks"] = [{k: v for k, v in hook.items() if k != "signing_secret"} for hook in state["webhooks"]]
    return state


def linked_and_held(
    sync: Sync, state: dict[str, list[dict[str, Any]]]
) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """Per table: the ids the external-id store links to, and the ids the tenant holds (active webhooks only)."""
    linked: IdsByTable = {table: set() for table in TABLE_OF.values()}
    for (collection, _), jasper_id in sync.ids.snapshot().items():
        linked[TABLE_OF[collection]].add(jasper_id)
    held = {table: {row["id"] for row in state[table] if row.get("active", True)} for table in TABLE_OF.values()}
    return linked, held


def stamped(model: type[_Model], **fields: Any) -> _Model:
    """An object as the in-process tenant answers it: its clock is fixed at SIM_NOW."""
    return model.model_validate({"created_at": SIM_NOW, "updated_at": SIM_NOW, **fields})


def sent(trace: Trace, start: int = 0) -> list[str]:
    """The operationIds the write paths sent from position `start` on (the test's own reads left out)."""
    return [call.operation for call in trace.calls[start:] if call.write_path]

"""The production client and a write path against a served simulator that misbehaves on demand.

Over real HTTP (tests/plugins/served.py): the simulator's fault rules and rate limits produce the
answers, the client's retry policy reacts to them. The client's sleep is fake time that also moves the
simulator's clock, so a wait the client honours is a wait the tenant sees, and nobody waits.

A dropped connection is httpx2's `RemoteProtocolError` ("Server disconnected without sending a
response"), which the client raises as its `TransportError` (no HTTP answer; the request may have been
applied), not as `ConnectError`, which says the host was never reached: a write path must treat a
dropped POST as possibly applied, so the client keeps the two apart.
"""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Iterator

import pytest

from client import JasperClient, errors
from client.contract_check import ContractRecorder
from client.external_ids import CollectionType, InMemoryExternalIds
from client.write_paths import ProductInput, Sync, upsert_product
from contracts.products import ProductCreate, ProductUpdate
from contracts.webhooks import EntityType, RetryPolicy, WebhookCreate
from simulator.config import DEMO_KEY
from tests.client.fakes import FakeTime
from tests.plugins.served import Marked, ServedSim

MUG = ProductCreate(name="Mug", sku="MUG-1")
BACKOFF = 0.25  # the first full-jitter wait on fake time: random() 0.5 x the 0.5 s ceiling


@pytest.fixture
def fake_time(served_sim: ServedSim) -> FakeTime:
    """Fake time; each client sleep also advances the served simulator's clock by as much."""
    return FakeTime()


@pytest.fixture
def jasper(served_sim: ServedSim, fake_time: FakeTime) -> Iterator[JasperClient]:
    """The production client of the served "demo" tenant, retrying on fake time that moves the tenant's clock."""

    def sleep(seconds: float) -> None:
        fake_time.sleep(seconds)
        assert served_sim.control.post("/clock/advance", json={"seconds": seconds}).status_code == 200

    policy = dataclasses.replace(fake_time.policy(), sleep=sleep)
    with JasperClient(served_sim.base_url, DEMO_KEY, retry=policy) as client:
        yield client


def test_client_waits_the_retry_after_of_a_429_then_succeeds(
    served_sim: ServedSim, jasper: JasperClient, fake_time: FakeTime
) -> None:
    assert served_sim.control.put("/rate_limits/demo", json={"per_minute": 1}).status_code == 200
    jasper.ping()

    pong = jasper.ping()

    assert (pong.time, fake_time.slept) == ("Tue Jan 1 00:01:00 UTC 2030", [60.0])
    assert served_sim.faults == [
        Marked("ping", 200, None),
        Marked("ping", 429, "rate limit: 1 per minute"),
        Marked("ping", 200, None),
    ]


def test_client_gives_up_on_a_429_it_cannot_wait_for(served_sim: ServedSim, jasper: JasperClient) -> None:
    served_sim.add_fault(operation="ping", status=429, headers={"Retry-After": "3600"})

    with pytest.raises(errors.RateLimited) as raised:
        jasper.ping()

    assert (raised.value.status, raised.value.retry_after) == (429, 3600.0)


def test_client_retries_a_503_on_get(served_sim: ServedSim, jasper: JasperClient, fake_time: FakeTime) -> None:
    created = jasper.products.create(MUG)
    served_sim.add_fault(operation="getProduct", status=503, times=1)

    assert jasper.products.get(created.id) == created
    assert fake_time.slept == [BACKOFF]
    assert [mark.status for mark in served_sim.faults] == [201, 503, 200]


def test_client_retries_a_503_on_put(served_sim: ServedSim, jasper: JasperClient, fake_time: FakeTime) -> None:
    created = jasper.products.create(MUG)
    served_sim.add_fault(operation="updateProduct", status=503, times=1)

    assert jasper.products.update(created.id, ProductUpdate(name="Cup")).name == "Cup"
    assert fake_time.slept == [BACKOFF]
    assert [mark.status for mark in served_sim.faults] == [201, 503, 200]


def test_client_retries_a_503_on_delete(served_sim: ServedSim, jasper: JasperClient, fake_time: FakeTime) -> None:
    webhook = jasper.webhooks.create(
        WebhookCreate(
            name="Products",
            callback_url="http://127.0.0.1:9/hook",
            entity_type=EntityType.PRODUCT,
            include_entity_data=False,
            headers={},
            retry_policy=RetryPolicy.NO_RETRY,
            minimum_retry_interval=0,
            retry_limit=0,
        )
    )
    served_sim.add_fault(operation="deleteWebhook", status=503, times=1)

    jasper.webhooks.delete(webhook.id)

    assert fake_time.slept == [BACKOFF]
    assert [mark.status for mark in served_sim.faults] == [201, 503, 204]


def test_client_never_retries_a_503_on_post(served_sim: ServedSim, jasper: JasperClient, fake_time: FakeTime) -> None:
    served_sim.add_fault(operation="createProduct", status=503, times=1)

    with pytest.raises(errors.ServerError) as raised:
        jasper.products.create(MUG)

    assert (raised.value.status, fake_time.slept) == (503, [])
    assert served_sim.faults == [Marked("createProduct", 503, "rule 1: status=503")]
    assert list(jasper.products.iterate()) == []


def test_write_path_recovers_a_lost_create_by_sku(served_sim: ServedSim, jasper: JasperClient) -> None:
    served_sim.add_fault(operation="createProduct", drop="after", times=1)
    ids = InMemoryExternalIds()

    saved = upsert_product(Sync(jasper, ids), ProductInput(id="15247", name="Mug", sku="MUG-1"))

    assert [(product.id, product.sku) for product in jasper.products.iterate()] == [(saved.id, "MUG-1")]
    assert ids.get(CollectionType.PRODUCT, "15247") == saved.id
    assert served_sim.faults[:2] == [
        Marked("createProduct", 201, "rule 1: drop=after"),
        Marked("listProducts", 200, None),
    ]


def test_client_raises_a_dropped_connection_as_its_transport_error(served_sim: ServedSim, jasper: JasperClient) -> None:
    served_sim.add_fault(operation="ping", drop="before")

    with pytest.raises(errors.TransportError) as raised:
        jasper.ping()

    assert type(raised.value) is errors.TransportError  # neither ConnectError nor TimeoutError: see the docstring
    assert "RemoteProtocolError" in raised.value.message
    assert served_sim.faults == [Marked("ping", 0, "rule 1: drop=before")] * 4  # retried, as GETs are


def test_client_raises_an_unreachable_host_as_its_connect_error(fake_time: FakeTime) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed on leaving: nothing listens there any more
    with (
        JasperClient(f"http://127.0.0.1:{port}/api/v1", DEMO_KEY, retry=fake_time.policy()) as jasper,
        pytest.raises(errors.ConnectError),
    ):
        jasper.ping()


def test_client_raises_invalid_response_for_a_malformed_body(
    served_sim: ServedSim, jasper: JasperClient, jasper_contract: ContractRecorder
) -> None:
    created = jasper.products.create(MUG)
    served_sim.add_fault(operation="getProduct", malformed=True)

    with pytest.raises(errors.InvalidResponse) as raised:
        jasper.products.get(created.id)

    assert raised.value.status == 200
    # the consumer check sees the same broken answer; taken here so that it does not fail the test
    assert [str(v) for v in jasper_contract.take_violations()] == [
        "getProduct: response /: 200 answer is not valid JSON"
    ]

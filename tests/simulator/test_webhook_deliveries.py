"""Webhook deliveries (KB-WH; wire form assumed in contracts/webhook_deliveries.py) to a local receiver.

In process, with the app's lifespan running (the background sender). The base clock stands still, so
the simulator's clock moves only when `/_sim/clock/advance` moves it, which answers once the attempts
that came due were made: retries happen without real waiting.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
import standardwebhooks
from starlette.applications import Starlette
from starlette.testclient import TestClient

from client.webhook_receiver import Delivery, WebhookReceiver, verify
from simulator.app import create_app
from simulator.config import DEMO_KEY, SimConfig, TenantConfig, WebhookSettings
from simulator.webhooks import delivery
from tests.simulator import builders
from tests.simulator.conftest import NOW, STAMP, bearer

HOOK = {
    "name": "Products",
    "entity_type": "product",
    "include_entity_data": True,
    "headers": {"X-Token": "abc"},
    "retry_policy": "no_retry",
    "minimum_retry_interval": 300,
    "retry_limit": 2,
}


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as running:
        yield running


def subscribe(client: TestClient, receiver: WebhookReceiver, **fields: Any) -> dict[str, Any]:
    """A webhook calling `receiver`, whose secret the receiver trusts."""
    created = builders.created(client, "/webhooks", {**HOOK, "callback_url": receiver.url, **fields})
    receiver.trust(created["signing_secret"])
    return created


def flush(admin: TestClient, seconds: float = 0) -> list[dict[str, Any]]:
    """Move the clock (or not) and make the attempts due; answers every attempt recorded so far."""
    assert admin.post("/clock/advance", json={"seconds": seconds}).status_code == 200
    attempts: list[dict[str, Any]] = admin.get("/deliveries").json()["data"]
    return attempts


def kinds(deliveries: list[Delivery]) -> list[tuple[int, str, int]]:
    """(status answered, type, entity id) of verified deliveries."""
    return [(d.answered, d.payload.type, d.payload.data["id"]) for d in deliveries if d.payload is not None]


def test_product_create_update_and_delete_each_deliver_a_signed_payload(
    admin: TestClient, client: TestClient, receiver: WebhookReceiver
) -> None:
    hook = subscribe(client, receiver)
    product = builders.product(client, "MUG-1", "Mug")
    client.put(f"/products/{product['id']}", json={"name": "Cup"})
    deleted = admin.post("/actions/delete_product", json={"tenant": "demo", "product_id": product["id"]})
    flush(admin)

    first, second, third = receiver.deliveries
    assert deleted.json() == {
        "tenant": "demo",
        "removed": {"product": 1, "prices": [], "inventory": [], "relations": []},
    }
    assert kinds(receiver.deliveries) == [
        (204, "product.created", 1),
        (204, "product.updated", 1),
        (204, "product.deleted", 1),
    ]
    assert first.payload is not None and first.payload.model_dump(mode="json") == {
        "type": "product.created",
        "timestamp": STAMP,
        "data": product,  # as a GET showed it then
    }
    assert third.payload is not None and third.payload.data == {
        key: value for key, value in product.items() if key not in ("parent_id", "children", "relations", "inventory")
    } | {"name": "Cup"}
    # the receiver's verification is Standard Webhooks' own, with the create answer's signing_secret
    standardwebhooks.Webhook(hook["signing_secret"]).verify(second.body, dict(second.headers))
    assert (second.headers["x-token"], second.headers["content-type"]) == ("abc", "application/json")
    assert len({d.headers["webhook-id"] for d in receiver.deliveries}) == 3


def test_delivery_signed_with_another_secret_does_not_verify(
    admin: TestClient, client: TestClient, receiver: WebhookReceiver
) -> None:
    builders.created(client, "/webhooks", {**HOOK, "callback_url": receiver.url})
    receiver.trust("whsec_" + "QUJD" * 8)  # not this webhook's secret
    builders.product(client)

    (attempt,) = flush(admin)
    (delivery,) = receiver.deliveries

    assert (delivery.verified, delivery.problem, attempt["status"]) == (False, "No matching signature found", 401)
    with pytest.raises(ValueError, match="signature"):
        verify("whsec_" + "QUJD" * 8, delivery.body, delivery.headers)


def test_delivery_without_entity_data_carries_the_id_only(
    admin: TestClient, client: TestClient, receiver: WebhookReceiver
) -> None:
    subscribe(client, receiver, include_entity_data=False)
    builders.product(client)
    flush(admin)

    (delivery,) = receiver.deliveries
    assert delivery.payload is not None and delivery.payload.data == {"id": 1}


def test_header_values_go_out_as_utf8_and_one_http_cannot_carry_is_recorded(
    admin: TestClient, client: TestClient, receiver: WebhookReceiver
) -> None:
    # Found by schemathesis: a subscription header starting with U+00D7 (the multiplication sign) made
    # httpx2 raise UnicodeEncodeError, which ended the background sender (no delivery after it, for any
    # tenant) and failed the app's shutdown.
    subscribe(client, receiver, headers={"X-Note": "\u00d7 \u00fcber"})
    subscribe(client, receiver, headers={"X-Bad": "a\nb"})  # the contract allows it; HTTP cannot carry it
    builders.product(client)
    attempts = flush(admin)

    (delivery,) = receiver.deliveries
    assert delivery.headers["x-note"].encode("latin-1").decode() == "\u00d7 \u00fcber"  # http.server reads latin-1
    assert [(a["webhook"], a["status"]) for a in attempts] == [(1, 204), (2, None)]
    assert attempts[1]["error"] == "LocalProtocolError: Illegal header value b'a\\nb'"


def test_a_message_that_cannot_be_sent_is_recorded_and_the_sender_goes_on(
    admin: TestClient, client: TestClient, receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = subscribe(client, receiver, headers={"X-Broken": "1"})
    subscribe(client, receiver)
    headers = delivery._headers

    def failing(hook: dict[str, Any], message: Any, secret: str) -> dict[bytes, bytes]:
        if hook["id"] == broken["id"]:
            raise RuntimeError("unexpected")
        return headers(hook, message, secret)

    monkeypatch.setattr(delivery, "_headers", failing)
    builders.product(client, "MUG-1")
    first = flush(admin)
    builders.product(client, "MUG-2")  # the sender still runs: the next message goes out too
    both = flush(admin)

    assert [(a["webhook"], a["status"], a["error"]) for a in first] == [
        (broken["id"], None, "not sent: RuntimeError: unexpected"),
        (broken["id"] + 1, 204, None),
    ]
    assert [(a["webhook"], a["status"]) for a in both[2:]] == [(broken["id"], None), (broken["id"] + 1, 204)]
    assert len(receiver.deliveries) == 2


def test_category_webhook_fires_for_categories_not_products(
    admin: TestClient, client: TestClient, receiver: WebhookReceiver
) -> None:
    subscribe(client, receiver, entity_type="category")
    builders.product(client)
    category = builders.category(client)
    flush(admin)

    assert kinds(receiver.deliveries) == [(204, "category.created", category["id"])]


def test_failed_delivery_is_retried_on_the_linear_schedule_as_the_clock_advances(
    admin: TestClient, client: TestClient, receiver: WebhookReceiver
) -> None:
    subscribe(client, receiver, retry_policy="linear", minimum_retry_interval=300, retry_limit=2)
    receiver.answer_with(500, 500, 500)
    builders.product(client)

    schedule = [[_when(a) for a in flush(admin, seconds)] for seconds in (0, 299, 1, 300, 600)]

    assert schedule[0] == [(1, 500, "05:06:07", "05:11:07")]
    assert schedule[1] == schedule[0]  # not due yet
    assert schedule[2][1:] == [(2, 500, "05:11:07", "05:16:07")]
    assert schedule[3][2:] == [(3, 500, "05:16:07", None)]  # retry_limit 2: no more
    assert len(schedule[4]) == 3
    assert len({d.headers["webhook-id"] for d in receiver.deliveries}) == 1  # one message, three attempts


def test_failed_delivery_is_retried_on_the_exponential_schedule_as_the_clock_advances(
    admin: TestClient, client: TestClient, receiver: WebhookReceiver
) -> None:
    subscribe(client, receiver, retry_policy="exponential", minimum_retry_interval=60, retry_limit=3)
    receiver.answer_with(500, 503, 500)
    builders.product(client)

    attempts = [_when(a) for a in flush(admin, 0)]
    for seconds in (60, 120, 240):
        attempts = [_when(a) for a in flush(admin, seconds)]

    assert attempts == [
        (1, 500, "05:06:07", "05:07:07"),
        (2, 503, "05:07:07", "05:09:07"),
        (3, 500, "05:09:07", "05:13:07"),
        (4, 204, "05:13:07", None),
    ]


def test_deactivated_webhook_gets_no_more_retries(
    admin: TestClient, client: TestClient, receiver: WebhookReceiver
) -> None:
    hook = subscribe(client, receiver, retry_policy="linear", minimum_retry_interval=300, retry_limit=5)
    receiver.answer_with(500)
    builders.product(client)
    flush(admin)

    assert client.delete(f"/webhooks/{hook['id']}").status_code == 204
    attempts = flush(admin, 3600)

    assert ([a["attempt"] for a in attempts], len(receiver.deliveries)) == ([1], 1)


def test_delivery_that_times_out_is_recorded_as_an_error_and_retried() -> None:
    config = SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY)], webhooks=WebhookSettings(timeout_seconds=0.1))
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts connections (backlog), never answers
        app = create_app(config, clock=lambda: NOW)
        with TestClient(app, base_url="http://testserver/api/v1", headers=bearer(DEMO_KEY)) as client:
            url = f"http://127.0.0.1:{silent.getsockname()[1]}/hook"
            builders.created(client, "/webhooks", {**HOOK, "callback_url": url, "retry_policy": "linear"})
            builders.product(client)
            client.post("http://testserver/_sim/clock/advance", json={"seconds": 0})
            (attempt,) = client.get("http://testserver/_sim/deliveries").json()["data"]

    assert (attempt["status"], attempt["error"], attempt["next_attempt_at"]) == (
        None,
        "ReadTimeout",
        "2026-03-04T05:11:07.890123Z",
    )


def test_write_undone_by_the_state_file_delivers_nothing(
    app: Starlette, admin: TestClient, client: TestClient, receiver: WebhookReceiver
) -> None:
    subscribe(client, receiver)

    async def refuse(exchange: object) -> None:
        raise OSError("disk full")

    app.state.api.committer = refuse
    answer = client.post("/products", json={"name": "Mug", "sku": "MUG-1"})

    assert (answer.status_code, answer.json()["code"]) == (503, "state_write_failed")
    assert (flush(admin), receiver.deliveries) == ([], [])


def test_messages_beyond_the_queue_limit_are_recorded_unsent(
    admin: TestClient, client: TestClient, receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "MAX_QUEUED", 1)
    subscribe(client, receiver, retry_policy="linear")
    receiver.answer_with(500)
    builders.product(client, "MUG-1")
    flush(admin)  # its retry waits in the queue
    builders.product(client, "MUG-2")

    attempts = flush(admin)

    assert [(a["status"], a["error"]) for a in attempts] == [(500, None), (None, "not sent: 1 messages wait")]
    assert kinds(receiver.deliveries) == [(500, "product.created", 1)]


@pytest.mark.parametrize("url", ["https://hooks.example.com/jasper", "http://10.0.0.1/hook", "http://localhost.evil/"])
def test_create_webhook_to_a_host_not_allowed_answers_422(client: TestClient, url: str) -> None:
    answer = client.post("/webhooks", json={**HOOK, "callback_url": url})

    assert (answer.status_code, answer.json()["code"], list(answer.json()["errors"])) == (
        422,
        "callback_host_not_allowed",
        ["callback_url"],
    )
    assert client.get("/webhooks").json()["data"] == []


def test_update_webhook_to_a_host_not_allowed_answers_422(client: TestClient, receiver: WebhookReceiver) -> None:
    hook = subscribe(client, receiver)

    answer = client.put(f"/webhooks/{hook['id']}", json={"callback_url": "https://hooks.example.com/jasper"})

    assert (answer.status_code, answer.json()["code"]) == (422, "callback_host_not_allowed")
    assert client.get(f"/webhooks/{hook['id']}").json()["callback_url"] == receiver.url


def test_create_webhook_to_a_host_the_config_allows() -> None:
    allowing = SimConfig(
        tenants=[TenantConfig.named("demo", DEMO_KEY)], webhooks=WebhookSettings(callback_hosts=[".example.com"])
    )
    with TestClient(create_app(allowing), base_url="http://testserver/api/v1", headers=bearer(DEMO_KEY)) as client:
        answer = client.post("/webhooks", json={**HOOK, "callback_url": "https://hooks.example.com/jasper"})

    assert answer.status_code == 201


def test_get_deliveries_filters_by_tenant_and_webhook(
    admin: TestClient, client: TestClient, acme: TestClient, receiver: WebhookReceiver
) -> None:
    first = subscribe(client, receiver)
    subscribe(client, receiver)
    subscribe(acme, receiver)
    builders.product(client)
    builders.product(acme)
    flush(admin)

    def listed(query: str) -> list[tuple[str, int]]:
        return [(a["tenant"], a["webhook"]) for a in admin.get(f"/deliveries?{query}").json()["data"]]

    assert listed("tenant=demo") == [("demo", first["id"]), ("demo", first["id"] + 1)]
    assert listed(f"tenant=demo&webhook={first['id']}") == [("demo", first["id"])]
    assert listed("tenant=acme") == [("acme", 1)]
    assert admin.get("/deliveries?webhook=one").status_code == 422


def _when(attempt: dict[str, Any]) -> tuple[int, int | None, str, str | None]:
    """(attempt, status, time of day, next attempt's time of day) of a recorded attempt."""
    following = attempt["next_attempt_at"]
    return attempt["attempt"], attempt["status"], attempt["at"][11:19], following[11:19] if following else None


def test_without_delivery_any_host_is_accepted_and_every_message_is_recorded_unsent(receiver: WebhookReceiver) -> None:
    dry_run = SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY)], webhooks=WebhookSettings(deliver=False))
    app = create_app(dry_run, clock=lambda: NOW)
    with TestClient(app, base_url="http://testserver/api/v1", headers=bearer(DEMO_KEY)) as client:
        remote = builders.created(client, "/webhooks", {**HOOK, "callback_url": "https://hooks.example.com/jasper"})
        local = subscribe(client, receiver, retry_policy="linear")  # a receiver that would answer
        builders.product(client)
        assert client.post("http://testserver/_sim/clock/advance", json={"seconds": 3600}).status_code == 200
        attempts = client.get("http://testserver/_sim/deliveries").json()["data"]

    assert sorted((a["webhook"], a["url"], a["status"], a["error"], a["next_attempt_at"]) for a in attempts) == [
        (
            remote["id"],
            "https://hooks.example.com/jasper",
            None,
            "not sent: webhooks.deliver is false (a dry run)",
            None,
        ),
        (local["id"], receiver.url, None, "not sent: webhooks.deliver is false (a dry run)", None),
    ]
    assert receiver.deliveries == []

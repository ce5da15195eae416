"""Webhooks: the secret shows once; DELETE deactivates and the webhook is gone afterwards."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import STAMP

BODY = {
    "name": "Products",
    "callback_url": "http://127.0.0.1:9/jasper",
    "entity_type": "product",
    "include_entity_data": True,
    "headers": {"X-Token": "abc"},
    "retry_policy": "linear",
    "minimum_retry_interval": 300,
    "retry_limit": 5,
}
WEBHOOK = {"id": 1, **BODY, "created_at": STAMP, "updated_at": STAMP}


@pytest.fixture
def webhook(client: TestClient) -> dict[str, Any]:
    created = builders.created(client, "/webhooks", BODY)
    return {key: value for key, value in created.items() if key != "signing_secret"}


def test_create_webhook_returns_201_the_webhook_and_a_signing_secret(client: TestClient) -> None:
    response = client.post("/webhooks", json=BODY)
    body = response.json()
    secret = body.pop("signing_secret")
    assert (response.status_code, body) == (201, WEBHOOK)
    # a Standard Webhooks key (contracts/webhook_deliveries.py): whsec_ and 32 random bytes in base64
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"), validate=True)) == 32


def test_create_webhook_secrets_differ(client: TestClient) -> None:
    first = builders.created(client, "/webhooks", BODY)["signing_secret"]
    second = builders.created(client, "/webhooks", BODY)["signing_secret"]
    assert first != second


@pytest.mark.parametrize("field", sorted(BODY))
def test_create_webhook_missing_field_answers_422(client: TestClient, field: str) -> None:
    body = {key: value for key, value in BODY.items() if key != field}
    assert errors_of(client.post("/webhooks", json=body)) == {
        "status": 422,
        "code": "validation_failed",
        "fields": [field],
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [("entity_type", "order"), ("retry_policy", "forever"), ("callback_url", "ftp://x"), ("retry_limit", -1)],
)
def test_create_webhook_bad_value_answers_422(client: TestClient, field: str, value: object) -> None:
    assert errors_of(client.post("/webhooks", json={**BODY, field: value})) == {
        "status": 422,
        "code": "validation_failed",
        "fields": [field],
    }


def test_get_webhook_omits_the_secret(client: TestClient, webhook: dict[str, Any]) -> None:
    response = client.get(f"/webhooks/{webhook['id']}")
    assert (response.status_code, response.json()) == (200, WEBHOOK)
    assert client.get("/webhooks").json()["data"] == [WEBHOOK]


def test_update_webhook_changes_the_fields_sent(client: TestClient, webhook: dict[str, Any]) -> None:
    response = client.put(f"/webhooks/{webhook['id']}", json={"retry_policy": "no_retry", "headers": {}})
    assert (response.status_code, response.json()) == (200, {**WEBHOOK, "retry_policy": "no_retry", "headers": {}})


def test_delete_webhook_answers_204_and_the_webhook_is_gone(client: TestClient, webhook: dict[str, Any]) -> None:
    response = client.delete(f"/webhooks/{webhook['id']}")
    assert (response.status_code, response.content) == (204, b"")
    assert client.get("/webhooks").json()["data"] == []
    gone = {"status": 404, "code": "not_found", "fields": []}
    assert errors_of(client.get(f"/webhooks/{webhook['id']}")) == gone
    assert errors_of(client.put(f"/webhooks/{webhook['id']}", json={"name": "Again"})) == gone
    assert errors_of(client.delete(f"/webhooks/{webhook['id']}")) == gone


def test_delete_webhook_does_not_reuse_its_id(client: TestClient, webhook: dict[str, Any]) -> None:
    client.delete(f"/webhooks/{webhook['id']}")
    assert builders.created(client, "/webhooks", BODY)["id"] == webhook["id"] + 1


def test_delete_webhook_unknown_answers_404(client: TestClient) -> None:
    assert errors_of(client.delete("/webhooks/3")) == {"status": 404, "code": "not_found", "fields": []}

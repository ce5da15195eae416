"""Webhooks, the connection check and the client's lifecycle (scripted tenant)."""

from __future__ import annotations

import json

import httpx2

from client import JasperClient
from contracts.ping import Ping
from contracts.webhooks import Webhook, WebhookCreated, WebhookUpdate
from tests.client.examples import ANSWERS, WEBHOOK_CREATE
from tests.client.fakes import API_KEY, BASE_URL, FakeTenant


def test_create_webhook_answers_the_signing_secret(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    tenant.json(201, ANSWERS[WebhookCreated])

    created = jasper_mock.webhooks.create(WEBHOOK_CREATE)

    assert created == WebhookCreated.model_validate(ANSWERS[WebhookCreated])
    assert created.signing_secret == "whsec_example"


def test_update_webhook_sends_only_the_fields_set(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    tenant.json(200, ANSWERS[Webhook])

    jasper_mock.webhooks.update(71, WebhookUpdate(retry_limit=3, headers={}))

    (request,) = tenant.requests
    assert (request.method, request.url.path, json.loads(request.content)) == (
        "PUT",
        "/api/v1/webhooks/71",
        {"retry_limit": 3, "headers": {}},
    )


def test_delete_webhook_answers_nothing(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    tenant.answer(httpx2.Response(204))

    assert jasper_mock.webhooks.delete(71) is None
    assert tenant.calls == [("DELETE", "/api/v1/webhooks/71")]


def test_ping_sends_the_bearer_key_and_asks_for_json(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    tenant.json(200, ANSWERS[Ping])

    assert jasper_mock.ping() == Ping.model_validate(ANSWERS[Ping])
    (request,) = tenant.requests
    assert (str(request.url), request.headers["authorization"], request.headers["accept"]) == (
        f"{BASE_URL}/ping",
        f"Bearer {API_KEY}",
        "application/json",
    )


def test_ping_ignores_the_injected_clients_base_url(tenant: FakeTenant) -> None:
    tenant.json(200, ANSWERS[Ping])
    http = httpx2.Client(base_url="http://elsewhere.example/v9", transport=httpx2.MockTransport(tenant.handle))

    with JasperClient(BASE_URL, API_KEY, http) as jasper:
        jasper.ping()

    assert str(tenant.requests[0].url) == f"{BASE_URL}/ping"


def test_client_closes_only_the_http_client_it_created() -> None:
    injected = httpx2.Client(transport=httpx2.MockTransport(lambda request: httpx2.Response(204)))

    with JasperClient(BASE_URL, API_KEY, injected) as borrowing, JasperClient(BASE_URL, API_KEY) as owning:
        pass

    assert (borrowing.http.is_closed, owning.http.is_closed) == (False, True)
    injected.close()


def test_client_repr_shows_the_api_url_and_never_the_key() -> None:
    with JasperClient(BASE_URL, API_KEY) as jasper:
        assert repr(jasper) == f"JasperClient({BASE_URL!r})"


def test_client_timeout_configures_only_the_http_client_it_creates() -> None:
    injected = httpx2.Client(timeout=2.0)

    with JasperClient(BASE_URL, API_KEY, timeout=7.0) as owning, JasperClient(BASE_URL, API_KEY, injected) as borrowing:
        assert (owning.http.timeout, borrowing.http.timeout) == (httpx2.Timeout(7.0), httpx2.Timeout(2.0))
    injected.close()

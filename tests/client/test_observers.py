"""Observers (client/observers.py): every attempt a JasperClient sends, seen while `observing` is active."""

from __future__ import annotations

import httpx2

from client import JasperClient
from client.observers import active, observing
from contracts.products import Product
from tests.client.examples import ANSWERS
from tests.client.fakes import FakeTenant

PRODUCT = ANSWERS[Product]


class Seen:
    """An observer that writes down what it is told."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str, str | int]] = []

    def on_request(self, operation: str, request: httpx2.Request) -> None:
        self.events.append(("request", operation, request.url.path))

    def on_response(self, operation: str, response: httpx2.Response) -> None:
        self.events.append(("response", operation, response.status_code))


def test_observing_sees_each_attempt_and_its_answer(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    seen = Seen()
    tenant.json(503, {"message": "Busy."})
    tenant.json(200, PRODUCT)

    with observing(seen):
        jasper_mock.products.get(7)

    assert seen.events == [
        ("request", "getProduct", "/api/v1/products/7"),
        ("response", "getProduct", 503),
        ("request", "getProduct", "/api/v1/products/7"),
        ("response", "getProduct", 200),
    ]


def test_observing_ends_with_its_block_and_nests(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    outer, inner = Seen(), Seen()
    tenant.json(200, PRODUCT)
    tenant.json(200, PRODUCT)

    with observing(outer):
        with observing(inner):
            assert active()[-2:] == (outer, inner)
            jasper_mock.products.get(1)
        jasper_mock.products.get(2)
    during = active()

    assert [path for kind, _, path in outer.events if kind == "request"] == ["/api/v1/products/1", "/api/v1/products/2"]
    assert [path for kind, _, path in inner.events if kind == "request"] == ["/api/v1/products/1"]
    assert outer not in during and inner not in during

"""Fields an answer has that its schema does not declare (contracts/undeclared.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from contracts.op import Profile
from contracts.undeclared import UndeclaredFields
from tests.contract.schemathesis_support import DOCUMENTS


@pytest.fixture(scope="module")
def live() -> UndeclaredFields:
    return UndeclaredFields(json.loads(DOCUMENTS[Profile.LIVE].read_text("utf-8")))


PRODUCT: dict[str, Any] = {
    "id": 1,
    "name": "Mug",
    "sku": "MUG-1",
    "inventory": [{"id": 3, "location": "NYC", "count_on_hand": 2}],
}


def test_undeclared_response_declared_fields_only_is_empty(live: UndeclaredFields) -> None:
    assert live.response("getProduct", 200, PRODUCT) == []


def test_undeclared_response_names_extra_fields_at_every_depth(live: UndeclaredFields) -> None:
    product = {**PRODUCT, "brand": "Acme", "inventory": [{**PRODUCT["inventory"][0], "bin": "A1"}]}
    meta = {"current_page": 1, "last_page": 1, "per_page": 15, "total": 1, "links": []}
    page = {"data": [product], "links": {}, "meta": meta}

    assert live.response("getProduct", 200, product) == ["/brand", "/inventory/0/bin"]
    assert live.response("listProducts", 200, page) == ["/data/0/brand", "/data/0/inventory/0/bin", "/meta/links"]


def test_undeclared_response_map_keys_are_data_not_fields(live: UndeclaredFields) -> None:
    webhook = {
        "id": 1,
        "name": "Products",
        "callback_url": "https://erp.example.com/hook",
        "entity_type": "product",
        "include_entity_data": True,
        "headers": {"X-Shop": "acme"},
        "retry_policy": "linear",
        "minimum_retry_interval": 300,
        "retry_limit": 5,
        "signing_secret": "s",
    }
    assert live.response("createWebhook", 201, webhook) == []


def test_undeclared_response_unknown_operation_or_status_declares_nothing(live: UndeclaredFields) -> None:
    assert live.response("getBrand", 200, {"id": 1}) == []
    assert live.response("getProduct", 418, {"id": 1}) == []

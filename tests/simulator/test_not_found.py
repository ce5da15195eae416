"""Every operation addressing an object that does not exist answers 404 naming what was missing, and the
parent is checked before anything under it (a missing product answers 404 even when the body is also wrong
about something inside it)."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.conftest import error

NAME = {"name": "X"}
# method, path, body; every id in the path is 9 and nothing exists (relation type 1 does: it is the tenant's)
MISSING_PARENT: list[tuple[str, str, dict[str, Any] | None, str]] = [
    ("GET", "/products/9", None, "product"),
    ("PUT", "/products/9", NAME, "product"),
    ("POST", "/products/9/categories", {"category_id": 9}, "product"),
    ("GET", "/products/9/prices", None, "product"),
    ("POST", "/products/9/prices", {"sell_price": 1.0}, "product"),
    ("PUT", "/products/9/prices/9", {"sell_price": 1.0}, "product"),
    ("GET", "/products/9/attributes", None, "product"),
    ("POST", "/products/9/attributes", {"attribute_id": 9, "value": "x"}, "product"),
    ("PUT", "/products/9/attributes", {"attribute_id": 9, "value": "x"}, "product"),
    ("POST", "/products/9/inventory", {"location": "NYC", "count_on_hand": 1}, "product"),
    ("PUT", "/products/9/inventory/9", {"count_on_hand": 1}, "product"),
    ("POST", "/products/9/relations/9/type/1", None, "product"),
    ("GET", "/categories/9", None, "category"),
    ("PUT", "/categories/9", NAME, "category"),
    ("GET", "/attributes/9", None, "attribute"),
    ("PUT", "/attributes/9", NAME, "attribute"),
    ("GET", "/attribute_sets/9", None, "attribute set"),
    ("PUT", "/attribute_sets/9", NAME, "attribute set"),
    ("POST", "/attribute_sets/9/attributes", {"attribute_id": 9}, "attribute set"),
    ("GET", "/options/9", None, "option"),
    ("PUT", "/options/9", NAME, "option"),
    ("GET", "/options/9/values", None, "option"),
    ("POST", "/options/9/values", {"name": "S"}, "option"),
    ("PUT", "/options/9/values/9", {"name": "S"}, "option"),
    ("GET", "/option_sets/9", None, "option set"),
    ("PUT", "/option_sets/9", NAME, "option set"),
    ("GET", "/option_sets/9/options", None, "option set"),
    ("POST", "/option_sets/9/options", {"option_id": 9}, "option set"),
    ("GET", "/webhooks/9", None, "webhook"),
    ("PUT", "/webhooks/9", NAME, "webhook"),
    ("DELETE", "/webhooks/9", None, "webhook"),
]
DOCUMENTED_MISSING_PARENT: list[tuple[str, str, dict[str, Any] | None, str]] = [
    ("POST", "/products/9/child", {"name": "X", "sku": "X-1"}, "product"),
    ("PUT", "/products/9/attributes/9", {"value": "x"}, "product"),
    ("POST", "/products/9/inventories", {"location_id": 1, "quantity": 1}, "product"),
    ("PUT", "/products/9/inventories/9", {"quantity": 1}, "product"),
]


def _ids(cases: list[tuple[str, str, dict[str, Any] | None, str]]) -> list[str]:
    return [f"{method} {path}" for method, path, _, _ in cases]


@pytest.mark.parametrize(("method", "path", "body", "what"), MISSING_PARENT, ids=_ids(MISSING_PARENT))
def test_any_live_operation_on_a_missing_object_answers_404_naming_it(
    client: TestClient, method: str, path: str, body: dict[str, Any] | None, what: str
) -> None:
    response = client.request(method, path, json=body)
    assert (response.status_code, response.json()) == (404, error(f"No {what} with id 9.", "not_found"))


@pytest.mark.parametrize(
    ("method", "path", "body", "what"), DOCUMENTED_MISSING_PARENT, ids=_ids(DOCUMENTED_MISSING_PARENT)
)
def test_any_documented_operation_on_a_missing_product_answers_404_naming_it(
    docs: TestClient, method: str, path: str, body: dict[str, Any] | None, what: str
) -> None:
    response = docs.request(method, path, json=body)
    assert (response.status_code, response.json()) == (404, error(f"No {what} with id 9.", "not_found"))


def test_create_product_relation_to_a_missing_product_answers_404_naming_it(client: TestClient) -> None:
    builders.product(client)
    response = client.post("/products/1/relations/9/type/1")
    assert (response.status_code, response.json()) == (404, error("No related product with id 9.", "not_found"))


def test_update_product_attribute_of_a_missing_attribute_answers_404_naming_it(docs: TestClient) -> None:
    builders.product(docs)
    response = docs.put("/products/1/attributes/9", json={"value": "x"})
    assert (response.status_code, response.json()) == (404, error("No attribute with id 9.", "not_found"))


# A body field naming an object that does not exist: 422 on that field, naming what was looked for.
# Objects 1 exist (a product, a category, an attribute set, an option set); ids 9 do not.
MISSING_REFERENCE: list[tuple[str, str, dict[str, Any], str, str]] = [
    ("POST", "/categories", {"name": "X", "parent_id": 9}, "parent_id", "category"),
    ("PUT", "/categories/1", {"parent_id": 9}, "parent_id", "category"),
    ("POST", "/attribute_sets/1/attributes", {"attribute_id": 9}, "attribute_id", "attribute"),
    ("POST", "/option_sets/1/options", {"option_id": 9}, "option_id", "option"),
    ("POST", "/products/1/attributes", {"attribute_id": 9, "value": "x"}, "attribute_id", "attribute"),
    ("PUT", "/products/1/attributes", {"attribute_id": 9, "value": "x"}, "attribute_id", "attribute"),
    ("POST", "/products/1/categories", {"category_id": 9}, "category_id", "category"),
    ("POST", "/products", {"name": "X", "sku": "X-2", "option_set_id": 9}, "option_set_id", "option set"),
    ("PUT", "/products/1", {"option_set_id": 9}, "option_set_id", "option set"),
]


@pytest.mark.parametrize(
    "case", MISSING_REFERENCE, ids=[f"{method} {path} {field}" for method, path, _, field, _ in MISSING_REFERENCE]
)
def test_any_operation_referring_to_a_missing_object_answers_422_naming_it(
    client: TestClient, case: tuple[str, str, dict[str, Any], str, str]
) -> None:
    method, path, body, field, what = case
    builders.product(client)
    builders.category(client)
    builders.created(client, "/attribute_sets", {"name": "Apparel"})
    builders.option_set(client)
    response = client.request(method, path, json=body)
    message = f"The selected {field} is invalid: no {what} with id 9."
    assert (response.status_code, response.json()) == (422, error(message, "validation_failed", **{field: [message]}))


def test_create_child_product_of_a_missing_parent_answers_422_naming_it(docs: TestClient) -> None:
    response = docs.post("/products", json={"name": "X", "sku": "X-1", "parent_id": 9})
    message = "The selected parent_id is invalid: no product with id 9."
    assert (response.status_code, response.json()) == (422, error(message, "validation_failed", parent_id=[message]))

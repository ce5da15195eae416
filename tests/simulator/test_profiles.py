"""Profiles: each tenant serves only its profile's operations, and says who serves the others."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import STAMP, error, exported


def _served_by(response: Any) -> tuple[int, str, str | None, str | None]:
    body = response.json()
    return response.status_code, body["code"], body.get("served_by"), response.headers.get("allow")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/products/1/inventories"),
        ("PUT", "/products/1/inventories/1"),
        ("PUT", "/products/1/attributes/1"),
        ("POST", "/products/1/child"),
    ],
)
def test_live_tenant_answers_404_for_documented_only_paths(client: TestClient, method: str, path: str) -> None:
    builders.product(client)
    response = client.request(method, path, json={})
    assert _served_by(response) == (404, "other_profile", "documented", None)


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/products/1/inventory"), ("PUT", "/products/1/inventory/1")],
)
def test_documented_tenant_answers_404_for_live_only_paths(docs: TestClient, method: str, path: str) -> None:
    response = docs.request(method, path, json={})
    assert _served_by(response) == (404, "other_profile", "live", None)


def test_update_product_attributes_on_documented_answers_405_naming_the_live_profile(docs: TestClient) -> None:
    response = docs.put("/products/1/attributes", json={"attribute_id": 1, "value": "x"})
    assert _served_by(response) == (405, "method_not_allowed", "live", "GET, HEAD, POST")


def test_create_product_with_parent_on_documented_links_the_child(docs: TestClient) -> None:
    parent = builders.product(docs, sku="P")
    response = docs.post("/products", json={"name": "Child", "sku": "C", "parent_id": parent["id"]})
    child = response.json()
    assert (response.status_code, child["parent_id"], child["sku"]) == (201, parent["id"], "C")
    relation = {
        "id": 1,
        "product_id": parent["id"],
        "related_product_id": child["id"],
        "relation_type_id": 1,
        "relation_type": "variant",
        "created_at": STAMP,
        "updated_at": STAMP,
    }
    assert docs.get(f"/products/{parent['id']}").json() == {
        **parent,
        "children": [child["id"]],
        "relations": [relation],
    }


def test_create_product_with_parent_on_documented_without_parent_is_a_plain_product(docs: TestClient) -> None:
    created = builders.product(docs, parent_id=None)
    assert (created["parent_id"], created["children"]) == (None, [])


def test_create_product_with_parent_unknown_parent_answers_422(docs: TestClient, admin: TestClient) -> None:
    before = exported(admin)
    response = docs.post("/products", json={"name": "Child", "sku": "C", "parent_id": 4})
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": ["parent_id"]}
    assert exported(admin) == before


def test_create_product_with_parent_that_is_a_variant_answers_422(docs: TestClient, admin: TestClient) -> None:
    parent = builders.product(docs, sku="P")
    child = builders.product(docs, sku="C", parent_id=parent["id"])
    before = exported(admin)
    response = docs.post("/products", json={"name": "Grandchild", "sku": "G", "parent_id": child["id"]})
    assert errors_of(response) == {"status": 422, "code": "variant_depth", "fields": ["parent_id"]}
    assert exported(admin) == before


def test_create_child_product_creates_a_variant(docs: TestClient) -> None:
    parent = builders.product(docs, sku="P")
    response = docs.post(f"/products/{parent['id']}/child", json={"name": "Child", "sku": "C"})
    child = response.json()
    assert (response.status_code, child["parent_id"]) == (201, parent["id"])
    assert docs.get(f"/products/{parent['id']}").json()["children"] == [child["id"]]


def test_create_child_product_unknown_parent_answers_404(docs: TestClient) -> None:
    response = docs.post("/products/6/child", json={"name": "Child", "sku": "C"})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}


def test_create_child_product_taken_sku_answers_422(docs: TestClient, admin: TestClient) -> None:
    parent = builders.product(docs, sku="P")
    before = exported(admin)
    response = docs.post(f"/products/{parent['id']}/child", json={"name": "Child", "sku": "P"})
    assert errors_of(response) == {"status": 422, "code": "duplicate_sku", "fields": ["sku"]}
    assert exported(admin) == before


def test_create_product_inventories_returns_the_documented_row(docs: TestClient) -> None:
    product = builders.product(docs)
    response = docs.post(f"/products/{product['id']}/inventories", json={"location_id": 2, "quantity": 5})
    row = {
        "id": 1,
        "product_id": product["id"],
        "location_id": 2,
        "quantity": 5.0,
        "created_at": STAMP,
        "updated_at": STAMP,
    }
    assert (response.status_code, response.json()) == (201, row)
    assert docs.get(f"/products/{product['id']}").json()["inventory"] == [row]


def test_create_product_inventories_unknown_location_answers_422(docs: TestClient) -> None:
    product = builders.product(docs)
    response = docs.post(f"/products/{product['id']}/inventories", json={"location_id": 99, "quantity": 5})
    assert errors_of(response) == {"status": 422, "code": "unknown_location", "fields": ["location_id"]}


def test_create_product_inventories_second_row_for_a_location_answers_422(docs: TestClient) -> None:
    product = builders.product(docs)
    builders.created(docs, f"/products/{product['id']}/inventories", {"location_id": 1, "quantity": 1})
    response = docs.post(f"/products/{product['id']}/inventories", json={"location_id": 1, "quantity": 2})
    assert errors_of(response) == {"status": 422, "code": "duplicate_location", "fields": ["location_id"]}


def test_create_product_inventories_live_field_names_answer_422(docs: TestClient) -> None:
    product = builders.product(docs)
    response = docs.post(f"/products/{product['id']}/inventories", json={"location": "NYC", "count_on_hand": 1})
    assert errors_of(response) == {
        "status": 422,
        "code": "validation_failed",
        "fields": ["count_on_hand", "location", "location_id", "quantity"],
    }


def test_update_product_inventories_changes_quantity_and_location(docs: TestClient) -> None:
    product = builders.product(docs)
    row = builders.created(docs, f"/products/{product['id']}/inventories", {"location_id": 1, "quantity": 1})
    response = docs.put(f"/products/{product['id']}/inventories/{row['id']}", json={"quantity": 3, "location_id": 3})
    assert (response.status_code, response.json()) == (200, {**row, "quantity": 3.0, "location_id": 3})


def test_update_product_inventories_under_another_product_answers_404(docs: TestClient) -> None:
    first, second = builders.product(docs, sku="A"), builders.product(docs, sku="B")
    row = builders.created(docs, f"/products/{first['id']}/inventories", {"location_id": 1, "quantity": 1})
    response = docs.put(f"/products/{second['id']}/inventories/{row['id']}", json={"quantity": 3})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}


def test_update_product_attribute_changes_an_existing_value(docs: TestClient) -> None:
    product = builders.product(docs)
    fit = builders.attribute(docs, "Fit", "selectbox", values=["Slim", "Regular"])
    builders.created(docs, f"/products/{product['id']}/attributes", {"attribute_id": fit["id"], "value": "Slim"})
    response = docs.put(f"/products/{product['id']}/attributes/{fit['id']}", json={"value": "Regular"})
    expected = {"product_id": product["id"], "attribute_id": fit["id"], "name": "Fit", "type": "selectbox"}
    assert (response.status_code, response.json()) == (200, {**expected, "value": "Regular"})


def test_update_product_attribute_without_a_value_yet_answers_404(docs: TestClient) -> None:
    product = builders.product(docs)
    fit = builders.attribute(docs, "Fit", "text")
    response = docs.put(f"/products/{product['id']}/attributes/{fit['id']}", json={"value": "Slim"})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}


def test_update_product_attribute_unknown_attribute_answers_404(docs: TestClient) -> None:
    product = builders.product(docs)
    response = docs.put(f"/products/{product['id']}/attributes/5", json={"value": "Slim"})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}


def test_update_product_attribute_value_not_fitting_answers_422(docs: TestClient) -> None:
    product = builders.product(docs)
    day = builders.attribute(docs, "Launch", "date")
    builders.created(docs, f"/products/{product['id']}/attributes", {"attribute_id": day["id"], "value": "2026-01-01"})
    response = docs.put(f"/products/{product['id']}/attributes/{day['id']}", json={"value": "tomorrow"})
    assert errors_of(response) == {"status": 422, "code": "invalid_value", "fields": ["value"]}


def test_create_product_relation_with_variant_type_on_documented_answers_422(
    docs: TestClient, admin: TestClient
) -> None:
    parent = builders.product(docs, sku="P")
    child = builders.product(docs, sku="C")
    before = exported(admin)
    response = docs.post(f"/products/{parent['id']}/relations/{child['id']}/type/1")
    assert errors_of(response) == {"status": 422, "code": "variant_via_relation", "fields": ["relation_type_id"]}
    assert exported(admin) == before


def test_create_product_relation_with_other_type_on_documented_links(docs: TestClient) -> None:
    first = builders.product(docs, sku="A")
    second = builders.product(docs, sku="B")
    response = docs.post(f"/products/{first['id']}/relations/{second['id']}/type/4")
    assert (response.status_code, response.json()["relation_type"]) == (201, "cross-sell")


def test_create_child_product_of_a_variant_answers_422_and_changes_nothing(docs: TestClient, admin: TestClient) -> None:
    parent = builders.product(docs, sku="P")
    child = docs.post(f"/products/{parent['id']}/child", json={"name": "Child", "sku": "C"}).json()
    before = exported(admin)
    response = docs.post(f"/products/{child['id']}/child", json={"name": "Grandchild", "sku": "G"})
    message = "A variant cannot have variants of its own."
    assert (response.status_code, response.json()) == (422, error(message, "variant_depth", product_id=[message]))
    assert exported(admin) == before

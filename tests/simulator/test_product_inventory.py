"""Inventory on the live profile: `location` by name, `count_on_hand` >= 0, one row per location."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import STAMP, exported


def test_create_product_inventory_returns_201_and_the_live_row(client: TestClient) -> None:
    product = builders.product(client)
    response = client.post(f"/products/{product['id']}/inventory", json={"location": "NYC", "count_on_hand": 7})
    assert (response.status_code, response.json()) == (
        201,
        {
            "id": 1,
            "product_id": product["id"],
            "location": "NYC",
            "count_on_hand": 7.0,
            "created_at": STAMP,
            "updated_at": STAMP,
        },
    )


def test_create_product_inventory_unknown_location_answers_422_on_location(
    client: TestClient, admin: TestClient
) -> None:
    product = builders.product(client)
    before = exported(admin)
    response = client.post(f"/products/{product['id']}/inventory", json={"location": "Paris", "count_on_hand": 1})
    assert errors_of(response) == {"status": 422, "code": "unknown_location", "fields": ["location"]}
    assert exported(admin) == before


@pytest.mark.parametrize("count", [-1, "5", None, True], ids=["negative", "string", "null", "boolean"])
def test_create_product_inventory_bad_count_answers_422_on_count_on_hand(client: TestClient, count: object) -> None:
    product = builders.product(client)
    response = client.post(f"/products/{product['id']}/inventory", json={"location": "NYC", "count_on_hand": count})
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": ["count_on_hand"]}


def test_create_product_inventory_zero_count_is_accepted(client: TestClient) -> None:
    product = builders.product(client)
    row = builders.created(client, f"/products/{product['id']}/inventory", {"location": "NYC", "count_on_hand": 0})
    assert row["count_on_hand"] == 0.0


def test_create_product_inventory_second_row_for_a_location_answers_422(client: TestClient, admin: TestClient) -> None:
    product = builders.product(client)
    builders.created(client, f"/products/{product['id']}/inventory", {"location": "NYC", "count_on_hand": 1})
    before = exported(admin)
    response = client.post(f"/products/{product['id']}/inventory", json={"location": "NYC", "count_on_hand": 2})
    assert errors_of(response) == {"status": 422, "code": "duplicate_location", "fields": ["location"]}
    assert exported(admin) == before


def test_create_product_inventory_unknown_product_answers_404(client: TestClient) -> None:
    response = client.post("/products/9/inventory", json={"location": "NYC", "count_on_hand": 1})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}


def test_update_product_inventory_changes_count_and_location(client: TestClient) -> None:
    product = builders.product(client)
    row = builders.created(client, f"/products/{product['id']}/inventory", {"location": "NYC", "count_on_hand": 1})
    response = client.put(f"/products/{product['id']}/inventory/{row['id']}", json={"count_on_hand": 9.5})
    assert (response.status_code, response.json()) == (200, {**row, "count_on_hand": 9.5})
    moved = client.put(f"/products/{product['id']}/inventory/{row['id']}", json={"location": "Toronto"})
    assert (moved.status_code, moved.json()) == (200, {**row, "count_on_hand": 9.5, "location": "Toronto"})
    again = builders.created(client, f"/products/{product['id']}/inventory", {"location": "NYC", "count_on_hand": 3})
    assert client.get(f"/products/{product['id']}").json()["inventory"] == [moved.json(), again]


def test_update_product_inventory_onto_a_location_in_use_answers_422(client: TestClient) -> None:
    product = builders.product(client)
    builders.created(client, f"/products/{product['id']}/inventory", {"location": "NYC", "count_on_hand": 1})
    row = builders.created(client, f"/products/{product['id']}/inventory", {"location": "Toronto", "count_on_hand": 1})
    response = client.put(f"/products/{product['id']}/inventory/{row['id']}", json={"location": "NYC"})
    assert errors_of(response) == {"status": 422, "code": "duplicate_location", "fields": ["location"]}


def test_update_product_inventory_unknown_location_answers_422(client: TestClient) -> None:
    product = builders.product(client)
    row = builders.created(client, f"/products/{product['id']}/inventory", {"location": "NYC", "count_on_hand": 1})
    response = client.put(f"/products/{product['id']}/inventory/{row['id']}", json={"location": "Atlantis"})
    assert errors_of(response) == {"status": 422, "code": "unknown_location", "fields": ["location"]}


def test_update_product_inventory_under_another_product_answers_404(client: TestClient, admin: TestClient) -> None:
    first, second = builders.product(client, sku="A"), builders.product(client, sku="B")
    row = builders.created(client, f"/products/{first['id']}/inventory", {"location": "NYC", "count_on_hand": 1})
    before = exported(admin)
    response = client.put(f"/products/{second['id']}/inventory/{row['id']}", json={"count_on_hand": 5})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}
    assert exported(admin) == before


def test_update_product_inventory_unknown_row_answers_404(client: TestClient) -> None:
    product = builders.product(client)
    response = client.put(f"/products/{product['id']}/inventory/3", json={"count_on_hand": 5})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}

"""Product categories: assigning existing categories, once."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import exported


def test_assign_product_category_returns_201_and_shows_on_the_product(client: TestClient) -> None:
    product, shoes = builders.product(client), builders.category(client)
    response = client.post(f"/products/{product['id']}/categories", json={"category_id": shoes["id"]})
    assert (response.status_code, response.json()) == (201, {"product_id": product["id"], "category_id": shoes["id"]})
    assert client.get(f"/products/{product['id']}").json()["categories"] == [shoes["id"]]


def test_assign_product_category_twice_answers_200_without_a_duplicate(client: TestClient, admin: TestClient) -> None:
    product, shoes = builders.product(client), builders.category(client)
    client.post(f"/products/{product['id']}/categories", json={"category_id": shoes["id"]})
    before = exported(admin)
    again = client.post(f"/products/{product['id']}/categories", json={"category_id": shoes["id"]})
    assert (again.status_code, again.json()) == (200, {"product_id": product["id"], "category_id": shoes["id"]})
    assert exported(admin) == before


def test_assign_product_category_keeps_the_order_assigned(client: TestClient) -> None:
    product = builders.product(client)
    first, second = builders.category(client, "A"), builders.category(client, "B")
    for category in (second, first):
        client.post(f"/products/{product['id']}/categories", json={"category_id": category["id"]})
    assert client.get(f"/products/{product['id']}").json()["categories"] == [second["id"], first["id"]]


def test_assign_product_category_unknown_category_answers_422(client: TestClient, admin: TestClient) -> None:
    product = builders.product(client)
    before = exported(admin)
    response = client.post(f"/products/{product['id']}/categories", json={"category_id": 5})
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": ["category_id"]}
    assert exported(admin) == before


def test_assign_product_category_unknown_product_answers_404(client: TestClient) -> None:
    shoes = builders.category(client)
    response = client.post("/products/4/categories", json={"category_id": shoes["id"]})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}

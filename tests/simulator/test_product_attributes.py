"""Attribute values on a product: the attribute must exist and the value must fit its type."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from starlette.testclient import TestClient

from contracts import wire
from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import SteppingClock, exported

CHOICES = ["Red", "Green", "Blue"]


@pytest.fixture
def attributes(client: TestClient) -> dict[str, dict[str, Any]]:
    """One attribute of each type, by type."""
    return {
        kind: builders.attribute(client, kind.title(), kind, values=CHOICES)
        for kind in ("text", "textarea", "date", "selectbox", "multiselect")
    }


GOOD = {
    "text": "Cotton",
    "textarea": "Line one.\nLine two.",
    "date": "2026-02-28",
    "selectbox": "Green",
    "multiselect": ["Blue", "Red"],
}
BAD = [
    ("text", ["Cotton"]),
    ("textarea", ["x"]),
    ("date", "2026-02-30"),
    ("date", "28/02/2026"),
    ("date", "2026-02-28T00:00:00"),
    ("date", ["2026-02-28"]),
    ("selectbox", "Purple"),
    ("selectbox", ["Green"]),
    ("multiselect", "Red"),
    ("multiselect", ["Red", "Purple"]),
    ("multiselect", ["Red", "Red"]),
]


@pytest.mark.parametrize("kind", list(GOOD))
def test_create_product_attribute_accepts_a_value_of_each_type(
    client: TestClient, attributes: dict[str, dict[str, Any]], kind: str
) -> None:
    product = builders.product(client)
    attribute = attributes[kind]
    response = client.post(
        f"/products/{product['id']}/attributes", json={"attribute_id": attribute["id"], "value": GOOD[kind]}
    )
    expected = {
        "product_id": product["id"],
        "attribute_id": attribute["id"],
        "name": attribute["name"],
        "type": kind,
        "value": GOOD[kind],
    }
    assert (response.status_code, response.json()) == (201, expected)
    assert client.get(f"/products/{product['id']}/attributes").json()["data"] == [expected]


@pytest.mark.parametrize(("kind", "value"), BAD, ids=[f"{kind}-{value}" for kind, value in BAD])
def test_create_product_attribute_value_not_fitting_the_type_answers_422(
    client: TestClient, admin: TestClient, attributes: dict[str, dict[str, Any]], kind: str, value: object
) -> None:
    product = builders.product(client)
    before = exported(admin)
    response = client.post(
        f"/products/{product['id']}/attributes", json={"attribute_id": attributes[kind]["id"], "value": value}
    )
    assert errors_of(response) == {"status": 422, "code": "invalid_value", "fields": ["value"]}
    assert exported(admin) == before


def test_create_product_attribute_unknown_attribute_answers_422(client: TestClient) -> None:
    product = builders.product(client)
    response = client.post(f"/products/{product['id']}/attributes", json={"attribute_id": 40, "value": "x"})
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": ["attribute_id"]}


def test_create_product_attribute_non_string_value_answers_422(client: TestClient, attributes: Any) -> None:
    product = builders.product(client)
    response = client.post(
        f"/products/{product['id']}/attributes", json={"attribute_id": attributes["text"]["id"], "value": 5}
    )
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": ["value"]}


def test_create_product_attribute_twice_answers_422_on_attribute_id(
    client: TestClient, admin: TestClient, attributes: dict[str, dict[str, Any]]
) -> None:
    product = builders.product(client)
    body = {"attribute_id": attributes["text"]["id"], "value": "a"}
    client.post(f"/products/{product['id']}/attributes", json=body)
    before = exported(admin)
    response = client.post(f"/products/{product['id']}/attributes", json={**body, "value": "b"})
    assert errors_of(response) == {"status": 422, "code": "duplicate_value", "fields": ["attribute_id"]}
    assert exported(admin) == before


def test_create_product_attribute_unknown_product_answers_404(client: TestClient, attributes: Any) -> None:
    response = client.post("/products/8/attributes", json={"attribute_id": attributes["text"]["id"], "value": "a"})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}


def test_update_product_attributes_creates_a_missing_value_then_updates_it(
    client: TestClient, attributes: dict[str, dict[str, Any]]
) -> None:
    product = builders.product(client)
    attribute = attributes["selectbox"]
    path = f"/products/{product['id']}/attributes"
    created = client.put(path, json={"attribute_id": attribute["id"], "value": "Red"})
    updated = client.put(path, json={"attribute_id": attribute["id"], "value": "Blue"})
    row = {"product_id": product["id"], "attribute_id": attribute["id"], "name": "Selectbox", "type": "selectbox"}
    assert (created.status_code, created.json()) == (200, {**row, "value": "Red"})
    assert (updated.status_code, updated.json()) == (200, {**row, "value": "Blue"})
    assert client.get(path).json()["data"] == [{**row, "value": "Blue"}]


def test_update_product_attributes_value_not_fitting_answers_422(client: TestClient, attributes: Any) -> None:
    product = builders.product(client)
    response = client.put(
        f"/products/{product['id']}/attributes", json={"attribute_id": attributes["date"]["id"], "value": "soon"}
    )
    assert errors_of(response) == {"status": 422, "code": "invalid_value", "fields": ["value"]}


def test_update_product_attributes_unknown_attribute_answers_422(client: TestClient) -> None:
    product = builders.product(client)
    response = client.put(f"/products/{product['id']}/attributes", json={"attribute_id": 3, "value": "x"})
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": ["attribute_id"]}


def test_list_product_attributes_orders_by_attribute_id(client: TestClient, attributes: Any) -> None:
    product = builders.product(client)
    path = f"/products/{product['id']}/attributes"
    for kind in ("selectbox", "text"):
        client.put(path, json={"attribute_id": attributes[kind]["id"], "value": GOOD[kind]})
    assert [row["type"] for row in client.get(path).json()["data"]] == ["text", "selectbox"]


def test_list_product_attributes_unknown_product_answers_404(client: TestClient) -> None:
    assert errors_of(client.get("/products/2/attributes")) == {"status": 404, "code": "not_found", "fields": []}


@pytest.mark.parametrize(("method", "status"), [("POST", 201), ("PUT", 200)])
def test_write_product_attribute_touches_the_product(
    client: TestClient, attributes: dict[str, dict[str, Any]], clock: SteppingClock, method: str, status: int
) -> None:
    product = builders.product(client)
    clock.now += timedelta(days=1)
    body = {"attribute_id": attributes["text"]["id"], "value": "Cotton"}
    assert client.request(method, f"/products/{product['id']}/attributes", json=body).status_code == status
    assert client.get(f"/products/{product['id']}").json() == {
        **product,
        "updated_at": wire.format_timestamp(clock.now),
    }

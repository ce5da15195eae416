"""Product prices: rows per product, addressed under their own product only."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import STAMP, exported

EMPTY_PRICE = {
    "sell_price": None,
    "cost": None,
    "msrp": None,
    "map": None,
    "starts_at": None,
    "ends_at": None,
    "channel_id": None,
}


def test_create_product_price_returns_201_and_the_row(client: TestClient) -> None:
    product = builders.product(client)
    body = {"sell_price": 19.99, "cost": 7, "starts_at": "2026-01-01T00:00:00+02:00", "ends_at": "2026-12-31T23:59:59"}
    response = client.post(f"/products/{product['id']}/prices", json=body)
    assert (response.status_code, response.json()) == (
        201,
        {
            "id": 1,
            "product_id": product["id"],
            **EMPTY_PRICE,
            "sell_price": 19.99,
            "cost": 7.0,
            "starts_at": "2025-12-31T22:00:00.000000Z",
            "ends_at": "2026-12-31T23:59:59.000000Z",
            "created_at": STAMP,
            "updated_at": STAMP,
        },
    )


def test_list_product_prices_shows_only_this_products_rows(client: TestClient) -> None:
    first, second = builders.product(client, sku="A"), builders.product(client, sku="B")
    mine = builders.created(client, f"/products/{first['id']}/prices", {"sell_price": 1})
    builders.created(client, f"/products/{second['id']}/prices", {"sell_price": 2})
    response = client.get(f"/products/{first['id']}/prices")
    assert (response.status_code, response.json()["data"]) == (200, [mine])


def test_list_product_prices_unknown_product_answers_404(client: TestClient) -> None:
    assert errors_of(client.get("/products/3/prices")) == {"status": 404, "code": "not_found", "fields": []}


def test_update_product_price_changes_only_the_fields_sent(client: TestClient) -> None:
    product = builders.product(client)
    row = builders.created(client, f"/products/{product['id']}/prices", {"sell_price": 1, "msrp": 3})
    response = client.put(f"/products/{product['id']}/prices/{row['id']}", json={"sell_price": 2.5})
    assert (response.status_code, response.json()) == (200, {**row, "sell_price": 2.5})


def test_update_product_price_of_another_product_answers_404(client: TestClient, admin: TestClient) -> None:
    first, second = builders.product(client, sku="A"), builders.product(client, sku="B")
    row = builders.created(client, f"/products/{first['id']}/prices", {"sell_price": 1})
    before = exported(admin)
    response = client.put(f"/products/{second['id']}/prices/{row['id']}", json={"sell_price": 5})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}
    assert exported(admin) == before


def test_update_product_price_unknown_row_answers_404(client: TestClient) -> None:
    product = builders.product(client)
    response = client.put(f"/products/{product['id']}/prices/77", json={"sell_price": 5})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}


def test_create_product_price_starting_after_it_ends_answers_422(client: TestClient, admin: TestClient) -> None:
    product = builders.product(client)
    before = exported(admin)
    body = {"starts_at": "2026-02-01T00:00:00Z", "ends_at": "2026-01-01T00:00:00Z"}
    response = client.post(f"/products/{product['id']}/prices", json=body)
    assert errors_of(response) == {"status": 422, "code": "invalid_period", "fields": ["ends_at"]}
    assert exported(admin) == before


def test_update_product_price_moving_the_end_before_the_start_answers_422(client: TestClient) -> None:
    product = builders.product(client)
    row = builders.created(client, f"/products/{product['id']}/prices", {"starts_at": "2026-02-01T00:00:00Z"})
    response = client.put(f"/products/{product['id']}/prices/{row['id']}", json={"ends_at": "2026-01-31T23:59:59Z"})
    assert errors_of(response) == {"status": 422, "code": "invalid_period", "fields": ["ends_at"]}


def test_create_product_price_negative_amount_answers_422(client: TestClient) -> None:
    product = builders.product(client)
    response = client.post(f"/products/{product['id']}/prices", json={"sell_price": -1})
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": ["sell_price"]}


def test_create_product_price_instant_before_year_one_in_utc_answers_422(client: TestClient) -> None:
    product = builders.product(client)
    response = client.post(f"/products/{product['id']}/prices", json={"starts_at": "0001-01-01T00:00:00+01:00"})
    assert errors_of(response) == {"status": 422, "code": "date_range", "fields": ["starts_at"]}


def test_create_product_price_in_an_early_year_keeps_a_four_digit_year(client: TestClient) -> None:
    product = builders.product(client)
    body = {"starts_at": "0999-01-01T00:00:00Z", "ends_at": "0152-12-29T21:02:23+21:58"}
    response = client.post(f"/products/{product['id']}/prices", json=body)
    assert errors_of(response) == {"status": 422, "code": "invalid_period", "fields": ["ends_at"]}
    created = builders.created(client, f"/products/{product['id']}/prices", {"starts_at": body["ends_at"]})
    assert created["starts_at"] == "0152-12-28T23:04:23.000000Z"

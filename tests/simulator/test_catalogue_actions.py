"""`POST /_sim/actions/delete_product`: a Jasper UI user deletes a product (the API cannot)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.config import DEMO_KEY
from tests.simulator.conftest import bearer


def _parent(client: TestClient) -> dict[str, Any]:
    """The demo's gridded parent: variants, an up-sell link, prices and stock."""
    products: list[dict[str, Any]] = client.get("/products?per_page=100").json()["data"]
    return next(product for product in products if product["children"])


def _rows(admin: TestClient, table: str, product_id: int) -> list[int]:
    rows = admin.get("/state?tenant=demo").json()["tenants"]["demo"][table]
    return [row["id"] for row in rows if product_id in (row.get("product_id"), row.get("related_product_id"))]


def test_delete_product_removes_it_with_its_rows_and_links_and_keeps_its_variants(
    admin: TestClient, client: TestClient
) -> None:
    admin.post("/seed", json={"seed": "demo", "tenant": "demo"})
    parent = _parent(client)
    rows = {table: _rows(admin, table, parent["id"]) for table in ("prices", "inventory", "relations")}

    answer = admin.post("/actions/delete_product", json={"tenant": "demo", "product_id": parent["id"]})

    assert answer.json() == {"tenant": "demo", "removed": {"product": parent["id"], **rows}}
    assert rows["prices"] and rows["relations"]  # the demo parent has prices and links (its variants have stock)
    assert client.get(f"/products/{parent['id']}").status_code == 404
    assert [_rows(admin, table, parent["id"]) for table in rows] == [[], [], []]
    variants = [client.get(f"/products/{child}").json() for child in parent["children"]]
    assert [(variant["parent_id"], variant["relations"]) for variant in variants] == [(None, [])] * len(variants)
    assert client.post("/products", json={"name": "Again", "sku": parent["sku"]}).status_code == 201  # sku free
    stock = _rows(admin, "inventory", variants[0]["id"])
    gone = admin.post("/actions/delete_product", json={"tenant": "demo", "product_id": variants[0]["id"]})
    assert (bool(stock), gone.json()["removed"]["inventory"], _rows(admin, "inventory", variants[0]["id"])) == (
        True,
        stock,
        [],
    )


def test_delete_product_unknown_answers_404_and_bad_body_422(admin: TestClient) -> None:
    unknown = admin.post("/actions/delete_product", json={"tenant": "demo", "product_id": 99})
    no_tenant = admin.post("/actions/delete_product", json={"tenant": "nobody", "product_id": 1})
    bad = admin.post("/actions/delete_product", json={"tenant": "demo", "product_id": "1"})

    assert [(r.status_code, r.json()["code"]) for r in (unknown, no_tenant, bad)] == [
        (404, "not_found"),
        (404, "unknown_tenant"),
        (422, "validation_failed"),
    ]


def test_delete_product_is_kept_in_the_state_file(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    with TestClient(create_app(state_file=state), base_url="http://testserver") as http:
        http.post("/_sim/seed", json={"seed": "demo"})
        assert http.post("/_sim/actions/delete_product", json={"tenant": "demo", "product_id": 1}).status_code == 200
        before = http.get("/_sim/state").json()
    with TestClient(create_app(state_file=state), base_url="http://testserver") as http:
        after = http.get("/_sim/state").json()
        gone = http.get("/api/v1/products/1", headers=bearer(DEMO_KEY)).status_code

    assert (after, gone) == (before, 404)

"""HEAD on a GET route, and which answer comes first when the key is missing (contracts/wire.py).

HEAD answers as the GET would, status and headers, without a body (RFC 9110 §9.3.2; Laravel serves HEAD
on every GET route). On a tenant's host the route is resolved before the key is checked (assumed,
Laravel: routing runs before route middleware), so an unknown route answers 404 and a wrong method 405
whatever the key, and only a route that exists answers 401.
"""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from simulator.config import DEMO_KEY
from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import bearer

DEMO_HOST = "demo.pim.jasperpim.com"
DOCS_HOST = "docs.pim.jasperpim.com"


@pytest.mark.parametrize("path", ["/products/{id}", "/products?per_page=2", "/ping", "/products/{id}/prices"])
def test_head_on_a_get_route_answers_the_get_without_a_body(client: TestClient, path: str) -> None:
    product = builders.product(client)
    url = path.format(id=product["id"])
    got, head = client.get(url), client.head(url)
    assert (head.status_code, head.content) == (200, b"")
    assert (head.headers["content-type"], head.headers["content-length"]) == (
        "application/json",
        str(len(got.content)),
    )


def test_head_on_a_missing_product_answers_404_without_a_body(client: TestClient) -> None:
    response = client.head("/products/999")
    assert (response.status_code, response.content, response.headers["content-type"]) == (
        404,
        b"",
        "application/json",
    )


def test_head_on_a_post_only_route_answers_405(client: TestClient) -> None:
    product = builders.product(client)
    response = client.head(f"/products/{product['id']}/relations/{product['id']}/type/2")
    assert (response.status_code, response.content, response.headers["allow"]) == (405, b"", "POST")


def test_head_changes_nothing_and_is_journaled_as_head(app: Starlette, client: TestClient) -> None:
    with TestClient(app, base_url="http://testserver/_sim") as control:
        control.delete("/journal")
        before = control.get("/state").json()
        client.head("/products")
        entries = control.get("/journal").json()["data"]
        assert control.get("/state").json() == before
    assert [(entry["method"], entry["operation"], entry["status"]) for entry in entries] == [
        ("HEAD", "listProducts", 200)
    ]


def test_head_without_a_key_answers_401_without_a_body(app: Starlette) -> None:
    with TestClient(app, base_url="http://testserver/api/v1", headers={"host": DEMO_HOST}) as anonymous:
        response = anonymous.head("/products")
    assert (response.status_code, response.content) == (401, b"")


def test_unknown_route_on_a_tenant_host_without_a_key_answers_404(app: Starlette) -> None:
    with TestClient(app, base_url="http://testserver/api/v1", headers={"host": DEMO_HOST}) as anonymous:
        response = anonymous.get("/no/such/route")
    assert errors_of(response) == {"status": 404, "code": "route_not_found", "fields": []}


def test_wrong_method_on_a_tenant_host_without_a_key_answers_405(app: Starlette) -> None:
    with TestClient(app, base_url="http://testserver/api/v1", headers={"host": DEMO_HOST}) as anonymous:
        response = anonymous.delete("/products")
    assert errors_of(response) == {"status": 405, "code": "method_not_allowed", "fields": []}
    assert response.headers["allow"] == "GET, HEAD, POST"


def test_other_profile_route_on_a_tenant_host_without_a_key_answers_404_naming_it(app: Starlette) -> None:
    with TestClient(app, base_url="http://testserver/api/v1", headers={"host": DOCS_HOST}) as anonymous:
        response = anonymous.post("/products/1/inventory", json={})
    assert (errors_of(response), response.json()["served_by"]) == (
        {"status": 404, "code": "other_profile", "fields": []},
        "live",
    )


def test_existing_route_on_a_tenant_host_with_a_wrong_key_answers_401(app: Starlette) -> None:
    headers = {"host": DEMO_HOST, **bearer("not-a-key")}
    with TestClient(app, base_url="http://testserver/api/v1", headers=headers) as wrong:
        response = wrong.get("/products")
    assert errors_of(response) == {"status": 401, "code": "unauthenticated", "fields": []}


def test_unknown_route_without_a_tenant_host_or_key_answers_401(app: Starlette) -> None:
    with TestClient(app, base_url="http://testserver/api/v1", headers={"host": "127.0.0.1"}) as anonymous:
        response = anonymous.get("/no/such/route")
    assert errors_of(response) == {"status": 401, "code": "unauthenticated", "fields": []}


def test_unknown_route_with_a_valid_key_answers_404(app: Starlette) -> None:
    with TestClient(app, base_url="http://testserver/api/v1", headers=bearer(DEMO_KEY)) as client:
        response = client.get("/no/such/route")
    assert errors_of(response) == {"status": 404, "code": "route_not_found", "fields": []}

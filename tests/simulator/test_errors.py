"""Bad input and framing: every error is JSON in the contract's shape, never a 5xx, and changes nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.testclient import TestClient

from contracts import OPERATIONS
from contracts.op import Op, Profile
from simulator import state
from simulator.app import create_app
from simulator.config import DEMO_KEY, SimConfig, TenantConfig
from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import bearer, error, exported

LIVE_BODY_OPS = [op for op in OPERATIONS if op.body is not None and Profile.LIVE in op.profiles]


def _concrete(op: Op, ids: int = 1) -> str:
    return re.sub(r"\{[^}]+\}", str(ids), op.path)


def test_unknown_route_answers_404_json(client: TestClient) -> None:
    assert errors_of(client.get("/nothing/here")) == {"status": 404, "code": "route_not_found", "fields": []}


def test_route_outside_the_api_answers_404_json(app: Starlette) -> None:
    with TestClient(app) as bare:
        assert errors_of(bare.get("/index.html")) == {"status": 404, "code": "route_not_found", "fields": []}


def test_ping_behind_a_root_path_is_served(app: Starlette) -> None:
    with TestClient(app, root_path="/proxy", headers=bearer(DEMO_KEY)) as proxied:
        response = proxied.get("/api/v1/ping")
    assert (response.status_code, list(response.json())) == (200, ["time"])


@pytest.mark.parametrize("path", ["/productsX", "/Xproducts", "/products/1X", "/pingX"])
def test_route_one_letter_off_answers_404(client: TestClient, path: str) -> None:
    assert errors_of(client.get(path)) == {"status": 404, "code": "route_not_found", "fields": []}


def test_route_with_a_non_numeric_id_answers_404(client: TestClient) -> None:
    assert errors_of(client.get("/products/abc")) == {"status": 404, "code": "route_not_found", "fields": []}


@pytest.mark.parametrize(
    "raw_id",
    ["0", "9223372036854775808", "00000000000000000001", "1" * 5000],
    ids=["zero", "above-max", "20-digits-naming-1", "huge"],
)
def test_get_product_id_out_of_range_answers_404(client: TestClient, raw_id: str) -> None:
    builders.product(client)  # product 1 exists: an id mapped onto it by mistake would answer 200
    response = client.get(f"/products/{raw_id}")
    # refused before any handler: the message names no kind of object, only the (shortened) id
    assert (response.status_code, response.json()) == (404, error(f"No object with id {raw_id[:40]}.", "not_found"))


def test_get_product_id_of_19_digits_naming_1_is_served(client: TestClient) -> None:
    product = builders.product(client)
    response = client.get("/products/" + "1".zfill(19))
    assert (response.status_code, response.json()) == (200, product)


def test_wrong_method_answers_405_with_allow(client: TestClient) -> None:
    response = client.delete("/products")
    assert errors_of(response) == {"status": 405, "code": "method_not_allowed", "fields": []}
    assert response.headers["allow"] == "GET, HEAD, POST"  # HEAD is served with GET (wire.py)


def test_create_product_malformed_json_answers_400(client: TestClient) -> None:
    response = client.post("/products", content=b'{"name": ', headers={"content-type": "application/json"})
    assert errors_of(response) == {"status": 400, "code": "malformed_json", "fields": []}


@pytest.mark.parametrize(
    "raw",
    [b"", b'{"name": "\\ud800", "sku": "x"}', b'{"name": "\xff", "sku": "x"}', b"\xef\xbb\xbf{}"],
    ids=["empty", "lone-surrogate", "bad-utf8", "bom"],
)
def test_create_product_undecodable_body_answers_400(client: TestClient, raw: bytes) -> None:
    response = client.post("/products", content=raw, headers={"content-type": "application/json"})
    assert errors_of(response) == {"status": 400, "code": "malformed_json", "fields": []}


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded", "json"])
def test_create_product_without_json_content_type_answers_415(client: TestClient, content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = client.post("/products", content=b'{"name": "a", "sku": "b"}', headers=headers)
    assert errors_of(response) == {"status": 415, "code": "unsupported_media_type", "fields": []}


def test_create_product_json_content_type_with_charset_is_accepted(client: TestClient) -> None:
    headers = {"content-type": "Application/JSON; charset=utf-8"}
    response = client.post("/products", content=b'{"name": "a", "sku": "b"}', headers=headers)
    assert (response.status_code, response.json()["name"], response.json()["sku"]) == (201, "a", "b")
    assert client.get("/products/1").json() == response.json()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": 5, "sku": "a"}, "name"),
        ({"name": "a", "sku": "a", "colour": "red"}, "colour"),
        ({"name": "a", "sku": "a", "option_set_id": 10**30}, "option_set_id"),
        ({"name": "a", "sku": "a", "option_set_id": "1"}, "option_set_id"),
        ({"name": "a" * 256, "sku": "a"}, "name"),
        ([], "body"),
        ("text", "body"),
    ],
    ids=["wrong-type", "unknown-field", "huge-number", "string-number", "too-long", "array", "string"],
)
def test_create_product_invalid_body_answers_422_and_changes_nothing(
    client: TestClient, admin: TestClient, body: Any, field: str
) -> None:
    before = exported(admin)
    response = client.post("/products", json=body)
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": [field]}
    assert exported(admin) == before


def test_create_product_inventory_infinite_count_answers_422(client: TestClient) -> None:
    product = builders.product(client)
    raw = b'{"location": "NYC", "count_on_hand": 1e999}'
    response = client.post(
        f"/products/{product['id']}/inventory", content=raw, headers={"content-type": "application/json"}
    )
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": ["count_on_hand"]}


def test_create_product_odd_unicode_is_kept_verbatim(client: TestClient) -> None:
    name = "Zoë \u202e\u0000 \U0001f600 \ufeff"
    created = builders.product(client, name=name, sku="\u00a0")
    assert client.get(f"/products/{created['id']}").json()["name"] == name


@pytest.fixture
def small_app() -> Starlette:
    return create_app(SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY)], max_body_bytes=64))


def test_create_product_body_over_the_limit_by_content_length_answers_413(small_app: Starlette) -> None:
    with TestClient(small_app, headers=bearer(DEMO_KEY)) as client:
        response = client.post("/api/v1/products", json={"name": "x" * 100, "sku": "a"})
    assert errors_of(response) == {"status": 413, "code": "payload_too_large", "fields": []}


def test_create_product_over_the_limit_by_content_length_answers_413_before_the_media_type(
    small_app: Starlette,
) -> None:
    # the header alone decides: the body is never read, so its media type is not looked at either
    with TestClient(small_app, headers=bearer(DEMO_KEY)) as client:
        response = client.post("/api/v1/products", content=b"x" * 100, headers={"content-type": "text/plain"})
    assert errors_of(response) == {"status": 413, "code": "payload_too_large", "fields": []}


def test_create_product_streamed_body_over_the_limit_answers_413(small_app: Starlette) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"name": "'
        yield b"x" * 100
        yield b'", "sku": "a"}'

    headers = {"content-type": "application/json"}
    with TestClient(small_app, headers=bearer(DEMO_KEY)) as client:
        response = client.post("/api/v1/products", content=chunks(), headers=headers)
        listing = client.get("/api/v1/products").json()["data"]
    assert "content-length" not in response.request.headers
    assert errors_of(response) == {"status": 413, "code": "payload_too_large", "fields": []}
    assert listing == []


def test_create_product_body_at_the_limit_is_accepted(small_app: Starlette) -> None:
    body = b'{"name": "' + b"x" * 40 + b'", "sku": "a"}'
    assert len(body) == 64
    with TestClient(small_app, headers=bearer(DEMO_KEY)) as client:
        response = client.post("/api/v1/products", content=body, headers={"content-type": "application/json"})
        stored = client.get("/api/v1/products/1").json()
    assert (response.status_code, response.json(), stored["name"]) == (201, stored, "x" * 40)


def test_get_state_unexpected_exception_answers_json_500(app: Starlette, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(store: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(state, "export_tenant", broken)  # imported by the call (control/core.py)
    with TestClient(app, raise_server_exceptions=False) as bare:
        response = bare.get("/_sim/state")
    assert errors_of(response) == {"status": 500, "code": "internal_error", "fields": []}


def test_get_product_unexpected_exception_answers_json_500_and_is_logged(
    app: Starlette, client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    class BrokenTable(dict[int, Any]):
        def get(self, *args: Any) -> Any:
            raise RuntimeError("disk on fire")

    app.state.tenants.by_name["demo"].store.products = BrokenTable()
    with caplog.at_level("ERROR", logger="simulator"):
        response = client.get("/products/1")
    assert (response.status_code, response.json()) == (500, error("Server Error", "internal_error"))
    assert [
        (r.name, r.levelname, r.getMessage(), repr(r.exc_info[1]) if r.exc_info else None) for r in caplog.records
    ] == [("simulator", "ERROR", "unexpected error in GET /api/v1/products/1", "RuntimeError('disk on fire')")]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)


@given(op=st.sampled_from(LIVE_BODY_OPS), payload=json_values, ids=st.integers(min_value=1, max_value=3))
def test_every_body_operation_on_arbitrary_json_never_answers_5xx(op: Op, payload: Any, ids: int) -> None:
    app = create_app()
    with TestClient(app, base_url="http://testserver/api/v1", headers=bearer(DEMO_KEY)) as client:
        builders.product(client)
        before = app.state.tenants.by_name["demo"].store.products.copy()
        response = client.request(op.method, _concrete(op, ids), json=payload)
        assert response.status_code < 500
        if response.status_code >= 400:
            assert set(response.json()) == {"message", "code", "errors"}
            assert app.state.tenants.by_name["demo"].store.products == before

"""The control plane under /_sim/: health, reset, seed, state export/import, admin token (journal: test_journal.py)."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.config import DEMO_KEY, SimConfig, TenantConfig
from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import STAMP, bearer, exported

PRODUCT_ROW = {
    "id": 1, "name": "Mug", "sku": "MUG-1", "type": None, "description": None, "option_set_id": None,
    "created_at": STAMP, "updated_at": STAMP,
}  # fmt: skip


def test_health_lists_the_tenants_and_their_profiles(admin: TestClient) -> None:
    response = admin.get("/health")
    assert (response.status_code, response.json()) == (
        200,
        {
            "status": "ok",
            "tenants": [
                {"name": "demo", "profile": "live"},
                {"name": "acme", "profile": "live"},
                {"name": "docs", "profile": "documented"},
            ],
        },
    )


def test_reset_one_tenant_empties_it_and_restarts_its_ids(
    admin: TestClient, client: TestClient, acme: TestClient
) -> None:
    builders.product(client, sku="A")
    builders.product(client, sku="B")
    theirs = builders.product(acme)
    response = admin.post("/reset", json={"tenant": "demo"})
    assert (response.status_code, response.json()) == (200, {"reset": ["demo"]})
    assert client.get("/products").json()["data"] == []
    assert acme.get("/products").json()["data"] == [theirs]
    assert builders.product(client, sku="C")["id"] == 1


def test_reset_without_a_body_empties_every_tenant(admin: TestClient, client: TestClient, acme: TestClient) -> None:
    builders.product(client)
    builders.product(acme)
    response = admin.post("/reset", headers={"Content-Type": "application/json"})
    assert (response.status_code, response.json()) == (200, {"reset": ["demo", "acme", "docs"]})
    assert client.get("/products").json()["data"] == acme.get("/products").json()["data"] == []


def test_reset_unknown_tenant_answers_404(admin: TestClient) -> None:
    assert errors_of(admin.post("/reset", json={"tenant": "globex"})) == {
        "status": 404,
        "code": "unknown_tenant",
        "fields": [],
    }


def test_reset_bad_body_answers_422_or_400(admin: TestClient) -> None:
    assert errors_of(admin.post("/reset", json={"tenant": 5})) == {
        "status": 422,
        "code": "validation_failed",
        "fields": ["tenant"],
    }
    assert errors_of(admin.post("/reset", content=b"{", headers={"Content-Type": "application/json"})) == {
        "status": 400,
        "code": "malformed_json",
        "fields": [],
    }


def test_seed_demo_loads_the_catalogue_into_one_tenant(admin: TestClient, client: TestClient, acme: TestClient) -> None:
    builders.product(client, sku="GONE")
    response = admin.post("/seed", json={"seed": "demo", "tenant": "demo"})
    assert (response.status_code, response.json()) == (200, {"seeded": ["demo"]})
    skus = [product["sku"] for product in client.get("/products").json()["data"]]
    assert skus == [
        "MUG-CLASSIC", "JKT-RAIN", "TEE-EVERYDAY", "TEE-EVERYDAY-S-BLA", "TEE-EVERYDAY-S-WHI", "TEE-EVERYDAY-M-BLA",
        "TEE-EVERYDAY-M-WHI",
    ]  # fmt: skip
    assert acme.get("/products").json()["data"] == []


def test_get_state_of_one_tenant(admin: TestClient, acme: TestClient) -> None:
    product = builders.product(acme)
    state = admin.get("/state", params={"tenant": "acme"}).json()
    assert list(state["tenants"]) == ["acme"]
    stored = {key: value for key, value in product.items() if key in state["tenants"]["acme"]["products"][0]}
    assert state["tenants"]["acme"]["products"] == [stored]


def test_put_state_round_trips_and_ids_continue_after_it(admin: TestClient, acme: TestClient) -> None:
    admin.post("/seed", json={"tenant": "demo"})
    demo_state = admin.get("/state", params={"tenant": "demo"}).json()["tenants"]["demo"]
    response = admin.put("/state", json={"tenants": {"acme": demo_state}})
    assert (response.status_code, response.json()) == (200, {"loaded": ["acme"]})
    assert admin.get("/state", params={"tenant": "acme"}).json()["tenants"]["acme"] == demo_state
    highest = max(product["id"] for product in demo_state["products"])
    assert builders.product(acme, sku="NEW")["id"] == highest + 1
    assert acme.get("/products/3").json()["children"] == [4, 5, 6, 7]


# Shape errors (the file's models); the rules of simulator/state_checks.py: tests/simulator/test_state_checks.py.
SHAPE_BREAKAGES: dict[str, tuple[dict[str, Any], str]] = {
    "unknown-field": ({"products": [{**PRODUCT_ROW, "colour": "red"}]}, "tenants.demo.products.0.colour"),
    "wrong-type": ({"products": [{**PRODUCT_ROW, "id": "1"}]}, "tenants.demo.products.0.id"),
    "bad-stamp": ({"products": [{**PRODUCT_ROW, "created_at": "yesterday"}]}, "tenants.demo.products.0.created_at"),
    "unknown-table": ({"brands": []}, "tenants.demo.brands"),
}


@pytest.mark.parametrize("breakage", list(SHAPE_BREAKAGES))
def test_put_state_badly_shaped_file_answers_422_and_changes_nothing(
    admin: TestClient, client: TestClient, breakage: str
) -> None:
    builders.product(client)
    before = exported(admin)
    state, field = SHAPE_BREAKAGES[breakage]
    response = admin.put("/state", json={"tenants": {"demo": state}})
    assert errors_of(response) == {"status": 422, "code": "invalid_state", "fields": [field]}
    assert exported(admin) == before


def test_put_state_unknown_tenant_answers_422(admin: TestClient) -> None:
    response = admin.put("/state", json={"tenants": {"globex": {}}})
    assert errors_of(response) == {"status": 422, "code": "invalid_state", "fields": ["globex"]}


def test_put_state_empty_tables_empty_the_tenant(admin: TestClient, client: TestClient) -> None:
    builders.product(client)
    response = admin.put("/state", json={"tenants": {"demo": {}}})
    assert (response.status_code, response.json()) == (200, {"loaded": ["demo"]})
    assert client.get("/products").json()["data"] == []


def test_control_plane_with_an_admin_token_requires_it() -> None:
    config = SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY)], admin_token="s3cret")
    with TestClient(create_app(config), base_url="http://testserver/_sim") as control:
        assert control.get("/health").json() == {"status": "ok"}  # container health checks need no token
        assert errors_of(control.get("/state")) == {"status": 401, "code": "unauthenticated", "fields": []}
        wrong = {**bearer("wrong"), "Content-Type": "application/json"}
        assert errors_of(control.post("/reset", headers=wrong)) == {
            "status": 401,
            "code": "unauthenticated",
            "fields": [],
        }
        assert control.get("/health", headers=bearer("s3cret")).json() == {
            "status": "ok",
            "tenants": [{"name": "demo", "profile": "live"}],
        }
        assert control.get("/api/v1/ping", headers=bearer(DEMO_KEY)).status_code == 404


def test_control_plane_unknown_path_answers_404_json(admin: TestClient) -> None:
    assert errors_of(admin.get("/nothing")) == {"status": 404, "code": "route_not_found", "fields": []}


def test_control_plane_wrong_method_answers_405_json(admin: TestClient) -> None:
    response = admin.delete("/health")
    assert errors_of(response) == {"status": 405, "code": "method_not_allowed", "fields": []}
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD"}  # Starlette adds HEAD to GET


@pytest.mark.parametrize("number", ["1e400", "-1e400"])
def test_put_state_refuses_numbers_that_are_not_finite(admin: TestClient, number: str) -> None:
    before = admin.get("/state").json()
    stamps = '"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"'
    row = (
        '{"id": 1, "product_id": 1, "sell_price": NUMBER, "cost": null, "msrp": null, "map": null, "starts_at": null, '
        f'"ends_at": null, "channel_id": null, {stamps}}}'
    ).replace("NUMBER", number)
    product = (
        '{"id": 1, "name": "P", "sku": "P", "type": null, "description": null, "option_set_id": null, '
        '"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}'
    )
    raw = f'{{"tenants": {{"demo": {{"products": [{product}], "prices": [{row}]}}}}}}'
    response = admin.put("/state", content=raw, headers={"Content-Type": "application/json"})
    assert errors_of(response) == {"status": 422, "code": "invalid_state", "fields": ["body"]}
    infinity = admin.put(
        "/state", content=raw.replace(number, "Infinity"), headers={"Content-Type": "application/json"}
    )
    assert errors_of(infinity) == {"status": 400, "code": "malformed_json", "fields": []}
    assert admin.get("/state").json() == before


def test_put_state_over_the_control_body_limit_answers_413() -> None:
    config = SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY)], max_control_body_bytes=1000)
    with TestClient(create_app(config), base_url="http://testserver/_sim") as control:
        stamp = "2026-01-01T00:00:00Z"
        options = [{"id": i, "name": "x" * 50, "created_at": stamp, "updated_at": stamp} for i in range(1, 30)]
        body = {"tenants": {"demo": {"options": options}}}
        assert errors_of(control.put("/state", json=body)) == {"status": 413, "code": "payload_too_large", "fields": []}
        small: dict[str, Any] = {"tenants": {"demo": {}}}
        assert control.put("/state", json=small).status_code == 200


@pytest.mark.parametrize(
    "case",
    [
        ("POST", "/reset", {"Content-Type": "text/plain"}, (415, "unsupported_media_type")),
        ("POST", "/reset", {"Content-Type": "application/x-www-form-urlencoded"}, (415, "unsupported_media_type")),
        ("PUT", "/state", {}, (415, "unsupported_media_type")),
        (
            "POST",
            "/reset",
            {"Content-Type": "application/json", "Origin": "http://evil.example"},
            (403, "cross_origin"),
        ),
        ("GET", "/state", {"Origin": "null"}, (403, "cross_origin")),
        ("GET", "/state", {"Origin": "http://testserver.evil.example"}, (403, "cross_origin")),
    ],
)
def test_control_plane_refuses_what_a_web_page_could_send(
    admin: TestClient, client: TestClient, case: tuple[str, str, dict[str, str], tuple[int, str]]
) -> None:
    method, path, headers, expected = case
    builders.product(client)
    before = admin.get("/state").json()
    response = admin.request(method, path, content=b"{}", headers=headers)
    assert errors_of(response) == {"status": expected[0], "code": expected[1], "fields": []}
    assert admin.get("/state").json() == before


def test_control_plane_accepts_its_own_origin(admin: TestClient) -> None:
    response = admin.post("/reset", json={}, headers={"Origin": "http://testserver"})
    assert response.status_code == 200

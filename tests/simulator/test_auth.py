"""Auth and tenants: a Bearer key on every operation; tenants by Host, else by key; no crossing over."""

from __future__ import annotations

import re

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from contracts import OPERATIONS
from contracts.op import Op, Profile
from simulator.config import DEMO_KEY
from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import ACME_KEY, DOCS_KEY, bearer, exported

UNAUTHENTICATED = {"status": 401, "code": "unauthenticated", "fields": []}
HOST_OF = {Profile.LIVE: "demo.pim.jasperpim.com", Profile.DOCUMENTED: "docs.pim.jasperpim.com"}


def _concrete(op: Op) -> str:
    return "/api/v1" + re.sub(r"\{[^}]+\}", "1", op.path)


@pytest.mark.parametrize(
    ("op", "profile"),
    [(op, profile) for op in OPERATIONS for profile in sorted(op.profiles)],
    ids=lambda value: value.id if isinstance(value, Op) else str(value),
)
def test_every_operation_without_a_key_answers_401(app: Starlette, op: Op, profile: Profile) -> None:
    with TestClient(app) as anonymous:
        response = anonymous.request(op.method, _concrete(op), headers={"host": HOST_OF[profile]}, json={})
    assert errors_of(response) == UNAUTHENTICATED


@pytest.mark.parametrize(
    "authorization",
    [
        "",
        "Bearer",
        "Bearer ",
        f"Token {DEMO_KEY}",
        f"Bearer  {DEMO_KEY}",
        f"Bearer {DEMO_KEY} ",
        DEMO_KEY,
        "Bearer nope",
    ],
    ids=["empty", "scheme-only", "scheme-space", "other-scheme", "two-spaces", "trailing-space", "bare-key", "unknown"],
)
def test_ping_with_a_malformed_or_unknown_key_answers_401(app: Starlette, authorization: str) -> None:
    with TestClient(app) as anonymous:
        response = anonymous.get("/api/v1/ping", headers={"Authorization": authorization})
    assert errors_of(response) == UNAUTHENTICATED


def test_ping_accepts_the_bearer_scheme_in_any_case(app: Starlette) -> None:
    with TestClient(app) as anonymous:
        response = anonymous.get("/api/v1/ping", headers={"Authorization": f"bEaReR {DEMO_KEY}"})
    assert (response.status_code, list(response.json())) == (200, ["time"])


def test_get_product_of_another_tenant_answers_404(client: TestClient, acme: TestClient) -> None:
    mine = builders.product(client)
    assert errors_of(acme.get(f"/products/{mine['id']}")) == {"status": 404, "code": "not_found", "fields": []}
    assert acme.get("/products").json()["data"] == []


def test_create_product_same_sku_in_two_tenants_is_allowed(client: TestClient, acme: TestClient) -> None:
    assert builders.product(client, sku="X") == builders.product(acme, sku="X")


@pytest.mark.parametrize("host", ["demo.pim.jasperpim.com", "demo.oci-1.jasperpim.com:443", "DEMO.PIM.JASPERPIM.COM"])
def test_get_product_tenant_chosen_by_host_on_either_pattern(app: Starlette, client: TestClient, host: str) -> None:
    mine = builders.product(client)
    with TestClient(app, headers={"host": host, **bearer(DEMO_KEY)}) as by_host:
        assert by_host.get(f"/api/v1/products/{mine['id']}").json() == mine


def test_create_product_with_host_of_one_tenant_and_key_of_another_answers_401(
    app: Starlette, admin: TestClient
) -> None:
    before = exported(admin)
    with TestClient(app, headers={"host": "demo.pim.jasperpim.com", **bearer(ACME_KEY)}) as crossed:
        response = crossed.post("/api/v1/products", json={"name": "Sneaky", "sku": "S"})
        listing = crossed.get("/api/v1/products")
    assert errors_of(response) == UNAUTHENTICATED
    assert errors_of(listing) == UNAUTHENTICATED
    assert exported(admin) == before


def test_get_product_unknown_host_falls_back_to_the_key(app: Starlette, acme: TestClient) -> None:
    theirs = builders.product(acme)
    with TestClient(app, headers={"host": "127.0.0.1:8000", **bearer(ACME_KEY)}) as by_key:
        assert by_key.get(f"/api/v1/products/{theirs['id']}").json() == theirs


def test_ping_documented_tenant_by_its_key(app: Starlette) -> None:
    with TestClient(app, headers=bearer(DOCS_KEY)) as docs:
        assert docs.get("/api/v1/ping").status_code == 200

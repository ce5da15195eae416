"""Key permissions: a key without the operation's permission answers 403 and changes nothing.

Every operation of both profiles is called twice on a seeded tenant: with a key holding every
permission but the one it needs (403, the permission named, the tenant's state unchanged) and with a
key holding only that permission (the check lets it through). Then the order of the checks (route,
authentication, interceptors, authorization, validation) and the configuration of permissions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.testclient import TestClient

from contracts import OPERATIONS, wire
from contracts.op import Op, Profile
from contracts.permissions import PERMISSIONS, permission_for
from simulator import demo
from simulator.app import create_app
from simulator.config import KeySpec, SimConfig, TenantConfig
from simulator.errors import ApiError
from simulator.routing import Exchange, build_routes
from simulator.state import export_tenant
from simulator.tenants import key_digest
from tests.client.examples import BODIES
from tests.simulator.conftest import bearer

TENANTS = {Profile.LIVE: "demo", Profile.DOCUMENTED: "docs"}
GUARDED = [(op, profile) for op in OPERATIONS if permission_for(op) for profile in sorted(op.profiles)]


def without(tenant: str, permission: str) -> str:
    return f"{tenant}-without-{permission}"


def only(tenant: str, permission: str) -> str:
    return f"{tenant}-only-{permission}"


def narrow_keys(tenant: str) -> list[str | KeySpec]:
    """Per permission, a key holding every other one and a key holding just it."""
    keys: list[str | KeySpec] = [f"{tenant}-key"]
    for permission in PERMISSIONS:
        others = [p for p in PERMISSIONS if p != permission]
        keys += [KeySpec(key=without(tenant, permission), permissions=others)]
        keys += [KeySpec(key=only(tenant, permission), permissions=[permission])]
    return keys


@pytest.fixture(scope="module")
def app() -> Starlette:
    """A live and a documented tenant, each seeded with the demo catalogue and holding the narrow keys."""
    tenants = [
        TenantConfig(name=name, hosts=[f"{name}.pim.jasperpim.com"], profile=profile, keys=narrow_keys(name))
        for profile, name in TENANTS.items()
    ]
    app = create_app(SimConfig(tenants=tenants))
    for tenant in app.state.tenants:
        demo.seed(tenant.store)
    return app


@pytest.fixture(scope="module")
def http(app: Starlette) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


def state_of(app: Starlette, tenant: str) -> Any:
    return export_tenant(app.state.tenants.by_name[tenant].store)


def call(http: TestClient, op: Op, profile: Profile, key: str) -> Any:
    """The operation with every path id 1 and a valid body, as the tenant of `profile` with `key`."""
    body = BODIES[op.body].model_dump(mode="json", exclude_unset=True) if op.body is not None else None
    url = f"http://{TENANTS[profile]}.pim.jasperpim.com{wire.API_PREFIX}{re.sub(r'{[^}]+}', '1', op.path)}"
    return http.request(op.method, url, json=body, headers=bearer(key))


@pytest.mark.parametrize(("op", "profile"), GUARDED, ids=lambda v: v.id if isinstance(v, Op) else str(v))
def test_every_operation_without_its_permission_answers_403_and_changes_nothing(
    app: Starlette, http: TestClient, op: Op, profile: Profile
) -> None:
    tenant, permission = TENANTS[profile], permission_for(op)
    assert permission is not None
    before = state_of(app, tenant)

    response = call(http, op, profile, without(tenant, permission))

    assert (response.status_code, response.json()) == (
        403,
        {
            "message": "This action is unauthorized.",
            "code": "missing_permission",
            "errors": {},
            "permission": permission,
        },
    )
    assert state_of(app, tenant) == before


@pytest.mark.parametrize(("op", "profile"), GUARDED, ids=lambda v: v.id if isinstance(v, Op) else str(v))
def test_every_operation_with_only_its_permission_passes_the_check(http: TestClient, op: Op, profile: Profile) -> None:
    permission = permission_for(op)
    assert permission is not None

    response = call(http, op, profile, only(TENANTS[profile], permission))

    assert response.status_code != 403, response.text


def test_ping_needs_no_permission_while_every_other_operation_does() -> None:
    tenant = TenantConfig(name="demo", hosts=["demo.pim.jasperpim.com"], keys=[KeySpec(key="bare", permissions=[])])
    with TestClient(create_app(SimConfig(tenants=[tenant])), headers=bearer("bare")) as client:
        assert client.get("/api/v1/ping").status_code == 200
        assert client.get("/api/v1/products").json()["permission"] == "product:read"


def test_unknown_route_with_a_narrow_key_answers_404_before_the_permission_check(http: TestClient) -> None:
    response = http.get("/api/v1/brands", headers=bearer(only("demo", "webhook:read")))
    assert response.json()["code"] == "route_not_found"


def test_create_product_invalid_body_without_permission_answers_403_before_validating(http: TestClient) -> None:
    response = http.post("/api/v1/products", json={"name": 7}, headers=bearer(without("demo", "product:write")))
    assert (response.status_code, response.json()["code"]) == (403, "missing_permission")


class _ThrottledError(ApiError):
    status = 429
    default_code = "rate_limited"


class _Throttle:
    """An interceptor refusing every call, as a rate limit does."""

    async def before(self, exchange: Exchange) -> None:
        raise _ThrottledError()

    async def after(self, exchange: Exchange, status: int, payload: bytes) -> tuple[int, bytes]:
        return status, payload


def test_create_product_throttled_answers_429_before_the_permission_check() -> None:
    tenant = TenantConfig(name="demo", keys=[KeySpec(key="ro", permissions=["product:read"])])
    app = create_app(SimConfig(tenants=[tenant]))
    app.state.api.interceptors.append(_Throttle())
    with TestClient(app, headers=bearer("ro")) as client:
        response = client.post("/api/v1/products", json={"name": "Cap", "sku": "CAP-1"})
    assert (response.status_code, response.json()["code"]) == (429, "rate_limited")


@pytest.mark.parametrize("profile", list(Profile))
def test_build_routes_precomputes_each_operations_permission(profile: Profile) -> None:
    routes = [route for methods in build_routes(profile).values() for route in methods.values()]
    assert [route.permission for route in routes] == [permission_for(route.op) for route in routes]


def test_from_file_reads_keys_with_permissions(tmp_path: Path) -> None:
    path = tmp_path / "tenants.json"
    keys = ["full-key", {"key": "stock-key", "permissions": ["product:read", "product_inventory:write"]}]
    path.write_text(json.dumps({"tenants": [{"name": "acme", "keys": keys}]}))

    app = create_app(SimConfig.from_file(path))

    grants = app.state.tenants.by_name["acme"].keys
    assert grants[key_digest(b"full-key")].permissions is None
    assert grants[key_digest(b"stock-key")].permissions == frozenset({"product:read", "product_inventory:write"})


@pytest.mark.parametrize("names", [["products:read"], ["product:read", "product:delete"], ["PRODUCT:READ"]])
def test_key_spec_unknown_permission_is_refused_naming_the_field(names: list[str]) -> None:
    with pytest.raises(ValidationError) as raised:
        KeySpec.validate({"key": "k", "permissions": names})
    assert [error["loc"] for error in raised.value.errors()] == [("permissions",)]
    with pytest.raises(ValueError, match=r"^unknown permission '"):  # built in code: the same rule
        KeySpec(key="k", permissions=names)


def test_config_file_unknown_permission_is_refused() -> None:
    document = {"tenants": [{"name": "acme", "keys": [{"key": "k", "permissions": ["stock:write"]}]}]}
    with pytest.raises(ValidationError) as raised:
        SimConfig.validate(document)
    assert [error["loc"] for error in raised.value.errors()] == [("tenants", 0, "keys", 0, "spec", "permissions")]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/tenants/demo/keys", {"permissions": ["products:read"]}, "permissions"),
        (
            "/tenants",
            {"name": "globex", "keys": [{"key": "globex-key", "permissions": ["nope"]}]},
            "keys.0.spec.permissions",
        ),
    ],
    ids=["add-key", "create-tenant"],
)
def test_runtime_key_unknown_permission_answers_422_naming_the_field(path: str, body: Any, field: str) -> None:
    app = create_app()
    with TestClient(app, base_url="http://testserver/_sim") as admin:
        before = admin.get("/tenants").json()
        response = admin.post(path, json=body)
        assert (response.status_code, response.json()["code"], list(response.json()["errors"])) == (
            422,
            "validation_failed",
            [field],
        )
        assert admin.get("/tenants").json() == before


def test_runtime_key_with_permissions_answers_403_beyond_them() -> None:
    app = create_app()
    with TestClient(app, base_url="http://testserver/_sim") as admin:
        added = admin.post("/tenants/demo/keys", json={"permissions": ["product:read"]}).json()
    with TestClient(app, base_url="http://testserver/api/v1", headers=bearer(added["key"])) as client:
        assert client.get("/products").status_code == 200
        assert client.post("/products", json={"name": "Cap", "sku": "CAP-1"}).json()["permission"] == "product:write"

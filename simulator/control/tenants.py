"""Tenants and keys at run time: `/_sim/tenants`, persisted with `--state`.

`POST /_sim/tenants` takes a config file's tenant fields; a key is generated unless `keys` are given,
and the answer (201) is the only place a generated key is ever shown. `GET /_sim/tenants[/{name}]` lists
tenants with key fingerprints, never keys; `DELETE /_sim/tenants/{name}` removes a tenant and its data.
`POST /_sim/tenants/{name}/keys` adds a key (answered once); `DELETE /_sim/tenants/{name}/keys/{fingerprint}`
revokes one: from then on it answers 401, as a revoked Jasper key does (IPAAS-EP: a key is valid until
revoked, its user deleted, or rotated). The config file's rules hold: unique names, hosts and keys, a
`variant` relation type; a violation is a 422 naming the field.
"""

from __future__ import annotations

import dataclasses
import secrets
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from contracts import wire
from simulator.config import ApiKey, KeyEntry, KeySpec, TenantSettings
from simulator.control.common import authorised, body, json_response
from simulator.errors import NotFound, Unprocessable
from simulator.tenants import KeyGrant, Tenant, TenantConflictError, Tenants

if TYPE_CHECKING:  # sqlite3 and the state file are loaded only when there is one (issue 11: start-up)
    from simulator.persistence import Persistence


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class TenantCreate(TenantSettings):
    """A tenant as `POST /_sim/tenants` takes it: the config file's fields, keys optional."""

    keys: list[KeyEntry] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class KeyCreate(KeySpec):
    """A key as `POST /_sim/tenants/{name}/keys` takes it: generated unless given."""

    key: ApiKey | None = None  # type: ignore[assignment]


def routes() -> list[BaseRoute]:
    return [
        Route("/tenants", list_tenants, methods=["GET"]),
        Route("/tenants", create_tenant, methods=["POST"]),
        Route("/tenants/{name}", get_tenant, methods=["GET"]),
        Route("/tenants/{name}", delete_tenant, methods=["DELETE"]),
        Route("/tenants/{name}/keys", add_key, methods=["POST"]),
        Route("/tenants/{name}/keys/{fingerprint}", revoke_key, methods=["DELETE"]),
    ]


async def list_tenants(request: Request) -> Response:
    """Every tenant, with key fingerprints."""
    tenants = authorised(request)
    return json_response({"data": [view(tenant) for tenant in tenants]})


async def get_tenant(request: Request) -> Response:
    """One tenant, with key fingerprints."""
    return json_response(view(_tenant(request)))


async def create_tenant(request: Request) -> Response:
    """A new, empty tenant; its keys are answered this once."""
    tenants = authorised(request)
    wanted = await body(request, TenantCreate)
    specs = [KeySpec(key=key) if isinstance(key, str) else key for key in wanted.keys] or [_generated()]
    if len({spec.key for spec in specs}) != len(specs):
        raise Unprocessable("keys", "The same key is given twice.", code="tenant_conflict")
    grants = dict(KeyGrant.of(spec, "runtime") for spec in specs)
    settings = TenantSettings.validate(wanted.dump(exclude={"keys"}))
    async with request.app.state.control_lock:
        _check(lambda: tenants.check(settings, grants))
        tenant = Tenant(settings, tenants.new_store(settings), grants)
        persistence: Persistence | None = request.app.state.persistence
        if persistence is not None:
            persistence.save_tenant(tenant, "runtime")
            persistence.replace_tenant(tenant.name, tenant.store)
            persistence.commit()
        tenants.add(settings, grants, tenant.store)
    answer = {**view(tenants.by_name[settings.name]), "base_url": _base_url(request), "keys": _shown(specs)}
    return json_response(answer, status=201)


async def delete_tenant(request: Request) -> Response:
    """Remove a tenant, its keys and everything it holds."""
    tenants = authorised(request)
    tenant = _tenant(request)
    async with request.app.state.control_lock:
        persistence: Persistence | None = request.app.state.persistence
        if persistence is not None:
            persistence.delete_tenant(tenant.name)
            persistence.commit()
        tenants.remove(tenant)
    return Response(status_code=204)


async def add_key(request: Request) -> Response:
    """One more key for a tenant; answered this once."""
    tenants = authorised(request)
    tenant = _tenant(request)
    wanted = await body(request, KeyCreate)
    spec = KeySpec(key=wanted.key, permissions=wanted.permissions) if wanted.key else _generated(wanted.permissions)
    digest, grant = KeyGrant.of(spec, "runtime")
    async with request.app.state.control_lock:
        _check(lambda: tenants.check_keys([digest]))
        persistence: Persistence | None = request.app.state.persistence
        if persistence is not None:
            persistence.save_tenant(Tenant(tenant.config, tenant.store, {**tenant.keys, digest: grant}), "runtime")
            persistence.commit()
        tenants.add_key(tenant, digest, grant)
    return json_response(_shown([spec])[0], status=201)


async def revoke_key(request: Request) -> Response:
    """Revoke a key by its fingerprint: from now on it answers 401."""
    tenants = authorised(request)
    tenant = _tenant(request)
    fingerprint = request.path_params["fingerprint"]
    digest = tenant.key_by_fingerprint(fingerprint)
    if digest is None:
        raise NotFound(f"Tenant {tenant.name!r} has no key {fingerprint!r}.", code="unknown_key")
    async with request.app.state.control_lock:
        persistence: Persistence | None = request.app.state.persistence
        if persistence is not None:
            persistence.revoke_key(tenant, digest)
            persistence.commit()
        tenants.revoke(tenant, digest)
    return Response(status_code=204)


def view(tenant: Tenant) -> dict[str, Any]:
    """A tenant as the control plane shows it: settings and key fingerprints, never keys."""
    keys = [
        {
            "fingerprint": grant.fingerprint,
            "permissions": sorted(grant.permissions) if grant.permissions is not None else None,
            "origin": grant.origin,
        }
        for grant in tenant.keys.values()
    ]
    return {**tenant.config.dump(mode="json"), "keys": keys}


def _tenant(request: Request) -> Tenant:
    tenants: Tenants = authorised(request)
    name = request.path_params["name"]
    tenant = tenants.by_name.get(name)
    if tenant is None:
        raise NotFound(f"No tenant named {name!r}.", code="unknown_tenant")
    return tenant


def _check(check: Any) -> None:
    try:
        check()
    except TenantConflictError as error:
        raise Unprocessable(error.field, str(error), code="tenant_conflict") from None


def _generated(permissions: list[str] | None = None) -> KeySpec:
    return KeySpec(key=secrets.token_urlsafe(32), permissions=permissions)


def _shown(specs: list[KeySpec]) -> list[dict[str, Any]]:
    shown = []
    for spec in specs:
        _, grant = KeyGrant.of(spec, "runtime")
        shown.append({"key": spec.key, "fingerprint": grant.fingerprint, "permissions": spec.permissions})
    return shown


def _base_url(request: Request) -> str:
    host = request.headers.get("host") or f"{request.url.hostname}:{request.url.port}"
    return f"{request.url.scheme}://{host}{wire.API_PREFIX}"

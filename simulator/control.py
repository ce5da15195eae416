"""The control plane under `/_sim/` (not part of the Jasper contract), for tests, CI and dry runs.

`GET health`; `POST reset` (`{"tenant": name}` for one tenant, no body for all); `POST seed`
(`{"seed": "demo", "tenant": name}`: reset, then load the demo catalogue); `GET state` (`?tenant=` for
one) and `PUT state` (replace the tenants the file names; validated first, so a bad file changes
nothing); `GET journal` (`?tenant=`) and `DELETE journal`. When the config sets `admin_token`, every call
needs `Authorization: Bearer <admin_token>`; errors use the API's error shape.
"""

from __future__ import annotations

import hmac
from typing import Any, Literal, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from simulator import demo
from simulator.errors import Malformed, NotFound, Unauthorized, Unprocessable
from simulator.state import StateFile, export_tenant, load_tenant
from simulator.state_checks import problems
from simulator.tenants import Tenant, Tenants

PREFIX = "/_sim"
_Body = TypeVar("_Body", bound=BaseModel)


class ResetRequest(BaseModel):
    """Which tenant to reset; none means all."""

    model_config = ConfigDict(extra="forbid", strict=True)

    tenant: str | None = None


class SeedRequest(ResetRequest):
    """Which seed to load into which tenant (none means all)."""

    seed: Literal["demo"] = "demo"


def routes() -> list[Route]:
    """The control plane's routes, to mount at `PREFIX`."""
    return [
        Route("/health", health, methods=["GET"]),
        Route("/reset", reset, methods=["POST"]),
        Route("/seed", seed, methods=["POST"]),
        Route("/state", get_state, methods=["GET"]),
        Route("/state", put_state, methods=["PUT"]),
        Route("/journal", get_journal, methods=["GET"]),
        Route("/journal", clear_journal, methods=["DELETE"]),
    ]


async def health(request: Request) -> Response:
    """Liveness, and which tenants this simulator serves."""
    tenants = _authorised(request)
    return _json({"status": "ok", "tenants": [{"name": t.name, "profile": t.store.profile.value} for t in tenants]})


async def reset(request: Request) -> Response:
    """Empty one tenant, or all."""
    tenants = _authorised(request)
    chosen = _chosen(tenants, (await _body(request, ResetRequest)).tenant)
    for tenant in chosen:
        tenants.reset(tenant)
    return _json({"reset": [tenant.name for tenant in chosen]})


async def seed(request: Request) -> Response:
    """Reset one tenant, or all, and load a seed catalogue."""
    tenants = _authorised(request)
    chosen = _chosen(tenants, (await _body(request, SeedRequest)).tenant)
    for tenant in chosen:
        tenants.reset(tenant)
        demo.seed(tenant.store)
    return _json({"seeded": [tenant.name for tenant in chosen]})


async def get_state(request: Request) -> Response:
    """Export one tenant's data (`?tenant=`), or every tenant's."""
    tenants = _authorised(request)
    chosen = _chosen(tenants, request.query_params.get("tenant"))
    return _json({"tenants": {tenant.name: export_tenant(tenant.store) for tenant in chosen}})


async def put_state(request: Request) -> Response:
    """Replace the data of the tenants the file names, after checking all of it."""
    tenants = _authorised(request)
    state = await _body(request, StateFile)
    found: dict[str, list[str]] = {}
    for name, tenant_state in state.tenants.items():
        tenant = tenants.by_name.get(name)
        if tenant is None:
            found[name] = [f"No tenant named {name!r}."]
            continue
        for where, messages in problems(tenant_state, tenant.config).items():
            found[f"{name}.{where}"] = messages
    if found:
        raise Unprocessable(errors=found, code="invalid_state")
    for name, tenant_state in state.tenants.items():
        load_tenant(tenants.by_name[name].store, tenant_state)
    return _json({"loaded": list(state.tenants)})


async def get_journal(request: Request) -> Response:
    """The last API requests, oldest first (`?tenant=` for one tenant's)."""
    _authorised(request)
    return _json({"data": request.app.state.journal.entries(request.query_params.get("tenant"))})


async def clear_journal(request: Request) -> Response:
    """Forget the journal."""
    _authorised(request)
    request.app.state.journal.clear()
    return Response(status_code=204)


def _authorised(request: Request) -> Tenants:
    token: str | None = request.app.state.config.admin_token
    if token is not None:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
            raise Unauthorized()
    tenants: Tenants = request.app.state.tenants
    return tenants


def _chosen(tenants: Tenants, name: str | None) -> list[Tenant]:
    if name is None:
        return list(tenants)
    tenant = tenants.by_name.get(name)
    if tenant is None:
        raise NotFound(f"No tenant named {name!r}.", code="unknown_tenant")
    return [tenant]


async def _body(request: Request, model: type[_Body]) -> _Body:
    raw = await request.body()
    try:
        return model.model_validate_json(raw or b"{}")
    except ValidationError as error:
        if any(item["type"] == "json_invalid" for item in error.errors()):
            raise Malformed() from None
        errors: dict[str, list[str]] = {}
        for item in error.errors(include_url=False):
            errors.setdefault(".".join(str(part) for part in item["loc"]) or "body", []).append(item["msg"])
        raise Unprocessable(errors=errors) from None


def _json(body: dict[str, Any]) -> Response:
    return Response(orjson.dumps(body), media_type="application/json")

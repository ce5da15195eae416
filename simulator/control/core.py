"""Health, reset, seed and state export/import: the control plane's basic calls.

`GET health`; `POST reset` (`{"tenant": name}` for one tenant, no body for all); `POST seed`
(`{"seed": "demo", "tenant": name}`: reset, then load the demo catalogue); `GET state` (`?tenant=` for
one) and `PUT state` (replace the tenants the file names; validated first, so a bad file changes
nothing). When the config sets `admin_token`, every call needs `Authorization: Bearer <admin_token>`;
errors use the API's error shape.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulator import demo
from simulator.control.common import authorised, body, chosen, json_response
from simulator.errors import Unprocessable
from simulator.state import StateFile, export_tenant, load_tenant
from simulator.state_checks import problems


class ResetRequest(BaseModel):
    """Which tenant to reset; none means all."""

    model_config = ConfigDict(extra="forbid", strict=True)

    tenant: str | None = None


class SeedRequest(ResetRequest):
    """Which seed to load into which tenant (none means all)."""

    seed: Literal["demo"] = "demo"


def routes() -> list[BaseRoute]:
    return [
        Route("/health", health, methods=["GET"]),
        Route("/reset", reset, methods=["POST"]),
        Route("/seed", seed, methods=["POST"]),
        Route("/state", get_state, methods=["GET"]),
        Route("/state", put_state, methods=["PUT"]),
    ]


async def health(request: Request) -> Response:
    """Liveness, and which tenants this simulator serves."""
    tenants = authorised(request)
    return json_response(
        {"status": "ok", "tenants": [{"name": t.name, "profile": t.store.profile.value} for t in tenants]}
    )


async def reset(request: Request) -> Response:
    """Empty one tenant, or all."""
    tenants = authorised(request)
    targets = chosen(tenants, (await body(request, ResetRequest)).tenant)
    for tenant in targets:
        tenants.reset(tenant)
    return json_response({"reset": [tenant.name for tenant in targets]})


async def seed(request: Request) -> Response:
    """Reset one tenant, or all, and load a seed catalogue."""
    tenants = authorised(request)
    targets = chosen(tenants, (await body(request, SeedRequest)).tenant)
    for tenant in targets:
        tenants.reset(tenant)
        demo.seed(tenant.store)
    return json_response({"seeded": [tenant.name for tenant in targets]})


async def get_state(request: Request) -> Response:
    """Export one tenant's data (`?tenant=`), or every tenant's."""
    tenants = authorised(request)
    targets = chosen(tenants, request.query_params.get("tenant"))
    return json_response({"tenants": {tenant.name: export_tenant(tenant.store) for tenant in targets}})


async def put_state(request: Request) -> Response:
    """Replace the data of the tenants the file names, after checking all of it."""
    tenants = authorised(request)
    state = await body(request, StateFile)
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
    return json_response({"loaded": list(state.tenants)})

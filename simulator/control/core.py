"""Health, reset, seed and state export/import: the control plane's basic calls.

`GET health`; `POST reset` (`{"tenant": name}` for one tenant, no body for all); `POST seed`
(`{"seed": "demo", "tenant": name}`: reset, then load the demo catalogue); `GET state` (`?tenant=` for
one) and `PUT state` (replace the tenants the file names; validated first, so a bad file changes
nothing). When the config sets `admin_token`, every call needs `Authorization: Bearer <admin_token>`;
errors use the API's error shape.
"""

from __future__ import annotations

from typing import Literal

import anyio.to_thread
from pydantic import BaseModel, ConfigDict
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulator.control.common import authorised, body, chosen, json_response, read_body, replace_stores
from simulator.control.health import health

# The demo catalogue and the state models are imported by the calls that use them: a served simulator
# that is never seeded or imported through the control plane does not pay for them at start-up.


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


async def reset(request: Request) -> Response:
    """Empty one tenant, or all."""
    tenants = authorised(request)
    targets = chosen(tenants, (await body(request, ResetRequest)).tenant)
    async with request.app.state.control_lock:
        await replace_stores(request, {tenant.name: tenants.new_store(tenant.config) for tenant in targets})
    return json_response({"reset": [tenant.name for tenant in targets]})


async def seed(request: Request) -> Response:
    """Reset one tenant, or all, and load a seed catalogue."""
    tenants = authorised(request)
    from simulator import demo  # noqa: PLC0415  (see the imports)

    targets = chosen(tenants, (await body(request, SeedRequest)).tenant)
    stores = {}
    for tenant in targets:
        stores[tenant.name] = store = tenants.new_store(tenant.config)
        demo.seed(store)
    async with request.app.state.control_lock:
        await replace_stores(request, stores)
    return json_response({"seeded": [tenant.name for tenant in targets]})


async def get_state(request: Request) -> Response:
    """Export one tenant's data (`?tenant=`), or every tenant's."""
    from simulator.state import export_tenant  # noqa: PLC0415  (see the imports)

    tenants = authorised(request)
    targets = chosen(tenants, request.query_params.get("tenant"))
    return json_response({"tenants": {tenant.name: export_tenant(tenant.store) for tenant in targets}})


async def put_state(request: Request) -> Response:
    """Replace the data of the tenants the file names, after checking all of it (off the event loop)."""
    from simulator import state_import  # noqa: PLC0415  (see the imports)
    from simulator.memory import release_freed_memory  # noqa: PLC0415  (ctypes: only after an import)

    tenants = authorised(request)
    raw = await read_body(request, request.app.state.config.max_control_body_bytes)
    states = await anyio.to_thread.run_sync(state_import.parse, raw)
    settings = {tenant.name: tenant.config for tenant in tenants}
    stores = await anyio.to_thread.run_sync(state_import.check_and_build, states, settings, tenants.new_store)
    async with request.app.state.control_lock:
        await replace_stores(request, stores)
    loaded = list(states)
    del raw, states, stores  # the document and what was built from it: the old stores went with the swap
    release_freed_memory()
    return json_response({"loaded": loaded})

"""`/_sim/rate_limits`: each tenant's rate limit per API key (simulator.rate_limits), read and set at run time.

`GET /_sim/rate_limits` (`?tenant=`) answers each tenant's `per_minute` (null: off) and each key's
current window (`used`, `remaining`, `resets_at`); `PUT /_sim/rate_limits/{tenant}` `{"per_minute": 60}`
sets a limit; `DELETE /_sim/rate_limits/{tenant}` turns it off. The limit is part of the tenant's
settings, so with a state file it is kept across restarts (a tenant of the config file gets the config's
setting back on restart, as its other settings).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulator.config import RateLimit
from simulator.control.common import authorised, body, chosen, json_response
from simulator.persistence import Persistence
from simulator.rate_limits import RateLimiter


def routes() -> list[BaseRoute]:
    return [
        Route("/rate_limits", list_limits, methods=["GET"]),
        Route("/rate_limits/{tenant}", set_limit, methods=["PUT"]),
        Route("/rate_limits/{tenant}", remove_limit, methods=["DELETE"]),
    ]


async def list_limits(request: Request) -> Response:
    """Every tenant's limit (or one tenant's) and its keys' current windows."""
    tenants = authorised(request)
    limiter: RateLimiter = request.app.state.rate_limits
    targets = chosen(tenants, request.query_params.get("tenant"))
    return json_response({"data": [limiter.describe(tenant) for tenant in targets]})


async def set_limit(request: Request) -> Response:
    """Limit a tenant's calls per key and minute."""
    return await _change(request, await body(request, RateLimit))


async def remove_limit(request: Request) -> Response:
    """Turn a tenant's limit off."""
    await _change(request, None)
    return Response(status_code=204)


async def _change(request: Request, limit: RateLimit | None) -> Response:
    tenants = authorised(request)
    (tenant,) = chosen(tenants, request.path_params["tenant"])
    limiter: RateLimiter = request.app.state.rate_limits
    persistence: Persistence | None = request.app.state.persistence
    async with request.app.state.control_lock:
        before = tenant.config
        limiter.set_limit(tenant, limit)
        if persistence is not None:
            try:
                persistence.save_tenant(tenant, "runtime")
                persistence.commit()
            except BaseException:
                limiter.set_limit(tenant, before.rate_limit)
                raise
    return json_response(limiter.describe(tenant))

"""`GET /_sim/health`: liveness, served before the rest of the control plane is loaded.

Container health checks and CI wait on this call, so it lives apart from the other control modules:
answering it imports nothing beyond what the API itself needs (simulator.control: issue 11, start-up).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from simulator.control.common import is_admin, json_response
from simulator.tenants import Tenants


async def health(request: Request) -> Response:
    """Liveness for anyone (container health checks); with the admin token, the tenants too."""
    body: dict[str, Any] = {"status": "ok"}
    if is_admin(request):
        tenants: Tenants = request.app.state.tenants
        body["tenants"] = [{"name": t.name, "profile": t.store.profile.value} for t in tenants]
    return json_response(body)

"""`/_sim/deliveries`: the record of webhook delivery attempts (simulator.webhooks.delivery).

`GET /_sim/deliveries` (`?tenant=`, `?webhook=` to filter) lists the last 1000 attempts, oldest first:
`at` (simulator clock), `url`, `status` or `error`, `duration_ms`, `attempt`, `next_attempt_at`, and the
message's `id` and `type`. `DELETE /_sim/deliveries` forgets them and every queued retry.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulator.control.common import authorised, json_response
from simulator.errors import Unprocessable
from simulator.webhooks.delivery import Deliveries


def routes() -> list[BaseRoute]:
    return [
        Route("/deliveries", list_deliveries, methods=["GET"]),
        Route("/deliveries", clear_deliveries, methods=["DELETE"]),
    ]


def _deliveries(request: Request) -> Deliveries:
    authorised(request)
    deliveries: Deliveries = request.app.state.deliveries
    return deliveries


async def list_deliveries(request: Request) -> Response:
    """The recorded attempts, filtered by tenant and webhook id."""
    deliveries = _deliveries(request)
    webhook = request.query_params.get("webhook")
    if webhook is not None and not (webhook.isascii() and webhook.isdigit()):
        raise Unprocessable("webhook", "The webhook filter must be a webhook id.")
    tenant = request.query_params.get("tenant")
    return json_response({"data": deliveries.describe(tenant, int(webhook) if webhook is not None else None)})


async def clear_deliveries(request: Request) -> Response:
    """Forget every attempt and queued retry."""
    _deliveries(request).clear()
    return Response(status_code=204)

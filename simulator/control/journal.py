"""`GET /_sim/journal` (`?tenant=`) and `DELETE /_sim/journal`: the last API requests."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulator.control.common import authorised, json_response


def routes() -> list[BaseRoute]:
    return [
        Route("/journal", get_journal, methods=["GET"]),
        Route("/journal", clear_journal, methods=["DELETE"]),
    ]


async def get_journal(request: Request) -> Response:
    """The last API requests, oldest first (`?tenant=` for one tenant's)."""
    authorised(request)
    return json_response({"data": request.app.state.journal.entries(request.query_params.get("tenant"))})


async def clear_journal(request: Request) -> Response:
    """Forget the journal."""
    authorised(request)
    request.app.state.journal.clear()
    return Response(status_code=204)

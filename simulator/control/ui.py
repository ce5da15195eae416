"""`GET /_sim/ui`: the live page (tenants, runs, the journal, a run's report), from simulator/ui/.

Everything the page needs is served from here (nothing is fetched off the machine: CI cannot reach a
CDN), and a Content-Security-Policy keeps it so: scripts, styles and calls from this origin only.
The assets are package data (simulator.ui), read once.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulator.errors import NotFound
from simulator.ui import read

ASSETS = {
    "index.html": "text/html; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "report.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def routes() -> list[BaseRoute]:
    return [
        Route("/ui", page, methods=["GET"]),
        Route("/ui/{name}", asset, methods=["GET"]),
    ]


def _answer(name: str) -> Response:
    headers = {"Content-Security-Policy": POLICY, "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}
    return Response(read(name), media_type=ASSETS[name], headers=headers)


async def page(request: Request) -> Response:
    """The page itself. It holds no data: its scripts ask /_sim/ (with the admin token, if one is set)."""
    return _answer("index.html")


async def asset(request: Request) -> Response:
    """A script or style sheet of the page."""
    name: str = request.path_params["name"]
    if name not in ASSETS:
        raise NotFound(f"No asset {name[:60]!r}.", code="route_not_found")
    return _answer(name)

"""The control plane under `/_sim/` (not part of the Jasper contract), for tests, CI and dry runs.

One module per feature, each with a `routes()` list; `routes()` here joins them. Shared rules (the
admin token, JSON bodies, the error shape) are in `simulator.control.common`.

`ControlPlane` is what the app mounts: it imports the feature modules on the first call that is not
`GET /health` (issue 11, start-up: they cost about 40 ms, a third of `serve`'s own start-up beyond a
bare app's, and a served simulator answers its API and its health checks without them).
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Match, Route, Router
from starlette.types import Receive, Scope, Send

from simulator.control.health import health

PREFIX = "/_sim"


def routes() -> list[BaseRoute]:
    """Every control-plane route, to mount at `PREFIX`."""
    from simulator.control import (  # noqa: PLC0415  (see ControlPlane)
        actions,
        clock,
        core,
        deliveries,
        docs,
        faults,
        journal,
        rate_limits,
        runs,
        tenants,
        ui,
    )

    return [
        *core.routes(),
        *journal.routes(),
        *tenants.routes(),
        *docs.routes(),
        *runs.routes(),
        *ui.routes(),
        *faults.routes(),
        *clock.routes(),
        *rate_limits.routes(),
        *deliveries.routes(),
        *actions.routes(),
    ]


class ControlPlane(Router):
    """The control plane's router, its routes loaded on the first request other than `GET /health`.

    Until then it holds the health route alone; afterwards it is the router of `routes()`, so every
    answer (404 and 405 included) is the one the full route list gives.
    """

    def __init__(self) -> None:
        self._health = Route("/health", health, methods=["GET"])
        super().__init__(routes=[self._health])
        self.loaded = False

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.loaded and (scope["type"] != "http" or self._health.matches(scope)[0] is not Match.FULL):
            self.routes = routes()
            self.loaded = True
        await super().app(scope, receive, send)

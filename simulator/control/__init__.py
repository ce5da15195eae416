"""The control plane under `/_sim/` (not part of the Jasper contract), for tests, CI and dry runs.

One module per feature, each with a `routes()` list; `routes()` here joins them. Shared rules (the
admin token, JSON bodies, the error shape) are in `simulator.control.common`.
"""

from __future__ import annotations

from starlette.routing import BaseRoute

from simulator.control import actions, clock, core, deliveries, docs, faults, journal, rate_limits, runs, tenants, ui

PREFIX = "/_sim"


def routes() -> list[BaseRoute]:
    """Every control-plane route, to mount at `PREFIX`."""
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

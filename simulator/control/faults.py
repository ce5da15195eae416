"""`/_sim/faults`: fault rules (simulator.faults) added, listed and removed at run time.

`POST /_sim/faults` (a rule as flat JSON; 201 with the rule and its `id`), `GET /_sim/faults` (every
rule, with how often it matched and fired), `DELETE /_sim/faults/{id}`, `DELETE /_sim/faults` (all).
Faults apply to API calls only: the control plane is never faulted.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulator.control.common import authorised, body, json_response
from simulator.errors import NotFound
from simulator.faults import FaultInjector
from simulator.faults.rules import FaultRule


def routes() -> list[BaseRoute]:
    return [
        Route("/faults", add_fault, methods=["POST"]),
        Route("/faults", list_faults, methods=["GET"]),
        Route("/faults", clear_faults, methods=["DELETE"]),
        Route("/faults/{rule_id:int}", remove_fault, methods=["DELETE"]),
    ]


def _faults(request: Request) -> FaultInjector:
    authorised(request)
    faults: FaultInjector = request.app.state.faults
    return faults


async def add_fault(request: Request) -> Response:
    """Put a rule in force; 422 names what is wrong with it."""
    faults = _faults(request)
    rule = await body(request, FaultRule)
    return json_response(faults.add(rule).describe(), 201)


async def list_faults(request: Request) -> Response:
    """Every rule in force, with its counts."""
    return json_response({"data": _faults(request).describe()})


async def remove_fault(request: Request) -> Response:
    """Take one rule out of force (404 when there is none with that id)."""
    rule_id: int = request.path_params["rule_id"]
    if not _faults(request).remove(rule_id):
        raise NotFound(f"No fault rule with id {rule_id}.", code="unknown_fault")
    return Response(status_code=204)


async def clear_faults(request: Request) -> Response:
    """Take every rule out of force."""
    _faults(request).clear()
    return Response(status_code=204)

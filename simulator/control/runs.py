"""Dry runs and their report on the control plane.

`POST /_sim/runs` `{"tenant": name, "name": "..."}` (tenant optional with one tenant) -> 201, the run;
`GET /_sim/runs` (`?tenant=`), `GET /_sim/runs/{id}`, `POST /_sim/runs/{id}/end` -> the run, ended.
`GET /_sim/report` (`tenant`, `run` or `since`, `format=json|text|html`): the dry-run report
(simulator.report.model); an open run reports up to now.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from simulator.control.common import authorised, body, chosen, json_response
from simulator.errors import Unprocessable
from simulator.report import html, model, text
from simulator.runs import Runs


class RunRequest(BaseModel):
    """The tenant to run against (optional with one tenant) and a name for the run."""

    model_config = ConfigDict(extra="forbid", strict=True)

    tenant: str | None = None
    name: str = Field(default="", max_length=200)


class ReportQuery(BaseModel):
    """Which calls a report covers, and in which form."""

    model_config = ConfigDict(extra="forbid")

    tenant: str | None = None
    run: int | None = Field(default=None, ge=1)
    since: int | None = Field(default=None, ge=0)
    format: Literal["json", "text", "html"] = "json"


def routes() -> list[BaseRoute]:
    return [
        Route("/runs", start_run, methods=["POST"]),
        Route("/runs", list_runs, methods=["GET"]),
        Route("/runs/{run_id:int}", get_run, methods=["GET"]),
        Route("/runs/{run_id:int}/end", end_run, methods=["POST"]),
        Route("/report", get_report, methods=["GET"]),
    ]


async def start_run(request: Request) -> Response:
    """Open a run of a tenant: its calls from now on, and its state now."""
    tenants = authorised(request)
    wanted = await body(request, RunRequest)
    if wanted.tenant is None and len(list(tenants)) != 1:
        raise Unprocessable("tenant", "This simulator has several tenants: name one.", code="bad_run")
    tenant = chosen(tenants, wanted.tenant)[0]
    runs: Runs = request.app.state.runs
    return json_response(runs.start(tenant, wanted.name or f"run on {tenant.name}").describe(), 201)


async def list_runs(request: Request) -> Response:
    """Every run, newest first (`?tenant=` for one tenant's)."""
    authorised(request)
    tenant = request.query_params.get("tenant")
    runs: Runs = request.app.state.runs
    found = [run.describe() for run in reversed(runs.by_id.values()) if tenant is None or run.tenant == tenant]
    return json_response({"data": found})


async def get_run(request: Request) -> Response:
    """One run."""
    authorised(request)
    runs: Runs = request.app.state.runs
    return json_response(runs.get(request.path_params["run_id"]).describe())


async def end_run(request: Request) -> Response:
    """End a run (409 when it has ended already)."""
    authorised(request)
    runs: Runs = request.app.state.runs
    return json_response(runs.end(runs.get(request.path_params["run_id"])).describe())


async def get_report(request: Request) -> Response:
    """The dry-run report of a run, or of the calls after a sequence number, as JSON, text or HTML."""
    tenants = authorised(request)
    try:
        wanted = ReportQuery.model_validate(dict(request.query_params))
    except ValidationError as error:
        raise Unprocessable(errors={str(item["loc"][0]): [item["msg"]] for item in error.errors()}) from None
    report = model.build(
        request.app.state.journal,
        request.app.state.runs,
        tenants,
        tenant=wanted.tenant,
        run_id=wanted.run,
        since=wanted.since,
    )
    if wanted.format == "text":
        return PlainTextResponse(text.render(report))
    if wanted.format == "html":
        return HTMLResponse(html.render(report))
    return json_response(report)

"""`create_app`: the simulator as one Starlette app, the API under `/api/v1` and the control plane under `/_sim`.

All state lives on `app.state` (the tenants and their stores, the journal); nothing is kept in module
globals, so two apps in one process never share data. Clock and id factories are injectable so tests
can be deterministic.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.types import Receive, Scope, Send

from contracts import wire
from simulator import control
from simulator.clock import SimClock
from simulator.config import SimConfig
from simulator.errors import ApiError, InternalError
from simulator.faults import FaultInjector
from simulator.guard import HostPolicy, bad_host, control_problem
from simulator.journal import NOT_RECORDING, Journal
from simulator.rate_limits import RateLimiter
from simulator.routing import ApiRouter
from simulator.runs import Runs
from simulator.store import SequentialIds, utc_now
from simulator.tenants import IdFactory, Tenants, strip_port
from simulator.webhooks.callbacks import CallbackPolicy
from simulator.webhooks.delivery import Deliveries

if TYPE_CHECKING:
    from simulator.persistence import Persistence


_LOG = logging.getLogger("simulator")


class SimulatorApp(Starlette):
    """The Starlette app with a fast lane: API requests go straight to the API router.

    The router renders every error itself (unexpected ones included), so Starlette's middleware and
    route matching in front of it would only cost time on the hot path (../shared/reference/
    perf-baseline.md). Everything else (control plane, unknown paths, a non-empty root path) takes
    the ordinary Starlette stack, where the API is also mounted.
    """

    def __init__(self, api: ApiRouter, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.api = api

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if not scope.get("root_path") and scope["path"].startswith(_API_LANE):
                scope["app"] = self
                scope["root_path"] = wire.API_PREFIX  # what Mount would set
                await self.api(scope, receive, send)  # the router checks the Host itself
                return
            problem = self._guard(scope)
            if problem is not None:
                await _send_error(send, problem)
                return
        await super().__call__(scope, receive, send)

    def _guard(self, scope: Scope) -> ApiError | None:
        """Host, Origin and content-type rules (simulator.guard) for everything but the API's fast lane."""
        headers = dict(scope["headers"])
        host = headers.get(b"host")
        hosts = self.api.hosts
        if hosts is not None and host is not None:
            name = strip_port(host)
            if not hosts.allows(name, self.api.tenants.by_host):
                return bad_host(name)
        path: str = scope["path"]
        if path == control.PREFIX or path.startswith(control.PREFIX + "/"):
            authority = (host or b"").decode("latin-1")
            return control_problem(scope["method"], headers, f"{scope.get('scheme', 'http')}://{authority}")
        return None


_API_LANE = wire.API_PREFIX + "/"


async def _send_error(send: Send, error: ApiError) -> None:
    payload = orjson.dumps(error.body())
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


def create_app(
    config: SimConfig | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
    id_factory: IdFactory | None = None,
    state_file: Path | None = None,
    allowed_hosts: Iterable[str] | None = None,
) -> SimulatorApp:
    """A simulator serving `config`'s tenants (default: the demo tenant).

    `clock` is the base of the simulator's clock (`app.state.clock`, a `SimClock` that `/_sim/clock` can
    freeze and advance), which gives every timestamp, the ping time, rate-limit windows and webhook
    retries; `id_factory` makes each tenant's id allocator
    (default: `SequentialIds`, 1, 2, 3, ... per table), and is called again when a tenant is reset.
    `state_file` keeps every tenant in that SQLite file (simulator.persistence; `StateFileError` when it
    cannot be used); the app holds it until its lifespan ends (or `app.state.persistence.close()`).
    `allowed_hosts`: answer only these Host headers besides loopback names, IP addresses and tenant
    hosts (simulator.guard); None answers any (in-process use).
    """
    config = config or SimConfig.default()
    persistence = None
    if state_file is not None:
        from simulator.persistence import Persistence  # noqa: PLC0415  (sqlite3 only with a state file)

        persistence = Persistence(state_file)
    sim_clock = SimClock(clock or utc_now, realtime=clock is None)
    callbacks = CallbackPolicy(config.webhooks.callback_hosts, any_host=not config.webhooks.deliver)
    tenants = Tenants(
        None if persistence else config, clock=sim_clock, id_factory=id_factory or SequentialIds, callbacks=callbacks
    )
    notes = persistence.load(tenants, config.tenants) if persistence is not None else []
    journal = Journal(tenants, config.journal_bytes)
    recorder = journal if config.journal_bytes else NOT_RECORDING  # 0: the journal is off, not even counted
    api = ApiRouter(tenants, max_body_bytes=config.max_body_bytes, journal=recorder)
    api.hosts = HostPolicy(allowed_hosts) if allowed_hosts is not None else None
    if persistence is not None:
        api.commit_listeners.append(persistence)
        api.committer = persistence.settle
    deliveries = Deliveries(tenants, sim_clock, config.webhooks)
    api.commit_listeners.append(deliveries)
    rate_limits = RateLimiter(api, tenants, sim_clock)
    rate_limits.refresh()
    tenants.listeners.append(rate_limits.refresh)  # a tenant added at run time may come with a limit
    app = SimulatorApp(
        api,
        routes=[Mount(wire.API_PREFIX, app=api), Mount(control.PREFIX, app=control.ControlPlane())],
        exception_handlers={ApiError: _api_error, HTTPException: _http_error, Exception: _unexpected_error},
        lifespan=_lifespan,
    )
    app.state.config = config
    app.state.tenants = tenants
    app.state.journal = journal
    app.state.api = api
    app.state.runs = runs = Runs(tenants, journal, api.commit_listeners)
    if persistence is not None:  # the journal and the runs live in the same file
        from simulator.journal_file import DryRunFile  # noqa: PLC0415  (sqlite3 only with a state file)

        DryRunFile(persistence, config.journal_retention, config.journal_bytes).load(journal, runs)
    app.state.persistence = persistence
    app.state.notes = notes  # what loading the state file wants the user to know (printed by serve)
    app.state.control_lock = asyncio.Lock()
    app.state.clock = sim_clock
    app.state.faults = FaultInjector(api, tenants)
    app.state.rate_limits = rate_limits
    app.state.deliveries = deliveries
    return app


@asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    deliveries: Deliveries = app.state.deliveries
    await deliveries.start()
    persistence: Persistence | None = app.state.persistence
    flusher = asyncio.create_task(_flush_now_and_then(persistence)) if persistence is not None else None
    try:
        yield
    finally:
        await deliveries.stop()
        if flusher is not None:
            flusher.cancel()
        if persistence is not None:
            persistence.close()


async def _flush_now_and_then(persistence: Persistence) -> None:
    """Commit deferred rows (journal entries of reads) even when no request comes to take them along,
    then checkpoint the WAL in a worker thread."""
    from simulator.persistence import FLUSH_SECONDS  # noqa: PLC0415  (sqlite3 only with a state file)

    while True:
        await asyncio.sleep(FLUSH_SECONDS)
        try:
            persistence.commit(flush=True)
            await persistence.checkpoint()
        except Exception:  # the next turn tries again; the writes that waited were answered 503
            _LOG.exception("cannot flush the state file %s", persistence.path)


def _json(body: dict[str, object], status: int, headers: dict[str, str]) -> Response:
    return Response(orjson.dumps(body), status, headers, media_type="application/json")


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _json(exc.body(), exc.status, exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own 404/405 (outside the API router) in the contract's error shape."""
    assert isinstance(exc, HTTPException)
    code = "route_not_found" if exc.status_code == 404 else "method_not_allowed" if exc.status_code == 405 else "error"
    return _json(ApiError(exc.detail, code=code).body(), exc.status_code, dict(exc.headers or {}))


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    return _json(InternalError().body(), InternalError.status, {})

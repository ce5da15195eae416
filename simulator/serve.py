"""`jasper-sim serve`: run the simulator under uvicorn as a local stand-in tenant.

uvicorn picks uvloop and httptools when they are installed (uvicorn[standard]; 3x plain h11/asyncio) and
the access log stays off unless asked for: it halves throughput (../shared/reference/perf-baseline.md §1;
the request journal under /_sim/journal is the cheap record). The protocol is simulator.protocol's
(bounded waits for idle and stalled connections). Beyond loopback the control plane would let anyone on
the network reset or rewrite the tenant, so an admin token is required there; when none is configured
one is generated and printed (a configured one never is).

Start-up order: bind the port (a taken port is one line and exit 1), open the state file (a bad or
locked file is one line and exit 2), then print the banner with the real port, then serve. SIGTERM and
SIGINT stop accepting connections, let requests in flight finish, close the state file and exit 0.
"""

from __future__ import annotations

import gc
import ipaddress
import logging
import secrets
import signal
import socket
import sys
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from contracts import wire
from contracts.op import Profile
from simulator.config import SimConfig
from simulator.protocol import DEFAULT_IDLE_TIMEOUT, DEFAULT_REQUEST_TIMEOUT

if TYPE_CHECKING:
    from simulator.app import SimulatorApp
    from simulator.faults.rules import FaultRule

_GRACE_SECONDS = 10  # how long a graceful stop waits for requests in flight


@dataclass(frozen=True, slots=True)
class ServePlan:
    """What `serve` will run: where, with which configuration, state file, seed and logging."""

    host: str
    port: int
    config: SimConfig
    seed: str | None = None
    access_log: bool = False
    generated_token: bool = False
    state: Path | None = None
    allow_hosts: tuple[str, ...] = ()
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    faults: tuple[FaultRule, ...] = ()

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{wire.API_PREFIX}"


def is_loopback(host: str) -> bool:
    """True for names and addresses only this machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plan(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    config: SimConfig | None = None,
    profile: Profile | None = None,
    seed: str | None = None,
    access_log: bool = False,
    admin_token: str | None = None,
    state: Path | None = None,
    allow_hosts: tuple[str, ...] = (),
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT,
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
    faults: tuple[FaultRule, ...] = (),
    journal_bytes: int | None = None,
    deliver_webhooks: bool = True,
) -> ServePlan:
    """Resolve the options: `profile`, `admin_token` and `journal_bytes` override the config's, and
    `deliver_webhooks` false turns deliveries off; beyond loopback an admin token is ensured."""
    config = config or SimConfig.default()
    if profile is not None:
        tenants = [tenant.replace(profile=profile) for tenant in config.tenants]
        config = config.replace(tenants=tenants)
    if admin_token is not None:
        config = config.replace(admin_token=admin_token)
    if journal_bytes is not None:
        config = config.replace(journal_bytes=journal_bytes)
    if not deliver_webhooks:
        webhooks = config.webhooks.replace(deliver=False)
        config = config.replace(webhooks=webhooks)
    generated = False
    if not is_loopback(host) and config.admin_token is None:
        config = config.replace(admin_token=secrets.token_urlsafe(24))
        generated = True
    return ServePlan(
        host, port, config, seed, access_log, generated, state, allow_hosts, request_timeout, idle_timeout, faults
    )


def banner(serve_plan: ServePlan, app: SimulatorApp | None = None) -> str:
    """The lines printed once the port is bound: base URL, each tenant's key, the control plane."""
    config = serve_plan.config
    lines = [f"Jasper PIM simulator: base URL {serve_plan.base_url}"]
    configured = {tenant.name: tenant for tenant in config.tenants}
    names = list(app.state.tenants.by_name) if app is not None else list(configured)
    for name in names:
        tenant_config = configured.get(name)
        if tenant_config is not None:
            key = f"API key {tenant_config.first_key}"
            profile, hosts = tenant_config.profile.value, tenant_config.hosts
        else:  # made at run time: its keys were shown once, when they were made
            assert app is not None
            tenant = app.state.tenants.by_name[name]
            prints = ", ".join(grant.fingerprint for grant in tenant.keys.values()) or "none"
            key, profile, hosts = f"API keys {prints} (fingerprints)", tenant.config.profile.value, tenant.config.hosts
        lines.append(f"  tenant {name} ({profile} profile): {key} (hosts: {', '.join(hosts) or 'none'})")
    control = serve_plan.base_url.removesuffix(wire.API_PREFIX) + "/_sim/"
    if config.admin_token is None:
        lines.append(f"  control plane: {control} (no admin token: loopback only)")
    elif serve_plan.generated_token:
        lines.append(f"  control plane: {control} (admin token, generated: {config.admin_token})")
    else:
        lines.append(f"  control plane: {control} (admin token: the one configured)")
    lines.append(f"  API reference: {control}docs (the contract: {control}openapi.json)")
    if serve_plan.state is not None:
        lines.append(f"  state file: {serve_plan.state}")
    if app is not None:
        lines += [f"  note: {note}" for note in app.state.notes]
    if not serve_plan.config.webhooks.deliver:
        lines.append("  webhooks: recorded, never sent (GET /_sim/deliveries)")
    if serve_plan.faults:
        rules = ", ".join(
            ",".join(filter(None, [f"{rule.match_text()}:{rule.action_text()}", rule.limits_text()]))
            for rule in serve_plan.faults
        )
        lines.append(f"  fault rules: {rules} (GET /_sim/faults)")
    if serve_plan.seed:
        lines.append(f"  seeded with the {serve_plan.seed} catalogue: {', '.join(seeded(app)) or 'no new tenant'}")
    first = config.tenants[0]
    lines.append(f'Try: curl -H "Authorization: Bearer {first.first_key}" {serve_plan.base_url}/ping')
    return "\n".join(lines) + "\n"


def seeded(app: SimulatorApp | None) -> list[str]:
    """The tenants a seed goes into: every tenant, or with a state file only those it did not hold."""
    if app is None:
        return []
    persistence = app.state.persistence
    return list(persistence.created) if persistence is not None else list(app.state.tenants.by_name)


def seed_app(app: SimulatorApp, name: str) -> None:
    """Load the demo catalogue into the named new tenants (and the state file)."""
    from simulator import demo  # noqa: PLC0415  (only a seeded start needs the catalogue)

    tenants = app.state.tenants
    persistence = app.state.persistence
    for tenant_name in seeded(app):
        tenant = tenants.by_name[tenant_name]
        store = tenants.new_store(tenant.config)
        if name == "demo":
            demo.seed(store)
        if persistence is not None:
            persistence.replace_tenant(tenant_name, store)
        tenant.store = store
    if persistence is not None:
        persistence.commit()


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (OSError when the address is taken or cannot be bound)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def run(serve_plan: ServePlan, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Bind, open the state file, seed, print the banner and serve until SIGTERM or SIGINT (exit 0)."""
    import uvicorn  # noqa: PLC0415  (heavy; only `serve` needs it)

    from simulator.app import create_app  # noqa: PLC0415
    from simulator.errors import ApiError  # noqa: PLC0415
    from simulator.protocol import protocol_class  # noqa: PLC0415

    state_errors: tuple[type[Exception], ...] = ()  # sqlite3 is loaded only with a state file (start-up time)
    if serve_plan.state is not None:
        from simulator.persistence import StateFileError  # noqa: PLC0415

        state_errors = (StateFileError,)

    try:
        sock = bind(serve_plan.host, serve_plan.port)
    except OSError as error:
        err.write(
            f"jasper-sim serve: cannot listen on {serve_plan.host}:{serve_plan.port}: {error.strerror or error}\n"
        )
        return 1
    serve_plan = replace(serve_plan, port=sock.getsockname()[1])
    try:
        app = create_app(
            serve_plan.config,
            state_file=serve_plan.state,
            allowed_hosts=(serve_plan.host, *serve_plan.allow_hosts),
        )
    except state_errors as error:
        sock.close()
        err.write(f"jasper-sim serve: {error}\n")
        return 2
    config = uvicorn.Config(
        app,
        http=protocol_class(idle_timeout=serve_plan.idle_timeout, request_timeout=serve_plan.request_timeout),
        lifespan="on",
        ws="none",  # no WebSockets: an Upgrade request is answered as plain HTTP (simulator.protocol)
        access_log=serve_plan.access_log,
        log_level="info" if serve_plan.access_log else "warning",
        server_header=False,
        timeout_graceful_shutdown=_GRACE_SECONDS,
    )
    server = uvicorn.Server(config)
    stopped = threading.Event()
    try:
        try:
            for rule in serve_plan.faults:
                app.state.faults.add(rule)
        except ApiError as error:  # a rule naming a tenant there is not
            err.write(f"jasper-sim serve: --fault: {error.message}\n")
            return 2
        with _stop_requests(server):
            if serve_plan.seed is not None:
                seed_app(app, serve_plan.seed)
            out.write(banner(serve_plan, app))
            out.flush()
            threading.Thread(target=_load_ahead, args=(app, server, stopped), name="load-ahead", daemon=True).start()
            with _collecting():
                server.run(sockets=[sock])
    finally:
        stopped.set()
        persistence = app.state.persistence
        if persistence is not None:
            persistence.close()
        sock.close()
    return 0 if server.started else 1


def _load_ahead(app: SimulatorApp, server: Any, stopped: threading.Event) -> None:
    """Once the server answers, load what first requests would otherwise wait for: the contract's models
    (`ApiRouter.load_models`) and, when webhooks are delivered, the HTTP client that sends them.

    The start needs none of it (issue 11). Without this, the first write or list query of each
    operation would wait for pydantic and its models (about 0.2 s for the first: bench/RESULTS.md,
    start-up), and the first delivery would stop the event loop while httpx2 is imported. Run in a
    thread, so requests keep being answered meanwhile; a request that needs a module being loaded waits
    for it.
    """
    while not server.started:
        if stopped.wait(0.01):
            return
    try:
        app.state.api.load_models()
        if app.state.config.webhooks.deliver:
            import httpx2  # noqa: F401, PLC0415
    except Exception:  # each route still loads its models on its first request, a delivery its client
        logging.getLogger("simulator").exception("cannot load the contract's models ahead of use")


class _collecting:  # noqa: N801 (a context manager used as a statement)
    """The cyclic GC on while serving, when start-up turned it off (simulator.cli's `serve`).

    What start-up built (modules, route tables, the seed) lives as long as the server: frozen, it is
    never walked again by a collection (gc.freeze); unfrozen afterwards for an in-process caller.
    """

    def __enter__(self) -> None:
        self.paused = not gc.isenabled()
        if self.paused:
            gc.freeze()
            gc.enable()

    def __exit__(self, *exc: object) -> None:
        if self.paused:
            gc.unfreeze()


class _stop_requests:  # noqa: N801 (a context manager used as a statement)
    """SIGTERM and SIGINT ask `server` to stop, from before the banner is printed to after it has stopped.

    uvicorn installs its own handlers only once it starts serving, and after a graceful shutdown it
    re-raises the signal that stopped it (which would end the process with that signal's status). With
    these handlers around it, a signal that arrives before uvicorn's handlers still stops the server
    gracefully (uvicorn sees `should_exit` and shuts down right after starting), and the re-raised one
    lets `run` finish and exit 0.
    """

    def __init__(self, server: Any) -> None:
        self.server = server

    def __enter__(self) -> None:
        self._previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGINT, signal.SIGTERM)}

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

    def _stop(self, signum: int, frame: object) -> None:
        self.server.should_exit = True

"""`jasper-sim serve`: run the simulator under uvicorn as a local stand-in tenant.

uvicorn picks uvloop and httptools when they are installed (uvicorn[standard]; 3x plain h11/asyncio) and
the access log stays off unless asked for: it halves throughput (../shared/reference/perf-baseline.md §1;
the request journal under /_sim/journal is the cheap record). Beyond loopback the control plane would let
anyone on the network reset or rewrite the tenant, so an admin token is required there; when none is
configured one is generated and printed.
"""

from __future__ import annotations

import ipaddress
import secrets
import sys
from dataclasses import dataclass
from typing import TextIO

from contracts import wire
from contracts.op import Profile
from simulator.config import SimConfig


@dataclass(frozen=True, slots=True)
class ServePlan:
    """What `serve` will run: where, with which configuration, seed and logging."""

    host: str
    port: int
    config: SimConfig
    seed: str | None = None
    access_log: bool = False
    generated_token: bool = False

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
    journal_bytes: int | None = None,
) -> ServePlan:
    """Resolve the options: `profile`, `admin_token` and `journal_bytes` override the config's; beyond loopback
    an admin token is ensured."""
    config = config or SimConfig.default()
    if profile is not None:
        tenants = [tenant.model_copy(update={"profile": profile}) for tenant in config.tenants]
        config = config.model_copy(update={"tenants": tenants})
    if admin_token is not None:
        config = config.model_copy(update={"admin_token": admin_token})
    if journal_bytes is not None:
        config = config.model_copy(update={"journal_bytes": max(journal_bytes, 0)})
    generated = False
    if not is_loopback(host) and config.admin_token is None:
        config = config.model_copy(update={"admin_token": secrets.token_urlsafe(24)})
        generated = True
    return ServePlan(host, port, config, seed, access_log, generated)


def banner(serve_plan: ServePlan) -> str:
    """The lines printed on start: the base URL, each tenant's key, the control plane."""
    config = serve_plan.config
    lines = [f"Jasper PIM simulator: base URL {serve_plan.base_url}"]
    for tenant in config.tenants:
        lines.append(
            f"  tenant {tenant.name} ({tenant.profile.value} profile): API key {tenant.first_key}"
            f" (hosts: {', '.join(tenant.hosts) or 'none'})"
        )
    control = serve_plan.base_url.removesuffix(wire.API_PREFIX) + "/_sim/"
    if config.admin_token is None:
        lines.append(f"  control plane: {control} (no admin token: loopback only)")
    else:
        origin = "generated" if serve_plan.generated_token else "configured"
        lines.append(f"  control plane: {control} (admin token, {origin}: {config.admin_token})")
    if serve_plan.seed:
        lines.append(f"  seeded with the {serve_plan.seed} catalogue")
    first = config.tenants[0]
    lines.append(f'Try: curl -H "Authorization: Bearer {first.first_key}" {serve_plan.base_url}/ping')
    return "\n".join(lines) + "\n"


def run(serve_plan: ServePlan, out: TextIO = sys.stdout) -> int:
    """Build the app, seed it, print the banner and serve until interrupted."""
    import uvicorn  # noqa: PLC0415  (heavy; only `serve` needs it)

    from simulator import demo  # noqa: PLC0415
    from simulator.app import create_app  # noqa: PLC0415

    app = create_app(serve_plan.config)
    if serve_plan.seed == "demo":
        for tenant in app.state.tenants:
            demo.seed(tenant.store)
    out.write(banner(serve_plan))
    out.flush()
    uvicorn.run(
        app,
        host=serve_plan.host,
        port=serve_plan.port,
        access_log=serve_plan.access_log,
        log_level="info" if serve_plan.access_log else "warning",
        server_header=False,
    )
    return 0

"""What keeps a served simulator from being driven by a web page (../shared/DESIGN.md §9, "safe when served").

Two attacks work against a development server on loopback with no token:
- a cross-site request: any page can POST a form (`Content-Type: text/plain`, no preflight) to
  `http://127.0.0.1:PORT/_sim/reset`;
- DNS rebinding: a page on `rebind.evil.example` makes its own name resolve to 127.0.0.1 and then reads
  `/_sim/state` as same-origin.
So, as development servers do: the `Host` header must name a loopback host, an IP address (an address
cannot be rebound), the bound host, a tenant host or a host allowed by `--allow-host` (else 400);
control-plane writes must be `application/json` (a cross-site page cannot send that without a CORS
preflight, which the simulator never grants; else 415); and a request whose `Origin` is not the
simulator's own origin is refused (403). DELETE needs no content type: no page can send one cross-site
without a preflight either.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Final

from simulator.errors import ApiError, Malformed, UnsupportedMediaType
from simulator.tenants import strip_port

LOOPBACK_NAMES: Final = ("localhost", "127.0.0.1", "::1", "[::1]")
_BODY_METHODS: Final = frozenset({"POST", "PUT", "PATCH"})


class CrossOrigin(ApiError):  # noqa: N818 (named like the statuses in simulator.errors)
    """A cross-origin request to the control plane."""

    status = 403
    default_code = "cross_origin"
    default_message = "Requests from other origins are not accepted."


class HostPolicy:
    """Which `Host` header values a served simulator answers."""

    def __init__(self, hosts: Iterable[str]) -> None:
        self.exact: set[bytes] = set()
        self.suffixes: list[bytes] = []  # from ".example.com" entries: any subdomain
        for host in (*LOOPBACK_NAMES, *hosts):
            name = host.strip().lower().encode()
            if name.startswith(b"."):
                self.suffixes.append(name)
            elif name:
                self.exact.add(strip_port(name) if not name.startswith(b"[") else name)
        self._addresses: dict[bytes, bool] = {}

    def allows(self, host: bytes, tenant_hosts: Iterable[bytes] | dict[bytes, object] = ()) -> bool:
        """True when the host (port stripped, lower case) may be answered."""
        if host in self.exact or host in tenant_hosts:
            return True
        if host.endswith(b".localhost") or any(host.endswith(suffix) for suffix in self.suffixes):
            return True
        known = self._addresses.get(host)
        if known is None:
            known = _is_address(host)
            if len(self._addresses) < 1024:
                self._addresses[host] = known
        return known


def _is_address(host: bytes) -> bool:
    try:
        ipaddress.ip_address(host.decode("ascii").strip("[]"))
    except (ValueError, UnicodeDecodeError):
        return False
    return True


def bad_host(host: bytes) -> ApiError:
    """The 400 for a Host header the simulator does not answer."""
    shown = host.decode("latin-1")[:100]
    return Malformed(
        f"The Host {shown!r} is not served here; use a loopback address or the simulator's own host "
        "(start it with --allow-host to add one).",
        code="bad_host",
    )


def control_problem(method: str, headers: dict[bytes, bytes], own_origin: str) -> ApiError | None:
    """Why a control-plane request is refused (Origin, content type), or None."""
    origin = headers.get(b"origin")
    if origin is not None and origin.decode("latin-1").rstrip("/").lower() != own_origin.lower():
        return CrossOrigin()
    if method in _BODY_METHODS:
        content_type = headers.get(b"content-type", b"").partition(b";")[0].strip().lower()
        if content_type != b"application/json":
            return UnsupportedMediaType("Control-plane writes must be sent as application/json.")
    return None

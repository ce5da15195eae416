"""Rate limits per API key (assumed throttling, contracts/wire.py), counted on the simulator's clock.

A tenant's `rate_limit` (`{"per_minute": 60}` in the config, or `/_sim/rate_limits` at run time) allows
that many calls per key in fixed one-minute windows, each starting at the key's first call after the
last one ended, as Laravel's throttle middleware counts. A call over the limit answers 429 with
`Retry-After` (the whole seconds left in the window) and is not counted. While a tenant is limited,
every answer to its authenticated calls carries `X-RateLimit-Limit` and `X-RateLimit-Remaining`.

The limiter is registered with the router only while some tenant has a limit, so with none the API
pays nothing (../shared/DESIGN.md §9).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from contracts import wire
from simulator.clock import SimClock
from simulator.config import RateLimit
from simulator.errors import ApiError
from simulator.routing import Exchange

if TYPE_CHECKING:
    from simulator.routing import ApiRouter
    from simulator.tenants import Tenant, Tenants

_WINDOW: Final = timedelta(seconds=wire.RATE_LIMIT_WINDOW_SECONDS)
_LIMIT: Final = wire.RATE_LIMIT_LIMIT.lower().encode()
_REMAINING: Final = wire.RATE_LIMIT_REMAINING.lower().encode()


class TooManyRequests(ApiError):  # noqa: N818 (named like the statuses in simulator.errors)
    """A call over the key's rate limit (Laravel's message)."""

    status = wire.RATE_LIMITED
    default_code = "rate_limited"
    default_message = wire.RATE_LIMIT_MESSAGE


@dataclass(slots=True)
class Window:
    """One key's current window: when it ends and how many calls it counted."""

    ends_at: datetime
    used: int = 0


class RateLimiter:
    """The interceptor that counts calls per key and throttles them."""

    order = 10  # before fault rules: a throttled call never reaches them

    def __init__(self, api: ApiRouter, tenants: Tenants, clock: SimClock) -> None:
        self._api = api
        self._tenants = tenants
        self._clock = clock
        self._windows: dict[tuple[str, str], Window] = {}  # (tenant, key fingerprint) -> window

    def refresh(self) -> None:
        """Register with the router exactly while some tenant has a limit (call after tenants change)."""
        self._api.intercept(self, any(tenant.config.rate_limit is not None for tenant in self._tenants))

    def set_limit(self, tenant: Tenant, limit: RateLimit | None) -> None:
        """Change a tenant's limit (None: off); its keys start new windows."""
        tenant.config = tenant.config.replace(rate_limit=limit)
        tenant.store.tenant = tenant.config
        self._windows = {key: window for key, window in self._windows.items() if key[0] != tenant.name}
        self.refresh()

    def describe(self, tenant: Tenant) -> dict[str, Any]:
        """A tenant's limit and each key's current window, as the control plane shows them."""
        limit = tenant.config.rate_limit
        now = self._clock()
        keys = [
            {
                "key": fingerprint,
                "used": window.used,
                "remaining": max(0, limit.per_minute - window.used) if limit is not None else None,
                "resets_at": wire.format_timestamp(window.ends_at),
            }
            for (name, fingerprint), window in self._windows.items()
            if name == tenant.name and now < window.ends_at
        ]
        return {"tenant": tenant.name, "per_minute": limit.per_minute if limit is not None else None, "keys": keys}

    async def before(self, exchange: Exchange) -> None:
        """Count the call against its key's window, or answer 429 when the window is full."""
        assert exchange.tenant is not None and exchange.grant is not None
        limit = exchange.tenant.config.rate_limit
        if limit is None:
            return
        now = self._clock()
        key = (exchange.tenant.name, exchange.grant.fingerprint)
        window = self._windows.get(key)
        if window is None or now >= window.ends_at:
            window = self._windows[key] = Window(now + _WINDOW)
        allowed = limit.per_minute
        if window.used >= allowed:
            _add_headers(exchange, allowed, 0)
            exchange.fault = f"rate limit: {allowed} per minute"
            wait = max(1, math.ceil((window.ends_at - now).total_seconds()))
            raise TooManyRequests(headers={wire.RETRY_AFTER: str(wait)})
        window.used += 1
        _add_headers(exchange, allowed, allowed - window.used)

    async def after(self, exchange: Exchange, status: int, payload: bytes) -> tuple[int, bytes]:
        """Nothing to do once answered."""
        return status, payload


def _add_headers(exchange: Exchange, limit: int, remaining: int) -> None:
    headers = [(_LIMIT, str(limit).encode()), (_REMAINING, str(remaining).encode())]
    exchange.headers = [*exchange.headers, *headers] if exchange.headers else headers

"""A bounded journal of API requests, for dry runs: what was called, on which tenant, with what answer.

Recording is one deque append of a tuple per request, far cheaper than uvicorn's access log
(../shared/reference/perf-baseline.md §1: the access log halves throughput).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.routing import Exchange

DEFAULT_SIZE = 1000

Entry = tuple[str, str, int, str | None, str | None]


class Journal:
    """The last `size` API requests: method, path, status, operation id and tenant name."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self._entries: deque[Entry] = deque(maxlen=size)

    def record(self, exchange: Exchange, status: int, payload: bytes) -> None:
        """Remember one request (the oldest falls off when full)."""
        route, tenant = exchange.route, exchange.tenant
        self._entries.append(
            (
                exchange.scope["method"],
                exchange.scope["path"],
                status,
                route.op.id if route is not None else None,
                tenant.name if tenant is not None else None,
            )
        )

    def clear(self) -> None:
        """Forget every entry."""
        self._entries.clear()

    def entries(self, tenant: str | None = None) -> list[dict[str, Any]]:
        """The entries, oldest first, optionally of one tenant only."""
        return [
            {"method": method, "path": path, "status": status, "operation": op_id, "tenant": name}
            for method, path, status, op_id, name in self._entries
            if tenant is None or name == tenant
        ]

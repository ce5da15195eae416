"""Connection check: validate the API Url and key once, when the subscription is set up (IPAAS-EP, ping)."""

from __future__ import annotations

from client.write_paths.sync import Sync
from contracts import write_paths as wp
from contracts.ping import Ping


def validate_connection(sync: Sync) -> Ping:
    """Ping the tenant; the client's errors say what is wrong (bad key, unreachable host, no /api/v1)."""
    with sync.step(wp.CONNECTION):
        return sync.jasper.ping()

"""Ping (contracts/ping.py): the server time in Unix `date` style, a bare object (reference, Ping)."""

from __future__ import annotations

from contracts import ping as contract
from contracts import wire
from simulator.resources.registry import Result, handles
from simulator.store import TenantStore


@handles(contract.PING)
def ping(store: TenantStore) -> Result:
    """The tenant's clock."""
    return {"time": wire.format_ping_time(store.clock())}

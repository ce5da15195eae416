"""The connection check (contracts/ping.py); exposed as `jasper.ping()`."""

from __future__ import annotations

from client.registry import calls
from client.resources._base import Resource
from contracts import ping as c


class Connection(Resource):
    """The connection check the connector runs when a subscription is set up."""

    @calls(c.PING)
    def ping(self) -> c.Ping:
        """Check the API Url and key (`GET /ping`); answers the tenant's clock."""
        return self._one(c.PING, c.Ping)

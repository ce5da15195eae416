"""The pydantic models of `contracts.ping`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from contracts.base import ResponseModel, prov
from contracts.ping import D


class Ping(ResponseModel):
    """The server's clock, as a bare object."""

    time: str = prov(D, "reference: Ping", "Server time in Unix `date` style, e.g. `Tue Feb 7 19:05:03 UTC 2017`.")

"""Ping: the connection check (reference, section "Ping"; IPAAS-EP "Validate Connection")."""

from __future__ import annotations

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.base import ResponseModel, prov
from contracts.op import CatalogueEntry, Op, Provenance

D = Provenance.DOCUMENTED


class Ping(ResponseModel):
    """The server's clock, as a bare object."""

    time: str = prov(D, "reference: Ping", "Server time in Unix `date` style, e.g. `Tue Feb 7 19:05:03 UTC 2017`.")


PING = Op(
    id="ping",
    method="GET",
    path="/ping",
    summary="Check the API Url and key; returns the server time.",
    resource="ping",
    provenance=Provenance.OBSERVED_LIVE,
    source="reference: Ping (no query parameters); IPAAS-EP: Validate Connection",
    response=Ping,
    catalogue=(
        CatalogueEntry(
            "Validate Connection",
            groups.CONNECTION,
            "/ping",
            "Checks the configured API Url and key once, when the connection is set up.",
        ),
    ),
    write_paths=(wp.CONNECTION,),
)

OPS = (PING,)

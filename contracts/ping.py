"""Ping: the connection check (reference, section "Ping"; IPAAS-EP "Validate Connection")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.op import CatalogueEntry, ModelRef, Op, Provenance, lazy_models

D = Provenance.DOCUMENTED


PING = Op(
    id="ping",
    method="GET",
    path="/ping",
    summary="Check the API Url and key; returns the server time.",
    resource="ping",
    provenance=Provenance.OBSERVED_LIVE,
    source="reference: Ping (no query parameters); IPAAS-EP: Validate Connection",
    response_ref=ModelRef("contracts.models.ping", "Ping"),
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


# The models: contracts/models/ping.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.ping import Ping as Ping
else:
    __getattr__ = lazy_models(
        __name__,
        ("Ping",),
    )

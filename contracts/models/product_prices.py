"""The pydantic models of `contracts.product_prices`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from contracts.base import RequestModel, Stamped, prov
from contracts.models.wire import Id
from contracts.product_prices import _KB, A, D

Amount = Annotated[float, Field(ge=0)]


class _PriceFields(RequestModel):
    sell_price: Amount | None = prov(D, _KB, "Sell price.", default=None)
    cost: Amount | None = prov(D, _KB, "Cost.", default=None)
    msrp: Amount | None = prov(D, _KB, "Manufacturer's suggested retail price.", default=None)
    map: Amount | None = prov(D, _KB + " (shown as Base Price in the UI)", "Minimum advertised price.", default=None)
    starts_at: datetime | None = prov(
        D, _KB + "; without it the price expires at once", "Start of validity (UTC).", default=None
    )
    ends_at: datetime | None = prov(D, _KB, "End of validity (UTC); not before starts_at.", default=None)
    channel_id: Id | None = prov(
        A,
        "VZ-DM (secondary): a channel-specific price book entry; channels are not simulated",
        "Channel the row prices for; the write paths match rows on it.",
        default=None,
    )


class PriceCreate(_PriceFields):
    """A new price row."""


class PriceUpdate(_PriceFields):
    """Changes to a price row; fields left out stay as they are."""


class Price(Stamped):
    """A price row as the tenant returns it."""

    product_id: int = prov(A, "rows belong to one product", "The product.")
    sell_price: float | None = prov(D, _KB, "Sell price.", default=None)
    cost: float | None = prov(D, _KB, "Cost.", default=None)
    msrp: float | None = prov(D, _KB, "MSRP.", default=None)
    map: float | None = prov(D, _KB, "Minimum advertised price.", default=None)
    starts_at: datetime | None = prov(D, _KB, "Start of validity (UTC).", default=None)
    ends_at: datetime | None = prov(D, _KB, "End of validity (UTC).", default=None)
    channel_id: int | None = prov(A, "VZ-DM (secondary)", "Channel.", default=None)

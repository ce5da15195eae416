"""A product's prices: read its rows, update the matching ones, create the missing ones (IPAAS-EP).

The catalogue's "Get All Prices for a Product" exists "to choose between create and update"; a row
matches an input price on `channel_id` (assumed: one row per channel, the no-channel row included; the
oldest row wins when the tenant holds more). Only the fields the input sets are written, and a row
whose fields already agree is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from client.write_paths.sync import Sync, WritePathError
from contracts.product_prices import Amount, Price, PriceCreate, PriceUpdate
from contracts.wire import Id


class PriceInput(BaseModel):
    """One price row of an iPaaS product; fields left None are not written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    channel_id: Id | None = None
    sell_price: Amount | None = None
    cost: Amount | None = None
    msrp: Amount | None = None
    map: Amount | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        # KB-PRICE: price dates are UTC; a naive time is read as UTC, as the tenant reads it.
        return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value

    def fields(self) -> dict[str, Any]:
        """The fields to write: every one the input sets."""
        return {name: value for name, value in self if value is not None}


def write_prices(sync: Sync, product_id: int, prices: Sequence[PriceInput]) -> None:
    """Bring the product's price rows in line with `prices` (no input prices: nothing is read or written)."""
    if not prices:
        return
    channels = [price.channel_id for price in prices]
    if len(set(channels)) != len(channels):
        raise WritePathError(f"product {product_id}: two input prices for the same channel")
    current: dict[int | None, Price] = {}
    for row in sync.jasper.product_prices.iterate(product_id):
        current.setdefault(row.channel_id, row)
    for price in prices:
        wanted = price.fields()
        held = current.get(price.channel_id)
        if held is None:
            sync.jasper.product_prices.create(product_id, PriceCreate.model_validate(wanted))
            continue
        changes = {name: value for name, value in wanted.items() if getattr(held, name) != value}
        if changes:
            sync.jasper.product_prices.update(product_id, held.id, PriceUpdate.model_validate(changes))

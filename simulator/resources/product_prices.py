"""Product prices (contracts/product_prices.py): a product's price rows.

Rows are addressed under their own product: a row of another product, or an unknown row, answers 404.
`starts_at` after `ends_at` answers 422 on `ends_at` (KB-PRICE: end dates follow start dates); dates
without an offset are taken as UTC (KB-PRICE: dates are UTC) and stored in the wire's timestamp format.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from contracts import product_prices as contract
from contracts import wire
from simulator.errors import Unprocessable
from simulator.resources.common import changes, paginate, require, require_child
from simulator.resources.registry import Result, handles
from simulator.store import TenantStore, add_id

if TYPE_CHECKING:
    from contracts.wire import Paging

_FIELDS = ("sell_price", "cost", "msrp", "map", "starts_at", "ends_at", "channel_id")


@handles(contract.LIST_PRODUCT_PRICES)
def list_product_prices(store: TenantStore, product_id: int, query: Paging) -> Result:
    """A page of the product's price rows in id order."""
    require(store.products, product_id, "product")
    price_ids = store.product_prices.get(product_id, [])
    return paginate(store, ("product_prices", product_id), query, price_ids, store.prices.__getitem__)


@handles(contract.CREATE_PRODUCT_PRICE)
def create_product_price(store: TenantStore, product_id: int, body: contract.PriceCreate) -> Result:
    """A new price row for the product."""
    require(store.products, product_id, "product")
    fields = {name: _wire_value(name, getattr(body, name)) for name in _FIELDS}
    _check_period(fields["starts_at"], fields["ends_at"])
    price = store.insert("prices", {"product_id": product_id, **fields})
    add_id(store.product_prices.setdefault(product_id, []), price["id"])
    return price


@handles(contract.UPDATE_PRODUCT_PRICE)
def update_product_price(store: TenantStore, product_id: int, price_id: int, body: contract.PriceUpdate) -> Result:
    """Change the fields sent on a row of this product."""
    require(store.products, product_id, "product")
    price = require_child(
        store.prices, price_id, "product_id", product_id, f"No price with id {price_id} for product {product_id}."
    )
    sent = {name: _wire_value(name, value) for name, value in changes(body).items()}
    merged = {**price, **sent}
    _check_period(merged["starts_at"], merged["ends_at"])
    return store.touch("prices", price, sent)


def _wire_value(field: str, value: Any) -> Any:
    if not isinstance(value, datetime):
        return value
    try:
        return wire.format_timestamp(value if value.tzinfo is not None else value.replace(tzinfo=UTC))
    except OverflowError:  # e.g. 0001-01-01T00:00:00+01:00 lies before year 1 in UTC
        raise Unprocessable(field, f"The {field} is outside the supported date range.", code="date_range") from None


def _check_period(starts_at: str | None, ends_at: str | None) -> None:
    if starts_at is not None and ends_at is not None and _instant(starts_at) > _instant(ends_at):
        raise Unprocessable("ends_at", "The ends_at must be a date after or equal to starts_at.", code="invalid_period")


def _instant(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)

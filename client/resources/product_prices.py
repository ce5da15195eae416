"""A product's price rows (contracts/product_prices.py): `jasper.product_prices`."""

from __future__ import annotations

from collections.abc import Iterator

from client.registry import calls, iterates
from client.resources._base import Resource
from contracts import product_prices as c
from contracts.wire import MAX_PER_PAGE, Page


class ProductPrices(Resource):
    """Price rows of one product."""

    @calls(c.LIST_PRODUCT_PRICES)
    def list(self, product_id: int, *, page: int | None = None, per_page: int | None = None) -> Page[c.Price]:
        """One page of a product's price rows (`GET /products/{product_id}/prices`)."""
        return self._page(c.LIST_PRODUCT_PRICES, c.Price, {"product_id": product_id}, page, per_page)

    @iterates(c.LIST_PRODUCT_PRICES)
    def iterate(self, product_id: int, *, per_page: int = MAX_PER_PAGE) -> Iterator[c.Price]:
        """Every price row of a product, page by page as consumed."""
        return self._iterate(c.LIST_PRODUCT_PRICES, c.Price, {"product_id": product_id}, per_page)

    @calls(c.CREATE_PRODUCT_PRICE)
    def create(self, product_id: int, price: c.PriceCreate) -> c.Price:
        """Create a price row (`POST /products/{product_id}/prices`). Never retried."""
        return self._one(c.CREATE_PRODUCT_PRICE, c.Price, {"product_id": product_id}, price)

    @calls(c.UPDATE_PRODUCT_PRICE)
    def update(self, product_id: int, price_id: int, changes: c.PriceUpdate) -> c.Price:
        """Change a price row (`PUT /products/{product_id}/prices/{price_id}`); only fields set are sent."""
        return self._one(c.UPDATE_PRODUCT_PRICE, c.Price, {"product_id": product_id, "price_id": price_id}, changes)

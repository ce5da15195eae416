"""Attribute values on a product (contracts/product_attributes.py): `jasper.product_attributes`."""

from __future__ import annotations

from collections.abc import Iterator

from client.registry import calls, iterates
from client.resources._base import Resource
from contracts import product_attributes as c
from contracts.wire import MAX_PER_PAGE, Page


class ProductAttributes(Resource):
    """Attribute values of one product: the live collection-level PUT and the documented per-attribute PUT."""

    @calls(c.LIST_PRODUCT_ATTRIBUTES)
    def list(
        self, product_id: int, *, page: int | None = None, per_page: int | None = None
    ) -> Page[c.ProductAttributeValue]:
        """One page of a product's attribute values (`GET /products/{product_id}/attributes`)."""
        return self._page(
            c.LIST_PRODUCT_ATTRIBUTES, c.ProductAttributeValue, {"product_id": product_id}, page, per_page
        )

    @iterates(c.LIST_PRODUCT_ATTRIBUTES)
    def iterate(self, product_id: int, *, per_page: int = MAX_PER_PAGE) -> Iterator[c.ProductAttributeValue]:
        """Every attribute value of a product, page by page as consumed."""
        return self._iterate(c.LIST_PRODUCT_ATTRIBUTES, c.ProductAttributeValue, {"product_id": product_id}, per_page)

    @calls(c.CREATE_PRODUCT_ATTRIBUTE)
    def create(self, product_id: int, value: c.ProductAttributeWrite) -> c.ProductAttributeValue:
        """Set a value the product does not have yet (`POST /products/{product_id}/attributes`). Never retried."""
        return self._one(c.CREATE_PRODUCT_ATTRIBUTE, c.ProductAttributeValue, {"product_id": product_id}, value)

    @calls(c.UPDATE_PRODUCT_ATTRIBUTES)
    def write(self, product_id: int, value: c.ProductAttributeWrite) -> c.ProductAttributeValue:
        """Create or update a value (`PUT /products/{product_id}/attributes`, live collection-level PUT)."""
        return self._one(c.UPDATE_PRODUCT_ATTRIBUTES, c.ProductAttributeValue, {"product_id": product_id}, value)

    @calls(c.UPDATE_PRODUCT_ATTRIBUTE)
    def update_one(
        self, product_id: int, attribute_id: int, value: c.ProductAttributeValueUpdate
    ) -> c.ProductAttributeValue:
        """Update one existing value (`PUT /products/{product_id}/attributes/{attribute_id}`, documented only)."""
        return self._one(
            c.UPDATE_PRODUCT_ATTRIBUTE,
            c.ProductAttributeValue,
            {"product_id": product_id, "attribute_id": attribute_id},
            value,
        )

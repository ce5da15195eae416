"""Products (contracts/products.py): `jasper.products`."""

from __future__ import annotations

from collections.abc import Iterator

from client.registry import calls, iterates
from client.resources._base import Resource
from contracts import products as c
from contracts.wire import MAX_PER_PAGE, Page


class Products(Resource):
    """Products, including the documented profile's parent/child forms."""

    @calls(c.LIST_PRODUCTS)
    def list(self, *, page: int | None = None, per_page: int | None = None) -> Page[c.Product]:
        """One page of products (`GET /products`)."""
        return self._page(c.LIST_PRODUCTS, c.Product, page=page, per_page=per_page)

    @iterates(c.LIST_PRODUCTS)
    def iterate(self, *, per_page: int = MAX_PER_PAGE) -> Iterator[c.Product]:
        """Every product, fetching each page only when the previous one is consumed."""
        return self._iterate(c.LIST_PRODUCTS, c.Product, per_page=per_page)

    @calls(c.GET_PRODUCT)
    def get(self, product_id: int) -> c.Product:
        """One product by id (`GET /products/{product_id}`); `NotFound` when it does not exist."""
        return self._one(c.GET_PRODUCT, c.Product, {"product_id": product_id})

    @calls(c.CREATE_PRODUCT)
    def create(self, product: c.ProductCreate) -> c.Product:
        """Create a product (`POST /products`, live form: no parent fields). Never retried."""
        return self._one(c.CREATE_PRODUCT, c.Product, body=product)

    @calls(c.CREATE_PRODUCT_WITH_PARENT)
    def create_with_parent(self, product: c.ProductCreateWithParent) -> c.Product:
        """Create a product that may name its parent (`POST /products`, documented profile only)."""
        return self._one(c.CREATE_PRODUCT_WITH_PARENT, c.Product, body=product)

    @calls(c.UPDATE_PRODUCT)
    def update(self, product_id: int, changes: c.ProductUpdate) -> c.Product:
        """Change a product's fields (`PUT /products/{product_id}`); only the fields set are sent."""
        return self._one(c.UPDATE_PRODUCT, c.Product, {"product_id": product_id}, changes)

    @calls(c.CREATE_CHILD_PRODUCT)
    def create_child(self, parent_id: int, child: c.ProductCreate) -> c.Product:
        """Create a variant under a parent (`POST /products/{product_id}/child`, documented profile only)."""
        return self._one(c.CREATE_CHILD_PRODUCT, c.Product, {"product_id": parent_id}, child)

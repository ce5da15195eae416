"""Category assignment (contracts/product_categories.py): `jasper.product_categories`."""

from __future__ import annotations

from client.registry import calls
from client.resources._base import Resource
from contracts import product_categories as c


class ProductCategories(Resource):
    """Assign existing categories to a product."""

    @calls(c.ASSIGN_PRODUCT_CATEGORY)
    def assign(self, product_id: int, assignment: c.ProductCategoryAssign) -> c.ProductCategory:
        """Assign a category (`POST /products/{product_id}/categories`); assigning it again adds nothing."""
        return self._one(c.ASSIGN_PRODUCT_CATEGORY, c.ProductCategory, {"product_id": product_id}, assignment)

"""The pydantic models of `contracts.product_categories`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from contracts.base import RequestModel, ResponseModel, prov
from contracts.models.wire import Id
from contracts.product_categories import A


class ProductCategoryAssign(RequestModel):
    """The category to assign."""

    category_id: Id = prov(A, "IPAAS-EP: links an existing category; the key is not published", "An existing category.")


class ProductCategory(ResponseModel):
    """One assignment of a category to a product."""

    product_id: int = prov(A, "shape not published", "The product.")
    category_id: int = prov(A, "shape not published", "The assigned category.")

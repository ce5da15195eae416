"""Product categories (contracts/product_categories.py): assigning existing categories to a product.

An unknown category answers 422 on `category_id` (it is a body reference); assigning a category the
product already has answers 200 with the same assignment and adds nothing (assumed, on the Op).
"""

from __future__ import annotations

from contracts import product_categories as contract
from simulator.resources.common import require, require_ref
from simulator.resources.registry import Existing, Result, handles
from simulator.store import TenantStore


@handles(contract.ASSIGN_PRODUCT_CATEGORY)
def assign_product_category(store: TenantStore, product_id: int, body: contract.ProductCategoryAssign) -> Result:
    """Assign a category to a product, once."""
    require(store.products, product_id, "product")
    require_ref(store.categories, body.category_id, "category_id", "category")
    assignment = {"product_id": product_id, "category_id": body.category_id}
    assigned = store.product_categories.get(product_id, [])
    if body.category_id in assigned:
        return Existing(assignment)
    store.changing("products", product_id)
    store.product_categories[product_id] = [*assigned, body.category_id]
    store.touch("products", store.products[product_id], {})
    return assignment

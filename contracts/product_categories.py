"""Product categories: assigning an existing category to a product (IPAAS-EP "Assign a Category")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.op import CatalogueEntry, ModelRef, Op, Provenance, lazy_models

L, A = Provenance.OBSERVED_LIVE, Provenance.ASSUMED


ASSIGN_PRODUCT_CATEGORY = Op(
    id="assignProductCategory",
    method="POST",
    path="/products/{product_id}/categories",
    summary="Assign an existing category to a product.",
    resource="product_category",
    provenance=L,
    source="IPAAS-EP: Assign a Category to a Product",
    body_ref=ModelRef("contracts.models.product_categories", "ProductCategoryAssign"),
    response_ref=ModelRef("contracts.models.product_categories", "ProductCategory"),
    status=201,
    extra_statuses=(200,),
    errors=(404, 422),
    catalogue=(
        CatalogueEntry(
            "Assign a Category to a Product",
            groups.PRODUCT,
            "/products/{ProductId}/categories",
            "Links an existing category to a product.",
        ),
    ),
    write_paths=(wp.PRODUCT_CATEGORIES,),
    notes="An unknown category answers 422; assigning it again answers 200 and adds nothing (assumed).",
)

OPS = (ASSIGN_PRODUCT_CATEGORY,)


# The models: contracts/models/product_categories.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.product_categories import ProductCategory as ProductCategory
    from contracts.models.product_categories import ProductCategoryAssign as ProductCategoryAssign
else:
    __getattr__ = lazy_models(
        __name__,
        (
            "ProductCategory",
            "ProductCategoryAssign",
        ),
    )

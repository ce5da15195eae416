"""Product categories: assigning an existing category to a product (IPAAS-EP "Assign a Category")."""

from __future__ import annotations

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.base import RequestModel, ResponseModel, prov
from contracts.op import CatalogueEntry, Op, Provenance
from contracts.wire import Id

L, A = Provenance.OBSERVED_LIVE, Provenance.ASSUMED


class ProductCategoryAssign(RequestModel):
    """The category to assign."""

    category_id: Id = prov(A, "IPAAS-EP: links an existing category; the key is not published", "An existing category.")


class ProductCategory(ResponseModel):
    """One assignment of a category to a product."""

    product_id: int = prov(A, "shape not published", "The product.")
    category_id: int = prov(A, "shape not published", "The assigned category.")


ASSIGN_PRODUCT_CATEGORY = Op(
    id="assignProductCategory",
    method="POST",
    path="/products/{product_id}/categories",
    summary="Assign an existing category to a product.",
    resource="product_category",
    provenance=L,
    source="IPAAS-EP: Assign a Category to a Product",
    body=ProductCategoryAssign,
    response=ProductCategory,
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

"""Categories, a tree (IPAAS-EP "Product Category Endpoints"; IPAAS-CAT; VZ-DM for `parent_id`).

iPaaS (IPAAS-CAT) writes parents before children and matches categories by name through the full list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.op import CatalogueEntry, ModelRef, Op, Provenance, lazy_models
from contracts.wire import PAGE_QUERY

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_CAT = "IPAAS-CAT: name, optional description, parent link, visibility flag; key names assumed"


_PATHS = (wp.CATEGORY, wp.PRODUCT_CATEGORIES)

LIST_CATEGORIES = Op(
    id="listCategories",
    method="GET",
    path="/categories",
    summary="List categories, a page at a time.",
    resource="category",
    provenance=L,
    source="IPAAS-EP: Get All Categories",
    query_ref=PAGE_QUERY,
    response_ref=ModelRef("contracts.models.categories", "Category"),
    many=True,
    catalogue=(
        CatalogueEntry(
            "Get All Categories",
            groups.CATEGORY,
            "/categories",
            "Lists every category, to find a category's id by its name.",
        ),
    ),
    write_paths=_PATHS,
)
GET_CATEGORY = Op(
    id="getCategory",
    method="GET",
    path="/categories/{category_id}",
    summary="Get one category.",
    resource="category",
    provenance=A,
    source="not published; a resource controller's show route",
    response_ref=ModelRef("contracts.models.categories", "Category"),
    errors=(404,),
)
CREATE_CATEGORY = Op(
    id="createCategory",
    method="POST",
    path="/categories",
    summary="Create a category.",
    resource="category",
    provenance=L,
    source="IPAAS-EP: Create a Category",
    body_ref=ModelRef("contracts.models.categories", "CategoryCreate"),
    response_ref=ModelRef("contracts.models.categories", "Category"),
    status=201,
    errors=(422,),
    creates="category_id",
    catalogue=(
        CatalogueEntry(
            "Create a Category", groups.CATEGORY, "/categories", "Creates a category, parents before children."
        ),
    ),
    write_paths=(wp.CATEGORY,),
    notes="An unknown parent_id answers 422.",
)
UPDATE_CATEGORY = Op(
    id="updateCategory",
    method="PUT",
    path="/categories/{category_id}",
    summary="Update a category.",
    resource="category",
    provenance=L,
    source="IPAAS-EP: Update a Category",
    body_ref=ModelRef("contracts.models.categories", "CategoryUpdate"),
    response_ref=ModelRef("contracts.models.categories", "Category"),
    errors=(404, 422),
    catalogue=(
        CatalogueEntry(
            "Update a Category",
            groups.CATEGORY,
            "/categories/{Id}",
            "Updates a category whose external id already points at it.",
        ),
    ),
    write_paths=(wp.CATEGORY,),
    notes="An unknown parent, or a parent inside the category's own subtree, answers 422.",
)

OPS = (LIST_CATEGORIES, GET_CATEGORY, CREATE_CATEGORY, UPDATE_CATEGORY)


# The models: contracts/models/categories.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.categories import Category as Category
    from contracts.models.categories import CategoryCreate as CategoryCreate
    from contracts.models.categories import CategoryUpdate as CategoryUpdate
else:
    __getattr__ = lazy_models(
        __name__,
        (
            "Category",
            "CategoryCreate",
            "CategoryUpdate",
        ),
    )

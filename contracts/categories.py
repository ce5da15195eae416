"""Categories, a tree (IPAAS-EP "Product Category Endpoints"; IPAAS-CAT; VZ-DM for `parent_id`).

iPaaS (IPAAS-CAT) writes parents before children and matches categories by name through the full list.
"""

from __future__ import annotations

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.base import Name, RequestModel, Stamped, Text, prov
from contracts.op import CatalogueEntry, Op, Provenance
from contracts.wire import Id, PageQuery

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_CAT = "IPAAS-CAT: name, optional description, parent link, visibility flag; key names assumed"


class CategoryCreate(RequestModel):
    """A new category; without a parent it is a root."""

    name: Name = prov(D, _CAT, "Display name.")
    description: Text | None = prov(D, _CAT, "Optional description.", default=None)
    parent_id: Id | None = prov(
        D, "VZ-DM (secondary): parent_id", "Existing parent category; null for a root.", default=None
    )
    visible: bool = prov(D, _CAT, "Whether the storefront shows it.", default=None)


class CategoryUpdate(RequestModel):
    """Changes to a category; fields left out stay as they are. A category cannot become its own ancestor."""

    name: Name = prov(D, _CAT, "Display name.", default=None)
    description: Text | None = prov(D, _CAT, "Optional description.", default=None)
    parent_id: Id | None = prov(
        D, "VZ-DM (secondary): parent_id", "Existing parent category; null makes a root.", default=None
    )
    visible: bool = prov(D, _CAT, "Whether the storefront shows it.", default=None)


class Category(Stamped):
    """A category as the tenant returns it."""

    name: str = prov(D, _CAT, "Display name.")
    description: str | None = prov(D, _CAT, "Description.", default=None)
    parent_id: int | None = prov(D, "VZ-DM (secondary)", "Parent category, or null for a root.", default=None)
    visible: bool = prov(D, _CAT + "; default true assumed", "Whether the storefront shows it.", default=True)


_PATHS = (wp.CATEGORY, wp.PRODUCT_CATEGORIES)

LIST_CATEGORIES = Op(
    id="listCategories",
    method="GET",
    path="/categories",
    summary="List categories, a page at a time.",
    resource="category",
    provenance=L,
    source="IPAAS-EP: Get All Categories",
    query=PageQuery,
    response=Category,
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
    response=Category,
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
    body=CategoryCreate,
    response=Category,
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
    body=CategoryUpdate,
    response=Category,
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

"""Products, including the parent/child (variant) shape (reference sections "Products"; IPAAS-EP).

Live quirk (IPAAS-EP, "Product Variant Endpoints" note): the running API does not take parent/child
fields on `POST /products`; variants are created as plain products and linked through the relations
endpoint (contracts/product_relations.py). The documented alternatives are declared here for the
`documented` profile: `parent_id` on create, and `POST /products/{id}/child`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.op import DOCUMENTED_ONLY, LIVE_ONLY, CatalogueEntry, ModelRef, Op, Provenance, lazy_models
from contracts.wire import PAGE_QUERY

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_EP = "IPAAS-EP: the body carries Name, SKU, Type"


_REFERENCES = "A sku another product has, or an unknown option_set_id, answers 422 on that field."

LIST_PRODUCTS = Op(
    id="listProducts",
    method="GET",
    path="/products",
    summary="List products, a page at a time.",
    resource="product",
    provenance=A,
    source="IPAAS-EP uses [Base URL]/products as its example; list shape assumed",
    query_ref=PAGE_QUERY,
    response_ref=ModelRef("contracts.models.products", "Product"),
    many=True,
    write_paths=(wp.PRODUCT, wp.GRIDDED),
    notes="The product and gridded write paths scan it only to find a product by SKU after its create "
    "answer was lost (or was refused because the SKU is taken).",
)
GET_PRODUCT = Op(
    id="getProduct",
    method="GET",
    path="/products/{product_id}",
    summary="Get one product.",
    resource="product",
    provenance=L,
    source="IPAAS-EP: Get a Product by Id",
    response_ref=ModelRef("contracts.models.products", "Product"),
    errors=(404,),
    catalogue=(
        CatalogueEntry(
            "Get a Product by Id",
            groups.PRODUCT,
            "/products/{id}",
            "Reads one product, to re-hydrate it before an update.",
        ),
    ),
    write_paths=(wp.PRODUCT, wp.PRODUCT_INVENTORY, wp.GRIDDED, wp.RELATED),
)
CREATE_PRODUCT = Op(
    id="createProduct",
    method="POST",
    path="/products",
    summary="Create a product (live: no parent fields).",
    resource="product",
    provenance=L,
    source="IPAAS-EP: Create a Product",
    profiles=LIVE_ONLY,
    body_ref=ModelRef("contracts.models.products", "ProductCreate"),
    response_ref=ModelRef("contracts.models.products", "Product"),
    status=201,
    errors=(422,),
    creates="product_id",
    notes=_REFERENCES,
    catalogue=(
        CatalogueEntry(
            "Create a Product",
            groups.PRODUCT,
            "/products",
            "Creates a product from its name, SKU, type and other top-level fields.",
        ),
    ),
    write_paths=(wp.PRODUCT, wp.GRIDDED),
)
CREATE_PRODUCT_WITH_PARENT = Op(
    id="createProductWithParent",
    method="POST",
    path="/products",
    summary="Create a product, optionally as the child of a parent (documented profile).",
    resource="product",
    provenance=D,
    source="IPAAS-EP quoting the reference: parent/child fields on the body",
    profiles=DOCUMENTED_ONLY,
    body_ref=ModelRef("contracts.models.products", "ProductCreateWithParent"),
    response_ref=ModelRef("contracts.models.products", "Product"),
    status=201,
    errors=(422,),
    creates="product_id",
    alternative_of=("Create a Product", "Create a Product Variant"),
    notes=_REFERENCES + " An unknown parent_id, or a parent that is itself a variant, answers 422 on parent_id.",
)
UPDATE_PRODUCT = Op(
    id="updateProduct",
    method="PUT",
    path="/products/{product_id}",
    summary="Update a product's fields.",
    resource="product",
    provenance=L,
    source="IPAAS-EP: Update a Product; Update Product Body fields",
    body_ref=ModelRef("contracts.models.products", "ProductUpdate"),
    response_ref=ModelRef("contracts.models.products", "Product"),
    errors=(404, 422),
    notes=_REFERENCES,
    catalogue=(
        CatalogueEntry(
            "Update a Product",
            groups.PRODUCT,
            "/products/{Id}",
            "Updates a product whose external id already points at it.",
        ),
        CatalogueEntry(
            "Update Product Body fields",
            groups.PRODUCT,
            "/products/{ProductId}",
            "Secondary PUT: sets the option fields on a parent product.",
        ),
    ),
    write_paths=(wp.PRODUCT, wp.GRIDDED),
)
CREATE_CHILD_PRODUCT = Op(
    id="createChildProduct",
    method="POST",
    path="/products/{product_id}/child",
    summary="Create a variant under a parent (documented profile).",
    resource="product",
    provenance=D,
    source="IPAAS-EP quoting the reference: POST /products/{ID}/child",
    profiles=DOCUMENTED_ONLY,
    body_ref=ModelRef("contracts.models.products", "ProductCreate"),
    response_ref=ModelRef("contracts.models.products", "Product"),
    status=201,
    errors=(404, 422),
    alternative_of=("Create a Product Variant",),
    notes=_REFERENCES + " An unknown parent answers 404; a parent that is itself a variant answers 422 on product_id.",
)

OPS = (LIST_PRODUCTS, GET_PRODUCT, CREATE_PRODUCT, CREATE_PRODUCT_WITH_PARENT, UPDATE_PRODUCT, CREATE_CHILD_PRODUCT)


# The models: contracts/models/products.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.products import Product as Product
    from contracts.models.products import ProductCreate as ProductCreate
    from contracts.models.products import ProductCreateWithParent as ProductCreateWithParent
    from contracts.models.products import ProductUpdate as ProductUpdate
else:
    __getattr__ = lazy_models(
        __name__,
        (
            "Product",
            "ProductCreate",
            "ProductCreateWithParent",
            "ProductUpdate",
        ),
    )

"""Products, including the parent/child (variant) shape (reference sections "Products"; IPAAS-EP).

Live quirk (IPAAS-EP, "Product Variant Endpoints" note): the running API does not take parent/child
fields on `POST /products`; variants are created as plain products and linked through the relations
endpoint (contracts/product_relations.py). The documented alternatives are declared here for the
`documented` profile: `parent_id` on create, and `POST /products/{id}/child`.
"""

from __future__ import annotations

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.base import Name, RequestModel, Stamped, Text, prov
from contracts.op import DOCUMENTED_ONLY, LIVE_ONLY, CatalogueEntry, Op, Provenance
from contracts.product_inventory import InventoryRecord, InventoryRow
from contracts.product_relations import ProductRelation
from contracts.wire import Id, PageQuery

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_EP = "IPAAS-EP: the body carries Name, SKU, Type"


class ProductCreate(RequestModel):
    """A new product. `name` and `sku` are required (iPaaS: a missing Name or Sku blocks creation)."""

    name: Name = prov(L, _EP, "Display name.")
    sku: Name = prov(L, _EP + "; unique per tenant (assumed, the importer keys products by SKU)", "Stock keeping unit.")
    type: Name = prov(L, _EP + "; the enum is not published", "Product type (free text).", default=None)
    description: Text | None = prov(A, "not in any readable source", "Long description.", default=None)
    option_set_id: Id | None = prov(
        A,
        "IPAAS-EP: option-related fields on the parent; KB-OPT: an assigned option set makes a parent",
        "Option set assigned to the product; assigning one makes it a parent.",
        default=None,
    )


class ProductCreateWithParent(ProductCreate):
    """A new product that may name its parent (documented profile only)."""

    parent_id: Id | None = prov(
        A,
        "IPAAS-EP quoting the reference: parent/child fields on POST /products; the name is assumed",
        "Parent product; the new product becomes its child (variant).",
        default=None,
    )


class ProductUpdate(RequestModel):
    """Changes to a product; fields left out stay as they are (assumed: partial update)."""

    name: Name = prov(L, _EP, "Display name.", default=None)
    sku: Name = prov(L, _EP, "Stock keeping unit (unique per tenant).", default=None)
    type: Name = prov(L, _EP, "Product type (free text).", default=None)
    description: Text | None = prov(A, "not in any readable source", "Long description.", default=None)
    option_set_id: Id | None = prov(
        A,
        "IPAAS-EP: the secondary PUT sets option-related fields on the parent",
        "Option set assigned to the product (null clears it).",
        default=None,
    )


class Product(Stamped):
    """A product as the tenant returns it, with its categories, relations and inventory rows."""

    name: str = prov(L, _EP, "Display name.")
    sku: str = prov(L, _EP, "Stock keeping unit.")
    type: str | None = prov(L, _EP, "Product type.", default=None)
    description: str | None = prov(A, "not in any readable source", "Long description.", default=None)
    option_set_id: int | None = prov(A, "see ProductCreate.option_set_id", "Assigned option set.", default=None)
    parent_id: int | None = prov(
        D,
        "KB-OPT: children are linked to a parent; the name is assumed",
        "Parent product, for a variant.",
        default=None,
    )
    children: list[int] = prov(
        D,
        "KB-OPT: a parent owns children; the name is assumed",
        "Ids of the variant products.",
        default_factory=list,
    )
    categories: list[int] = prov(
        A,
        "KB-PIMP: a product has many categories; the representation is assumed",
        "Assigned category ids.",
        default_factory=list,
    )
    relations: list[ProductRelation] = prov(
        D,
        "KB-REL: relation data appears in the product JSON; the shape is assumed",
        "Links to other products, variants included.",
        default_factory=list,
    )
    inventory: list[InventoryRecord | InventoryRow] = prov(
        D,
        "KB-LOC: the product JSON carries every location's inventory; key and shape assumed",
        "Inventory rows, in the tenant profile's row shape.",
        default_factory=list,
    )


_REFERENCES = "A sku another product has, or an unknown option_set_id, answers 422 on that field."

LIST_PRODUCTS = Op(
    id="listProducts",
    method="GET",
    path="/products",
    summary="List products, a page at a time.",
    resource="product",
    provenance=A,
    source="IPAAS-EP uses [Base URL]/products as its example; list shape assumed",
    query=PageQuery,
    response=Product,
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
    response=Product,
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
    body=ProductCreate,
    response=Product,
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
    body=ProductCreateWithParent,
    response=Product,
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
    body=ProductUpdate,
    response=Product,
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
    body=ProductCreate,
    response=Product,
    status=201,
    errors=(404, 422),
    alternative_of=("Create a Product Variant",),
    notes=_REFERENCES + " An unknown parent answers 404; a parent that is itself a variant answers 422 on product_id.",
)

OPS = (LIST_PRODUCTS, GET_PRODUCT, CREATE_PRODUCT, CREATE_PRODUCT_WITH_PARENT, UPDATE_PRODUCT, CREATE_CHILD_PRODUCT)

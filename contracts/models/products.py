"""The pydantic models of `contracts.products`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from contracts.base import Name, RequestModel, Stamped, Text, prov
from contracts.models.product_inventory import InventoryRecord, InventoryRow
from contracts.models.product_relations import ProductRelation
from contracts.models.wire import Id
from contracts.products import _EP, A, D, L


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

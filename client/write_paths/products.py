"""Product upsert: create or update the product, then its categories, prices, attribute values and stock.

Integration note W2. The product's external id decides between create and update (IPAAS-PROD); a
linked product is read first ("Get a Product by Id: re-hydrate before an update", IPAAS-EP) and only
the fields that differ are sent. Categories are resolved before anything is written, so a bad
reference fails the sync early.
POST is never retried blindly (client/retry.py: Jasper documents no idempotency key). A create whose
answer was lost may have succeeded, so the product is then looked up by SKU, unique per tenant
(assumed, contracts/products.py), through the product list; a later run whose create answers 422 on
`sku` does the same. Either way the existing product is linked instead of a duplicate being made.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from client import errors
from client.external_ids import CollectionType, IpaasId
from client.write_paths.inventory import InventoryInput, write_inventory
from client.write_paths.prices import PriceInput, write_prices
from client.write_paths.product_attributes import AttributeValueInput, write_attribute_values
from client.write_paths.product_categories import CategoryRef, assign_categories, resolve_categories
from client.write_paths.sync import Sync
from contracts import write_paths as wp
from contracts.base import Name, Text
from contracts.products import Product, ProductCreate, ProductUpdate


class ProductFields(BaseModel):
    """A product's own fields in iPaaS data; `type` and `description` left None are not written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: IpaasId
    sku: Name
    name: Name
    type: Name | None = None
    description: Text | None = None


class ProductInput(ProductFields):
    """An iPaaS product with the child rows the product transfer writes in the same run (IPAAS-PROD)."""

    categories: list[CategoryRef] = Field(default_factory=list)
    prices: list[PriceInput] = Field(default_factory=list)
    attributes: list[AttributeValueInput] = Field(default_factory=list)
    inventory: list[InventoryInput] = Field(default_factory=list)


def upsert_product(sync: Sync, product: ProductInput) -> Product:
    """Write a product and its rows; answers the product as written (before its rows)."""
    with sync.step(wp.PRODUCT_CATEGORIES):
        category_ids = resolve_categories(sync, product.categories)
    with sync.step(wp.PRODUCT):
        saved = save_product(sync, product, CollectionType.PRODUCT)
    write_product_rows(sync, saved, product, category_ids)
    return saved


def write_product_rows(sync: Sync, saved: Product, product: ProductInput, category_ids: list[int]) -> None:
    """The product transfer's child rows, each under its own write path: categories, prices, values, stock."""
    with sync.step(wp.PRODUCT_CATEGORIES):
        assign_categories(sync, saved, category_ids)
    with sync.step(wp.PRODUCT_PRICES):
        write_prices(sync, saved.id, product.prices)
    with sync.step(wp.PRODUCT_ATTRIBUTES):
        write_attribute_values(sync, saved.id, product.attributes)
    with sync.step(wp.PRODUCT_INVENTORY):
        write_inventory(sync, saved, product.inventory, CollectionType.PRODUCT_INVENTORY)


def save_product(sync: Sync, fields: ProductFields, collection: CollectionType) -> Product:
    """Create the product or update the one linked in `collection`; answers it as the tenant now holds it."""
    current = _linked(sync, fields, collection)
    if current is None:
        current = _create_or_recover(sync, fields, collection)
    wanted: dict[str, object] = {"sku": fields.sku, "name": fields.name}
    wanted |= {name: getattr(fields, name) for name in ("type", "description") if getattr(fields, name) is not None}
    changes = {name: value for name, value in wanted.items() if getattr(current, name) != value}
    if changes:
        current = sync.jasper.products.update(current.id, ProductUpdate.model_validate(changes))
    return current


def _linked(sync: Sync, fields: ProductFields, collection: CollectionType) -> Product | None:
    stored = sync.ids.get(collection, fields.id)
    if stored is None:
        return None
    try:
        return sync.jasper.products.get(stored)
    except errors.NotFound:
        sync.ids.remove(collection, fields.id)  # the linked product is gone: create it afresh
        return None


def _create_or_recover(sync: Sync, fields: ProductFields, collection: CollectionType) -> Product:
    body = ProductCreate.model_validate(
        fields.model_dump(include={"sku", "name", "type", "description"}, exclude_none=True)
    )
    try:
        product = sync.jasper.products.create(body)
    except errors.TransportError:
        found = find_by_sku(sync, fields.sku)  # the answer was lost: did the create happen?
        if found is None:
            raise
        product = found
    except errors.Unprocessable as refused:
        found = find_by_sku(sync, fields.sku) if "sku" in refused.errors else None
        if found is None:
            raise
        product = found
    sync.ids.put(collection, fields.id, product.id)
    return product


def find_by_sku(sync: Sync, sku: str) -> Product | None:
    """The tenant's product with this SKU, through every page of the product list."""
    return next((product for product in sync.jasper.products.iterate() if product.sku == sku), None)

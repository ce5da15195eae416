"""The connector's write paths: what the iPaaS.com Jasper PIM connector does with the client.

Each takes a `Sync` (the tenant's `JasperClient`, an external-id store, the tenant's relation types)
and plain input models of the iPaaS-side data. Every write path decides create or update from the
external-id store and the tenant's own data, so running it twice with the same input creates nothing
new, and a run that failed midway is completed by running it again.

    sync = Sync(JasperClient(api_url, api_key), JsonFileExternalIds("ids.json"))
    apparel, tees = CategoryInput(id="10", name="Apparel"), CategoryInput(id="11", name="Tees", parent_id="10")
    upsert_categories(sync, [apparel, tees])
    upsert_product(sync, ProductInput(id="15247", sku="TEE-1", name="Tee", categories=[CategoryRef(id="11")]))
"""

from __future__ import annotations

from client.write_paths.attribute_definitions import AttributeInput, AttributeSetInput, upsert_attribute_definitions
from client.write_paths.categories import CategoryInput, order_parents_first, upsert_categories
from client.write_paths.connection import validate_connection
from client.write_paths.gridded import GriddedProductInput, VariantInput, upsert_gridded_product
from client.write_paths.inventory import InventoryInput, update_inventory
from client.write_paths.options import OptionInput, OptionValueInput
from client.write_paths.prices import PriceInput
from client.write_paths.product_attributes import AttributeValueInput
from client.write_paths.product_categories import CategoryRef
from client.write_paths.products import ProductInput, find_by_sku, upsert_product
from client.write_paths.related import RelatedLinkInput, link_related_products
from client.write_paths.sync import (
    DEFAULT_RELATION_TYPES,
    MissingReference,
    Sync,
    Trace,
    TracedCall,
    WritePathError,
)
from client.write_paths.webhooks import WebhookInput, WebhookResult, deactivate_webhook, upsert_webhook

__all__ = [
    "DEFAULT_RELATION_TYPES",
    "AttributeInput",
    "AttributeSetInput",
    "AttributeValueInput",
    "CategoryInput",
    "CategoryRef",
    "GriddedProductInput",
    "InventoryInput",
    "MissingReference",
    "OptionInput",
    "OptionValueInput",
    "PriceInput",
    "ProductInput",
    "RelatedLinkInput",
    "Sync",
    "Trace",
    "TracedCall",
    "VariantInput",
    "WebhookInput",
    "WebhookResult",
    "WritePathError",
    "deactivate_webhook",
    "find_by_sku",
    "link_related_products",
    "order_parents_first",
    "update_inventory",
    "upsert_attribute_definitions",
    "upsert_categories",
    "upsert_gridded_product",
    "upsert_product",
    "upsert_webhook",
    "validate_connection",
]

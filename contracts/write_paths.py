"""The connector's write paths (../shared/reference/ipaas-jasper-integration.md §8), by name.

Ops list the write paths that call them; `client/write_paths/` implements each one, and a test checks
that the operations each write path really calls (recorded in the suite) are the ones declared here.
"""

from __future__ import annotations

from typing import Final

CONNECTION: Final = "connection"
CATEGORY: Final = "category"
PRODUCT: Final = "product"
PRODUCT_CATEGORIES: Final = "product.categories"
PRODUCT_PRICES: Final = "product.prices"
PRODUCT_ATTRIBUTES: Final = "product.attributes"
PRODUCT_INVENTORY: Final = "product.inventory"
GRIDDED: Final = "gridded"
RELATED: Final = "related"
ATTRIBUTE_DEFINITIONS: Final = "attribute_definitions"
WEBHOOKS: Final = "webhooks"

WRITE_PATHS: Final[dict[str, str]] = {
    CONNECTION: "Validate the API Url and key when the subscription is set up (ping).",
    CATEGORY: "Category upsert, parents before children; resolve by external id, else by name, else create.",
    PRODUCT: "Product upsert: create, or update the linked product.",
    PRODUCT_CATEGORIES: "Assign the product's categories.",
    PRODUCT_PRICES: "Read the product's price rows, update the matching ones, create the missing ones.",
    PRODUCT_ATTRIBUTES: "Resolve attribute names, read the product's values, write with the collection PUT.",
    PRODUCT_INVENTORY: "Per location name: create the inventory row, or update the stored one.",
    GRIDDED: "Gridded product: options, values, option set, parent option fields, children linked as variants.",
    RELATED: "Link related products (up-sell, cross-sell, accessory) through the relations endpoint.",
    ATTRIBUTE_DEFINITIONS: "Attribute and attribute-set definitions, with set membership.",
    WEBHOOKS: "Webhook subscriptions: create, update, deactivate.",
}

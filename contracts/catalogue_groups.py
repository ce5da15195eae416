"""Group headings of the seed catalogue, spelled as in ../shared/seed/jasper-pim-api-endpoints.txt."""

from __future__ import annotations

from typing import Final

PRODUCT: Final = "Product Endpoints"
CATEGORY: Final = "Product Category Endpoints"
PRODUCT_ATTRIBUTE: Final = "Product Attribute Endpoints"
PRODUCT_INVENTORY: Final = "Product Inventory Endpoints"
PRODUCT_VARIANT: Final = "Product Variant Endpoints"
RELATED_PRODUCT: Final = "Related Product Endpoints"
ATTRIBUTE: Final = "Attribute Endpoints"
ATTRIBUTE_SET: Final = "Attribute Set Endpoints"
OPTION: Final = "Option Endpoints"
OPTION_SET: Final = "Option Set Endpoints"
OPTION_VALUE: Final = "Option Value Endpoints"
WEBHOOK: Final = "Webhook Endpoints"
CONNECTION: Final = "Connection Validation Endpoints"

# The seed's order of groups; the generated catalogue keeps it.
ORDER: Final = (
    PRODUCT,
    CATEGORY,
    PRODUCT_ATTRIBUTE,
    PRODUCT_INVENTORY,
    PRODUCT_VARIANT,
    RELATED_PRODUCT,
    ATTRIBUTE,
    ATTRIBUTE_SET,
    OPTION,
    OPTION_SET,
    OPTION_VALUE,
    WEBHOOK,
    CONNECTION,
)

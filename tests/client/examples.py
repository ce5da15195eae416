"""One valid request body and one valid answer per contract model, for the client's wiring tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

from pydantic import BaseModel

from contracts import attribute_sets as sets
from contracts import attributes, categories, option_sets, option_values, options, ping, products, webhooks
from contracts import product_attributes as values
from contracts import product_categories as assigned
from contracts import product_inventory as inventory
from contracts import product_prices as prices
from contracts import product_relations as relations
from contracts.attributes import AttributeType
from contracts.webhooks import EntityType, RetryPolicy

STAMP: Final = "2026-11-26T12:00:00.000000Z"
_WEBHOOK: Final = {
    "name": "Catalogue feed",
    "callback_url": "http://127.0.0.1:9/jasper",
    "entity_type": "product",
    "include_entity_data": True,
    "headers": {"X-Feed": "catalogue"},
    "retry_policy": "exponential",
    "minimum_retry_interval": 300,
    "retry_limit": 5,
}

WEBHOOK_CREATE: Final = webhooks.WebhookCreate(
    name="Catalogue feed",
    callback_url="http://127.0.0.1:9/jasper",
    entity_type=EntityType.PRODUCT,
    include_entity_data=True,
    headers={"X-Feed": "catalogue"},
    retry_policy=RetryPolicy.EXPONENTIAL,
    minimum_retry_interval=300,
    retry_limit=5,
)

BODIES: Final[dict[type[BaseModel], BaseModel]] = {
    products.ProductCreate: products.ProductCreate(name="Trail Tee", sku="TT-1", type="simple"),
    products.ProductCreateWithParent: products.ProductCreateWithParent(name="Trail Tee L", sku="TT-1-L", parent_id=7),
    products.ProductUpdate: products.ProductUpdate(name="Trail Tee (2026)"),
    assigned.ProductCategoryAssign: assigned.ProductCategoryAssign(category_id=3),
    prices.PriceCreate: prices.PriceCreate(sell_price=19.5, starts_at=datetime(2026, 1, 1, tzinfo=UTC)),
    prices.PriceUpdate: prices.PriceUpdate(cost=7.25),
    categories.CategoryCreate: categories.CategoryCreate(name="Shirts", parent_id=2),
    categories.CategoryUpdate: categories.CategoryUpdate(visible=False),
    values.ProductAttributeWrite: values.ProductAttributeWrite(attribute_id=4, value="Cotton"),
    values.ProductAttributeValueUpdate: values.ProductAttributeValueUpdate(value=["Red", "Blue"]),
    inventory.InventoryCreate: inventory.InventoryCreate(location="Main Warehouse", count_on_hand=12),
    inventory.InventoryUpdate: inventory.InventoryUpdate(count_on_hand=0),
    inventory.InventoriesCreate: inventory.InventoriesCreate(location_id=1, quantity=12),
    inventory.InventoriesUpdate: inventory.InventoriesUpdate(quantity=3.5),
    attributes.AttributeCreate: attributes.AttributeCreate(name="Material", type=AttributeType.TEXT),
    attributes.AttributeUpdate: attributes.AttributeUpdate(publish=True),
    sets.AttributeSetWrite: sets.AttributeSetWrite(name="Apparel"),
    sets.AttributeSetUpdate: sets.AttributeSetUpdate(name="Apparel 2026"),
    sets.AttributeSetMember: sets.AttributeSetMember(attribute_id=4),
    options.OptionWrite: options.OptionWrite(name="Size"),
    options.OptionUpdate: options.OptionUpdate(name="Sizes"),
    option_sets.OptionSetWrite: option_sets.OptionSetWrite(name="Size/Color"),
    option_sets.OptionSetUpdate: option_sets.OptionSetUpdate(name="Size/Colour"),
    option_sets.OptionSetMember: option_sets.OptionSetMember(option_id=5),
    option_values.OptionValueWrite: option_values.OptionValueWrite(name="L"),
    option_values.OptionValueUpdate: option_values.OptionValueUpdate(name="XL"),
    webhooks.WebhookCreate: WEBHOOK_CREATE,
    webhooks.WebhookUpdate: webhooks.WebhookUpdate(retry_limit=3),
}

ANSWERS: Final[dict[type[BaseModel], dict[str, Any]]] = {
    products.Product: {"id": 7, "name": "Trail Tee", "sku": "TT-1", "type": "simple", "created_at": STAMP},
    assigned.ProductCategory: {"product_id": 7, "category_id": 3},
    prices.Price: {"id": 11, "product_id": 7, "sell_price": 19.5, "starts_at": STAMP},
    categories.Category: {"id": 3, "name": "Shirts", "parent_id": 2, "visible": True},
    values.ProductAttributeValue: {"product_id": 7, "attribute_id": 4, "name": "Material", "value": "Cotton"},
    inventory.InventoryRecord: {"id": 21, "product_id": 7, "location": "Main Warehouse", "count_on_hand": 12},
    inventory.InventoryRow: {"id": 22, "product_id": 7, "location_id": 1, "quantity": 12},
    relations.ProductRelation: {"id": 31, "product_id": 7, "related_product_id": 8, "relation_type_id": 1},
    attributes.Attribute: {"id": 4, "name": "Material", "type": "text", "values": []},
    sets.AttributeSet: {"id": 41, "name": "Apparel", "attributes": [4]},
    options.Option: {"id": 5, "name": "Size"},
    option_sets.OptionSet: {"id": 51, "name": "Size/Color", "options": [5]},
    option_values.OptionValue: {"id": 61, "option_id": 5, "name": "L"},
    webhooks.Webhook: {"id": 71, **_WEBHOOK},
    webhooks.WebhookCreated: {"id": 71, **_WEBHOOK, "signing_secret": "whsec_example"},
    ping.Ping: {"time": "Thu Nov 26 12:00:00 UTC 2026"},
}

"""What a Jasper user can do in the app that the API cannot: delete a product.

The contract has no operation that deletes a product (only webhooks have DELETE), yet KB-WH says a
product subscription fires when a product is deleted, which happens in Jasper's own UI. The control
plane plays that user (`POST /_sim/actions/delete_product`), through the same write path as the API:
the changes are collected, the commit listeners see them (the state file, dry runs, webhook
deliveries) and the state file commits them.

What goes with the product (assumed: Jasper publishes no cascade rules): its category assignments and
attribute values, its price rows, its stock rows and every relation it is either end of, variant links
included; its variants stay, as products of their own.
"""

from __future__ import annotations

from typing import Any

from simulator.resources.common import require
from simulator.store import TenantStore


def delete_product(store: TenantStore, product_id: int) -> dict[str, Any]:
    """Remove a product and what hangs on it (404 when there is none); answers the ids removed."""
    require(store.products, product_id, "product")
    removed = {
        "prices": list(store.product_prices.get(product_id, ())),
        "inventory": list(store.product_inventory.get(product_id, {}).values()),
        "relations": [
            relation_id
            for relation_id, relation in store.relations.items()
            if product_id in (relation["product_id"], relation["related_product_id"])
        ],
    }
    for table, ids in (("products", [product_id]), *removed.items()):
        for record_id in ids:
            store.changing(table, record_id)
            store.put_entity(table, None, record_id)
    store.rebuild_indexes()
    return {"product": product_id, **removed}

"""What a committed write fires: a message for each active webhook watching an entity the write changed.

KB-WH: a subscription watches one `entity_type` and fires when such an entity is created, updated or
deleted. A write's changes (simulator.store, `Changes`) name each changed entity with its value before
the write; the value after is the store's. Products and categories are the entity types this API has
(a product's category assignments and attribute values belong to the product entity, so assigning a
category is a product update; prices and stock rows are entities of their own and fire nothing).
Brands and concrete entities have no operations here, so their subscriptions never fire.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

import orjson

from contracts import wire
from contracts.webhook_deliveries import WebhookEvent, event_type
from contracts.webhooks import EntityType
from simulator.resources.products import render_product
from simulator.store import Changes, Record, TenantStore

ENTITY_TABLES: Final = {"products": EntityType.PRODUCT, "categories": EntityType.CATEGORY}
_INTERNAL: Final = ("attribute_values",)  # the stored entity's own bookkeeping, not what a read shows


@dataclass(slots=True)
class Message:
    """One delivery to make (and retry): the same `id` and body on every attempt."""

    tenant: str
    store: TenantStore  # where it was made: once the tenant's store is replaced (reset, import), it is dropped
    webhook_id: int
    type: str
    body: bytes
    id: str = field(default_factory=lambda: f"msg_{uuid.uuid4().hex}")
    attempt: int = 1


def messages_for(tenant: str, store: TenantStore, changes: Changes, now: datetime) -> list[Message]:
    """The messages a write's changes fire in `store` (none when no active webhook watches them)."""
    watching: dict[str, list[Record]] = {}
    for hook in store.webhooks.values():
        watching.setdefault(hook["entity_type"], []).append(hook)
    messages: list[Message] = []
    for (table, record_id), before in changes.items():
        entity_type = ENTITY_TABLES.get(table)
        hooks = watching.get(entity_type) if entity_type is not None else None
        if not hooks:
            continue
        assert entity_type is not None
        current = store.entity(table, record_id)
        if before is None and current is None:
            continue
        if before is None:
            event = WebhookEvent.CREATED
        else:
            event = WebhookEvent.DELETED if current is None else WebhookEvent.UPDATED
        kind = event_type(entity_type, event)
        full = _shown(store, table, record_id, before)
        for hook in hooks:
            data = full if hook["include_entity_data"] else {"id": record_id}
            body = orjson.dumps({"type": kind, "timestamp": wire.format_timestamp(now), "data": data})
            messages.append(Message(tenant, store, hook["id"], kind, body))
    return messages


def _shown(store: TenantStore, table: str, record_id: int, before: Record | None) -> dict[str, Any]:
    """The entity as a read shows it now, or (deleted) the fields it had."""
    if table == "products" and record_id in store.products:
        return render_product(store, store.products[record_id])
    record = getattr(store, table).get(record_id)
    if record is not None:
        return dict(record)
    return {key: value for key, value in (before or {"id": record_id}).items() if key not in _INTERNAL}

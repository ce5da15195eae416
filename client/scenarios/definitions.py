"""Scenarios of the write paths that define the catalogue's frame: connection, categories, attributes, webhooks."""

from __future__ import annotations

from client.scenarios.base import Scenario
from client.write_paths import (
    AttributeInput,
    AttributeSetInput,
    CategoryInput,
    Sync,
    WebhookInput,
    deactivate_webhook,
    upsert_attribute_definitions,
    upsert_categories,
    upsert_webhook,
    validate_connection,
)
from contracts import write_paths as wp
from contracts.attributes import AttributeType
from contracts.webhooks import EntityType, RetryPolicy


def category_tree(tag: str, *, changed: bool = False) -> list[CategoryInput]:
    """Apparel > Shirts > Tees, and Apparel > Outerwear; children come first (the write path orders them).

    Changed: Tees is renamed T-Shirts, Outerwear is hidden and gets a description.
    """
    return [
        CategoryInput(id=f"{tag}-tees", name=f"{'T-Shirts' if changed else 'Tees'} {tag}", parent_id=f"{tag}-shirts"),
        CategoryInput(id=f"{tag}-shirts", name=f"Shirts {tag}", parent_id=f"{tag}-apparel"),
        CategoryInput(id=f"{tag}-apparel", name=f"Apparel {tag}", description="Clothing."),
        CategoryInput(
            id=f"{tag}-outerwear",
            name=f"Outerwear {tag}",
            parent_id=f"{tag}-apparel",
            visible=not changed,
            description="Coats and jackets." if changed else None,
        ),
    ]


def attribute_definitions(tag: str, *, changed: bool = False) -> tuple[list[AttributeInput], list[AttributeSetInput]]:
    """A text, a selectbox and a multiselect attribute, and a set holding two of them.

    Changed: the selectbox gains a choice, the text attribute a note, and the set is renamed and gains
    the multiselect.
    """
    fits = ["Slim", "Regular", "Relaxed"] if changed else ["Slim", "Regular"]
    attributes = [
        AttributeInput(
            id=f"{tag}-material",
            name=f"Material {tag}",
            type=AttributeType.TEXT,
            note="Main fabric." if changed else None,
        ),
        AttributeInput(id=f"{tag}-fit", name=f"Fit {tag}", type=AttributeType.SELECTBOX, values=fits),
        AttributeInput(
            id=f"{tag}-season",
            name=f"Season {tag}",
            type=AttributeType.MULTISELECT,
            values=["Spring", "Summer", "Autumn", "Winter"],
        ),
    ]
    members = [f"{tag}-material", f"{tag}-fit", *([f"{tag}-season"] if changed else [])]
    name = f"{'Apparel details' if changed else 'Apparel attributes'} {tag}"
    return attributes, [AttributeSetInput(id=f"{tag}-apparel-set", name=name, attributes=members)]


def webhooks(tag: str, *, changed: bool = False) -> list[WebhookInput]:
    """A product webhook and a category webhook; changed, the product one retries linearly with a header.

    The callbacks are on loopback, where a simulated tenant lets them go by default (other hosts answer 422,
    simulator.webhooks.callbacks); nobody listens on port 9, so deliveries fail quietly.
    """
    product = WebhookInput(
        id=f"{tag}-products",
        name=f"Product changes {tag}",
        callback_url=f"http://127.0.0.1:9/jasper/{tag}/product-changes",
        entity_type=EntityType.PRODUCT,
        include_entity_data=True,
        retry_policy=RetryPolicy.LINEAR if changed else RetryPolicy.EXPONENTIAL,
        retry_limit=3 if changed else 5,
        headers={"X-Sync-Tag": tag} if changed else {},
    )
    category = WebhookInput(
        id=f"{tag}-categories",
        name=f"Category changes {tag}",
        callback_url=f"http://127.0.0.1:9/jasper/{tag}/category-changes",
        entity_type=EntityType.CATEGORY,
    )
    return [product, category]


def _connection(sync: Sync, tag: str) -> None:
    validate_connection(sync)


def _categories_first(sync: Sync, tag: str) -> None:
    upsert_categories(sync, category_tree(tag))


def _categories_changed(sync: Sync, tag: str) -> None:
    upsert_categories(sync, category_tree(tag, changed=True))


def _definitions_first(sync: Sync, tag: str) -> None:
    upsert_attribute_definitions(sync, *attribute_definitions(tag))


def _definitions_changed(sync: Sync, tag: str) -> None:
    upsert_attribute_definitions(sync, *attribute_definitions(tag, changed=True))


def _webhooks_first(sync: Sync, tag: str) -> None:
    for webhook in webhooks(tag):
        upsert_webhook(sync, webhook)


def _webhooks_changed(sync: Sync, tag: str) -> None:
    product, category = webhooks(tag, changed=True)
    upsert_webhook(sync, product)
    deactivate_webhook(sync, category.id)


SCENARIOS = (
    Scenario(wp.CONNECTION, _connection, _connection),
    Scenario(wp.CATEGORY, _categories_first, _categories_changed),
    Scenario(wp.ATTRIBUTE_DEFINITIONS, _definitions_first, _definitions_changed),
    Scenario(wp.WEBHOOKS, _webhooks_first, _webhooks_changed),
)

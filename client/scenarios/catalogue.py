"""Scenarios of the product write paths: the product, its rows, a gridded product, related products."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from client.scenarios.base import Scenario, Step
from client.scenarios.definitions import attribute_definitions, category_tree
from client.write_paths import (
    AttributeValueInput,
    CategoryRef,
    GriddedProductInput,
    InventoryInput,
    OptionInput,
    OptionValueInput,
    PriceInput,
    ProductInput,
    RelatedLinkInput,
    Sync,
    VariantInput,
    link_related_products,
    upsert_attribute_definitions,
    upsert_categories,
    upsert_gridded_product,
    upsert_product,
)
from contracts import write_paths as wp

# Location names a simulated tenant seeds (simulator/config.py); a staging tenant must define them too.
LOCATIONS: Final = ("Main Warehouse", "NYC")


def product(tag: str, key: str, *, changed: bool = False, **rows: object) -> ProductInput:
    """A simple product `key` of this run; changed, its name and description differ."""
    return ProductInput.model_validate(
        {
            "id": f"{tag}-{key}",
            "sku": f"{key.upper()}-{tag}",
            "name": f"{key.title()} {tag}{' (2027)' if changed else ''}",
            "type": "simple",
            "description": "Updated text." if changed else "First text.",
            **rows,
        }
    )


def product_simple(tag: str, *, changed: bool = False) -> ProductInput:
    """A product without rows; changed, its name and description differ."""
    return product(tag, "plain", changed=changed)


def with_categories(tag: str, *, changed: bool = False) -> ProductInput:
    """A product in Tees (by iPaaS id) and Apparel (by name); changed, also in Outerwear."""
    refs = [CategoryRef(id=f"{tag}-tees"), CategoryRef(name=f"Apparel {tag}")]
    refs += [CategoryRef(id=f"{tag}-outerwear")] if changed else []
    return product(tag, "categorised", categories=refs)


def with_prices(tag: str, *, changed: bool = False) -> ProductInput:
    """A product priced without a channel and on channel 1; changed, repriced and priced on channel 2."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    prices = [
        PriceInput(sell_price=17.99 if changed else 19.99, cost=7.5, msrp=24.0, starts_at=start),
        PriceInput(channel_id=1, sell_price=18.5, starts_at=start),
        *([PriceInput(channel_id=2, sell_price=16.0, starts_at=start)] if changed else []),
    ]
    return product(tag, "priced", prices=prices)


def with_attribute_values(tag: str, *, changed: bool = False) -> ProductInput:
    """A product with a text, a selectbox and a multiselect value; changed, two of them differ."""
    values = [
        AttributeValueInput(name=f"Material {tag}", value="Cotton"),
        AttributeValueInput(name=f"Fit {tag}", value="Regular" if changed else "Slim"),
        AttributeValueInput(name=f"Season {tag}", value=["Spring", "Summer"] if changed else ["Summer"]),
    ]
    return product(tag, "described", attributes=values)


def with_inventory(tag: str, *, changed: bool = False) -> ProductInput:
    """A product stocked in two locations; changed, both counts differ."""
    counts = (7, 0) if changed else (10, 4)
    rows = [
        InventoryInput(id=f"{tag}-stocked|{number}", location=location, count_on_hand=count)
        for number, (location, count) in enumerate(zip(LOCATIONS, counts, strict=True), start=1)
    ]
    return product(tag, "stocked", inventory=rows)


def gridded(tag: str, *, changed: bool = False) -> GriddedProductInput:
    """A T-shirt in Size x Color with stocked variants.

    Changed: Color is renamed Colour, M is renamed Medium, size L arrives with two more variants, and
    every count differs.
    """
    sizes = [("s", "S"), ("m", "Medium" if changed else "M"), *([("l", "L")] if changed else [])]
    colors = [("black", "Black"), ("white", "White")]
    size = OptionInput(
        id=f"{tag}-size", name=f"Size {tag}", values=[OptionValueInput(id=f"{tag}-size|{k}", name=n) for k, n in sizes]
    )
    color = OptionInput(
        id=f"{tag}-color",
        name=f"{'Colour' if changed else 'Color'} {tag}",
        values=[OptionValueInput(id=f"{tag}-color|{k}", name=n) for k, n in colors],
    )
    extra = 3 if changed else 0
    variants = [
        VariantInput(
            id=f"{tag}-tee|{s}-{c}",
            sku=f"TEE-{tag}-{s.upper()}-{c.upper()}",
            name=f"Tee {tag} {s.upper()} {c}",
            option_values={size.id: f"{tag}-size|{s}", color.id: f"{tag}-color|{c}"},
            inventory=[InventoryInput(id=f"{tag}-tee|{s}-{c}|1", location=LOCATIONS[0], count_on_hand=count + extra)],
        )
        for count, (s, c) in enumerate(((s, c) for s, _ in sizes for c, _ in colors), start=1)
    ]
    return GriddedProductInput(
        id=f"{tag}-tee", sku=f"TEE-{tag}", name=f"Tee {tag}", type="parent", options=[size, color], variants=variants
    )


def related_links(tag: str, *, changed: bool = False) -> list[RelatedLinkInput]:
    """A tent with its stakes as an accessory and a tarp as a cross-sell; changed, the tarp relates to the stakes."""
    links = [
        RelatedLinkInput(product_id=f"{tag}-tent", related_product_id=f"{tag}-stakes", relation="accessory"),
        RelatedLinkInput(product_id=f"{tag}-tent", related_product_id=f"{tag}-tarp", relation="cross-sell"),
    ]
    if changed:
        links.append(RelatedLinkInput(product_id=f"{tag}-tarp", related_product_id=f"{tag}-stakes", relation="related"))
    return links


def _products(build: Callable[..., ProductInput]) -> tuple[Step, Step]:
    """The first and changed steps of a product scenario built by `build(tag, changed=...)`."""

    def first(sync: Sync, tag: str) -> None:
        upsert_product(sync, build(tag))

    def changed(sync: Sync, tag: str) -> None:
        upsert_product(sync, build(tag, changed=True))

    return first, changed


def _gridded_first(sync: Sync, tag: str) -> None:
    upsert_gridded_product(sync, gridded(tag))


def _gridded_changed(sync: Sync, tag: str) -> None:
    upsert_gridded_product(sync, gridded(tag, changed=True))


def _related_first(sync: Sync, tag: str) -> None:
    link_related_products(sync, related_links(tag))


def _related_changed(sync: Sync, tag: str) -> None:
    link_related_products(sync, related_links(tag, changed=True))


def _categories_setup(sync: Sync, tag: str) -> None:
    upsert_categories(sync, category_tree(tag))


def _attributes_setup(sync: Sync, tag: str) -> None:
    upsert_attribute_definitions(sync, *attribute_definitions(tag))


def _related_setup(sync: Sync, tag: str) -> None:
    for key in ("tent", "stakes", "tarp"):
        upsert_product(sync, product(tag, key))


SCENARIOS = (
    Scenario(wp.PRODUCT, *_products(product_simple)),
    Scenario(wp.PRODUCT_CATEGORIES, *_products(with_categories), setup=_categories_setup),
    Scenario(wp.PRODUCT_PRICES, *_products(with_prices)),
    Scenario(wp.PRODUCT_ATTRIBUTES, *_products(with_attribute_values), setup=_attributes_setup),
    Scenario(wp.PRODUCT_INVENTORY, *_products(with_inventory)),
    Scenario(wp.GRIDDED, _gridded_first, _gridded_changed),
    Scenario(wp.RELATED, _related_first, _related_changed, setup=_related_setup),
)

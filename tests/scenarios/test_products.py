"""Scenarios of the product write path and its rows, read back by tag."""

from __future__ import annotations

from client.scenarios import FORGOTTEN
from client.write_paths import Sync
from contracts import write_paths as wp
from contracts.product_inventory import InventoryRecord as Stock
from contracts.products import Product
from tests.scenarios.conftest import RunScenario


def only_product(sync: Sync, sku: str) -> Product:
    """The one product with this SKU (a duplicate would show up as a second match)."""
    matches = [product for product in sync.jasper.products.iterate() if product.sku == sku]
    assert len(matches) == 1, matches
    return matches[0]


def test_product_scenario_holds_the_changed_product_once(run_scenario: RunScenario, sync: Sync, tag: str) -> None:
    phases = run_scenario(wp.PRODUCT)

    product = only_product(sync, f"PLAIN-{tag}")
    assert (product.name, product.type, product.description) == (f"Plain {tag} (2027)", "simple", "Updated text.")
    forgotten = [call.operation for phase in phases if phase.phase == FORGOTTEN for call in phase.calls]
    assert forgotten == ["createProduct", "listProducts"]  # refused (SKU taken), then found by SKU


def test_product_categories_scenario_assigns_each_category_once(
    run_scenario: RunScenario, sync: Sync, tag: str
) -> None:
    run_scenario(wp.PRODUCT_CATEGORIES)

    product = only_product(sync, f"CATEGORISED-{tag}")
    names = {category.id: category.name for category in sync.jasper.categories.iterate()}
    assert [names[category_id] for category_id in product.categories] == [
        f"Tees {tag}",
        f"Apparel {tag}",
        f"Outerwear {tag}",
    ]


def test_product_prices_scenario_holds_one_row_per_channel(run_scenario: RunScenario, sync: Sync, tag: str) -> None:
    run_scenario(wp.PRODUCT_PRICES)

    product = only_product(sync, f"PRICED-{tag}")
    rows = sync.jasper.product_prices.iterate(product.id)
    assert sorted(
        (row.channel_id or 0, row.sell_price, row.cost, row.msrp, row.starts_at.isoformat() if row.starts_at else None)
        for row in rows
    ) == [
        (0, 17.99, 7.5, 24.0, "2026-01-01T00:00:00+00:00"),
        (1, 18.5, None, None, "2026-01-01T00:00:00+00:00"),
        (2, 16.0, None, None, "2026-01-01T00:00:00+00:00"),
    ]


def test_product_attributes_scenario_holds_the_changed_values(run_scenario: RunScenario, sync: Sync, tag: str) -> None:
    run_scenario(wp.PRODUCT_ATTRIBUTES)

    product = only_product(sync, f"DESCRIBED-{tag}")
    values = {row.name: row.value for row in sync.jasper.product_attributes.iterate(product.id)}
    assert values == {f"Material {tag}": "Cotton", f"Fit {tag}": "Regular", f"Season {tag}": ["Spring", "Summer"]}


def test_product_inventory_scenario_holds_one_row_per_location(run_scenario: RunScenario, sync: Sync, tag: str) -> None:
    phases = run_scenario(wp.PRODUCT_INVENTORY)

    product = only_product(sync, f"STOCKED-{tag}")
    assert sorted((row.location, row.count_on_hand) for row in product.inventory if isinstance(row, Stock)) == [
        ("Main Warehouse", 7),
        ("NYC", 0),
    ]
    assert len(product.inventory) == 2
    forgotten = [call.operation for phase in phases if phase.phase == FORGOTTEN for call in phase.calls]
    assert forgotten.count("getProduct") == 2  # each refused row create was recovered from the product read

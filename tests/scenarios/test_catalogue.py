"""Scenarios of the gridded product and related products, read back by tag."""

from __future__ import annotations

from client.scenarios import FORGOTTEN
from client.write_paths import Sync
from contracts import write_paths as wp
from contracts.product_inventory import InventoryRecord
from tests.scenarios.conftest import RunScenario


def test_gridded_scenario_holds_the_changed_grid_and_every_variant_once(
    run_scenario: RunScenario, sync: Sync, tag: str
) -> None:
    phases = run_scenario(wp.GRIDDED)

    family = {p.sku: p for p in sync.jasper.products.iterate() if p.sku.startswith(f"TEE-{tag}")}
    parent = family.pop(f"TEE-{tag}")
    assert sorted(family) == [f"TEE-{tag}-{size}-{color}" for size in "LMS" for color in ("BLACK", "WHITE")]
    assert sorted(parent.children) == sorted(child.id for child in family.values())
    assert {child.parent_id for child in family.values()} == {parent.id}
    stock = {
        sku: [(row.location, row.count_on_hand) for row in child.inventory if isinstance(row, InventoryRecord)]
        for sku, child in family.items()
    }
    assert stock[f"TEE-{tag}-S-BLACK"] == [("Main Warehouse", 4)]  # first count 1, changed input adds 3
    assert all(len(rows) == 1 for rows in stock.values())
    assert parent.option_set_id is not None
    option_set = sync.jasper.option_sets.get(parent.option_set_id)
    members = list(sync.jasper.option_sets.iterate_options(option_set.id))
    assert (option_set.name, [option.name for option in members]) == (
        f"TEE-{tag}: Size {tag} / Colour {tag}",
        [f"Size {tag}", f"Colour {tag}"],
    )
    assert [value.name for value in sync.jasper.option_values.iterate(members[0].id)] == ["S", "Medium", "L"]
    assert sum(option.name.endswith(f" {tag}") for option in sync.jasper.options.iterate()) == 2
    forgotten = {call.operation for phase in phases if phase.phase == FORGOTTEN for call in phase.calls}
    assert {"createOption", "createOptionValue", "createOptionSet", "createProductRelation"}.isdisjoint(forgotten)


def test_related_scenario_links_each_pair_once(run_scenario: RunScenario, sync: Sync, tag: str) -> None:
    run_scenario(wp.RELATED)

    products = {p.sku: p for p in sync.jasper.products.iterate() if p.sku.endswith(f"-{tag}")}
    skus = {p.id: sku.removesuffix(f"-{tag}") for sku, p in products.items()}
    links = sorted(
        (skus[relation.product_id], skus[relation.related_product_id], relation.relation_type)
        for product in products.values()
        for relation in product.relations
    )
    assert links == [("TARP", "STAKES", "related"), ("TENT", "STAKES", "accessory"), ("TENT", "TARP", "cross-sell")]

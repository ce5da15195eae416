"""Gridded product: options, values, the parent's option set, variants linked with the "variant" relation type."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import ValidationError
from starlette.applications import Starlette

from client import JasperClient
from client.external_ids import CollectionType
from client.write_paths import (
    GriddedProductInput,
    InventoryInput,
    OptionInput,
    OptionValueInput,
    Sync,
    VariantInput,
    WritePathError,
    upsert_gridded_product,
)
from client.write_paths.options import option_set_name
from contracts.option_sets import OptionSet
from contracts.option_values import OptionValue, OptionValueWrite
from contracts.options import Option, OptionWrite
from contracts.product_inventory import InventoryRecord
from contracts.product_relations import ProductRelation
from contracts.products import Product
from tests.scenarios.support import (
    Fault,
    creates,
    faulty_jasper,
    forwarding,
    sent,
    stamped,
    traced_sync,
    undeclared_calls,
)

C = CollectionType
SMALL, MEDIUM = OptionValueInput(id="o1|s", name="S"), OptionValueInput(id="o1|m", name="M")
SIZE = OptionInput(id="o1", name="Size", values=[SMALL, MEDIUM])
COLOR = OptionInput(id="o2", name="Color", values=[OptionValueInput(id="o2|b", name="Black")])


def variant(size: str, count: float) -> VariantInput:
    key = f"{size.lower()}-b"
    return VariantInput(
        id=f"15247|{key}",
        sku=f"TEE-{size}-BLK",
        name=f"Tee {size} Black",
        option_values={"o1": f"o1|{size.lower()}", "o2": "o2|b"},
        inventory=[InventoryInput(id=f"15247|{key}|1", location="Main Warehouse", count_on_hand=count)],
    )


TEE = GriddedProductInput(
    id="15247", sku="TEE", name="Tee", options=[SIZE, COLOR], variants=[variant("S", 5), variant("M", 7)]
)


@pytest.fixture
def sync(jasper: JasperClient, sim_app: Starlette) -> Iterator[Sync]:
    """A traced Sync on the in-process tenant (`sim_app`: these tests expect an empty tenant, so not --jasper-url)."""
    sync = traced_sync(jasper)
    yield sync
    assert undeclared_calls(sync.trace) == set()


def link(id: int, child: int) -> ProductRelation:
    return stamped(
        ProductRelation, id=id, product_id=1, related_product_id=child, relation_type_id=1, relation_type="variant"
    )


def child(id: int, size: str, stock_id: int, count: float) -> Product:
    stock = stamped(InventoryRecord, id=stock_id, product_id=id, location="Main Warehouse", count_on_hand=count)
    return stamped(Product, id=id, sku=f"TEE-{size}-BLK", name=f"Tee {size} Black", parent_id=1, inventory=[stock])


def test_upsert_gridded_product_new_writes_grid_parent_and_linked_variants(sync: Sync) -> None:
    parent = upsert_gridded_product(sync, TEE)

    expected = stamped(
        Product, id=1, sku="TEE", name="Tee", option_set_id=1, children=[2, 3], relations=[link(1, 2), link(2, 3)]
    )
    assert parent == stamped(Product, id=1, sku="TEE", name="Tee", option_set_id=1)  # before its variants
    assert sync.jasper.products.get(1) == expected
    assert [sync.jasper.products.get(2), sync.jasper.products.get(3)] == [child(2, "S", 1, 5), child(3, "M", 2, 7)]
    assert list(sync.jasper.options.iterate()) == [
        stamped(Option, id=1, name="Size"),
        stamped(Option, id=2, name="Color"),
    ]
    assert list(sync.jasper.option_values.iterate(1)) == [
        stamped(OptionValue, id=1, option_id=1, name="S"),
        stamped(OptionValue, id=2, option_id=1, name="M"),
    ]
    assert sync.jasper.option_sets.get(1) == stamped(OptionSet, id=1, name="TEE: Size / Color", options=[1, 2])
    assert dict(sync.ids.snapshot()) == {
        (C.PRODUCT, "15247"): 1,
        (C.PRODUCT_OPTION, "o1"): 1,
        (C.PRODUCT_OPTION, "o2"): 2,
        (C.PRODUCT_OPTION_VALUE, "o1|s"): 1,
        (C.PRODUCT_OPTION_VALUE, "o1|m"): 2,
        (C.PRODUCT_OPTION_VALUE, "o2|b"): 3,
        (C.PRODUCT_OPTION_SET, "15247"): 1,
        (C.PRODUCT_VARIANT, "15247|s-b"): 2,
        (C.PRODUCT_VARIANT, "15247|m-b"): 3,
        (C.PRODUCT_VARIANT_INVENTORY, "15247|s-b|1"): 1,
        (C.PRODUCT_VARIANT_INVENTORY, "15247|m-b|1"): 2,
    }


def test_upsert_gridded_product_twice_creates_nothing(sync: Sync) -> None:
    upsert_gridded_product(sync, TEE)
    start = len(sync.trace.calls)

    upsert_gridded_product(sync, TEE)

    assert creates(sync.trace, start) == []
    assert sent(sync.trace, start) == [
        "getProduct",
        "getOption",
        "listOptionValues",
        "getOption",
        "listOptionValues",
        "listOptionSets",
        "listOptionSetOptions",
        "getProduct",
        "getProduct",
    ]


def test_upsert_gridded_product_changed_grid_renames_and_extends(sync: Sync) -> None:
    upsert_gridded_product(sync, TEE)
    values = [SMALL, MEDIUM.model_copy(update={"name": "Medium"}), OptionValueInput(id="o1|l", name="L")]
    size = SIZE.model_copy(update={"values": values})
    color = COLOR.model_copy(update={"name": "Colour"})
    changed = TEE.model_copy(update={"options": [size, color], "variants": [*TEE.variants, variant("L", 1)]})
    start = len(sync.trace.calls)

    upsert_gridded_product(sync, changed)

    assert creates(sync.trace, start) == [
        "createOptionValue",
        "createProduct",
        "createProductRelation",
        "createProductInventory",
    ]
    assert [v.name for v in sync.jasper.option_values.iterate(1)] == ["S", "Medium", "L"]
    assert sync.jasper.options.get(2) == stamped(Option, id=2, name="Colour")
    assert sync.jasper.option_sets.get(1).name == "TEE: Size / Colour"
    assert sync.jasper.products.get(1).children == [2, 3, 4]


def test_upsert_gridded_product_existing_option_and_value_are_reused_by_name(sync: Sync) -> None:
    size = sync.jasper.options.create(OptionWrite(name="Size"))
    small = sync.jasper.option_values.create(size.id, OptionValueWrite(name="S"))

    upsert_gridded_product(sync, TEE)

    assert [option.name for option in sync.jasper.options.iterate()] == ["Size", "Color"]
    assert (sync.ids.get(C.PRODUCT_OPTION, "o1"), sync.ids.get(C.PRODUCT_OPTION_VALUE, "o1|s")) == (size.id, small.id)


def test_upsert_gridded_product_lost_variant_create_answer_is_recovered_by_sku(sync: Sync, sim_app: Starlette) -> None:
    upsert_gridded_product(sync, TEE.model_copy(update={"variants": TEE.variants[:1]}))
    with forwarding(sim_app) as forward:
        lossy = faulty_jasper(forward, after=0, fault=Fault.LOSE_ANSWER, failures=1, operation="createProduct")
        flaky = Sync.traced(lossy, sync.ids)

        upsert_gridded_product(flaky, TEE)

    assert [(c.write_path, c.operation) for c in flaky.trace.calls if c.method == "POST"] == [
        ("gridded", "createProduct"),
        ("gridded", "createProductRelation"),
        ("gridded", "createProductInventory"),
    ]
    assert flaky.trace.operations("gridded")[-5:] == [
        "getProduct",
        "createProduct",  # created, but its answer is lost
        "listProducts",  # the variant is found by its SKU
        "createProductRelation",
        "createProductInventory",
    ]
    assert sync.jasper.products.get(1).children == [2, 3]
    assert [product.sku for product in sync.jasper.products.iterate()] == ["TEE", "TEE-S-BLK", "TEE-M-BLK"]
    assert sync.ids.get(C.PRODUCT_VARIANT, "15247|m-b") == 3


@pytest.mark.parametrize(
    "variants",
    [
        [VariantInput(id="v", sku="V", name="V", option_values={"o1": "o1|s"})],
        [VariantInput(id="v", sku="V", name="V", option_values={"o1": "o1|xl", "o2": "o2|b"})],
        [VariantInput(id="v", sku="TEE", name="V", option_values={"o1": "o1|s", "o2": "o2|b"})],
    ],
    ids=["missing-option", "unknown-value", "parent-sku"],
)
def test_gridded_product_input_variant_outside_the_grid_is_invalid(variants: list[VariantInput]) -> None:
    with pytest.raises(ValidationError):
        GriddedProductInput(id="1", sku="TEE", name="Tee", options=[SIZE, COLOR], variants=variants)


def test_upsert_gridded_product_without_variant_relation_type_raises_before_writing(jasper: JasperClient) -> None:
    sync = traced_sync(jasper)
    sync.relation_types = {"related": 2}

    with pytest.raises(WritePathError):
        upsert_gridded_product(sync, TEE)

    assert sync.trace.calls == []


@pytest.mark.parametrize("sku_length", [240, 245, 300])
def test_option_set_name_is_cut_to_255_characters(sku_length: int) -> None:
    options = [OptionInput(id="o1", name="Size"), OptionInput(id="o2", name="Color")]
    full = "T" * sku_length + ": Size / Color"
    assert option_set_name("T" * sku_length, options) == full[:255]
    assert len(option_set_name("T" * sku_length, options)) == min(len(full), 255)

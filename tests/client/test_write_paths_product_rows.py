"""A product's rows: prices by channel, attribute values through the collection PUT, inventory per location."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from starlette.applications import Starlette

from client import JasperClient, errors
from client.external_ids import CollectionType
from client.write_paths import (
    AttributeInput,
    AttributeValueInput,
    InventoryInput,
    MissingReference,
    PriceInput,
    ProductInput,
    Sync,
    WritePathError,
    update_inventory,
    upsert_attribute_definitions,
    upsert_product,
)
from contracts.attributes import AttributeType
from contracts.product_attributes import ProductAttributeValue
from contracts.product_inventory import InventoryCreate, InventoryRecord
from contracts.product_prices import Price, PriceCreate
from contracts.products import ProductCreate
from tests.scenarios.support import sent, stamped, traced_sync, undeclared_calls

INVENTORY = CollectionType.PRODUCT_INVENTORY
MUG = ProductInput(id="15247", sku="MUG-1", name="Classic Mug")
START = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def sync(jasper: JasperClient, sim_app: Starlette) -> Iterator[Sync]:
    """A traced Sync on the in-process tenant (`sim_app`: these tests expect an empty tenant, so not --jasper-url)."""
    sync = traced_sync(jasper)
    yield sync
    assert undeclared_calls(sync.trace) == set()


def with_rows(**rows: object) -> ProductInput:
    return MUG.model_copy(update=rows)


def price(id: int, **fields: object) -> Price:
    return stamped(Price, id=id, product_id=1, **fields)


def row(id: int, location: str, count: float) -> InventoryRecord:
    return stamped(InventoryRecord, id=id, product_id=1, location=location, count_on_hand=count)


def test_upsert_product_prices_are_created_per_channel(sync: Sync) -> None:
    prices = [PriceInput(sell_price=19.99, cost=7.5, starts_at=START), PriceInput(channel_id=3, sell_price=18.0)]

    upsert_product(sync, with_rows(prices=prices))

    assert list(sync.jasper.product_prices.iterate(1)) == [
        price(1, sell_price=19.99, cost=7.5, starts_at=START),
        price(2, channel_id=3, sell_price=18.0),
    ]


def test_upsert_product_prices_update_matching_rows_and_leave_others(sync: Sync) -> None:
    sync.jasper.products.create(ProductCreate(name="Classic Mug", sku="MUG-1"))  # synced, link lost
    sync.jasper.product_prices.create(1, PriceCreate(sell_price=5.0, channel_id=9))
    sync.jasper.product_prices.create(1, PriceCreate(sell_price=20.0, cost=7.5))
    start = len(sync.trace.calls)

    upsert_product(sync, with_rows(prices=[PriceInput(sell_price=17.5, cost=7.5), PriceInput(channel_id=2, msrp=30.0)]))

    assert sent(sync.trace, start) == [
        "createProduct",
        "listProducts",
        "listProductPrices",
        "updateProductPrice",
        "createProductPrice",
    ]
    assert list(sync.jasper.product_prices.iterate(1)) == [
        price(1, sell_price=5.0, channel_id=9),
        price(2, sell_price=17.5, cost=7.5),
        price(3, channel_id=2, msrp=30.0),
    ]


def test_upsert_product_prices_unchanged_are_not_written(sync: Sync) -> None:
    product = with_rows(prices=[PriceInput(sell_price=19.99, starts_at=datetime(2026, 1, 1))])  # naive: UTC
    upsert_product(sync, product)
    start = len(sync.trace.calls)

    upsert_product(sync, product)

    assert sent(sync.trace, start) == ["getProduct", "listProductPrices"]


def test_upsert_product_two_prices_for_one_channel_raise(sync: Sync) -> None:
    with pytest.raises(WritePathError):
        upsert_product(sync, with_rows(prices=[PriceInput(sell_price=1.0), PriceInput(sell_price=2.0)]))


@pytest.fixture
def attributes(sync: Sync) -> None:
    upsert_attribute_definitions(
        sync,
        [
            AttributeInput(id="a1", name="Material", type=AttributeType.TEXT),
            AttributeInput(id="a2", name="Fit", type=AttributeType.SELECTBOX, values=["Slim", "Regular"]),
            AttributeInput(id="a3", name="Season", type=AttributeType.MULTISELECT, values=["Spring", "Summer"]),
        ],
    )


def value(attribute_id: int, name: str, type: str, value: str | list[str]) -> ProductAttributeValue:
    return ProductAttributeValue(product_id=1, attribute_id=attribute_id, name=name, type=type, value=value)


@pytest.mark.usefixtures("attributes")
def test_upsert_product_attribute_values_are_written_with_the_collection_put(sync: Sync) -> None:
    values = [AttributeValueInput(name="Fit", value="Slim"), AttributeValueInput(name="Season", value=["Summer"])]
    start = len(sync.trace.calls)

    upsert_product(sync, with_rows(attributes=values))

    assert sent(sync.trace, start) == [
        "createProduct",
        "listAttributes",
        "listProductAttributes",
        "updateProductAttributes",
        "updateProductAttributes",
    ]
    assert list(sync.jasper.product_attributes.iterate(1)) == [
        value(2, "Fit", "selectbox", "Slim"),
        value(3, "Season", "multiselect", ["Summer"]),
    ]


@pytest.mark.usefixtures("attributes")
def test_upsert_product_attribute_values_only_changed_are_written(sync: Sync) -> None:
    upsert_product(sync, with_rows(attributes=[AttributeValueInput(name="Fit", value="Slim")]))
    changed = [AttributeValueInput(name="Fit", value="Slim"), AttributeValueInput(name="Material", value="Linen")]
    start = len(sync.trace.calls)

    upsert_product(sync, with_rows(attributes=changed))

    assert sent(sync.trace, start) == [
        "getProduct",
        "listAttributes",
        "listProductAttributes",
        "updateProductAttributes",
    ]
    assert list(sync.jasper.product_attributes.iterate(1)) == [
        value(1, "Material", "text", "Linen"),
        value(2, "Fit", "selectbox", "Slim"),
    ]


@pytest.mark.usefixtures("attributes")
def test_upsert_product_unknown_attribute_name_raises_before_writing_values(sync: Sync) -> None:
    values = [AttributeValueInput(name="Fit", value="Slim"), AttributeValueInput(name="Colour", value="Red")]

    with pytest.raises(MissingReference) as raised:
        upsert_product(sync, with_rows(attributes=values))

    assert (raised.value.collection, raised.value.ipaas_ids) == (CollectionType.ATTRIBUTE, ("Colour",))
    assert list(sync.jasper.product_attributes.iterate(1)) == []


@pytest.mark.usefixtures("attributes")
def test_upsert_product_attribute_value_the_tenant_refuses_raises_unprocessable(sync: Sync) -> None:
    with pytest.raises(errors.Unprocessable) as raised:
        upsert_product(sync, with_rows(attributes=[AttributeValueInput(name="Fit", value="Baggy")]))

    assert (raised.value.status, list(raised.value.errors)) == (422, ["value"])


STOCK = (
    InventoryInput(id="15247|1", location="Main Warehouse", count_on_hand=10),
    InventoryInput(id="15247|2", location="NYC", count_on_hand=4.5),
)


def test_upsert_product_inventory_rows_are_created_and_linked(sync: Sync) -> None:
    upsert_product(sync, with_rows(inventory=STOCK))

    assert sync.jasper.products.get(1).inventory == [row(1, "Main Warehouse", 10), row(2, "NYC", 4.5)]
    assert {key: v for key, v in sync.ids.snapshot().items() if key[0] is INVENTORY} == {
        (INVENTORY, "15247|1"): 1,
        (INVENTORY, "15247|2"): 2,
    }


def test_upsert_product_inventory_changed_count_updates_the_linked_row(sync: Sync) -> None:
    upsert_product(sync, with_rows(inventory=STOCK))
    start = len(sync.trace.calls)

    upsert_product(sync, with_rows(inventory=[STOCK[0], STOCK[1].model_copy(update={"count_on_hand": 0})]))

    assert sent(sync.trace, start) == ["getProduct", "updateProductInventory"]
    assert sync.jasper.products.get(1).inventory == [row(1, "Main Warehouse", 10), row(2, "NYC", 0)]
    assert sync.ids.get(INVENTORY, "15247|2") == 2  # the link of a row updated in place stays


def test_upsert_product_inventory_location_taken_recovers_the_row_from_the_product(sync: Sync) -> None:
    upsert_product(sync, MUG)
    sync.jasper.inventory.create(1, InventoryCreate(location="NYC", count_on_hand=1))  # an answer the store lost
    start = len(sync.trace.calls)

    upsert_product(sync, with_rows(inventory=[STOCK[1]]))

    assert sent(sync.trace, start) == ["getProduct", "createProductInventory", "getProduct", "updateProductInventory"]
    assert sync.jasper.products.get(1).inventory == [row(1, "NYC", 4.5)]
    assert sync.ids.get(INVENTORY, "15247|2") == 1


def test_upsert_product_inventory_unknown_location_raises_and_links_nothing(sync: Sync) -> None:
    with pytest.raises(errors.Unprocessable) as raised:
        upsert_product(sync, with_rows(inventory=[InventoryInput(id="15247|9", location="Atlantis", count_on_hand=1)]))

    assert (raised.value.status, list(raised.value.errors)) == (422, ["location"])
    assert sync.ids.get(INVENTORY, "15247|9") is None


def test_upsert_product_inventory_link_to_a_gone_row_is_dropped_when_recreating_it_fails(sync: Sync) -> None:
    upsert_product(sync, MUG)
    sync.ids.put(INVENTORY, "15247|9", 99)  # the linked row is no longer on the product (deleted in Jasper)
    atlantis = InventoryInput(id="15247|9", location="Atlantis", count_on_hand=1)

    with pytest.raises(errors.Unprocessable) as raised:
        upsert_product(sync, with_rows(inventory=[atlantis]))

    body = raised.value.body
    assert (raised.value.status, getattr(body, "code", body), list(raised.value.errors)) == (
        422,
        "unknown_location",
        ["location"],
    )
    assert sync.ids.get(INVENTORY, "15247|9") is None
    assert sync.jasper.products.get(1).inventory == []


def test_upsert_product_inventory_link_to_a_gone_row_is_replaced_by_the_new_row(sync: Sync) -> None:
    upsert_product(sync, MUG)
    sync.ids.put(INVENTORY, "15247|2", 99)
    start = len(sync.trace.calls)

    upsert_product(sync, with_rows(inventory=[STOCK[1]]))

    assert sent(sync.trace, start) == ["getProduct", "createProductInventory"]
    assert sync.jasper.products.get(1).inventory == [row(1, "NYC", 4.5)]
    assert sync.ids.get(INVENTORY, "15247|2") == 1


def test_upsert_product_inventory_two_rows_for_one_location_raise(sync: Sync) -> None:
    with pytest.raises(WritePathError):
        upsert_product(sync, with_rows(inventory=[STOCK[0], STOCK[0].model_copy(update={"id": "15247|x"})]))


def test_update_inventory_standalone_writes_rows_of_a_synced_product(sync: Sync) -> None:
    upsert_product(sync, with_rows(inventory=STOCK))
    start = len(sync.trace.calls)

    update_inventory(sync, "15247", [STOCK[0].model_copy(update={"count_on_hand": 3})])

    assert sent(sync.trace, start) == ["getProduct", "updateProductInventory"]
    assert sync.jasper.products.get(1).inventory == [row(1, "Main Warehouse", 3), row(2, "NYC", 4.5)]


@pytest.mark.parametrize("variant", [False, True], ids=["product", "variant"])
def test_update_inventory_product_never_synced_raises(sync: Sync, variant: bool) -> None:
    with pytest.raises(MissingReference) as raised:
        update_inventory(sync, "404", STOCK, variant=variant)

    owner = CollectionType.PRODUCT_VARIANT if variant else CollectionType.PRODUCT
    assert (raised.value.collection, raised.value.ipaas_ids) == (owner, ("404",))
    assert sync.trace.calls == []

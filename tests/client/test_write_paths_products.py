"""Product upsert: create or update, categories, and recovery of a create whose answer was lost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.applications import Starlette

from client import JasperClient, errors
from client.external_ids import CollectionType
from client.write_paths import (
    CategoryInput,
    CategoryRef,
    MissingReference,
    ProductInput,
    Sync,
    upsert_categories,
    upsert_product,
)
from contracts.products import Product, ProductCreate
from tests.scenarios.support import Fault, faulty_jasper, forwarding, sent, stamped, traced_sync, undeclared_calls

PRODUCT = CollectionType.PRODUCT
MUG = ProductInput(id="15247", sku="MUG-1", name="Classic Mug", type="simple", description="Stoneware.")


@pytest.fixture
def sync(jasper: JasperClient, sim_app: Starlette) -> Iterator[Sync]:
    """A traced Sync on the in-process tenant (`sim_app`: these tests expect an empty tenant, so not --jasper-url)."""
    sync = traced_sync(jasper)
    yield sync
    assert undeclared_calls(sync.trace) == set()


def mug(id: int = 1, **fields: object) -> Product:
    return stamped(
        Product,
        id=id,
        **{**MUG.model_dump(exclude={"id", "categories", "prices", "attributes", "inventory"}), **fields},
    )


def test_upsert_product_new_creates_and_links_it(sync: Sync) -> None:
    assert upsert_product(sync, MUG) == mug()

    assert sync.jasper.products.get(1) == mug()
    assert dict(sync.ids.snapshot()) == {(PRODUCT, "15247"): 1}
    assert sent(sync.trace) == ["createProduct"]


def test_upsert_product_twice_reads_the_linked_product_and_writes_nothing(sync: Sync) -> None:
    upsert_product(sync, MUG)

    assert upsert_product(sync, MUG) == mug()

    assert sent(sync.trace) == ["createProduct", "getProduct"]


def test_upsert_product_changed_fields_are_updated(sync: Sync) -> None:
    upsert_product(sync, MUG)

    updated = upsert_product(sync, MUG.model_copy(update={"name": "Classic Mug 2", "description": "Porcelain."}))

    assert updated == mug(name="Classic Mug 2", description="Porcelain.")
    assert sent(sync.trace) == ["createProduct", "getProduct", "updateProduct"]


def test_upsert_product_linked_product_gone_is_created_again(sync: Sync) -> None:
    sync.ids.put(PRODUCT, "15247", 404)

    assert upsert_product(sync, MUG) == mug()

    assert sync.ids.get(PRODUCT, "15247") == 1


def test_upsert_product_sku_taken_by_unlinked_product_links_it(sync: Sync) -> None:
    existing = sync.jasper.products.create(ProductCreate(name="Old name", sku="MUG-1"))
    start = len(sync.trace.calls)

    assert upsert_product(sync, MUG) == mug(id=existing.id)

    assert sent(sync.trace, start) == ["createProduct", "listProducts", "updateProduct"]
    assert [p.id for p in sync.jasper.products.iterate()] == [existing.id]
    assert sync.ids.get(PRODUCT, "15247") == existing.id


def test_upsert_product_lost_create_answer_is_recovered_by_sku(sync: Sync, sim_app: Starlette) -> None:
    with forwarding(sim_app) as forward:
        flaky = Sync.traced(faulty_jasper(forward, after=0, fault=Fault.LOSE_ANSWER, failures=1), sync.ids)

        assert upsert_product(flaky, MUG) == mug()

    assert sent(flaky.trace) == ["createProduct", "listProducts"]
    assert list(sync.jasper.products.iterate()) == [mug()]
    assert dict(sync.ids.snapshot()) == {(PRODUCT, "15247"): 1}


def test_upsert_product_create_never_sent_raises_and_links_nothing(sync: Sync, sim_app: Starlette) -> None:
    with forwarding(sim_app) as forward:
        flaky = Sync.traced(faulty_jasper(forward, after=0, fault=Fault.REFUSE, failures=1), sync.ids)

        with pytest.raises(errors.ConnectError):
            upsert_product(flaky, MUG)

    assert sent(flaky.trace) == ["createProduct", "listProducts"]
    assert list(sync.jasper.products.iterate()) == []
    assert dict(sync.ids.snapshot()) == {}


def test_upsert_product_categories_by_id_and_by_name_are_assigned_once(sync: Sync) -> None:
    upsert_categories(
        sync, [CategoryInput(id="10", name="Kitchen"), CategoryInput(id="11", name="Mugs", parent_id="10")]
    )
    product = MUG.model_copy(
        update={"categories": [CategoryRef(id="11"), CategoryRef(name="Kitchen"), CategoryRef(id="10")]}
    )
    start = len(sync.trace.calls)

    upsert_product(sync, product)
    upsert_product(sync, product)

    assert sync.jasper.products.get(1) == mug(categories=[2, 1])
    assert sent(sync.trace, start) == [
        "listCategories",
        "createProduct",
        "assignProductCategory",
        "assignProductCategory",
        "listCategories",
        "getProduct",
    ]


def test_upsert_product_unlinked_category_is_found_by_name(sync: Sync) -> None:
    upsert_categories(sync, [CategoryInput(id="10", name="Kitchen")])
    sync.ids.remove(CollectionType.PRODUCT_CATEGORY, "10")
    start = len(sync.trace.calls)

    upsert_product(sync, MUG.model_copy(update={"categories": [CategoryRef(id="10", name="Kitchen")]}))

    assert sync.jasper.products.get(1) == mug(categories=[1])
    assert sent(sync.trace, start) == ["listCategories", "createProduct", "assignProductCategory"]


def test_upsert_product_unknown_category_raises_before_writing(sync: Sync) -> None:
    with pytest.raises(MissingReference) as raised:
        upsert_product(sync, MUG.model_copy(update={"categories": [CategoryRef(id="77", name="Nowhere")]}))

    assert (raised.value.collection, raised.value.ipaas_ids) == (CollectionType.PRODUCT_CATEGORY, ("77",))
    assert sent(sync.trace) == ["listCategories"]
    assert list(sync.jasper.products.iterate()) == []

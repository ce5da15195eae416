"""Related products: links between synced products under non-variant relation types."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.applications import Starlette

from client import JasperClient
from client.external_ids import CollectionType
from client.write_paths import (
    DEFAULT_RELATION_TYPES,
    MissingReference,
    ProductInput,
    RelatedLinkInput,
    Sync,
    WritePathError,
    link_related_products,
    upsert_product,
)
from contracts.product_relations import ProductRelation
from simulator.config import DEFAULT_RELATION_TYPES as SIMULATED_RELATION_TYPES
from tests.scenarios.support import creates, sent, stamped, traced_sync, undeclared_calls

TENT, STAKES, TARP = "t1", "t2", "t3"
LINKS = (
    RelatedLinkInput(product_id=TENT, related_product_id=STAKES, relation="accessory"),
    RelatedLinkInput(product_id=TENT, related_product_id=TARP, relation="cross-sell"),
)


@pytest.fixture
def sync(jasper: JasperClient, sim_app: Starlette) -> Iterator[Sync]:
    """A traced Sync on the in-process tenant (`sim_app`: these tests expect an empty tenant, so not --jasper-url)."""
    sync = traced_sync(jasper)
    for key in (TENT, STAKES, TARP):
        upsert_product(sync, ProductInput(id=key, sku=f"SKU-{key}", name=f"Product {key}"))
    yield sync
    assert undeclared_calls(sync.trace) == set()


def relation(id: int, source: int, target: int, slug: str) -> ProductRelation:
    return stamped(
        ProductRelation,
        id=id,
        product_id=source,
        related_product_id=target,
        relation_type_id=DEFAULT_RELATION_TYPES[slug],
        relation_type=slug,
    )


def test_link_related_products_links_each_pair_under_its_type(sync: Sync) -> None:
    link_related_products(sync, LINKS)

    assert sync.jasper.products.get(1).relations == [relation(1, 1, 2, "accessory"), relation(2, 1, 3, "cross-sell")]
    assert sync.jasper.products.get(2).parent_id is None  # a related product is no variant


def test_link_related_products_twice_posts_nothing_new(sync: Sync) -> None:
    link_related_products(sync, LINKS)
    start = len(sync.trace.calls)

    link_related_products(sync, [*LINKS, RelatedLinkInput(product_id=TARP, related_product_id=STAKES)])

    assert sent(sync.trace, start) == ["getProduct", "getProduct", "createProductRelation"]
    assert creates(sync.trace, start) == ["createProductRelation"]


def test_link_related_products_unsynced_product_raises_before_writing(sync: Sync) -> None:
    start = len(sync.trace.calls)

    with pytest.raises(MissingReference) as raised:
        link_related_products(sync, [*LINKS, RelatedLinkInput(product_id=TENT, related_product_id="t9")])

    assert (raised.value.collection, raised.value.ipaas_ids) == (CollectionType.PRODUCT, ("t9",))
    assert sync.trace.calls[start:] == []


@pytest.mark.parametrize("slug", ["variant", "bundle"])
def test_link_related_products_variant_or_unknown_type_raises_before_writing(sync: Sync, slug: str) -> None:
    start = len(sync.trace.calls)

    with pytest.raises(WritePathError):
        link_related_products(sync, [RelatedLinkInput(product_id=TENT, related_product_id=TARP, relation=slug)])

    assert sync.trace.calls[start:] == []


def test_default_relation_types_are_the_simulated_tenants() -> None:
    assert dict(DEFAULT_RELATION_TYPES) == {kind.slug: kind.id for kind in SIMULATED_RELATION_TYPES}

"""Every live-profile method against a fresh in-process simulator tenant.

These run the production client end to end; the consumer plugin checks each request and answer
against the contract on the way. They expect an empty tenant, so they are skipped with --jasper-url;
tests/client/test_resources_served.py is what runs against a served tenant.
"""

from __future__ import annotations

from itertools import islice

import pytest

from client import JasperClient, errors
from client.contract_check import ContractRecorder
from contracts.attribute_sets import AttributeSet, AttributeSetMember, AttributeSetUpdate, AttributeSetWrite
from contracts.attributes import AttributeCreate, AttributeType, AttributeUpdate
from contracts.categories import Category, CategoryCreate, CategoryUpdate
from contracts.option_sets import OptionSet, OptionSetMember, OptionSetUpdate, OptionSetWrite
from contracts.option_values import OptionValueUpdate, OptionValueWrite
from contracts.options import Option, OptionUpdate, OptionWrite
from contracts.product_attributes import ProductAttributeWrite
from contracts.product_categories import ProductCategory, ProductCategoryAssign
from contracts.product_inventory import InventoryCreate, InventoryUpdate
from contracts.product_prices import PriceCreate, PriceUpdate
from contracts.products import Product, ProductCreate, ProductUpdate
from contracts.webhooks import WebhookUpdate
from tests.client.examples import WEBHOOK_CREATE
from tests.plugins.tenants import SIM_NOW

pytestmark = pytest.mark.usefixtures("sim_app")  # a fresh tenant each test: in-process only
VARIANT = 1  # the demo tenant's "variant" relation type (simulator/config.py DEFAULT_RELATION_TYPES)


def _product(jasper: JasperClient, sku: str) -> Product:
    return jasper.products.create(ProductCreate(name=f"Tee {sku}", sku=sku))


def test_ping_answers_the_tenant_clock(jasper: JasperClient) -> None:
    assert jasper.ping().time == "Thu Nov 26 12:00:00 UTC 2026"  # SIM_NOW in Unix `date` style


def test_create_get_update_list_product_round_trip(jasper: JasperClient) -> None:
    created = jasper.products.create(ProductCreate(name="Trail Tee", sku="TT-1", type="simple"))
    updated = jasper.products.update(created.id, ProductUpdate(description="Organic cotton."))

    expected = Product(
        id=created.id, name="Trail Tee", sku="TT-1", type="simple", description="Organic cotton.",
        created_at=SIM_NOW, updated_at=SIM_NOW,
    )  # fmt: skip
    assert (updated, jasper.products.get(created.id)) == (expected, expected)
    assert jasper.products.list(per_page=10).data == [expected]


def test_create_product_duplicate_sku_raises_unprocessable_on_sku(jasper: JasperClient) -> None:
    _product(jasper, "TT-1")

    with pytest.raises(errors.Unprocessable) as raised:
        _product(jasper, "TT-1")

    assert (raised.value.status, list(raised.value.errors)) == (422, ["sku"])


def test_get_product_missing_raises_not_found(jasper: JasperClient) -> None:
    with pytest.raises(errors.NotFound) as raised:
        jasper.products.get(987654)

    assert (raised.value.status, raised.value.method) == (404, "GET")


def test_create_child_product_on_live_tenant_raises_not_found(jasper: JasperClient) -> None:
    parent = _product(jasper, "TT-1")

    with pytest.raises(errors.NotFound):
        jasper.products.create_child(parent.id, ProductCreate(name="Tee L", sku="TT-1-L"))


def test_categories_tree_round_trip(jasper: JasperClient) -> None:
    root = jasper.categories.create(CategoryCreate(name="Apparel"))
    child = jasper.categories.create(CategoryCreate(name="Shirts", parent_id=root.id))
    moved = jasper.categories.update(child.id, CategoryUpdate(parent_id=None, visible=False))

    assert moved == Category(
        id=child.id, name="Shirts", parent_id=None, visible=False, created_at=SIM_NOW, updated_at=SIM_NOW
    )
    assert jasper.categories.get(child.id) == moved
    assert [c.name for c in jasper.categories.iterate(per_page=1)] == ["Apparel", "Shirts"]


def test_assign_product_category_twice_keeps_one_assignment(jasper: JasperClient) -> None:
    product = _product(jasper, "TT-1")
    category = jasper.categories.create(CategoryCreate(name="Shirts"))

    first = jasper.product_categories.assign(product.id, ProductCategoryAssign(category_id=category.id))
    again = jasper.product_categories.assign(product.id, ProductCategoryAssign(category_id=category.id))

    assert first == again == ProductCategory(product_id=product.id, category_id=category.id)
    assert jasper.products.get(product.id).categories == [category.id]


def test_product_prices_create_update_list(jasper: JasperClient) -> None:
    product = _product(jasper, "TT-1")

    price = jasper.product_prices.create(product.id, PriceCreate(sell_price=19.5, cost=7.0))
    updated = jasper.product_prices.update(product.id, price.id, PriceUpdate(sell_price=17.0))

    assert (updated.sell_price, updated.cost) == (17.0, 7.0)
    assert list(jasper.product_prices.iterate(product.id)) == [updated]


def test_product_attribute_values_create_then_write(jasper: JasperClient) -> None:
    product = _product(jasper, "TT-1")
    material = jasper.attributes.create(AttributeCreate(name="Material", type=AttributeType.TEXT))

    created = jasper.product_attributes.create(
        product.id, ProductAttributeWrite(attribute_id=material.id, value="Wool")
    )
    written = jasper.product_attributes.write(product.id, ProductAttributeWrite(attribute_id=material.id, value="Silk"))

    assert (created.value, written.value) == ("Wool", "Silk")
    assert [v.value for v in jasper.product_attributes.iterate(product.id)] == ["Silk"]


def test_inventory_create_update_and_duplicate_location(jasper: JasperClient) -> None:
    product = _product(jasper, "TT-1")

    row = jasper.inventory.create(product.id, InventoryCreate(location="NYC", count_on_hand=3))
    updated = jasper.inventory.update(product.id, row.id, InventoryUpdate(count_on_hand=0))
    with pytest.raises(errors.Unprocessable) as raised:
        jasper.inventory.create(product.id, InventoryCreate(location="NYC", count_on_hand=1))

    assert (updated.location, updated.count_on_hand) == ("NYC", 0)
    assert list(raised.value.errors) == ["location"]


def test_product_relation_variant_link_twice_answers_the_same_link(jasper: JasperClient) -> None:
    parent, child = _product(jasper, "TT-1"), _product(jasper, "TT-1-L")

    first = jasper.product_relations.create(parent.id, child.id, VARIANT)
    again = jasper.product_relations.create(parent.id, child.id, VARIANT)

    assert first == again
    assert (first.relation_type, jasper.products.get(parent.id).children) == ("variant", [child.id])


def test_attributes_and_attribute_sets_round_trip(jasper: JasperClient) -> None:
    colour = jasper.attributes.create(
        AttributeCreate(name="Colour", type=AttributeType.SELECTBOX, values=["Red", "Blue"])
    )
    renamed = jasper.attributes.update(colour.id, AttributeUpdate(name="Color"))
    apparel = jasper.attribute_sets.create(AttributeSetWrite(name="Apparel"))
    jasper.attribute_sets.add_attribute(apparel.id, AttributeSetMember(attribute_id=colour.id))
    jasper.attribute_sets.update(apparel.id, AttributeSetUpdate(name="Apparel 2026"))

    assert (jasper.attributes.get(colour.id), [a.name for a in jasper.attributes.list().data]) == (renamed, ["Color"])
    assert jasper.attribute_sets.get(apparel.id) == AttributeSet(
        id=apparel.id, name="Apparel 2026", attributes=[colour.id], created_at=SIM_NOW, updated_at=SIM_NOW
    )
    assert list(jasper.attribute_sets.iterate()) == [jasper.attribute_sets.get(apparel.id)]


def test_options_option_values_and_option_sets_round_trip(jasper: JasperClient) -> None:
    size = jasper.options.create(OptionWrite(name="Size"))
    jasper.options.update(size.id, OptionUpdate(name="Sizes"))
    large = jasper.option_values.create(size.id, OptionValueWrite(name="L"))
    jasper.option_values.update(size.id, large.id, OptionValueUpdate(name="XL"))
    grid = jasper.option_sets.create(OptionSetWrite(name="Size"))
    jasper.option_sets.add_option(grid.id, OptionSetMember(option_id=size.id))
    jasper.option_sets.update(grid.id, OptionSetUpdate(name="Size grid"))

    sizes = Option(id=size.id, name="Sizes", created_at=SIM_NOW, updated_at=SIM_NOW)
    assert (jasper.options.get(size.id), list(jasper.options.iterate())) == (sizes, [sizes])
    assert [v.name for v in jasper.option_values.iterate(size.id)] == ["XL"]
    assert jasper.option_sets.get(grid.id) == OptionSet(
        id=grid.id, name="Size grid", options=[size.id], created_at=SIM_NOW, updated_at=SIM_NOW
    )
    assert (jasper.option_sets.list_options(grid.id).data, list(jasper.option_sets.iterate_options(grid.id))) == (
        [sizes],
        [sizes],
    )
    assert list(jasper.option_sets.iterate()) == [jasper.option_sets.get(grid.id)]


def test_webhooks_create_read_update_deactivate(jasper: JasperClient) -> None:
    created = jasper.webhooks.create(WEBHOOK_CREATE)
    updated = jasper.webhooks.update(created.id, WebhookUpdate(retry_limit=2))
    read = jasper.webhooks.get(created.id)

    assert (bool(created.signing_secret), "signing_secret" in read.model_dump()) == (True, False)
    assert (read, read.retry_limit, list(jasper.webhooks.iterate())) == (updated, 2, [updated])
    jasper.webhooks.delete(created.id)
    with pytest.raises(errors.NotFound):
        jasper.webhooks.get(created.id)
    assert jasper.webhooks.list().data == []


def test_list_categories_iterate_reads_the_next_page_only_when_reached(
    jasper: JasperClient, jasper_contract: ContractRecorder
) -> None:
    for name in ("A", "B", "C", "D", "E"):
        jasper.categories.create(CategoryCreate(name=name))
    jasper_contract.operations.clear()

    items = jasper.categories.iterate(per_page=2)
    first_two = [c.name for c in islice(items, 2)]
    after_first_page = jasper_contract.operations.count("listCategories")
    rest = [c.name for c in items]

    assert (first_two, after_first_page, rest) == (["A", "B"], 1, ["C", "D", "E"])
    assert jasper_contract.operations.count("listCategories") == 3

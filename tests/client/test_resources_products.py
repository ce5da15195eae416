"""Products and their rows: what each method sends, and how it reads the answer (scripted tenant)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from client import JasperClient
from contracts.product_attributes import ProductAttributeValue, ProductAttributeValueUpdate, ProductAttributeWrite
from contracts.product_categories import ProductCategory, ProductCategoryAssign
from contracts.product_inventory import (
    InventoriesCreate,
    InventoryCreate,
    InventoryRecord,
    InventoryRow,
    InventoryUpdate,
)
from contracts.product_prices import Price, PriceCreate, PriceUpdate
from contracts.product_relations import ProductRelation
from contracts.products import Product, ProductCreate, ProductCreateWithParent, ProductUpdate
from tests.client.examples import ANSWERS
from tests.client.fakes import FakeTenant


def _sent(tenant: FakeTenant) -> list[tuple[str, str, object]]:
    return [(r.method, r.url.path, json.loads(r.content) if r.content else None) for r in tenant.requests]


def test_update_product_sends_only_the_fields_set(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    tenant.json(200, ANSWERS[Product])
    tenant.json(200, ANSWERS[Product])

    jasper_mock.products.update(7, ProductUpdate(name="Trail Tee"))
    jasper_mock.products.update(7, ProductUpdate(option_set_id=None))  # an explicit null clears the set

    assert _sent(tenant) == [
        ("PUT", "/api/v1/products/7", {"name": "Trail Tee"}),
        ("PUT", "/api/v1/products/7", {"option_set_id": None}),
    ]


def test_create_product_answer_keeps_vendor_fields_the_contract_lacks(
    jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    tenant.json(201, {**ANSWERS[Product], "brand_id": 3, "status": "draft"})

    product = jasper_mock.products.create(ProductCreate(name="Trail Tee", sku="TT-1"))

    assert (product.id, product.model_extra) == (7, {"brand_id": 3, "status": "draft"})


def test_create_product_with_parent_and_create_child_send_the_documented_forms(
    jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    tenant.json(201, {**ANSWERS[Product], "id": 8, "parent_id": 7})
    tenant.json(201, {**ANSWERS[Product], "id": 9, "parent_id": 7})

    with_parent = jasper_mock.products.create_with_parent(ProductCreateWithParent(name="L", sku="TT-1-L", parent_id=7))
    child = jasper_mock.products.create_child(7, ProductCreate(name="XL", sku="TT-1-XL"))

    assert (with_parent.parent_id, child.parent_id) == (7, 7)
    assert _sent(tenant) == [
        ("POST", "/api/v1/products", {"name": "L", "sku": "TT-1-L", "parent_id": 7}),
        ("POST", "/api/v1/products/7/child", {"name": "XL", "sku": "TT-1-XL"}),
    ]


@pytest.mark.parametrize("status", [201, 200])
def test_assign_product_category_new_or_repeated_answers_the_assignment(
    status: int, jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    tenant.json(status, {"product_id": 7, "category_id": 3})

    assigned = jasper_mock.product_categories.assign(7, ProductCategoryAssign(category_id=3))

    assert assigned == ProductCategory(product_id=7, category_id=3)


def test_create_and_update_product_price_send_amounts_and_utc_timestamps(
    jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    tenant.json(201, ANSWERS[Price])
    tenant.json(200, ANSWERS[Price])
    starts = datetime(2026, 1, 1, tzinfo=UTC)

    created = jasper_mock.product_prices.create(7, PriceCreate(sell_price=19.5, starts_at=starts, channel_id=2))
    jasper_mock.product_prices.update(7, 11, PriceUpdate(ends_at=None))

    assert created == Price.model_validate(ANSWERS[Price])
    assert _sent(tenant) == [
        (
            "POST",
            "/api/v1/products/7/prices",
            {"sell_price": 19.5, "starts_at": "2026-01-01T00:00:00Z", "channel_id": 2},
        ),
        ("PUT", "/api/v1/products/7/prices/11", {"ends_at": None}),
    ]


def test_product_attribute_writes_use_the_collection_put_live_and_the_item_put_documented(
    jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    value = ANSWERS[ProductAttributeValue]
    tenant.json(201, value)
    tenant.json(200, value)
    tenant.json(200, {**value, "value": ["Red", "Blue"]})

    jasper_mock.product_attributes.create(7, ProductAttributeWrite(attribute_id=4, value="Cotton"))
    written = jasper_mock.product_attributes.write(7, ProductAttributeWrite(attribute_id=4, value="Cotton"))
    updated = jasper_mock.product_attributes.update_one(7, 4, ProductAttributeValueUpdate(value=["Red", "Blue"]))

    assert (written.value, updated.value) == ("Cotton", ["Red", "Blue"])
    assert _sent(tenant) == [
        ("POST", "/api/v1/products/7/attributes", {"attribute_id": 4, "value": "Cotton"}),
        ("PUT", "/api/v1/products/7/attributes", {"attribute_id": 4, "value": "Cotton"}),
        ("PUT", "/api/v1/products/7/attributes/4", {"value": ["Red", "Blue"]}),
    ]


def test_inventory_live_and_documented_namings_go_to_their_own_paths(
    jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    tenant.json(201, ANSWERS[InventoryRecord])
    tenant.json(200, {**ANSWERS[InventoryRecord], "count_on_hand": 0})
    tenant.json(201, ANSWERS[InventoryRow])

    created = jasper_mock.inventory.create(7, InventoryCreate(location="Main Warehouse", count_on_hand=12))
    updated = jasper_mock.inventory.update(7, 21, InventoryUpdate(count_on_hand=0))
    documented = jasper_mock.inventories.create(7, InventoriesCreate(location_id=1, quantity=12))

    assert (created.location, updated.count_on_hand, documented.location_id) == ("Main Warehouse", 0, 1)
    assert _sent(tenant) == [
        ("POST", "/api/v1/products/7/inventory", {"location": "Main Warehouse", "count_on_hand": 12}),
        ("PUT", "/api/v1/products/7/inventory/21", {"count_on_hand": 0}),
        ("POST", "/api/v1/products/7/inventories", {"location_id": 1, "quantity": 12}),
    ]


@pytest.mark.parametrize("status", [201, 200])
def test_create_product_relation_new_or_existing_link_answers_it_and_sends_no_body(
    status: int, jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    tenant.json(status, ANSWERS[ProductRelation])

    link = jasper_mock.product_relations.create(7, 8, 1)

    assert link == ProductRelation.model_validate(ANSWERS[ProductRelation])
    assert _sent(tenant) == [("POST", "/api/v1/products/7/relations/8/type/1", None)]


@pytest.mark.parametrize("product_id", ["7", 7.0, True, None])
def test_get_product_non_integer_id_is_refused_before_sending(
    product_id: object, jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    with pytest.raises(TypeError):
        jasper_mock.products.get(product_id)  # type: ignore[arg-type]

    assert tenant.requests == []


def test_create_product_wrong_body_model_is_refused_before_sending(
    jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    with pytest.raises(TypeError):
        jasper_mock.products.create(ProductUpdate(name="x"))  # type: ignore[arg-type]

    assert tenant.requests == []

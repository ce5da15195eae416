"""The documented profile's methods against the in-process "docs" tenant, which serves the reference's forms."""

from __future__ import annotations

import pytest

from client import JasperClient, errors
from contracts.attributes import AttributeCreate, AttributeType
from contracts.product_attributes import ProductAttributeValueUpdate, ProductAttributeWrite
from contracts.product_inventory import InventoriesCreate, InventoriesUpdate, InventoryCreate, InventoryRow
from contracts.products import ProductCreate, ProductCreateWithParent
from tests.plugins.tenants import SIM_NOW

NYC = 2  # a location of every simulated tenant (simulator/config.py DEFAULT_LOCATIONS)


def test_create_product_with_parent_and_create_child_make_variants(jasper_documented: JasperClient) -> None:
    parent = jasper_documented.products.create_with_parent(ProductCreateWithParent(name="Tee", sku="T"))
    large = jasper_documented.products.create_with_parent(
        ProductCreateWithParent(name="Tee L", sku="T-L", parent_id=parent.id)
    )
    small = jasper_documented.products.create_child(parent.id, ProductCreate(name="Tee S", sku="T-S"))

    assert (large.parent_id, small.parent_id) == (parent.id, parent.id)
    assert jasper_documented.products.get(parent.id).children == [large.id, small.id]


def test_inventories_create_and_update_by_location_id(jasper_documented: JasperClient) -> None:
    product = jasper_documented.products.create_with_parent(ProductCreateWithParent(name="Tee", sku="T"))

    row = jasper_documented.inventories.create(product.id, InventoriesCreate(location_id=NYC, quantity=4))
    updated = jasper_documented.inventories.update(product.id, row.id, InventoriesUpdate(quantity=1.5))

    assert updated == InventoryRow(
        id=row.id, product_id=product.id, location_id=NYC, quantity=1.5, created_at=SIM_NOW, updated_at=SIM_NOW
    )


def test_update_product_attribute_writes_one_existing_value(jasper_documented: JasperClient) -> None:
    product = jasper_documented.products.create_with_parent(ProductCreateWithParent(name="Tee", sku="T"))
    material = jasper_documented.attributes.create(AttributeCreate(name="Material", type=AttributeType.TEXT))
    jasper_documented.product_attributes.create(product.id, ProductAttributeWrite(attribute_id=material.id, value="W"))

    updated = jasper_documented.product_attributes.update_one(
        product.id, material.id, ProductAttributeValueUpdate(value="Silk")
    )

    assert (updated.product_id, updated.attribute_id, updated.value) == (product.id, material.id, "Silk")


def test_live_only_operations_on_documented_tenant_are_refused(jasper_documented: JasperClient) -> None:
    product = jasper_documented.products.create_with_parent(ProductCreateWithParent(name="Tee", sku="T"))

    with pytest.raises(errors.NotFound) as unknown_path:
        jasper_documented.inventory.create(product.id, InventoryCreate(location="NYC", count_on_hand=1))
    with pytest.raises(errors.UnexpectedStatus) as unknown_method:  # the path exists there, for GET and POST
        jasper_documented.product_attributes.write(product.id, ProductAttributeWrite(attribute_id=1, value="x"))

    assert (unknown_path.value.status, unknown_method.value.status) == (404, 405)

"""Attribute values on a product (contracts/product_attributes.py).

The attribute must exist (422 on `attribute_id` in a body, 404 in a path) and the value must fit its
type (422 on `value`): text and textarea take a string, date a `YYYY-MM-DD` string naming a real day,
selectbox one of the attribute's `values`, multiselect a list of distinct ones (assumed encodings, on
the contract). Live quirk (IPAAS-EP): the collection-level PUT creates a missing value and updates an
existing one; POST on a value the product already has answers 422 (assumed: use PUT). Reads list the
values in attribute id order.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from contracts import product_attributes as contract
from contracts.attributes import AttributeType
from simulator.errors import NotFound, Unprocessable
from simulator.resources.common import paginate, require, require_ref
from simulator.resources.registry import Result, handles
from simulator.store import Record, TenantStore, add_id

if TYPE_CHECKING:
    from contracts.wire import Paging

Value = str | list[str]
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@handles(contract.LIST_PRODUCT_ATTRIBUTES)
def list_product_attributes(store: TenantStore, product_id: int, query: Paging) -> Result:
    """A page of the product's attribute values."""
    require(store.products, product_id, "product")
    values = store.product_attribute_values.get(product_id, {})
    attribute_ids = store.product_attribute_ids.get(product_id, [])
    return paginate(
        store,
        ("product_attributes", product_id),
        query,
        attribute_ids,
        lambda attribute_id: _render(store, product_id, attribute_id, values[attribute_id]),
    )


@handles(contract.CREATE_PRODUCT_ATTRIBUTE)
def create_product_attribute(store: TenantStore, product_id: int, body: contract.ProductAttributeWrite) -> Result:
    """Set a value the product does not have yet."""
    require(store.products, product_id, "product")
    attribute = require_ref(store.attributes, body.attribute_id, "attribute_id", "attribute")
    if body.attribute_id in store.product_attribute_values.get(product_id, {}):
        raise Unprocessable(
            "attribute_id", "The product already has a value for this attribute.", code="duplicate_value"
        )
    return _write(store, product_id, attribute, body.value)


@handles(contract.UPDATE_PRODUCT_ATTRIBUTES)
def update_product_attributes(store: TenantStore, product_id: int, body: contract.ProductAttributeWrite) -> Result:
    """Set a value, creating it when the product has none (live collection-level PUT)."""
    require(store.products, product_id, "product")
    attribute = require_ref(store.attributes, body.attribute_id, "attribute_id", "attribute")
    return _write(store, product_id, attribute, body.value)


@handles(contract.UPDATE_PRODUCT_ATTRIBUTE)
def update_product_attribute(
    store: TenantStore, product_id: int, attribute_id: int, body: contract.ProductAttributeValueUpdate
) -> Result:
    """Change a value the product has (documented per-attribute PUT)."""
    require(store.products, product_id, "product")
    attribute = require(store.attributes, attribute_id, "attribute")
    if attribute_id not in store.product_attribute_values.get(product_id, {}):
        raise NotFound(f"Product {product_id} has no value for attribute {attribute_id}.")
    return _write(store, product_id, attribute, body.value)


def _write(store: TenantStore, product_id: int, attribute: Record, value: Value) -> Record:
    checked = check_value(attribute, value)
    store.changing("products", product_id)
    store.product_attribute_values.setdefault(product_id, {})[attribute["id"]] = checked
    add_id(store.product_attribute_ids.setdefault(product_id, []), attribute["id"])
    store.touch("products", store.products[product_id], {})
    return _render(store, product_id, attribute["id"], checked)


def check_value(attribute: Record, value: Value) -> Value:
    """The value if it fits the attribute's type, else 422 on `value`."""
    kind = AttributeType(attribute["type"])
    if kind is AttributeType.MULTISELECT:
        if not isinstance(value, list):
            raise _bad("The value must be a list of the attribute's values.")
        if len(set(value)) != len(value):
            raise _bad("The value must not repeat a choice.")
        if any(item not in attribute["values"] for item in value):
            raise _bad("Every item of the value must be one of the attribute's values.")
        return list(value)
    if not isinstance(value, str):
        raise _bad("The value must be a string.")
    if kind is AttributeType.SELECTBOX and value not in attribute["values"]:
        raise _bad("The value must be one of the attribute's values.")
    if kind is AttributeType.DATE and not _is_date(value):
        raise _bad("The value must be a date in the format YYYY-MM-DD.")
    return value


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _bad(message: str) -> Unprocessable:
    return Unprocessable("value", message, code="invalid_value")


def _render(store: TenantStore, product_id: int, attribute_id: int, value: Value) -> Record:
    attribute = store.attributes[attribute_id]
    return {
        "product_id": product_id,
        "attribute_id": attribute_id,
        "name": attribute["name"],
        "type": attribute["type"],
        "value": value,
    }

"""Attribute definitions (contracts/attributes.py).

`name` is unique in the tenant (reference: "must be unique"): a taken name answers 422 on `name`, on
create and on update. `type` is one of the reference's five kinds (the body model enforces it). `values`
(the choices of a selectbox or multiselect) default to an empty list; `version_id` is not simulated
and reads null.

An update that changes `type` or `values` so that a value a product holds no longer fits (a text
attribute retyped to date while a product holds "abc"; a selectbox losing a choice still in use) answers
422 on that field with code `attribute_in_use` (assumed: nothing public says; a Laravel app validating
the update against stored values would refuse it, and accepting it would leave products holding values
their attribute forbids, which no later write could reproduce).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import attributes as contract
from simulator.errors import Unprocessable
from simulator.resources.common import changes, paginate, require
from simulator.resources.product_attributes import check_value
from simulator.resources.registry import Result, handles
from simulator.store import Record, TenantStore

if TYPE_CHECKING:
    from contracts.wire import Paging


@handles(contract.LIST_ATTRIBUTES)
def list_attributes(store: TenantStore, query: Paging) -> Result:
    """A page of attribute definitions in id order."""
    return paginate(store, "attributes", query, store.table_ids["attributes"], store.attributes.__getitem__)


@handles(contract.GET_ATTRIBUTE)
def get_attribute(store: TenantStore, attribute_id: int) -> Result:
    """One attribute definition."""
    return require(store.attributes, attribute_id, "attribute")


@handles(contract.CREATE_ATTRIBUTE)
def create_attribute(store: TenantStore, body: contract.AttributeCreate) -> Result:
    """A new attribute definition with a name not yet in use."""
    _check_name(store, body.name, None)
    attribute = store.insert(
        "attributes",
        {
            "name": body.name,
            "type": body.type.value,
            "note": body.note,
            "display_group": body.display_group,
            "sort_order": body.sort_order,
            "publish": body.publish,
            "version_id": None,
            "values": list(body.values or ()),
        },
    )
    store.attribute_names[body.name] = attribute["id"]
    return attribute


@handles(contract.UPDATE_ATTRIBUTE)
def update_attribute(store: TenantStore, attribute_id: int, body: contract.AttributeUpdate) -> Result:
    """Change the fields sent; a new name must not be in use by another attribute."""
    attribute = require(store.attributes, attribute_id, "attribute")
    sent = changes(body)
    if "type" in sent or "values" in sent:
        _check_values_in_use(
            store,
            {**attribute, **sent},
            "type" if sent.get("type", attribute["type"]) != attribute["type"] else "values",
        )
    if "name" in sent:
        _check_name(store, sent["name"], attribute_id)
        del store.attribute_names[attribute["name"]]
        store.attribute_names[sent["name"]] = attribute_id
    return store.touch("attributes", attribute, sent)


def _check_values_in_use(store: TenantStore, changed: Record, field: str) -> None:
    attribute_id = changed["id"]
    for product_id, values in store.product_attribute_values.items():
        if attribute_id not in values:
            continue
        try:
            check_value(changed, values[attribute_id])
        except Unprocessable:
            raise Unprocessable(
                field,
                f"Product {product_id} holds a value of this attribute that the change would not fit.",
                code="attribute_in_use",
            ) from None


def _check_name(store: TenantStore, name: str, own_id: int | None) -> None:
    holder = store.attribute_names.get(name)
    if holder is not None and holder != own_id:
        raise Unprocessable("name", "The name has already been taken.", code="duplicate_name")

"""Attribute sets and their members (contracts/attribute_sets.py).

Adding an attribute that does not exist answers 422 on `attribute_id` (a body reference); adding a
member again answers 200 with the set unchanged (assumed, on the Op). Members keep the order added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import attribute_sets as contract
from simulator.resources.common import changes, paginate, require, require_ref
from simulator.resources.registry import Existing, Result, handles
from simulator.store import TenantStore

if TYPE_CHECKING:
    from contracts.wire import Paging


@handles(contract.LIST_ATTRIBUTE_SETS)
def list_attribute_sets(store: TenantStore, query: Paging) -> Result:
    """A page of attribute sets in id order."""
    return paginate(store, "attribute_sets", query, store.table_ids["attribute_sets"], store.attribute_sets.__getitem__)


@handles(contract.GET_ATTRIBUTE_SET)
def get_attribute_set(store: TenantStore, attribute_set_id: int) -> Result:
    """One attribute set with its members."""
    return require(store.attribute_sets, attribute_set_id, "attribute set")


@handles(contract.CREATE_ATTRIBUTE_SET)
def create_attribute_set(store: TenantStore, body: contract.AttributeSetWrite) -> Result:
    """A new, empty attribute set."""
    return store.insert("attribute_sets", {"name": body.name, "attributes": []})


@handles(contract.UPDATE_ATTRIBUTE_SET)
def update_attribute_set(store: TenantStore, attribute_set_id: int, body: contract.AttributeSetUpdate) -> Result:
    """Change the fields sent."""
    attribute_set = require(store.attribute_sets, attribute_set_id, "attribute set")
    return store.touch("attribute_sets", attribute_set, changes(body))


@handles(contract.ADD_ATTRIBUTE_SET_ATTRIBUTE)
def add_attribute_set_attribute(store: TenantStore, attribute_set_id: int, body: contract.AttributeSetMember) -> Result:
    """Add an existing attribute to the set, once."""
    attribute_set = require(store.attribute_sets, attribute_set_id, "attribute set")
    require_ref(store.attributes, body.attribute_id, "attribute_id", "attribute")
    if body.attribute_id in attribute_set["attributes"]:
        return Existing(attribute_set)
    return store.touch(
        "attribute_sets", attribute_set, {"attributes": [*attribute_set["attributes"], body.attribute_id]}
    )

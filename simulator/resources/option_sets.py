"""Option sets and their options (contracts/option_sets.py).

Adding an option that does not exist answers 422 on `option_id` (a body reference); adding a member
again answers 200 with the set unchanged (assumed, on the Op). Members keep the order added, and the
set's option list follows that order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import option_sets as contract
from simulator.resources.common import changes, paginate, require, require_ref
from simulator.resources.registry import Existing, Result, handles
from simulator.store import TenantStore

if TYPE_CHECKING:
    from contracts.wire import Paging


@handles(contract.LIST_OPTION_SETS)
def list_option_sets(store: TenantStore, query: Paging) -> Result:
    """A page of option sets in id order."""
    return paginate(store, "option_sets", query, store.table_ids["option_sets"], store.option_sets.__getitem__)


@handles(contract.GET_OPTION_SET)
def get_option_set(store: TenantStore, option_set_id: int) -> Result:
    """One option set with its member ids."""
    return require(store.option_sets, option_set_id, "option set")


@handles(contract.CREATE_OPTION_SET)
def create_option_set(store: TenantStore, body: contract.OptionSetWrite) -> Result:
    """A new, empty option set."""
    return store.insert("option_sets", {"name": body.name, "options": []})


@handles(contract.UPDATE_OPTION_SET)
def update_option_set(store: TenantStore, option_set_id: int, body: contract.OptionSetUpdate) -> Result:
    """Change the fields sent."""
    return store.touch("option_sets", require(store.option_sets, option_set_id, "option set"), changes(body))


@handles(contract.LIST_OPTION_SET_OPTIONS)
def list_option_set_options(store: TenantStore, option_set_id: int, query: Paging) -> Result:
    """A page of the set's options, in the order they were added."""
    members = require(store.option_sets, option_set_id, "option set")["options"]
    return paginate(store, ("option_set_options", option_set_id), query, members, store.options.__getitem__)


@handles(contract.ADD_OPTION_SET_OPTION)
def add_option_set_option(store: TenantStore, option_set_id: int, body: contract.OptionSetMember) -> Result:
    """Add an existing option to the set, once."""
    option_set = require(store.option_sets, option_set_id, "option set")
    require_ref(store.options, body.option_id, "option_id", "option")
    if body.option_id in option_set["options"]:
        return Existing(option_set)
    return store.touch("option_sets", option_set, {"options": [*option_set["options"], body.option_id]})

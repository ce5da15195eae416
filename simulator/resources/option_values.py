"""Option values such as S, M, L under Size (contracts/option_values.py).

A value is addressed under its own option only: under another option it answers 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import option_values as contract
from simulator.resources.common import changes, paginate, require, require_child
from simulator.resources.registry import Result, handles
from simulator.store import TenantStore, add_id

if TYPE_CHECKING:
    from contracts.wire import Paging


@handles(contract.LIST_OPTION_VALUES)
def list_option_values(store: TenantStore, option_id: int, query: Paging) -> Result:
    """A page of the option's values in id order."""
    require(store.options, option_id, "option")
    value_ids = store.option_value_ids.get(option_id, [])
    return paginate(store, ("option_values", option_id), query, value_ids, store.option_values.__getitem__)


@handles(contract.CREATE_OPTION_VALUE)
def create_option_value(store: TenantStore, option_id: int, body: contract.OptionValueWrite) -> Result:
    """A new value under the option."""
    require(store.options, option_id, "option")
    value = store.insert("option_values", {"option_id": option_id, "name": body.name})
    add_id(store.option_value_ids.setdefault(option_id, []), value["id"])
    return value


@handles(contract.UPDATE_OPTION_VALUE)
def update_option_value(store: TenantStore, option_id: int, value_id: int, body: contract.OptionValueUpdate) -> Result:
    """Change the fields sent on a value of this option."""
    require(store.options, option_id, "option")
    value = require_child(
        store.option_values, value_id, "option_id", option_id, f"No value with id {value_id} under option {option_id}."
    )
    return store.touch("option_values", value, changes(body))

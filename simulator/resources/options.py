"""Options such as Size or Color (contracts/options.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import options as contract
from simulator.resources.common import changes, paginate, require
from simulator.resources.registry import Result, handles
from simulator.store import TenantStore

if TYPE_CHECKING:
    from contracts.wire import Paging


@handles(contract.LIST_OPTIONS)
def list_options(store: TenantStore, query: Paging) -> Result:
    """A page of options in id order."""
    return paginate(store, "options", query, store.table_ids["options"], store.options.__getitem__)


@handles(contract.GET_OPTION)
def get_option(store: TenantStore, option_id: int) -> Result:
    """One option."""
    return require(store.options, option_id, "option")


@handles(contract.CREATE_OPTION)
def create_option(store: TenantStore, body: contract.OptionWrite) -> Result:
    """A new option."""
    return store.insert("options", {"name": body.name})


@handles(contract.UPDATE_OPTION)
def update_option(store: TenantStore, option_id: int, body: contract.OptionUpdate) -> Result:
    """Change the fields sent."""
    return store.touch("options", require(store.options, option_id, "option"), changes(body))

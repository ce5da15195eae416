"""Categories (contracts/categories.py): a tree whose parents must exist.

A `parent_id` must name an existing category (422 on it otherwise; IPAAS-CAT: a child whose parent is
not there yet is rejected), and an update can never make a category its own ancestor (422 on
`parent_id`). `visible` defaults to true (assumed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import categories as contract
from simulator.errors import Unprocessable
from simulator.resources.common import changes, paginate, require, require_ref
from simulator.resources.registry import Result, handles
from simulator.store import TenantStore

if TYPE_CHECKING:
    from contracts.wire import Paging


@handles(contract.LIST_CATEGORIES)
def list_categories(store: TenantStore, query: Paging) -> Result:
    """A page of categories in id order."""
    return paginate(store, "categories", query, store.table_ids["categories"], store.categories.__getitem__)


@handles(contract.GET_CATEGORY)
def get_category(store: TenantStore, category_id: int) -> Result:
    """One category."""
    return require(store.categories, category_id, "category")


@handles(contract.CREATE_CATEGORY)
def create_category(store: TenantStore, body: contract.CategoryCreate) -> Result:
    """A new category, a root or under an existing parent."""
    if body.parent_id is not None:
        require_ref(store.categories, body.parent_id, "parent_id", "category")
    return store.insert(
        "categories",
        {
            "name": body.name,
            "description": body.description,
            "parent_id": body.parent_id,
            "visible": True if body.visible is None else body.visible,
        },
    )


@handles(contract.UPDATE_CATEGORY)
def update_category(store: TenantStore, category_id: int, body: contract.CategoryUpdate) -> Result:
    """Change the fields sent; a new parent must exist and lie outside the category's own subtree."""
    category = require(store.categories, category_id, "category")
    sent = changes(body)
    parent_id = sent.get("parent_id")
    if parent_id is not None:
        require_ref(store.categories, parent_id, "parent_id", "category")
        if _is_in_subtree(store, parent_id, category_id):
            raise Unprocessable("parent_id", "A category cannot become its own ancestor.", code="category_cycle")
    return store.touch("categories", category, sent)


def _is_in_subtree(store: TenantStore, candidate: int, root: int) -> bool:
    """True when `candidate` is `root` or one of its descendants (walks up from the candidate)."""
    seen: set[int] = set()
    current: int | None = candidate
    while current is not None and current not in seen:
        if current == root:
            return True
        seen.add(current)
        current = store.categories[current]["parent_id"]
    return False

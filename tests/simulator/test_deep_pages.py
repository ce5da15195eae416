"""Deep pages: every list operation answers the same page as walking the list from its start did.

Pages are slices of the store's id indexes (simulator/store.py); the reference here is the walk they
replaced: every object in id order (a parent's members in the order added), skipped up to the page.
Stores are built at random through the handlers, with ids handed out in order or shuffled (an
injected allocator), webhooks deactivated, writes undone and the store reloaded entity by entity as
the state file does, so every path that changes an index is exercised before the pages are compared.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import islice
from typing import Any

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from contracts import BY_ID
from contracts.wire import PageQuery
from simulator.config import TenantConfig
from simulator.resources import HANDLERS, PageSlice
from simulator.resources.products import render_product
from simulator.store import TABLES, Changes, Record, SequentialIds, TenantStore

_NOW = datetime(2026, 3, 4, tzinfo=UTC)
_SETTINGS = TenantConfig.named("deep", "deep-key").settings


class ShuffledIds(SequentialIds):
    """Ids handed out in a random order (an injected allocator need not count up)."""

    def __init__(self, seed: int) -> None:
        super().__init__()
        self._random = random.Random(seed)
        self._free: dict[str, list[int]] = {}

    def __call__(self, table: str) -> int:
        free = self._free.setdefault(table, self._random.sample(range(1, 10_000), 400))
        return free.pop()


def _call(store: TenantStore, op_id: str, body: dict[str, Any] | None = None, **params: int) -> Any:
    op = BY_ID[op_id]
    arguments: dict[str, Any] = dict(params)
    if op.body is not None:
        arguments["body"] = op.body.model_validate_json(orjson.dumps(body or {}))  # as the wire would
    return HANDLERS[op_id](store, **arguments)


def _webhook(number: int) -> dict[str, Any]:
    return {
        "name": f"Hook {number}",
        "callback_url": "http://127.0.0.1:9/x",
        "entity_type": "product",
        "include_entity_data": False,
        "headers": {},
        "retry_policy": "linear",
        "minimum_retry_interval": 60,
        "retry_limit": 3,
    }


def _act(store: TenantStore, action: int, number: int, pick: Callable[[list[int]], int]) -> None:
    """One write, chosen by `action`; writes that need a parent are skipped while there is none."""
    ids = store.table_ids
    if action == 0:
        _call(store, "createProduct", {"name": f"P{number}", "sku": f"SKU-{number}"})
    elif action == 1:
        _call(store, "createCategory", {"name": f"C{number}"})
    elif action == 2:
        _call(store, "createAttribute", {"name": f"A{number}", "type": "text"})
    elif action == 3:
        _call(store, "createAttributeSet", {"name": f"S{number}"})
    elif action == 4:
        _call(store, "createOption", {"name": f"O{number}"})
    elif action == 5:
        _call(store, "createOptionSet", {"name": f"OS{number}"})
    elif action == 6:
        _call(store, "createWebhook", _webhook(number))
    elif action == 7 and ids["options"]:
        _call(store, "createOptionValue", {"name": f"V{number}"}, option_id=pick(ids["options"]))
    elif action == 8 and ids["products"]:
        _call(store, "createProductPrice", {"sell_price": float(number)}, product_id=pick(ids["products"]))
    elif action == 9 and ids["option_sets"] and ids["options"]:
        member = {"option_id": pick(ids["options"])}
        _call(store, "addOptionSetOption", member, option_set_id=pick(ids["option_sets"]))
    elif action == 10 and ids["products"] and ids["attributes"]:
        value = {"attribute_id": pick(ids["attributes"]), "value": f"v{number}"}
        _call(store, "updateProductAttributes", value, product_id=pick(ids["products"]))
    elif action == 11 and ids["webhooks"]:
        _call(store, "deleteWebhook", webhook_id=pick(ids["webhooks"]))


def _reloaded(store: TenantStore, order: random.Random) -> TenantStore:
    """A new store filled entity by entity in a random order, as simulator.persistence loads one."""
    fresh = TenantStore(_SETTINGS, clock=store.clock, ids=store.ids)
    entities = [(table, record_id) for table in TABLES for record_id in getattr(store, table)]
    entities += [("webhooks", record_id) for record_id in store.deactivated_webhooks]
    order.shuffle(entities)
    for table, record_id in entities:
        fresh.put_entity(table, store.entity(table, record_id), record_id)
    fresh.rebuild_indexes()
    return fresh


def _walk(rows: list[Any], query: PageQuery) -> list[Any]:
    """The page as lists were paged before: skip from the start up to the page."""
    start = (query.page - 1) * query.per_page
    return list(islice(rows, start, start + query.per_page))


def _by_id(table: dict[int, Record]) -> list[Record]:
    return [table[record_id] for record_id in sorted(table)]


def _expected(store: TenantStore) -> dict[tuple[str, int], list[Any]]:
    """(operation, parent id or 0) -> every item the operation lists, in the order it lists them."""
    top = {
        "listCategories": store.categories,
        "listAttributes": store.attributes,
        "listAttributeSets": store.attribute_sets,
        "listOptions": store.options,
        "listOptionSets": store.option_sets,
        "listWebhooks": store.webhooks,
    }
    lists: dict[tuple[str, int], list[Any]] = {(op_id, 0): _by_id(table) for op_id, table in top.items()}
    lists[("listProducts", 0)] = [render_product(store, product) for product in _by_id(store.products)]
    for product_id in store.products:
        lists[("listProductPrices", product_id)] = [p for p in _by_id(store.prices) if p["product_id"] == product_id]
        values = store.product_attribute_values.get(product_id, {})
        lists[("listProductAttributes", product_id)] = [
            {"product_id": product_id, "attribute_id": a, "name": store.attributes[a]["name"], "type": "text",
             "value": values[a]}
            for a in sorted(values)
        ]  # fmt: skip
    for option_id in store.options:
        lists[("listOptionValues", option_id)] = [v for v in _by_id(store.option_values) if v["option_id"] == option_id]
    for option_set_id, option_set in store.option_sets.items():
        lists[("listOptionSetOptions", option_set_id)] = [store.options[o] for o in option_set["options"]]
    return lists


_PARENT = {
    "listProductPrices": "product_id",
    "listProductAttributes": "product_id",
    "listOptionValues": "option_id",
    "listOptionSetOptions": "option_set_id",
}


@settings(max_examples=60, deadline=None)
@given(
    actions=st.lists(st.integers(0, 11), min_size=20, max_size=120),
    seed=st.integers(0, 2**16),
    shuffled_ids=st.booleans(),
    undo_last=st.booleans(),
    reload=st.booleans(),
    pages=st.lists(st.tuples(st.integers(1, 12), st.integers(1, 6)), min_size=1, max_size=6),
)
def test_list_operations_deep_page_matches_walk_from_the_start(
    *,
    actions: list[int],
    seed: int,
    shuffled_ids: bool,
    undo_last: bool,
    reload: bool,
    pages: list[tuple[int, int]],
) -> None:
    chooser = random.Random(seed)
    ids = ShuffledIds(seed) if shuffled_ids else SequentialIds()
    store = TenantStore(_SETTINGS, clock=lambda: _NOW, ids=ids)
    for number, action in enumerate(actions):
        last = number == len(actions) - 1
        changes: Changes = {}
        if last and undo_last:
            store.pending = changes
        _act(store, action, number, chooser.choice)
        store.pending = None
        if changes:
            store.undo(changes)
    if reload:
        store = _reloaded(store, chooser)
    for (op_id, parent_id), listed in _expected(store).items():
        params = {_PARENT[op_id]: parent_id} if op_id in _PARENT else {}
        for page, per_page in pages:
            query = PageQuery(page=page, per_page=per_page)
            answer = HANDLERS[op_id](store, query=query, **params)
            assert isinstance(answer, PageSlice)
            walked = _walk(listed, query)
            items = orjson.loads(orjson.dumps(answer.items))  # products come serialised (render_cache.py)
            assert (items, answer.total, answer.page, answer.per_page) == (walked, len(listed), page, per_page)

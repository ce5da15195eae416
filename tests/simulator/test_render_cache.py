"""Product list pages kept serialised (simulator/render_cache.py) are never stale and never differ.

Each write that can change how a product renders (its fields, variant links, categories, relations,
stock rows; deletion, undo, reset, seed, import) is made through the API or the control plane after a
page was read, and the page read again must be what rendering every product anew gives, and differ from
the page before. A property drives the handlers alone (no router, so only the store's own generation
bumps protect it) through random write sequences with random undos, reading random pages in between.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from orjson import Fragment
from starlette.applications import Starlette
from starlette.testclient import TestClient

from contracts.op import Profile
from contracts.wire import PageQuery
from simulator import demo, render_cache
from simulator.catalogue_actions import delete_product
from simulator.config import TenantConfig
from simulator.errors import ApiError, ServiceUnavailable
from simulator.paging import page_envelope
from simulator.resources import HANDLERS, PageSlice
from simulator.resources.products import render_product
from simulator.store import Changes, SequentialIds, TenantStore
from tests.simulator.conftest import SteppingClock
from tests.simulator.test_deep_pages import _act, _call

_PAGE = "/products?per_page=100"
_URL = "http://testserver/api/v1/products"


def _store(app: Starlette, tenant: str) -> TenantStore:
    store: TenantStore = app.state.tenants.by_name[tenant].store
    return store


def _uncached(app: Starlette, client: TestClient) -> bytes:
    """The page with nothing kept: every product rendered anew."""
    render_cache._BY_STORE.clear()
    return client.get(_PAGE).content


def test_list_products_page_is_the_envelope_of_every_product_rendered(app: Starlette, client: TestClient) -> None:
    store = _store(app, "demo")
    demo.seed(store)
    client.get(_PAGE)  # kept from here on

    answer = client.get(_PAGE)

    items = [render_product(store, store.products[product_id]) for product_id in store.table_ids["products"]]
    envelope = page_envelope(PageSlice(items=Fragment(b"[]"), total=len(items), page=1, per_page=100), _URL)
    assert answer.content == orjson.dumps({**envelope, "data": items})  # as serialised in place before


@dataclass
class _Callers:
    api: TestClient
    admin: TestClient
    clock: SteppingClock


def _import_renamed(call: _Callers) -> Any:
    state = call.admin.get("/state?tenant=demo").json()
    state["tenants"]["demo"]["products"][0]["name"] = "Imported"
    return call.admin.put("/state", json=state)


def _reseed(call: _Callers) -> Any:
    call.clock.now += timedelta(seconds=1)  # the demo again, stamped anew
    return call.admin.post("/seed", json={"tenant": "demo"})


_LIVE_WRITES: dict[str, Callable[[_Callers], Any]] = {
    "createProduct": lambda call: call.api.post("/products", json={"name": "New", "sku": "NEW-1"}),
    "updateProduct": lambda call: call.api.put("/products/1", json={"name": "Renamed"}),
    "assignProductCategory": lambda call: call.api.post("/products/1/categories", json={"category_id": 1}),
    "createProductRelation": lambda call: call.api.post("/products/1/relations/2/type/2"),
    "createProductRelation variant": lambda call: call.api.post("/products/1/relations/2/type/1"),
    "createProductInventory": lambda call: call.api.post(
        "/products/2/inventory", json={"location": "NYC", "count_on_hand": 3}
    ),
    "updateProductInventory": lambda call: call.api.put("/products/1/inventory/1", json={"count_on_hand": 7}),
    "delete_product action": lambda call: call.admin.post(
        "/actions/delete_product", json={"tenant": "demo", "product_id": 1}
    ),
    "reset": lambda call: call.admin.post("/reset", json={"tenant": "demo"}),
    "seed": _reseed,
    "import": _import_renamed,
}


@pytest.mark.parametrize("write", list(_LIVE_WRITES))
def test_list_products_after_a_write_shows_it(
    write: str, app: Starlette, clock: SteppingClock, client: TestClient, admin: TestClient
) -> None:
    admin.post("/seed", json={"tenant": "demo"})
    before = client.get(_PAGE).content

    answer = _LIVE_WRITES[write](_Callers(client, admin, clock))

    after = client.get(_PAGE).content
    assert answer.status_code < 300
    assert (after, after != before) == (_uncached(app, client), True)


@pytest.mark.parametrize("write", list(_LIVE_WRITES))
def test_get_product_after_a_write_shows_it(
    write: str, app: Starlette, clock: SteppingClock, client: TestClient, admin: TestClient
) -> None:
    admin.post("/seed", json={"tenant": "demo"})
    products = ("/products/1", "/products/2")
    for path in products:
        client.get(path)  # kept from here on

    answer = _LIVE_WRITES[write](_Callers(client, admin, clock))

    after = [(client.get(path).status_code, client.get(path).content) for path in products]
    render_cache._BY_STORE.clear()
    assert answer.status_code < 300
    assert after == [(client.get(path).status_code, client.get(path).content) for path in products]


_DOCUMENTED_WRITES: dict[str, Callable[[TestClient], Any]] = {
    "createProductWithParent": lambda api: api.post("/products", json={"name": "V", "sku": "V-1", "parent_id": 1}),
    "createChildProduct": lambda api: api.post("/products/1/child", json={"name": "V", "sku": "V-1"}),
    "createProductInventories": lambda api: api.post("/products/1/inventories", json={"location_id": 3, "quantity": 2}),
    "updateProductInventories": lambda api: api.put("/products/1/inventories/1", json={"quantity": 9}),
}


@pytest.mark.parametrize("write", list(_DOCUMENTED_WRITES))
def test_list_products_documented_after_a_write_shows_it(write: str, app: Starlette, docs: TestClient) -> None:
    assert docs.post("/products", json={"name": "Parent", "sku": "P-1"}).status_code == 201
    assert docs.post("/products/1/inventories", json={"location_id": 1, "quantity": 1}).status_code == 201
    before = docs.get(_PAGE).content

    answer = _DOCUMENTED_WRITES[write](docs)

    after = docs.get(_PAGE).content
    assert answer.status_code < 300
    assert (after, after != before) == (_uncached(app, docs), True)


class _Refuse:
    def __call__(self, exchange: object, changes: Changes) -> None:
        raise ServiceUnavailable("The state file cannot be written.", code="state_write_failed")


def test_list_products_after_a_refused_write_is_as_before(app: Starlette, client: TestClient) -> None:
    demo.seed(_store(app, "demo"))
    before = client.get(_PAGE).content
    app.state.api.commit_listeners.append(_Refuse())

    refused = client.put("/products/1", json={"name": "Refused"})

    assert (refused.status_code, client.get(_PAGE).content, _uncached(app, client)) == (503, before, before)


# The property: handlers alone, on a store of either profile, every list operation.

_NOW = datetime(2026, 3, 4, tzinfo=UTC)
_WRITE_OPS = {
    Profile.LIVE: ("createProduct", "createProductInventory", "updateProductInventory"),
    Profile.DOCUMENTED: ("createProductWithParent", "createProductInventories", "updateProductInventories"),
}
_OWN, _DEEP, _UPDATES = 9, 12, 5  # writes below, the deep-pages test's (every table), renames


def _write(store: TenantStore, action: int, number: int, pick: Callable[[list[int]], int]) -> None:
    """One write that may change a product's rendering, or any other list's."""
    create, stock, restock = _WRITE_OPS[store.profile]
    ids = store.table_ids
    products, categories = ids["products"], ids["categories"]
    live = store.profile is Profile.LIVE
    if action >= _OWN + _DEEP:
        _update(store, action - _OWN - _DEEP, number, pick)
    elif action >= _OWN:
        _act(store, action - _OWN, number, pick)
    elif action == 0 or not products:
        _call(store, create, {"name": f"P{number}", "sku": f"SKU-{number}"})
    elif action == 1:
        _call(store, "updateProduct", {"name": f"N{number}", "description": "d"}, product_id=pick(products))
    elif action == 2:
        category = pick(categories) if categories else _call(store, "createCategory", {"name": f"C{number}"})["id"]
        _call(store, "assignProductCategory", {"category_id": category}, product_id=pick(products))
    elif action == 3:
        kind = 1 if live and number % 2 else 2 + number % 2  # variant links through relations are live only
        parent, related = pick(products), pick(products)
        _call(
            store, "createProductRelation", None, product_id=parent, related_product_id=related, relation_type_id=kind
        )
    elif action == 4 and not live:
        _call(store, "createChildProduct", {"name": f"V{number}", "sku": f"V-{number}"}, product_id=pick(products))
    elif action == 5:
        body = {"location": "NYC", "count_on_hand": number} if live else {"location_id": 2, "quantity": number}
        _call(store, stock, body, product_id=pick(products))
    elif action == 6 and ids["inventory"]:
        row = store.inventory[pick(ids["inventory"])]
        body = {"count_on_hand": number} if live else {"quantity": number}
        _call(store, restock, body, product_id=row["product_id"], inventory_id=row["id"])
    elif action == 7:
        delete_product(store, pick(products))
    elif action == 8:
        store.clear()  # Tenants.reset


def _update(store: TenantStore, action: int, number: int, pick: Callable[[list[int]], int]) -> None:
    """Renames and a price change: what lists show, an attribute's name in a product's attribute list too."""
    ids = store.table_ids
    if action == 0 and ids["attributes"]:
        _call(store, "updateAttribute", {"name": f"Renamed {number}"}, attribute_id=pick(ids["attributes"]))
    elif action == 1 and ids["categories"]:
        _call(store, "updateCategory", {"name": f"Renamed {number}"}, category_id=pick(ids["categories"]))
    elif action == 2 and ids["option_values"]:
        value = store.option_values[pick(ids["option_values"])]
        _call(store, "updateOptionValue", {"name": f"R{number}"}, option_id=value["option_id"], value_id=value["id"])
    elif action == 3 and ids["prices"]:
        price = store.prices[pick(ids["prices"])]
        _call(store, "updateProductPrice", {"cost": 1.5}, product_id=price["product_id"], price_id=price["id"])
    elif action == 4 and ids["options"]:
        _call(store, "updateOption", {"name": f"Renamed {number}"}, option_id=pick(ids["options"]))


def _lists(store: TenantStore) -> list[tuple[str, dict[str, int]]]:
    """Every list operation of the store, with each parent it has."""
    tops = ("listProducts", "listCategories", "listAttributes", "listAttributeSets", "listOptions", "listOptionSets")
    lists: list[tuple[str, dict[str, int]]] = [(op_id, {}) for op_id in (*tops, "listWebhooks")]
    for product_id in store.products:
        lists += [(op_id, {"product_id": product_id}) for op_id in ("listProductPrices", "listProductAttributes")]
    lists += [("listOptionValues", {"option_id": option_id}) for option_id in store.options]
    lists += [("listOptionSetOptions", {"option_set_id": set_id}) for set_id in store.option_sets]
    return lists


def _assert_lists_fresh(store: TenantStore, page: int, per_page: int) -> None:
    """Every list's page as kept is the page made anew (what is kept stays kept for the next check)."""
    for query in (PageQuery(page=page, per_page=per_page), PageQuery(page=1, per_page=100)):
        for op_id, params in _lists(store):
            answer = HANDLERS[op_id](store, query=query, **params)
            kept = render_cache._BY_STORE.pop(store, None)
            fresh = HANDLERS[op_id](store, query=query, **params)
            if kept is not None:
                render_cache._BY_STORE[store] = kept
            assert isinstance(answer, PageSlice) and isinstance(fresh, PageSlice)
            assert (op_id, orjson.dumps(answer.items)) == (op_id, orjson.dumps(fresh.items))


@settings(max_examples=25, deadline=None)
@given(
    profile=st.sampled_from(Profile),
    steps=st.lists(
        st.tuples(
            st.integers(0, _OWN + _DEEP + _UPDATES - 1), st.booleans(), st.sampled_from([(1, 3), (2, 3), (1, 1)])
        ),
        min_size=5,
        max_size=30,
    ),
    pick_seed=st.integers(0, 2**16),
)
def test_list_operations_kept_pages_match_pages_made_anew_over_random_writes(
    profile: Profile, steps: list[tuple[int, bool, tuple[int, int]]], pick_seed: int
) -> None:
    store = TenantStore(TenantConfig.named("t", "t-key", profile).settings, clock=lambda: _NOW, ids=SequentialIds())
    picks = iter(range(pick_seed, pick_seed + 10_000))
    for number, (action, undo, (page, per_page)) in enumerate(steps):
        changes: Changes = {}
        store.pending = changes
        try:
            _write(store, action, number, lambda ids: ids[next(picks) % len(ids)])
        except ApiError:
            refused = True  # the router undoes a refused write (handlers check before they change)
        else:
            refused = False
        finally:
            store.pending = None
        if (undo or refused) and changes:
            _assert_lists_fresh(store, page, per_page)  # kept from after the write, before its undo
            store.undo(changes)
        _assert_lists_fresh(store, page, per_page)


def test_list_products_after_a_write_that_bypasses_the_store_primitives_shows_it(
    app: Starlette, client: TestClient
) -> None:
    demo.seed(_store(app, "demo"))
    before = client.get(_PAGE).content
    routes = app.state.api.tables[Profile.LIVE][("products", "{}")]

    def rename_in_place(store: TenantStore, product_id: int, body: Any) -> Any:
        store.products[product_id]["name"] = "Renamed in place"  # no `touch`: only the router's bump covers it
        return store.products[product_id]

    routes["PUT"] = replace(routes["PUT"], handler=rename_in_place)

    answer = client.put("/products/1", json={"name": "Ignored"})

    after = client.get(_PAGE).content
    assert (answer.status_code, after, after != before) == (200, _uncached(app, client), True)

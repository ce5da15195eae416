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
from starlette.applications import Starlette
from starlette.testclient import TestClient

from contracts import BY_ID
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

_PAGE = "/products?per_page=100"


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

    items: list[Any] = [render_product(store, store.products[product_id]) for product_id in store.table_ids["products"]]
    page = PageSlice(items=items, total=len(items), page=1, per_page=100)
    assert answer.content == orjson.dumps(page_envelope(page, "http://testserver/api/v1/products"))


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


# The property: handlers alone, on a store of either profile.

_NOW = datetime(2026, 3, 4, tzinfo=UTC)
_WRITE_OPS = {
    Profile.LIVE: ("createProduct", "createProductInventory", "updateProductInventory"),
    Profile.DOCUMENTED: ("createProductWithParent", "createProductInventories", "updateProductInventories"),
}


def _call(store: TenantStore, op_id: str, body: dict[str, Any] | None = None, **params: int) -> Any:
    op = BY_ID[op_id]
    arguments: dict[str, Any] = dict(params)
    if op.body is not None:
        arguments["body"] = op.body.model_validate_json(orjson.dumps(body or {}))  # as the wire would
    return HANDLERS[op_id](store, **arguments)


def _write(store: TenantStore, action: int, number: int, pick: Callable[[list[int]], int]) -> None:
    """One write that may change a product's rendering (and a price, which must not matter)."""
    create, stock, restock = _WRITE_OPS[store.profile]
    products, categories = store.table_ids["products"], store.table_ids["categories"]
    live = store.profile is Profile.LIVE
    if action == 0 or not products:
        _call(store, create, {"name": f"P{number}", "sku": f"SKU-{number}"})
    elif action == 1:
        _call(store, "updateProduct", {"name": f"N{number}", "description": "d"}, product_id=pick(products))
    elif action == 2:
        category = pick(categories) if categories else _call(store, "createCategory", {"name": f"C{number}"})["id"]
        _call(store, "assignProductCategory", {"category_id": category}, product_id=pick(products))
    elif action == 3:
        kind = 1 if live and number % 2 else 2 + number % 2  # variant links through relations are live only
        _call(
            store,
            "createProductRelation",
            product_id=pick(products),
            related_product_id=pick(products),
            relation_type_id=kind,
        )
    elif action == 4 and not live:
        _call(store, "createChildProduct", {"name": f"V{number}", "sku": f"V-{number}"}, product_id=pick(products))
    elif action == 4:
        _call(store, "createProduct", {"name": f"Q{number}", "sku": f"Q-{number}"})
    elif action == 5:
        body = {"location": "NYC", "count_on_hand": number} if live else {"location_id": 2, "quantity": number}
        _call(store, stock, body, product_id=pick(products))
    elif action == 6 and store.table_ids["inventory"]:
        row = store.inventory[pick(store.table_ids["inventory"])]
        body = {"count_on_hand": number} if live else {"quantity": number}
        _call(store, restock, body, product_id=row["product_id"], inventory_id=row["id"])
    elif action == 7:
        delete_product(store, pick(products))
    elif action == 8:
        _call(store, "createProductPrice", {"sell_price": float(number)}, product_id=pick(products))
    elif action == 9:
        store.clear()  # Tenants.reset


def _assert_page_fresh(store: TenantStore, page: int, per_page: int) -> None:
    answer = HANDLERS["listProducts"](store, query=PageQuery(page=page, per_page=per_page))
    assert isinstance(answer, PageSlice)
    ids = store.table_ids["products"][(page - 1) * per_page : page * per_page]
    assert orjson.dumps(answer.items) == orjson.dumps([render_product(store, store.products[i]) for i in ids])


@settings(max_examples=40, deadline=None)
@given(
    profile=st.sampled_from(Profile),
    steps=st.lists(
        st.tuples(st.integers(0, 9), st.booleans(), st.sampled_from([(1, 100), (1, 3), (2, 3), (1, 1)])),
        min_size=5,
        max_size=40,
    ),
    pick_seed=st.integers(0, 2**16),
)
def test_list_products_kept_pages_match_rendering_anew_over_random_writes(
    profile: Profile, steps: list[tuple[int, bool, tuple[int, int]]], pick_seed: int
) -> None:
    store = TenantStore(TenantConfig.named("t", "t-key", profile).settings, clock=lambda: _NOW, ids=SequentialIds())
    picks = iter(range(pick_seed, pick_seed + 10_000))
    for number, (action, undo, (page, per_page)) in enumerate(steps):
        _assert_page_fresh(store, page, per_page)  # kept from before the write
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
            _assert_page_fresh(store, page, per_page)  # kept from after the write, before its undo
            store.undo(changes)
        _assert_page_fresh(store, page, per_page)
        _assert_page_fresh(store, 1, 100)


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

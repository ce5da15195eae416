"""List items kept as serialised JSON per tenant store, for as long as the store is unchanged.

Hand-written because a measured target needs it (issue 11 item 5: `GET /products?per_page=100` at
>= 0.5x a bare app's 100-item orjson list; bench/page_cost.py and bench/run.py measure it). Rendering a
product gathers its record, variant links, categories, relations and stock rows into a new dict, which
orjson then serialises: about 1.5 µs a product, most of a 100-item page. Kept as `orjson.Fragment`
(serialised JSON that orjson embeds as it is, byte for byte what serialising the dict gives), a page
item costs a dict look-up.

Never stale: what is kept is good for one `TenantStore.generation` only. Every change to a store bumps
it (each write primitive of the store, undo, import and reset included), and the router bumps it again
after every API write whatever its handler did; a store replaced whole (reset, seed, state import) has
a cache of its own. The first read after a change starts afresh. A rendering may show only what the
store holds (no clock, no request): that is what makes the generation the whole key.
"""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from orjson import Fragment, dumps

from simulator.store import Record, TenantStore

LIMIT = 10_000  # items kept per store and kind: a walk through a large catalogue holds no second copy of it


class _Kept:
    __slots__ = ("generation", "kinds")

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.kinds: dict[str, dict[int, Fragment]] = {}


_BY_STORE: WeakKeyDictionary[TenantStore, _Kept] = WeakKeyDictionary()


def serialised(store: TenantStore, kind: str, render: Callable[[int], Record]) -> Callable[[int], Fragment]:
    """`render` (object id -> JSON-ready record of this store) as serialised JSON, kept until the store changes.

    Call it once per request: the store must not change while the answer is in use.
    """
    kept = _BY_STORE.get(store)
    if kept is None or kept.generation != store.generation:
        kept = _BY_STORE[store] = _Kept(store.generation)
    items = kept.kinds.get(kind)
    if items is None or len(items) >= LIMIT:
        items = kept.kinds[kind] = {}
    look_up = items.get

    def item(object_id: int) -> Fragment:
        fragment = look_up(object_id)
        if fragment is None:
            fragment = items[object_id] = Fragment(dumps(render(object_id)))
        return fragment

    return item

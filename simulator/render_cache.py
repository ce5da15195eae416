"""List pages' items kept as serialised JSON per tenant store, for as long as the store is unchanged.

Hand-written because a measured target needs it (issue 11 item 5: `GET /products?per_page=100` at
>= 0.5x a bare app's 100-item orjson list; bench/page_cost.py and bench/run.py measure it). Rendering a
product gathers its record, variant links, categories, relations and stock rows into a new dict, which
orjson then serialises: about 1.5 µs a product, most of a 100-item page. A page's items are kept as one
`orjson.Fragment` (serialised JSON that orjson embeds as it is, byte for byte what serialising the
items in place gives), so a page read again costs one dict look-up; the first read costs what it did.

Never stale: what is kept is good for one `TenantStore.generation` only. Every change to a store bumps
it (each write primitive of the store, undo, import and reset included), and the router bumps it again
after every API write whatever its handler did; a store replaced whole (reset, seed, state import) has
one of its own. The first read after a change starts afresh. What is kept may depend on nothing but
the store and the key (no clock, no request): that is what makes the generation and the key enough.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any
from weakref import WeakKeyDictionary

from orjson import Fragment, dumps

from simulator.store import TenantStore

LIMIT_BYTES = 8 << 20  # kept per store: paging through a large catalogue holds no second copy of it


class _Kept:
    __slots__ = ("bytes", "generation", "pages")

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.pages: dict[Hashable, bytes] = {}
        self.bytes = 0


_BY_STORE: WeakKeyDictionary[TenantStore, _Kept] = WeakKeyDictionary()


def kept(store: TenantStore, key: Hashable, build: Callable[[], Any]) -> Fragment:
    """`build()` serialised, kept under `key` until the store changes; `build` reads nothing but the store."""
    return Fragment(kept_answer(store, key, build))


def kept_answer(store: TenantStore, key: Hashable, build: Callable[[], Any]) -> bytes:
    """`kept`'s serialised bytes themselves, for a handler whose whole answer they are (GET /products/{id}).

    The router answers them as they are, and the journal records a reference to them rather than a copy
    (simulator/journal.py): read again and again, one product costs neither a new answer nor journal memory.
    """
    entry = _BY_STORE.get(store)
    if entry is None or entry.generation != store.generation:
        entry = _BY_STORE[store] = _Kept(store.generation)
    body = entry.pages.get(key)
    if body is None:
        body = dumps(build())
        if entry.bytes + len(body) > LIMIT_BYTES:
            entry.pages.clear()
            entry.bytes = 0
        entry.pages[key] = body
        entry.bytes += len(body)
    return body

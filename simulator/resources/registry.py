"""The handler registry: one handler per operation id, registered with `@handles(OP)`.

The registry is filled once, while `simulator.resources` imports its resource modules, and read-only
afterwards (`HANDLERS` is a mapping proxy). `simulator.routing` calls a handler as
`handler(store, **path_params, body=..., query=...)`, passing `body` only when the operation has a body
model and `query` only when it has a query model; tests/simulator/test_completeness.py checks that every
handler's signature says exactly that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeVar

from orjson import Fragment

from contracts.op import Op
from simulator.store import Record

Handler = Callable[..., "Result"]
_H = TypeVar("_H", bound=Handler)


@dataclass(frozen=True, slots=True)
class Existing:
    """The object existed already: answer it with 200 instead of the operation's 201, adding nothing."""

    body: Record


@dataclass(frozen=True, slots=True)
class PageSlice:
    """One page of a list, before `simulator.routing` wraps it in the `wire.Page` envelope."""

    items: Fragment  # the items' JSON array, kept serialised (simulator/render_cache.py)
    total: int
    page: int
    per_page: int


# What a handler returns: a record (the op's success status), Existing (200), a page, or None (no body).
Result = Record | Existing | PageSlice | bytes | None  # bytes: the answer kept serialised (render_cache.py)

_REGISTRY: dict[str, Handler] = {}
HANDLERS = MappingProxyType(_REGISTRY)


def handles(op: Op) -> Callable[[_H], _H]:
    """Register the decorated function as the one handler of `op`."""

    def register(handler: _H) -> _H:
        if op.id in _REGISTRY:
            raise RuntimeError(f"{op.id} already has a handler: {_REGISTRY[op.id].__qualname__}")
        _REGISTRY[op.id] = handler
        return handler

    return register


def describe(handler: Handler) -> str:
    """`module.function` of a handler, for messages."""
    target: Any = handler
    return f"{target.__module__}.{target.__qualname__}"

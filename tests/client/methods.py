"""Walk a client's namespaces for the methods the registry marks (client/registry.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from client import JasperClient
from client.registry import called_operation, iterated_operation
from contracts.op import Op


def marked_methods(jasper: JasperClient) -> Iterator[tuple[str, Callable[..., Any], Op | None, Op | None]]:
    """(dotted name, bound method, op it calls, op it iterates) for every public method of every namespace."""
    for namespace, resource in jasper.namespaces.items():
        for name in dir(type(resource)):
            if name.startswith("_"):
                continue
            function = getattr(type(resource), name)
            yield (
                f"{namespace}.{name}",
                getattr(resource, name),
                called_operation(function),
                iterated_operation(function),
            )


def method_calling(jasper: JasperClient, op: Op) -> tuple[str, Callable[..., Any]]:
    """The one method marked as calling `op`."""
    found = [(name, method) for name, method, calls, _ in marked_methods(jasper) if calls is op]
    assert len(found) == 1, f"{op.id}: {[name for name, _ in found]}"
    return found[0]


def method_iterating(jasper: JasperClient, op: Op) -> tuple[str, Callable[..., Any]]:
    """The one method marked as iterating the list operation `op`."""
    found = [(name, method) for name, method, _, iterates in marked_methods(jasper) if iterates is op]
    assert len(found) == 1, f"{op.id}: {[name for name, _ in found]}"
    return found[0]

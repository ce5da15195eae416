"""The read-only walk: ping, every list's first page, then each get and nested list for ids from its list."""

from __future__ import annotations

from typing import Any

from client.verify.calls import Caller
from contracts import OPERATIONS
from contracts.op import Op


def parent_list(op: Op, lists: list[Op]) -> Op | None:
    """The top-level list whose items' ids fill `op`'s first path parameter (`/products` for
    `/products/{product_id}/prices`)."""
    first = op.path_params[0]
    return next((candidate for candidate in lists if op.path.startswith(f"{candidate.path}/{{{first}}}")), None)


def read_all(caller: Caller, sample: int) -> None:
    """Call every read of the checked contract the tenant can answer; `sample` ids per get or nested list."""
    reads = [op for op in OPERATIONS if op.method == "GET" and op.id in caller.results]
    top = [op for op in reads if not op.path_params]
    lists = [op for op in top if op.many]
    ids: dict[str, list[int]] = {}
    for op in top:
        answer = caller.read(op.id)
        if op.many:
            ids[op.id] = _ids(answer, sample)
    for op in reads:
        if not op.path_params:
            continue
        parent = parent_list(op, lists)
        found = ids.get(parent.id, []) if parent is not None else []
        if not found:
            listed = f"{parent.id} listed none" if parent is not None else "no list gives its ids"
            caller.results[op.id].note = f"no id to call it with: {listed}"
        for id_ in found:
            caller.read(op.id, id_)


def _ids(page: Any, sample: int) -> list[int]:
    """The first `sample` integer ids of a list page's items."""
    items = page.get("data") if isinstance(page, dict) else None
    if not isinstance(items, list):
        return []
    found = [item["id"] for item in items if isinstance(item, dict) and type(item.get("id")) is int]
    return found[:sample]

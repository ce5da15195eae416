"""Helpers every resource module uses: look-ups that answer 404, pagination, partial updates."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any

from simulator.errors import NotFound, Unprocessable
from simulator.render_cache import kept
from simulator.resources.registry import PageSlice
from simulator.store import Record, Table, TenantStore

if TYPE_CHECKING:
    from pydantic import BaseModel

    from contracts.wire import Paging


def require(table: Table, record_id: int, what: str) -> Record:
    """The record with this id, or 404 naming what was looked for."""
    record = table.get(record_id)
    if record is None:
        raise NotFound(f"No {what} with id {record_id}.")
    return record


def require_child(table: Table, record_id: int, parent_key: str, parent_id: int, message: str) -> Record:
    """The record with this id that belongs to this parent, or 404: a row is addressed under its own parent only."""
    record = table.get(record_id)
    if record is None or record[parent_key] != parent_id:
        raise NotFound(message)
    return record


def require_ref(table: Table, record_id: int, field: str, what: str) -> Record:
    """The record a body field points at, or 422 on that field (a body reference, not a path)."""
    record = table.get(record_id)
    if record is None:
        raise Unprocessable(field, f"The selected {field} is invalid: no {what} with id {record_id}.")
    return record


def changes(body: BaseModel) -> dict[str, Any]:
    """The fields a body sent, enums as their plain values (in a partial update, left-out fields stay)."""
    sent = body.model_fields_set
    return {name: _plain(getattr(body, name)) for name in type(body).model_fields if name in sent}


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def paginate(
    store: TenantStore, key: Hashable, query: Paging, ids: Sequence[int], item: Callable[[int], Record]
) -> PageSlice:
    """One page of the objects listed by `ids` (in list order), each made by `item(id)`.

    Only the page's slice of `ids` is looked at, so a page costs what its size costs, whatever its
    position (issue 11; the id lists are the store's indexes). The page's items are kept serialised
    until the store changes (simulator/render_cache.py): `key` names the list (with its parent's id, if
    any), and `item` may read nothing but the store.
    """
    start = (query.page - 1) * query.per_page
    page_ids = ids[start : start + query.per_page]
    items = kept(store, (key, query.page, query.per_page), lambda: [item(object_id) for object_id in page_ids])
    return PageSlice(items=items, total=len(ids), page=query.page, per_page=query.per_page)

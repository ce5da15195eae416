"""Helpers every resource module uses: look-ups that answer 404, pagination, partial updates."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from itertools import islice
from typing import Any

from pydantic import BaseModel

from contracts.wire import PageQuery
from simulator.errors import NotFound, Unprocessable
from simulator.resources.registry import PageSlice
from simulator.store import Record, Table


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
    query: PageQuery, rows: Iterable[Record], total: int, render: Callable[[Record], Record] | None = None
) -> PageSlice:
    """One page of `rows` (already in id order), rendered item by item only for the page shown."""
    start = (query.page - 1) * query.per_page
    page = list(islice(rows, start, start + query.per_page)) if start < total else []
    items = [render(row) for row in page] if render is not None else page
    return PageSlice(items=items, total=total, page=query.page, per_page=query.per_page)

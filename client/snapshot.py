"""A snapshot of a real tenant: everything its API lists, in the state import shape (`/_sim/state`).

A staging dry run should start from the real tenant's catalogue, or the connector's create-or-update
look-ups take other branches than they will in production. `take()` reads a tenant through the
production client, GET operations only (it never writes), every page, with the client's retries, and
builds what `PUT /_sim/state` and `jasper-sim state import` load.

What the API cannot list comes from the caller: inventory locations (the live API names a row's
location; the state holds its id) and relation types (DESIGN.md §3: tenant reference data). What the
snapshot cannot read is listed in `Snapshot.unread`: rows at a location it was not told about (left
out), webhook signing secrets (the API shows them only on create: a new secret is made), deactivated
webhooks (not listed by the API).
"""

from __future__ import annotations

import secrets
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO, TypeVar

from client.jasper import JasperClient
from contracts.product_inventory import InventoryRecord, InventoryRow
from contracts.wire import format_timestamp
from simulator.config import Location, RelationType

_T = TypeVar("_T")


@dataclass
class Snapshot:
    """A tenant's data in the state import shape, and what could not be read."""

    state: dict[str, list[dict[str, Any]]]
    unread: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def document(self, tenant: str) -> dict[str, Any]:
        """`{"tenants": {tenant: state}}`, what `PUT /_sim/state` takes."""
        return {"tenants": {tenant: self.state}}


class Progress:
    """A progress line on stderr at most every `every` seconds (items per resource, rate), and a last one."""

    def __init__(self, out: TextIO | None = None, every: float = 1.0) -> None:
        self.out = out if out is not None else sys.stderr
        self.every = every
        self._started = time.monotonic()
        self._shown = self._started
        self.counts: dict[str, int] = {}

    def items(self, resource: str, items: Iterable[_T]) -> Iterator[_T]:
        """`items`, counting them under `resource` and reporting now and then."""
        counts = self.counts
        counts.setdefault(resource, 0)
        for item in items:
            counts[resource] += 1
            now = time.monotonic()
            if now - self._shown >= self.every:
                self._shown = now
                self.line()
            yield item

    def line(self) -> None:
        """Write the counts so far and the rate."""
        total = sum(self.counts.values())
        rate = total / max(time.monotonic() - self._started, 1e-6)
        listed = ", ".join(f"{resource} {count}" for resource, count in self.counts.items())
        self.out.write(f"snapshot: {listed} ({rate:.0f} items/s)\n")
        self.out.flush()


def take(
    jasper: JasperClient,
    *,
    locations: Iterable[Location],
    relation_types: Iterable[RelationType],
    progress: Progress | None = None,
) -> Snapshot:
    """Read every object of the tenant behind `jasper` (GET only)."""
    progress = progress or Progress()
    by_name = {location.name: location.id for location in locations}
    known_ids = set(by_name.values())
    types = {relation.id: relation.slug for relation in relation_types}
    snap = Snapshot(state={}, counts=progress.counts)
    state = snap.state
    read = progress.items

    state["categories"] = [_row(c) for c in read("categories", jasper.categories.iterate())]
    state["attributes"] = [_row(a) for a in read("attributes", jasper.attributes.iterate())]
    state["attribute_sets"] = [_row(s) for s in read("attribute sets", jasper.attribute_sets.iterate())]
    state["options"] = [_row(o) for o in read("options", jasper.options.iterate())]
    state["option_values"] = [
        _row(value)
        for option in state["options"]
        for value in read("option values", jasper.option_values.iterate(option["id"]))
    ]
    state["option_sets"] = [_row(s) for s in read("option sets", jasper.option_sets.iterate())]
    for key in ("products", "prices", "inventory", "relations", "product_categories", "product_attribute_values"):
        state[key] = []
    for product in read("products", jasper.products.iterate()):
        row = _row(product, exclude={"parent_id", "children", "categories", "relations", "inventory"})
        state["products"].append(row)
        state["product_categories"] += [{"product_id": product.id, "category_id": c} for c in product.categories]
        for relation in product.relations:
            if relation.relation_type_id not in types:
                snap.unread.append(
                    f"relation {relation.id} of product {product.id}: relation type {relation.relation_type_id} is not "
                    "among the given relation types; left out"
                )
                continue
            state["relations"].append({**_row(relation), "relation_type": types[relation.relation_type_id]})
        for stock in product.inventory:
            inventory = _inventory(stock, product.id, by_name, known_ids, snap.unread)
            if inventory is not None:
                state["inventory"].append(inventory)
        state["prices"] += [_row(p) for p in read("prices", jasper.product_prices.iterate(product.id))]
        state["product_attribute_values"] += [
            {"product_id": product.id, "attribute_id": value.attribute_id, "value": value.value}
            for value in read("attribute values", jasper.product_attributes.iterate(product.id))
        ]
    state["inventory"].sort(key=lambda row: int(row["id"]))
    state["relations"].sort(key=lambda row: int(row["id"]))
    hooks = [_row(hook) for hook in read("webhooks", jasper.webhooks.iterate())]
    state["webhooks"] = [{**hook, "signing_secret": secrets.token_hex(32), "active": True} for hook in hooks]
    if hooks:
        snap.unread.append(
            f"webhook signing secrets ({len(hooks)} webhooks): the API shows a secret only when it creates the "
            "webhook; each got a new one"
        )
    snap.unread.append("deactivated webhooks: the API does not list them")
    progress.line()
    return snap


def _inventory(
    stock: InventoryRecord | InventoryRow,
    product_id: int,
    by_name: dict[str, int],
    known_ids: set[int],
    unread: list[str],
) -> dict[str, Any] | None:
    if isinstance(stock, InventoryRecord):  # live: the row names its location
        location_id = by_name.get(stock.location)
        count = stock.count_on_hand
        shown = repr(stock.location)
    else:  # documented: the row carries the location's id
        location_id = stock.location_id if stock.location_id in known_ids else None
        count = stock.quantity
        shown = str(stock.location_id)
    if location_id is None:
        unread.append(
            f"inventory row {stock.id} of product {product_id}: location {shown} is not among the given locations; "
            "left out"
        )
        return None
    return {
        "id": stock.id,
        "product_id": product_id,
        "location_id": location_id,
        "count": count,
        "created_at": _stamp(stock.created_at),
        "updated_at": _stamp(stock.updated_at),
    }


def _row(model: Any, exclude: set[str] | None = None) -> dict[str, Any]:
    """A response model as a state row: the fields the state keeps, timestamps in the wire's format."""
    dumped: dict[str, Any] = model.model_dump(mode="python", exclude=exclude or set(), exclude_unset=False)
    extra = set(model.model_extra or {})
    row: dict[str, Any] = {}
    for key, value in dumped.items():
        if key in extra:
            continue  # fields the contract does not know stay out of the state (it would refuse them)
        row[key] = _stamp(value) if isinstance(value, datetime) else getattr(value, "value", value)
    for key in ("created_at", "updated_at"):
        if row.get(key) is None:
            row[key] = _stamp(None)
    return row


def _stamp(value: datetime | None) -> str:
    """A timestamp in the wire's format (a missing one reads as the epoch: the state needs one)."""
    return format_timestamp(value) if value is not None else "1970-01-01T00:00:00.000000Z"

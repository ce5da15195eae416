"""One tenant's in-memory data: tables of plain, JSON-ready records plus the indexes that keep reads cheap.

Records are plain dicts (what orjson serialises fastest; ../shared/reference/perf-baseline.md §3) with
timestamps already formatted by `wire.format_timestamp`. Tables are keyed by id. Indexes (`sku`,
memberships, variant links, each table's ids in order) are derived: `rebuild_indexes` recomputes them
after a state import, a load from the state file or an undo.

Lists are ordered by id, and a page is a slice of an id list (`table_ids`, `product_attribute_ids`, the
per-parent lists), so a page costs what its size costs wherever it is and however large the tenant is
(issue 11: page 1000 of 100k products took 2.6 to 25 times page 1 when pages were found by walking).

Every write goes through `insert`, `touch` or `changing`, so a write's changes are known without diffing:
while `pending` is a dict (the router sets it around a write when something listens: the state file,
an open dry run, webhook deliveries), it collects each changed entity with its value before the write
(None for a created one). An *entity* is the unit that is persisted and reported: a record plus the
links that belong to it (a product's categories and attribute values; a webhook's secret and whether it
is active), see `entity`.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from contracts import wire
from contracts.op import Profile
from simulator.config import VARIANT_SLUG, Location, RelationType, TenantSettings
from simulator.webhooks.callbacks import CallbackPolicy

Record = dict[str, Any]
Table = dict[int, Record]
Clock = Callable[[], datetime]
EntityKey = tuple[str, int]
# What a write changed: (table, id) -> the entity before the write, None when the write created it.
Changes = dict[EntityKey, "Record | None"]

# The tables a tenant holds; each has its own id sequence, like a Laravel app's auto-increment columns.
TABLES = (
    "products",
    "categories",
    "prices",
    "attributes",
    "inventory",
    "relations",
    "attribute_sets",
    "options",
    "option_sets",
    "option_values",
    "webhooks",
)


class IdAllocator(Protocol):
    """Hands out ids per table; `reserve` moves a table's sequence past ids that already exist."""

    def __call__(self, table: str) -> int: ...

    def reserve(self, table: str, highest: int) -> None: ...

    def peek(self, table: str) -> int:
        """The id the next call for `table` will hand out (nothing is consumed)."""
        ...


class SequentialIds:
    """Ids 1, 2, 3, ... per table (or from `start`), the way auto-increment columns count."""

    def __init__(self, start: int = 1) -> None:
        self._start = start
        self._next: dict[str, int] = {}

    def __call__(self, table: str) -> int:
        value = self._next.get(table, self._start)
        self._next[table] = value + 1
        return value

    def reserve(self, table: str, highest: int) -> None:
        self._next[table] = max(self._next.get(table, self._start), highest + 1)

    def peek(self, table: str) -> int:
        return self._next.get(table, self._start)


def utc_now() -> datetime:
    """The default clock."""
    return datetime.now(UTC)


class TenantStore:
    """Everything one tenant holds. Handlers read and write it; only they know the rules."""

    def __init__(
        self, tenant: TenantSettings, *, clock: Clock, ids: IdAllocator, callbacks: CallbackPolicy | None = None
    ) -> None:
        self.tenant = tenant
        self.profile: Profile = tenant.profile
        self.clock = clock
        self.ids = ids
        self.callbacks = callbacks or CallbackPolicy()  # where webhooks may call (default: loopback only)
        self.locations_by_id: dict[int, Location] = {loc.id: loc for loc in tenant.locations}
        self.locations_by_name: dict[str, Location] = {loc.name: loc for loc in tenant.locations}
        self.relation_types: dict[int, RelationType] = {rel.id: rel for rel in tenant.relation_types}
        self.variant_type_id = next(rel.id for rel in tenant.relation_types if rel.slug == VARIANT_SLUG)
        self.pending: Changes | None = None
        # Bumped by every change below (undo, import and reset included): what a reader keeps of the
        # store's contents (simulator/render_cache.py) holds only while it stays the same.
        self.generation = 0
        self.clear()

    def clear(self) -> None:
        """Forget every record (the tenant's reference data stays)."""
        self.products: Table = {}
        self.categories: Table = {}
        self.prices: Table = {}
        self.attributes: Table = {}
        self.inventory: Table = {}
        self.relations: Table = {}
        self.attribute_sets: Table = {}
        self.options: Table = {}
        self.option_sets: Table = {}
        self.option_values: Table = {}
        self.webhooks: Table = {}  # active webhooks, as reads show them
        self.deactivated_webhooks: Table = {}  # gone from reads after DELETE (Webhook_DEACTIVATE)
        self.webhook_secrets: dict[int, str] = {}  # only the create answer shows a signing secret
        # product id -> assigned category ids, in the order assigned
        self.product_categories: dict[int, list[int]] = {}
        # product id -> attribute id -> value
        self.product_attribute_values: dict[int, dict[int, str | list[str]]] = {}
        self.rebuild_indexes()

    def rebuild_indexes(self) -> None:
        """Recompute every derived index from the tables."""
        self.generation += 1
        # each table's ids in ascending order, and each product's attribute ids (see the module docstring)
        self.table_ids: dict[str, list[int]] = {table: sorted(getattr(self, table)) for table in TABLES}
        self.product_attribute_ids: dict[int, list[int]] = {
            product_id: sorted(values) for product_id, values in self.product_attribute_values.items()
        }
        self.sku_index: dict[str, int] = {p["sku"]: pid for pid, p in self.products.items()}
        self.attribute_names: dict[str, int] = {a["name"]: aid for aid, a in self.attributes.items()}
        self.product_prices: dict[int, list[int]] = {}
        for price_id in self.table_ids["prices"]:  # in id order, as the lists are kept (`add_id`)
            self.product_prices.setdefault(self.prices[price_id]["product_id"], []).append(price_id)
        self.product_inventory: dict[int, dict[int, int]] = {}
        for row in self.inventory.values():
            self.product_inventory.setdefault(row["product_id"], {})[row["location_id"]] = row["id"]
        self.option_value_ids: dict[int, list[int]] = {}
        for value_id in self.table_ids["option_values"]:
            self.option_value_ids.setdefault(self.option_values[value_id]["option_id"], []).append(value_id)
        self.product_relations: dict[int, list[int]] = {}
        self.relation_keys: dict[tuple[int, int, int], int] = {}
        self.variant_parent: dict[int, int] = {}
        self.variant_children: dict[int, list[int]] = {}
        for relation in self.relations.values():
            self.index_relation(relation)

    def load(self, state: Mapping[str, list[Any]]) -> None:
        """Replace the tenant's data with a checked state in the shape of `GET /_sim/state`'s tenant (every
        table a list of rows; simulator.state.TenantState). The rows become the records as they are."""
        self.clear()
        for table in TABLES:
            if table == "webhooks":
                continue
            rows: Table = getattr(self, table)
            for row in sorted(state.get(table, ()), key=_by_id):  # listings rely on id order
                rows[row["id"]] = row
        for hook in sorted(state.get("webhooks", ()), key=_by_id):
            record: Record = dict(hook)
            self.webhook_secrets[hook["id"]] = record.pop("signing_secret")
            (self.webhooks if record.pop("active") else self.deactivated_webhooks)[hook["id"]] = record
        for link in state.get("product_categories", ()):
            self.product_categories.setdefault(link["product_id"], []).append(link["category_id"])
        for value in state.get("product_attribute_values", ()):
            self.product_attribute_values.setdefault(value["product_id"], {})[value["attribute_id"]] = value["value"]
        self.rebuild_indexes()
        for table in TABLES:
            ids = [row["id"] for row in state.get(table, ())]
            if ids:
                self.ids.reserve(table, max(ids))

    def index_relation(self, relation: Record) -> None:
        """Add one relation to the relation indexes (variant links included)."""
        self.generation += 1
        parent, child, type_id = relation["product_id"], relation["related_product_id"], relation["relation_type_id"]
        self.product_relations.setdefault(parent, []).append(relation["id"])
        self.relation_keys[(parent, child, type_id)] = relation["id"]
        if type_id == self.variant_type_id:
            self.variant_parent[child] = parent
            self.variant_children.setdefault(parent, []).append(child)

    def size(self) -> int:
        """How many records the tenant holds (every table)."""
        return sum(len(getattr(self, table)) for table in TABLES) + len(self.deactivated_webhooks)

    def now(self) -> str:
        """The current time in the wire's timestamp format."""
        return wire.format_timestamp(self.clock())

    def insert(self, table: str, fields: Record) -> Record:
        """Store a new record in `table` with a fresh id and both timestamps; returns it."""
        self.generation += 1
        rows: Table = getattr(self, table)
        new_id = self.ids(table)
        while new_id in rows or (table == "webhooks" and new_id in self.deactivated_webhooks):
            new_id = self.ids(table)  # an injected allocator may hand out an id an import already used
        now = self.now()
        record = {"id": new_id, **fields, "created_at": now, "updated_at": now}
        rows[new_id] = record
        add_id(self.table_ids[table], new_id)
        if self.pending is not None:
            self.pending.setdefault((table, new_id), None)
        return record

    def remove(self, table: str, record_id: int) -> Record:
        """Take a stored record out of `table` (and out of its id order); returns it."""
        self.generation += 1
        record: Record = getattr(self, table).pop(record_id)
        ids = self.table_ids[table]
        del ids[bisect_left(ids, record_id)]
        return record

    def changing(self, table: str, record_id: int) -> None:
        """Call before changing a stored record of `table`, or the links that belong to it."""
        self.generation += 1
        pending = self.pending
        if pending is not None and (table, record_id) not in pending:
            pending[(table, record_id)] = self.entity(table, record_id)

    def touch(self, table: str, record: Record, changes: Record) -> Record:
        """Apply changes to a stored record of `table` and bump `updated_at`; returns it."""
        self.changing(table, record["id"])
        record.update(changes)
        record["updated_at"] = self.now()
        return record

    def entity(self, table: str, record_id: int) -> Record | None:
        """A copy of one entity as persisted and reported, or None when there is no such record.

        Products carry their `categories` (ids, in the order assigned) and `attribute_values`
        (attribute id, as a string, to value); webhooks their `signing_secret` and `active`.
        """
        if table == "products":
            product = self.products.get(record_id)
            if product is None:
                return None
            values = self.product_attribute_values.get(record_id, {})
            return {
                **product,
                "categories": list(self.product_categories.get(record_id, ())),
                "attribute_values": {str(attribute_id): value for attribute_id, value in values.items()},
            }
        if table == "webhooks":
            active = record_id in self.webhooks
            hook = self.webhooks.get(record_id) or self.deactivated_webhooks.get(record_id)
            if hook is None:
                return None
            return {**hook, "signing_secret": self.webhook_secrets.get(record_id, ""), "active": active}
        record: Record | None = getattr(self, table).get(record_id)
        return dict(record) if record is not None else None

    def put_entity(self, table: str, entity: Record | None, record_id: int) -> None:
        """Store an entity as `entity` returns it (None removes the record); indexes are not updated."""
        self.generation += 1
        rows: Table = getattr(self, table)
        if table == "products":
            self.product_categories.pop(record_id, None)
            self.product_attribute_values.pop(record_id, None)
        if table == "webhooks":
            self.deactivated_webhooks.pop(record_id, None)
            self.webhook_secrets.pop(record_id, None)
        rows.pop(record_id, None)
        if entity is None:
            return
        record = dict(entity)
        if table == "products":
            categories = record.pop("categories")
            values = record.pop("attribute_values")
            if categories:
                self.product_categories[record_id] = list(categories)
            if values:
                self.product_attribute_values[record_id] = {int(key): value for key, value in values.items()}
        if table == "webhooks":
            self.webhook_secrets[record_id] = record.pop("signing_secret")
            if not record.pop("active"):
                self.deactivated_webhooks[record_id] = record
                return
        rows[record_id] = record

    def undo(self, changes: Changes) -> None:
        """Put every entity of `changes` back as it was before the write (indexes rebuilt)."""
        for (table, record_id), before in changes.items():
            self.put_entity(table, before, record_id)
        for table in {table for table, _ in changes}:
            rows: Table = getattr(self, table)
            ordered = dict(sorted(rows.items()))
            rows.clear()
            rows.update(ordered)  # listings rely on id order
        self.rebuild_indexes()


def add_id(ids: list[int], new_id: int) -> None:
    """Put `new_id` into an ascending id list: appended, as allocated ids ascend, else in its place."""
    if not ids or ids[-1] < new_id:
        ids.append(new_id)
    elif ids[bisect_left(ids, new_id)] != new_id:
        insort(ids, new_id)


def _by_id(row: Any) -> int:
    return int(row["id"])

"""Category upsert, parents before children (IPAAS-CAT; integration note W1).

A batch is ordered topologically, so a parent is written, and linked, before its children. iPaaS's
mapping filter rejects a category whose parent has no external id yet (IPAAS-CAT); here a batch holding
such a row is rejected with `MissingReference` before anything is written. Each row is resolved by its
external id, else by name among the tenant's categories (IPAAS-CAT: "match with existing categories"),
else created. Assumed: the name match also requires the same parent, because a real tree repeats names
under different parents (Men > Shirts, Women > Shirts). A linked category is updated only when a field
the input sets differs from the tenant's.
"""

from __future__ import annotations

from collections.abc import Sequence
from graphlib import CycleError, TopologicalSorter

from pydantic import BaseModel, ConfigDict

from client.external_ids import CollectionType, IpaasId
from client.write_paths.sync import MissingReference, Sync, WritePathError
from contracts import write_paths as wp
from contracts.base import Name, Text
from contracts.categories import Category, CategoryCreate, CategoryUpdate

COLLECTION = CollectionType.PRODUCT_CATEGORY


class CategoryInput(BaseModel):
    """An iPaaS product category: its id, display fields and the iPaaS id of its parent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: IpaasId
    name: Name
    description: Text | None = None  # None leaves the tenant's description alone
    parent_id: IpaasId | None = None
    visible: bool = True


def order_parents_first(batch: Sequence[CategoryInput], sync: Sync) -> list[CategoryInput]:
    """The batch with every parent before its children.

    Raises `MissingReference` naming the rows whose parent is neither in the batch nor linked, and
    `WritePathError` for a repeated id or a cycle.
    """
    by_id = {row.id: row for row in batch}
    if len(by_id) != len(batch):
        raise WritePathError("the category batch repeats an iPaaS id")
    orphans = tuple(
        row.id
        for row in batch
        if row.parent_id is not None and row.parent_id not in by_id and sync.ids.get(COLLECTION, row.parent_id) is None
    )
    if orphans:
        raise MissingReference(
            f"categories {', '.join(orphans)}: the parent has not been synced yet; sync the parent first",
            collection=COLLECTION,
            ipaas_ids=orphans,
        )
    graph = {row.id: [row.parent_id] if row.parent_id in by_id else [] for row in batch}
    try:
        return [by_id[ipaas_id] for ipaas_id in TopologicalSorter(graph).static_order()]
    except CycleError as error:
        raise WritePathError(f"the category batch has a parent cycle: {error.args[1]}") from None


def upsert_categories(sync: Sync, batch: Sequence[CategoryInput]) -> dict[str, int]:
    """Write a batch of categories; answers each row's Jasper id by iPaaS id."""
    ordered = order_parents_first(batch, sync)
    with sync.step(wp.CATEGORY):
        tenant = {category.id: category for category in sync.jasper.categories.iterate()}
        return {row.id: _upsert(sync, row, tenant) for row in ordered}


def _upsert(sync: Sync, row: CategoryInput, tenant: dict[int, Category]) -> int:
    parent = None if row.parent_id is None else sync.ids.get(COLLECTION, row.parent_id)
    stored = sync.ids.get(COLLECTION, row.id)
    current = tenant.get(stored) if stored is not None else None
    if current is None:
        current = next((c for c in tenant.values() if c.name == row.name and c.parent_id == parent), None)
    if current is None:
        created = sync.jasper.categories.create(
            CategoryCreate(name=row.name, description=row.description, parent_id=parent, visible=row.visible)
        )
        tenant[created.id] = created
        sync.ids.put(COLLECTION, row.id, created.id)
        return created.id
    if stored != current.id:
        sync.ids.put(COLLECTION, row.id, current.id)
    wanted = {"name": row.name, "parent_id": parent, "visible": row.visible}
    if row.description is not None:
        wanted["description"] = row.description
    changes = {name: value for name, value in wanted.items() if getattr(current, name) != value}
    if changes:
        tenant[current.id] = sync.jasper.categories.update(current.id, CategoryUpdate.model_validate(changes))
    return current.id

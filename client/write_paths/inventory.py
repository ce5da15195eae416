"""Inventory per location name: create the row, or update the linked one (IPAAS-INV; integration note W2, W4).

Live quirk (IPAAS-EP inventory note): rows are written with a location *name* and `count_on_hand`; iPaaS
converts its own location id to the name (`ConvertIpaasLocationIdToJasperLocationName`, IPAAS-INV), so
the input carries the name. The Jasper row id returned by the first create is linked to the iPaaS
inventory id (e.g. `15247|3`, IPAAS-IDS) and later runs update that row in place (IPAAS-INV).
The tenant keeps one row per product and location (assumed, contracts/product_inventory.py), so a create
for a location that already has a row answers 422 on `location`: that happens when an earlier create
succeeded but its answer was lost. The row id is then recovered from a fresh read of the product and
the row updated, instead of failing the sync.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from client import errors
from client.external_ids import CollectionType, IpaasId
from client.write_paths.sync import MissingReference, Sync, WritePathError
from contracts import write_paths as wp
from contracts.base import Name
from contracts.product_inventory import Count, InventoryCreate, InventoryRecord, InventoryUpdate
from contracts.products import Product


class InventoryInput(BaseModel):
    """One location's stock of an iPaaS product: its iPaaS inventory id, the Jasper location name, the count."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: IpaasId
    location: Name
    count_on_hand: Count


def write_inventory(sync: Sync, product: Product, rows: Sequence[InventoryInput], collection: CollectionType) -> None:
    """Bring the product's rows for the given locations in line with `rows` (`product` is a recent read)."""
    locations = [row.location for row in rows]
    if len(set(locations)) != len(locations):
        raise WritePathError(f"product {product.id}: two inventory rows for the same location")
    current = {row.id: row for row in product.inventory if isinstance(row, InventoryRecord)}
    for row in rows:
        stored = sync.ids.get(collection, row.id)
        existing = current.get(stored) if stored is not None else None
        if stored is not None and existing is None:
            sync.ids.remove(collection, row.id)  # the linked row is gone: write the location afresh
        if existing is None:
            existing = _create_or_recover(sync, product.id, row, collection)
            if existing is None:
                continue
        changes = {
            name: value
            for name, value in (("location", row.location), ("count_on_hand", row.count_on_hand))
            if getattr(existing, name) != value
        }
        if changes:
            sync.jasper.inventory.update(product.id, existing.id, InventoryUpdate.model_validate(changes))


def _create_or_recover(
    sync: Sync, product_id: int, row: InventoryInput, collection: CollectionType
) -> InventoryRecord | None:
    """Create the row (answers None: nothing left to do), or the existing row of its location, now linked."""
    try:
        created = sync.jasper.inventory.create(
            product_id, InventoryCreate(location=row.location, count_on_hand=row.count_on_hand)
        )
    except errors.Unprocessable as refused:
        if "location" not in refused.errors:
            raise
        found = next(
            (
                held
                for held in sync.jasper.products.get(product_id).inventory
                if isinstance(held, InventoryRecord) and held.location == row.location
            ),
            None,
        )
        if found is None:
            raise  # not a duplicate: the location itself was refused
        sync.ids.put(collection, row.id, found.id)
        return found
    sync.ids.put(collection, row.id, created.id)
    return None


def update_inventory(
    sync: Sync, product_ipaas_id: str, rows: Sequence[InventoryInput], *, variant: bool = False
) -> None:
    """The standalone stock update (IPAAS-INV, IPAAS-VINV): write rows of a product synced earlier.

    `variant` selects the Product Variant collections. `MissingReference` when the product was never synced.
    """
    owner, collection = (
        (CollectionType.PRODUCT_VARIANT, CollectionType.PRODUCT_VARIANT_INVENTORY)
        if variant
        else (CollectionType.PRODUCT, CollectionType.PRODUCT_INVENTORY)
    )
    product_id = sync.ids.get(owner, product_ipaas_id)
    if product_id is None:
        raise MissingReference(
            f"{owner.value} {product_ipaas_id} has not been synced yet: sync the product first",
            collection=owner,
            ipaas_ids=(product_ipaas_id,),
        )
    with sync.step(wp.PRODUCT_INVENTORY):
        write_inventory(sync, sync.jasper.products.get(product_id), rows, collection)

"""Product inventory (contracts/product_inventory.py), in both namings over one table.

Live quirk (IPAAS-EP inventory note; IPAAS-INV rules): `location` is a location *name* that must exist in
the tenant and `count_on_hand` a number >= 0, else 422 naming the field; the documented profile takes
`location_id` and `quantity` instead. Rows are stored once (`location_id`, `count`) and rendered in the
tenant profile's shape. One row per (product, location): a second create for the same location answers
422 (assumed; KB-INV keys rows by location, bin and source). A row is addressed under its own product
only; under any other product it answers 404.
"""

from __future__ import annotations

from contracts import product_inventory as contract
from contracts.op import Profile
from simulator.errors import Unprocessable
from simulator.resources.common import require, require_child
from simulator.resources.registry import Result, handles
from simulator.store import Record, TenantStore


def render_inventory(store: TenantStore, row: Record) -> Record:
    """A stored row in the tenant profile's row shape (InventoryRecord live, InventoryRow documented)."""
    if store.profile is Profile.LIVE:
        return {
            "id": row["id"],
            "product_id": row["product_id"],
            "location": store.locations_by_id[row["location_id"]].name,
            "count_on_hand": row["count"],
            "created_at": row["created_at"],
            "updated_at": row["updated_at"],
        }
    return {
        "id": row["id"],
        "product_id": row["product_id"],
        "location_id": row["location_id"],
        "quantity": row["count"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def product_rows(store: TenantStore, product_id: int) -> list[Record]:
    """A product's inventory rows, rendered, in id order."""
    row_ids = sorted(store.product_inventory.get(product_id, {}).values())
    return [render_inventory(store, store.inventory[row_id]) for row_id in row_ids]


@handles(contract.CREATE_PRODUCT_INVENTORY)
def create_product_inventory(store: TenantStore, product_id: int, body: contract.InventoryCreate) -> Result:
    """Create a product's row for a location named by `location` (live)."""
    require(store.products, product_id, "product")
    location_id = _location_by_name(store, body.location)
    return _create(store, product_id, location_id, body.count_on_hand, "location")


@handles(contract.UPDATE_PRODUCT_INVENTORY)
def update_product_inventory(
    store: TenantStore, product_id: int, inventory_id: int, body: contract.InventoryUpdate
) -> Result:
    """Change a row's location (by name) or count (live)."""
    row = _row_of(store, product_id, inventory_id)
    sent = body.model_fields_set
    location_id = _location_by_name(store, body.location) if "location" in sent else None
    count = body.count_on_hand if "count_on_hand" in sent else None
    return _update(store, row, location_id, count, "location")


@handles(contract.CREATE_PRODUCT_INVENTORIES)
def create_product_inventories(store: TenantStore, product_id: int, body: contract.InventoriesCreate) -> Result:
    """Create a product's row for a location named by `location_id` (documented)."""
    require(store.products, product_id, "product")
    location_id = _location_by_id(store, body.location_id)
    return _create(store, product_id, location_id, body.quantity, "location_id")


@handles(contract.UPDATE_PRODUCT_INVENTORIES)
def update_product_inventories(
    store: TenantStore, product_id: int, inventory_id: int, body: contract.InventoriesUpdate
) -> Result:
    """Change a row's location (by id) or quantity (documented)."""
    row = _row_of(store, product_id, inventory_id)
    sent = body.model_fields_set
    location_id = _location_by_id(store, body.location_id) if "location_id" in sent else None
    count = body.quantity if "quantity" in sent else None
    return _update(store, row, location_id, count, "location_id")


def _location_by_name(store: TenantStore, name: str) -> int:
    location = store.locations_by_name.get(name)
    if location is None:
        raise Unprocessable(
            "location", f"The location {name!r} does not exist in this tenant.", code="unknown_location"
        )
    return location.id


def _location_by_id(store: TenantStore, location_id: int) -> int:
    if location_id not in store.locations_by_id:
        raise Unprocessable(
            "location_id", f"No location with id {location_id} in this tenant.", code="unknown_location"
        )
    return location_id


def _row_of(store: TenantStore, product_id: int, inventory_id: int) -> Record:
    require(store.products, product_id, "product")
    message = f"No inventory row with id {inventory_id} for product {product_id}."
    return require_child(store.inventory, inventory_id, "product_id", product_id, message)


def _create(store: TenantStore, product_id: int, location_id: int, count: float, field: str) -> Record:
    if location_id in store.product_inventory.get(product_id, {}):
        raise _duplicate(field)
    row = store.insert("inventory", {"product_id": product_id, "location_id": location_id, "count": count})
    store.product_inventory.setdefault(product_id, {})[location_id] = row["id"]
    return render_inventory(store, row)


def _update(store: TenantStore, row: Record, location_id: int | None, count: float | None, field: str) -> Record:
    rows = store.product_inventory[row["product_id"]]
    changes: Record = {}
    if location_id is not None and location_id != row["location_id"]:
        if location_id in rows:
            raise _duplicate(field)
        del rows[row["location_id"]]
        rows[location_id] = row["id"]
        changes["location_id"] = location_id
    if count is not None:
        changes["count"] = count
    return render_inventory(store, store.touch("inventory", row, changes))


def _duplicate(field: str) -> Unprocessable:
    return Unprocessable(
        field, "The product already has an inventory row for this location.", code="duplicate_location"
    )

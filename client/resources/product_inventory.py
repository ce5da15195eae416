"""Inventory rows in both namings (contracts/product_inventory.py).

`jasper.inventory` is the live API's singular form (location name, `count_on_hand`);
`jasper.inventories` is the reference's plural form (`location_id`, `quantity`), documented profile only.
"""

from __future__ import annotations

from client.registry import calls
from client.resources._base import Resource
from contracts import product_inventory as c


class Inventory(Resource):
    """Inventory rows, live naming (`/products/{product_id}/inventory`)."""

    @calls(c.CREATE_PRODUCT_INVENTORY)
    def create(self, product_id: int, row: c.InventoryCreate) -> c.InventoryRecord:
        """Create the row for a location name; a second row for the same location answers 422. Never retried."""
        return self._one(c.CREATE_PRODUCT_INVENTORY, c.InventoryRecord, {"product_id": product_id}, row)

    @calls(c.UPDATE_PRODUCT_INVENTORY)
    def update(self, product_id: int, inventory_id: int, changes: c.InventoryUpdate) -> c.InventoryRecord:
        """Change a row by its id, under its own product; only the fields set are sent."""
        return self._one(
            c.UPDATE_PRODUCT_INVENTORY,
            c.InventoryRecord,
            {"product_id": product_id, "inventory_id": inventory_id},
            changes,
        )


class Inventories(Resource):
    """Inventory rows, documented naming (`/products/{product_id}/inventories`); documented profile only."""

    @calls(c.CREATE_PRODUCT_INVENTORIES)
    def create(self, product_id: int, row: c.InventoriesCreate) -> c.InventoryRow:
        """Create the row for a location id. Never retried."""
        return self._one(c.CREATE_PRODUCT_INVENTORIES, c.InventoryRow, {"product_id": product_id}, row)

    @calls(c.UPDATE_PRODUCT_INVENTORIES)
    def update(self, product_id: int, inventory_id: int, changes: c.InventoriesUpdate) -> c.InventoryRow:
        """Change a row by its id, under its own product; only the fields set are sent."""
        return self._one(
            c.UPDATE_PRODUCT_INVENTORIES,
            c.InventoryRow,
            {"product_id": product_id, "inventory_id": inventory_id},
            changes,
        )

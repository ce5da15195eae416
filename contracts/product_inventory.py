"""Product inventory, in its two conflicting namings (IPAAS-EP inventory note; reference §5.10).

Live quirk (IPAAS-EP): the running API takes the singular `/products/{id}/inventory` with `location`
(a location *name*) and `count_on_hand`; the reference documents the plural `/inventories` with
`location_id` and `quantity`. iPaaS (IPAAS-INV) adds: the location must exist in the tenant, the count
must be numeric and >= 0, and the row id is assigned by Jasper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.op import DOCUMENTED_ONLY, LIVE_ONLY, CatalogueEntry, ModelRef, Op, Provenance, lazy_models

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_LIVE = "IPAAS-EP inventory note; IPAAS-INV rules"
_DOC = "IPAAS-EP quoting the reference: plural path, location_id and quantity"


_NOTES = (
    "One row per (product, location): a second create for the same location answers 422 "
    "(assumed; KB-INV keys rows by location, bin and source)."
)

_UPDATE_NOTES = (
    "A row addressed under another product answers 404; moving it onto a location the product already "
    "has answers 422 (assumed, as on create)."
)

CREATE_PRODUCT_INVENTORY = Op(
    id="createProductInventory",
    method="POST",
    path="/products/{product_id}/inventory",
    summary="Create an inventory row for a location name (live naming).",
    resource="inventory",
    provenance=L,
    source=_LIVE,
    profiles=LIVE_ONLY,
    body_ref=ModelRef("contracts.models.product_inventory", "InventoryCreate"),
    response_ref=ModelRef("contracts.models.product_inventory", "InventoryRecord"),
    status=201,
    errors=(404, 422),
    creates="inventory_id",
    catalogue=(
        CatalogueEntry(
            "Create a Product Inventory Record",
            groups.PRODUCT_INVENTORY,
            "/products/{ProductId}/inventory",
            "Creates a product's inventory row for one location.",
        ),
    ),
    write_paths=(wp.PRODUCT_INVENTORY, wp.GRIDDED),
    notes=_NOTES,
)
UPDATE_PRODUCT_INVENTORY = Op(
    id="updateProductInventory",
    method="PUT",
    path="/products/{product_id}/inventory/{inventory_id}",
    summary="Update an inventory row (live naming).",
    resource="inventory",
    provenance=L,
    source=_LIVE,
    profiles=LIVE_ONLY,
    body_ref=ModelRef("contracts.models.product_inventory", "InventoryUpdate"),
    response_ref=ModelRef("contracts.models.product_inventory", "InventoryRecord"),
    errors=(404, 422),
    notes=_UPDATE_NOTES,
    catalogue=(
        CatalogueEntry(
            "Update a Product Inventory Record",
            groups.PRODUCT_INVENTORY,
            "/products/{ProductId}/inventory/{Id}",
            "Updates an inventory row by its id, under its own product.",
        ),
    ),
    write_paths=(wp.PRODUCT_INVENTORY, wp.GRIDDED),
)
CREATE_PRODUCT_INVENTORIES = Op(
    id="createProductInventories",
    method="POST",
    path="/products/{product_id}/inventories",
    summary="Create an inventory row for a location id (documented naming).",
    resource="inventory",
    provenance=D,
    source=_DOC + "; methods not published (assumed to mirror live)",
    profiles=DOCUMENTED_ONLY,
    body_ref=ModelRef("contracts.models.product_inventory", "InventoriesCreate"),
    response_ref=ModelRef("contracts.models.product_inventory", "InventoryRow"),
    status=201,
    errors=(404, 422),
    creates="inventory_id",
    alternative_of=("Create a Product Inventory Record",),
    notes=_NOTES,
)
UPDATE_PRODUCT_INVENTORIES = Op(
    id="updateProductInventories",
    method="PUT",
    path="/products/{product_id}/inventories/{inventory_id}",
    summary="Update an inventory row (documented naming).",
    resource="inventory",
    provenance=D,
    source=_DOC + "; methods not published (assumed to mirror live)",
    profiles=DOCUMENTED_ONLY,
    body_ref=ModelRef("contracts.models.product_inventory", "InventoriesUpdate"),
    response_ref=ModelRef("contracts.models.product_inventory", "InventoryRow"),
    errors=(404, 422),
    notes=_UPDATE_NOTES,
    alternative_of=("Update a Product Inventory Record",),
)

OPS = (CREATE_PRODUCT_INVENTORY, UPDATE_PRODUCT_INVENTORY, CREATE_PRODUCT_INVENTORIES, UPDATE_PRODUCT_INVENTORIES)


# The models: contracts/models/product_inventory.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.product_inventory import Count as Count
    from contracts.models.product_inventory import InventoriesCreate as InventoriesCreate
    from contracts.models.product_inventory import InventoriesUpdate as InventoriesUpdate
    from contracts.models.product_inventory import InventoryCreate as InventoryCreate
    from contracts.models.product_inventory import InventoryRecord as InventoryRecord
    from contracts.models.product_inventory import InventoryRow as InventoryRow
    from contracts.models.product_inventory import InventoryUpdate as InventoryUpdate
else:
    __getattr__ = lazy_models(
        __name__,
        (
            "Count",
            "InventoriesCreate",
            "InventoriesUpdate",
            "InventoryCreate",
            "InventoryRecord",
            "InventoryRow",
            "InventoryUpdate",
        ),
    )

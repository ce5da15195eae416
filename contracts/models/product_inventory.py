"""The pydantic models of `contracts.product_inventory`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from contracts.base import Name, RequestModel, Stamped, prov
from contracts.models.wire import Id
from contracts.product_inventory import _DOC, _LIVE, A, D, L

Count = Annotated[float, Field(ge=0)]


class InventoryCreate(RequestModel):
    """A new inventory row (live naming)."""

    location: Name = prov(L, _LIVE, "Name of a location that exists in the tenant.")
    count_on_hand: Count = prov(L, _LIVE, "Quantity on hand; a number >= 0.")


class InventoryUpdate(RequestModel):
    """Changes to an inventory row (live naming); fields left out stay as they are."""

    location: Name = prov(L, _LIVE, "Name of a location that exists in the tenant.", default=None)
    count_on_hand: Count = prov(L, _LIVE, "Quantity on hand; a number >= 0.", default=None)


class InventoryRecord(Stamped):
    """An inventory row as the live API names it."""

    product_id: int | None = prov(A, "rows belong to one product", "The product the row belongs to.", default=None)
    location: str = prov(L, _LIVE, "Location name.")
    count_on_hand: float = prov(L, _LIVE, "Quantity on hand.")


class InventoriesCreate(RequestModel):
    """A new inventory row (documented naming)."""

    location_id: Id = prov(D, _DOC, "Id of a location that exists in the tenant.")
    quantity: Count = prov(D, _DOC, "Quantity on hand; a number >= 0.")


class InventoriesUpdate(RequestModel):
    """Changes to an inventory row (documented naming); fields left out stay as they are."""

    location_id: Id = prov(D, _DOC, "Id of a location that exists in the tenant.", default=None)
    quantity: Count = prov(D, _DOC, "Quantity on hand; a number >= 0.", default=None)


class InventoryRow(Stamped):
    """An inventory row as the reference names it."""

    product_id: int | None = prov(A, "rows belong to one product", "The product the row belongs to.", default=None)
    location_id: int = prov(D, _DOC, "Location id.")
    quantity: float = prov(D, _DOC, "Quantity on hand.")

"""The pydantic models of `contracts.categories`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from contracts.base import Name, RequestModel, Stamped, Text, prov
from contracts.categories import _CAT, D
from contracts.models.wire import Id


class CategoryCreate(RequestModel):
    """A new category; without a parent it is a root."""

    name: Name = prov(D, _CAT, "Display name.")
    description: Text | None = prov(D, _CAT, "Optional description.", default=None)
    parent_id: Id | None = prov(
        D, "VZ-DM (secondary): parent_id", "Existing parent category; null for a root.", default=None
    )
    visible: bool = prov(D, _CAT, "Whether the storefront shows it.", default=None)


class CategoryUpdate(RequestModel):
    """Changes to a category; fields left out stay as they are. A category cannot become its own ancestor."""

    name: Name = prov(D, _CAT, "Display name.", default=None)
    description: Text | None = prov(D, _CAT, "Optional description.", default=None)
    parent_id: Id | None = prov(
        D, "VZ-DM (secondary): parent_id", "Existing parent category; null makes a root.", default=None
    )
    visible: bool = prov(D, _CAT, "Whether the storefront shows it.", default=None)


class Category(Stamped):
    """A category as the tenant returns it."""

    name: str = prov(D, _CAT, "Display name.")
    description: str | None = prov(D, _CAT, "Description.", default=None)
    parent_id: int | None = prov(D, "VZ-DM (secondary)", "Parent category, or null for a root.", default=None)
    visible: bool = prov(D, _CAT + "; default true assumed", "Whether the storefront shows it.", default=True)

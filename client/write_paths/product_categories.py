"""A product's categories: resolve each reference, then assign the ones the product lacks (IPAAS-CAT).

iPaaS sends the category with the product (CategoryId, CategoryName) and the connector matches it
against the categories that already exist in Jasper (IPAAS-CAT, old revision): by the category's
external id, else by name through the full category list. A reference that matches nothing fails the
product before anything is written (IPAAS-CAT: "depending on configuration, the product sync may fail";
assumed: this client fails rather than guess a default category).
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, model_validator

from client.external_ids import CollectionType, IpaasId
from client.write_paths.sync import MissingReference, Sync
from contracts.base import Name
from contracts.product_categories import ProductCategoryAssign
from contracts.products import Product


class CategoryRef(BaseModel):
    """A category of an iPaaS product: its iPaaS id, its name, or both (the id is tried first)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: IpaasId | None = None
    name: Name | None = None

    @model_validator(mode="after")
    def _names_something(self) -> CategoryRef:
        if self.id is None and self.name is None:
            raise ValueError("a category reference needs an id or a name")
        return self


def resolve_categories(sync: Sync, refs: Sequence[CategoryRef]) -> list[int]:
    """The Jasper ids of the referenced categories, in order, without repeats.

    The category list is read only when some reference has no external id.
    """
    linked = [sync.ids.get(CollectionType.PRODUCT_CATEGORY, ref.id) if ref.id is not None else None for ref in refs]
    by_name: dict[str, int] = {}
    if None in linked:
        for category in sync.jasper.categories.iterate():
            by_name.setdefault(category.name, category.id)  # the oldest category of a name wins
    found = [
        jasper_id if jasper_id is not None else by_name.get(ref.name or "")
        for ref, jasper_id in zip(refs, linked, strict=True)
    ]
    missing = [ref for ref, jasper_id in zip(refs, found, strict=True) if jasper_id is None]
    if missing:
        names = ", ".join(ref.name or f"id {ref.id}" for ref in missing)
        raise MissingReference(
            f"no Jasper category matches {names}: sync the categories first",
            collection=CollectionType.PRODUCT_CATEGORY,
            ipaas_ids=tuple(ref.id or "" for ref in missing),
        )
    return list(dict.fromkeys(jasper_id for jasper_id in found if jasper_id is not None))


def assign_categories(sync: Sync, product: Product, category_ids: Sequence[int]) -> None:
    """Assign the categories the product does not have yet (assignments are never removed)."""
    for category_id in category_ids:
        if category_id not in product.categories:
            sync.jasper.product_categories.assign(product.id, ProductCategoryAssign(category_id=category_id))

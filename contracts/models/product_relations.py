"""The pydantic models of `contracts.product_relations`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from contracts.base import Stamped, prov
from contracts.product_relations import _PATH, D, L


class ProductRelation(Stamped):
    """A link from a product to another product under a relation type."""

    product_id: int = prov(L, _PATH, "The product the link starts from (the parent, for a variant).")
    related_product_id: int = prov(L, _PATH, "The linked product (the child, for a variant).")
    relation_type_id: int = prov(L, _PATH, "The relation type.")
    relation_type: str | None = prov(
        D, "KB-REL: relation types have a slug; the key is assumed", "The relation type's slug.", default=None
    )

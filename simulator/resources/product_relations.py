"""Product relations (contracts/product_relations.py): links between products, variants included.

Live quirk (IPAAS-EP, variant note): a variant is a plain product linked to its parent with the tenant's
"variant" relation type; the link shows up as `parent_id` on the child and in `children` of the parent.
Assumed rules (recorded on the Op): a repeated link answers 200 with the existing link; a product cannot
relate to itself; variants are one level deep and a child has one variant parent (KB-OPT describes a
parent owning its children, never a chain), so a second parent, a child that is a parent, or a parent
that is a child answers 422.
On the documented profile the reference makes variants with parent fields or `/child`, so linking with
the variant type is the live-only quirk and answers 422 there (DESIGN.md §4).
"""

from __future__ import annotations

from contracts import product_relations
from contracts.op import Profile
from simulator.errors import NotFound, Unprocessable
from simulator.resources.common import require
from simulator.resources.registry import Existing, Result, handles
from simulator.store import Record, TenantStore


@handles(product_relations.CREATE_PRODUCT_RELATION)
def create_product_relation(
    store: TenantStore, product_id: int, related_product_id: int, relation_type_id: int
) -> Result:
    """Link two products; the variant type makes `related_product_id` a child of `product_id`."""
    require(store.products, product_id, "product")
    require(store.products, related_product_id, "related product")
    if relation_type_id not in store.relation_types:
        raise NotFound(f"No relation type with id {relation_type_id}.")
    if relation_type_id == store.variant_type_id and store.profile is Profile.DOCUMENTED:
        raise Unprocessable(
            "relation_type_id",
            "The documented profile makes variants with parent_id on POST /products or POST /products/{id}/child, "
            "not through relations.",
            code="variant_via_relation",
        )
    existing = store.relation_keys.get((product_id, related_product_id, relation_type_id))
    if existing is not None:
        return Existing(store.relations[existing])
    if product_id == related_product_id:
        raise Unprocessable("related_product_id", "A product cannot be related to itself.", code="self_relation")
    if relation_type_id == store.variant_type_id:
        check_variant_parent(store, product_id, "product_id")
        check_variant_child(store, related_product_id, "related_product_id")
    return link(store, product_id, related_product_id, relation_type_id)


def check_variant_parent(store: TenantStore, parent_id: int, field: str) -> None:
    """422 unless `parent_id` may take variants: a variant cannot have variants of its own."""
    if parent_id in store.variant_parent:
        raise Unprocessable(field, "A variant cannot have variants of its own.", code="variant_depth")


def check_variant_child(store: TenantStore, child_id: int, field: str) -> None:
    """422 unless `child_id` may become a variant: it has no variant parent and no variants yet."""
    if child_id in store.variant_parent:
        raise Unprocessable(field, "The product is already a variant of another product.", code="variant_parent")
    if child_id in store.variant_children:
        raise Unprocessable(field, "A product with variants cannot become a variant.", code="variant_depth")


def link(store: TenantStore, product_id: int, related_product_id: int, relation_type_id: int) -> Record:
    """Store a new relation (rules already checked) and index it."""
    relation = store.insert(
        "relations",
        {
            "product_id": product_id,
            "related_product_id": related_product_id,
            "relation_type_id": relation_type_id,
            "relation_type": store.relation_types[relation_type_id].slug,
        },
    )
    store.index_relation(relation)
    return relation

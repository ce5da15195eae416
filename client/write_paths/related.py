"""Related products: link two synced products under a non-variant relation type (IPAAS-EP "Related Product").

Both products must have been synced already (their iPaaS ids are looked up as "Product", then
"Product Variant"); a missing one fails the link with `MissingReference` before anything is sent.
Relation types are tenant reference data (KB-REL), configured on `Sync.relation_types`; "variant" is
refused here because variants belong to the gridded write path. The product's relations are read
first, so an existing link is not posted again (the tenant would answer 200 anyway, assumed on the Op).
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from client.external_ids import CollectionType, IpaasId
from client.write_paths.sync import VARIANT, MissingReference, Sync, WritePathError
from contracts import write_paths as wp


class RelatedLinkInput(BaseModel):
    """A link from one iPaaS product to another under a relation type slug (up-sell, cross-sell, ...)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    product_id: IpaasId
    related_product_id: IpaasId
    relation: str = "related"


def link_related_products(sync: Sync, links: Sequence[RelatedLinkInput]) -> None:
    """Create every link the tenant does not hold yet."""
    resolved = [(_product(sync, link.product_id), _product(sync, link.related_product_id), link) for link in links]
    for link in links:
        if link.relation == VARIANT:
            raise WritePathError("variants are linked by the gridded write path, not as related products")
    wanted = [(source, target, sync.relation_type(link.relation)) for source, target, link in resolved]
    with sync.step(wp.RELATED):
        held: dict[int, set[tuple[int, int]]] = {}
        for source, target, type_id in wanted:
            if source not in held:
                relations = sync.jasper.products.get(source).relations
                held[source] = {(r.related_product_id, r.relation_type_id) for r in relations}
            if (target, type_id) not in held[source]:
                sync.jasper.product_relations.create(source, target, type_id)
                held[source].add((target, type_id))


def _product(sync: Sync, ipaas_id: str) -> int:
    for collection in (CollectionType.PRODUCT, CollectionType.PRODUCT_VARIANT):
        found = sync.ids.get(collection, ipaas_id)
        if found is not None:
            return found
    raise MissingReference(
        f"product {ipaas_id} has not been synced yet: sync it before linking it",
        collection=CollectionType.PRODUCT,
        ipaas_ids=(ipaas_id,),
    )

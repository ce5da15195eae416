"""Product relations: variants and related products (IPAAS-EP "Product Variant" and "Related Product").

Live quirk (IPAAS-EP, variant note): the running API takes variants through this endpoint, with the
tenant's "variant" relation type; the reference's `/child` and parent fields are declared in
contracts/products.py for the documented profile. The relation types themselves are tenant reference
data (KB-REL); the API that manages them is not used by the connector and not simulated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.op import CatalogueEntry, ModelRef, Op, Provenance, lazy_models

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_PATH = "IPAAS-EP: ids in the path; the object's shape is not published"


CREATE_PRODUCT_RELATION = Op(
    id="createProductRelation",
    method="POST",
    path="/products/{product_id}/relations/{related_product_id}/type/{relation_type_id}",
    summary="Link two products under a relation type (the live way to create a variant).",
    resource="relation",
    provenance=L,
    source=_PATH + "; whether a body is needed is not published (none sent)",
    response_ref=ModelRef("contracts.models.product_relations", "ProductRelation"),
    status=201,
    extra_statuses=(200,),
    errors=(404, 422),
    catalogue=(
        CatalogueEntry(
            "Create a Product Variant",
            groups.PRODUCT_VARIANT,
            "/products/{ProductId}/relations/{RelatedProductId}/type/{RelationId}",
            'Links a child product (created first) to its parent with the "variant" relation type.',
        ),
        CatalogueEntry(
            "Create a Related Product Link",
            groups.RELATED_PRODUCT,
            "/products/{ProductId}/relations/{ProductId}/type/{RelationId}",
            "Links two products that are not variants (up-sell, cross-sell, accessory).",
        ),
    ),
    write_paths=(wp.GRIDDED, wp.RELATED),
    notes=(
        "201 when the link is new; 200 with the existing link when it already exists (assumed). Unknown "
        "products or relation type answer 404; a product related to itself answers 422 on related_product_id. "
        "Variants are one level deep (assumed; KB-OPT: a parent owns its children): a second variant parent, a "
        "variant taking variants, or a parent becoming a variant answers 422. Documented profile: linking "
        "with the variant type answers 422 on relation_type_id, since the reference makes variants with "
        "parent fields or /child (the relations route for variants is the live quirk, IPAAS-EP)."
    ),
)

OPS = (CREATE_PRODUCT_RELATION,)


# The models: contracts/models/product_relations.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.product_relations import ProductRelation as ProductRelation
else:
    __getattr__ = lazy_models(
        __name__,
        ("ProductRelation",),
    )

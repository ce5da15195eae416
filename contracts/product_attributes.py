"""Attribute values on a product (IPAAS-EP "Product Attribute Endpoints"; reference §5.11).

Live quirk (IPAAS-EP): the connector writes with the collection-level `PUT /products/{id}/attributes`
for both create-style and update-style writes, so on the live profile that PUT creates a missing value
and updates an existing one. The reference's per-attribute `PUT /products/{id}/attributes/{attr_id}`
is declared for the documented profile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.op import DOCUMENTED_ONLY, LIVE_ONLY, CatalogueEntry, ModelRef, Op, Provenance, lazy_models
from contracts.wire import PAGE_QUERY

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_EP = "IPAAS-EP: the body identifies the attribute and the value; key names not published"
_VALUE = (
    "The value: a string for text, textarea, selectbox and date (YYYY-MM-DD) attributes, a list of "
    "strings for multiselect. Selectbox and multiselect values must be among the attribute's `values`."
)


_PATHS = (wp.PRODUCT_ATTRIBUTES,)

LIST_PRODUCT_ATTRIBUTES = Op(
    id="listProductAttributes",
    method="GET",
    path="/products/{product_id}/attributes",
    summary="List the attribute values set on a product.",
    resource="product_attribute",
    provenance=L,
    source="IPAAS-EP: Get All Attributes for a Product",
    query_ref=PAGE_QUERY,
    response_ref=ModelRef("contracts.models.product_attributes", "ProductAttributeValue"),
    many=True,
    errors=(404,),
    catalogue=(
        CatalogueEntry(
            "Get All Attributes for a Product",
            groups.PRODUCT_ATTRIBUTE,
            "/products/{ProductId}/attributes",
            "Lists a product's attribute values, to choose between create and update.",
        ),
    ),
    write_paths=_PATHS,
)
CREATE_PRODUCT_ATTRIBUTE = Op(
    id="createProductAttribute",
    method="POST",
    path="/products/{product_id}/attributes",
    summary="Set an attribute value that the product does not have yet.",
    resource="product_attribute",
    provenance=L,
    source="IPAAS-EP: Create a Product Attribute Value",
    body_ref=ModelRef("contracts.models.product_attributes", "ProductAttributeWrite"),
    response_ref=ModelRef("contracts.models.product_attributes", "ProductAttributeValue"),
    status=201,
    errors=(404, 422),
    catalogue=(
        CatalogueEntry(
            "Create a Product Attribute Value",
            groups.PRODUCT_ATTRIBUTE,
            "/products/{ProductId}/attributes",
            "Sets an attribute value on a product.",
        ),
    ),
    notes="A value the product already has answers 422 on attribute_id (assumed: use PUT). The write paths "
    "never call it: the connector writes new and changed values alike with the collection-level PUT.",
)
UPDATE_PRODUCT_ATTRIBUTES = Op(
    id="updateProductAttributes",
    method="PUT",
    path="/products/{product_id}/attributes",
    summary="Write an attribute value, creating it when missing (live collection-level PUT).",
    resource="product_attribute",
    provenance=L,
    source="IPAAS-EP: Update a Product Attribute Value, and its note",
    profiles=LIVE_ONLY,
    body_ref=ModelRef("contracts.models.product_attributes", "ProductAttributeWrite"),
    response_ref=ModelRef("contracts.models.product_attributes", "ProductAttributeValue"),
    errors=(404, 422),
    catalogue=(
        CatalogueEntry(
            "Update a Product Attribute Value",
            groups.PRODUCT_ATTRIBUTE,
            "/products/{ProductId}/attributes",
            "Updates (or creates) an attribute value; same URL as the POST.",
        ),
    ),
    write_paths=_PATHS,
)
UPDATE_PRODUCT_ATTRIBUTE = Op(
    id="updateProductAttribute",
    method="PUT",
    path="/products/{product_id}/attributes/{attribute_id}",
    summary="Update one attribute value (documented per-attribute PUT).",
    resource="product_attribute",
    provenance=D,
    source="IPAAS-EP quoting the reference: PUT /products/{ID}/attributes/{ATTR_ID}",
    profiles=DOCUMENTED_ONLY,
    body_ref=ModelRef("contracts.models.product_attributes", "ProductAttributeValueUpdate"),
    response_ref=ModelRef("contracts.models.product_attributes", "ProductAttributeValue"),
    errors=(404, 422),
    alternative_of=("Update a Product Attribute Value",),
    notes="The product must already have a value for the attribute (assumed: 404 otherwise).",
)

OPS = (LIST_PRODUCT_ATTRIBUTES, CREATE_PRODUCT_ATTRIBUTE, UPDATE_PRODUCT_ATTRIBUTES, UPDATE_PRODUCT_ATTRIBUTE)


# The models: contracts/models/product_attributes.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.product_attributes import AttributeValueType as AttributeValueType
    from contracts.models.product_attributes import ProductAttributeValue as ProductAttributeValue
    from contracts.models.product_attributes import ProductAttributeValueUpdate as ProductAttributeValueUpdate
    from contracts.models.product_attributes import ProductAttributeWrite as ProductAttributeWrite
    from contracts.models.product_attributes import ValueText as ValueText
else:
    __getattr__ = lazy_models(
        __name__,
        (
            "AttributeValueType",
            "ProductAttributeValue",
            "ProductAttributeValueUpdate",
            "ProductAttributeWrite",
            "ValueText",
        ),
    )

"""Attribute sets and their membership (IPAAS-EP "Attribute Set Endpoints"; KB-TERM)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.op import CatalogueEntry, ModelRef, Op, Provenance, lazy_models
from contracts.wire import PAGE_QUERY

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_SHAPE = "KB-TERM: a named group of attributes; property names not published"


_PATHS = (wp.ATTRIBUTE_DEFINITIONS,)

LIST_ATTRIBUTE_SETS = Op(
    id="listAttributeSets",
    method="GET",
    path="/attribute_sets",
    summary="List attribute sets.",
    resource="attribute_set",
    provenance=L,
    source="IPAAS-EP: Get All Attribute Sets",
    query_ref=PAGE_QUERY,
    response_ref=ModelRef("contracts.models.attribute_sets", "AttributeSet"),
    many=True,
    catalogue=(
        CatalogueEntry("Get All Attribute Sets", groups.ATTRIBUTE_SET, "/attribute_sets", "Lists attribute sets."),
    ),
    write_paths=_PATHS,
)
GET_ATTRIBUTE_SET = Op(
    id="getAttributeSet",
    method="GET",
    path="/attribute_sets/{attribute_set_id}",
    summary="Get one attribute set.",
    resource="attribute_set",
    provenance=A,
    source="not published; a resource controller's show route",
    response_ref=ModelRef("contracts.models.attribute_sets", "AttributeSet"),
    errors=(404,),
)
CREATE_ATTRIBUTE_SET = Op(
    id="createAttributeSet",
    method="POST",
    path="/attribute_sets",
    summary="Create an attribute set.",
    resource="attribute_set",
    provenance=L,
    source="IPAAS-EP: Create an Attribute Set",
    body_ref=ModelRef("contracts.models.attribute_sets", "AttributeSetWrite"),
    response_ref=ModelRef("contracts.models.attribute_sets", "AttributeSet"),
    status=201,
    errors=(422,),
    creates="attribute_set_id",
    catalogue=(
        CatalogueEntry("Create an Attribute Set", groups.ATTRIBUTE_SET, "/attribute_sets", "Creates an attribute set."),
    ),
    write_paths=_PATHS,
)
UPDATE_ATTRIBUTE_SET = Op(
    id="updateAttributeSet",
    method="PUT",
    path="/attribute_sets/{attribute_set_id}",
    summary="Update an attribute set.",
    resource="attribute_set",
    provenance=L,
    source="IPAAS-EP: Update an Attribute Set",
    body_ref=ModelRef("contracts.models.attribute_sets", "AttributeSetUpdate"),
    response_ref=ModelRef("contracts.models.attribute_sets", "AttributeSet"),
    errors=(404, 422),
    catalogue=(
        CatalogueEntry(
            "Update an Attribute Set",
            groups.ATTRIBUTE_SET,
            "/attribute_sets/{Id}",
            "Updates an attribute set by its id.",
        ),
    ),
    write_paths=_PATHS,
)
ADD_ATTRIBUTE_SET_ATTRIBUTE = Op(
    id="addAttributeSetAttribute",
    method="POST",
    path="/attribute_sets/{attribute_set_id}/attributes",
    summary="Add an existing attribute to an attribute set.",
    resource="attribute_set",
    provenance=L,
    source="IPAAS-EP: Add an Attribute to an Attribute Set",
    body_ref=ModelRef("contracts.models.attribute_sets", "AttributeSetMember"),
    response_ref=ModelRef("contracts.models.attribute_sets", "AttributeSet"),
    status=201,
    extra_statuses=(200,),
    errors=(404, 422),
    catalogue=(
        CatalogueEntry(
            "Add an Attribute to an Attribute Set",
            groups.ATTRIBUTE_SET,
            "/attribute_sets/{Id}/attributes",
            "Adds an existing attribute to a set; the attribute is named in the body.",
        ),
    ),
    write_paths=_PATHS,
    notes="An unknown attribute answers 422; adding a member again answers 200 and adds nothing (assumed).",
)

OPS = (LIST_ATTRIBUTE_SETS, GET_ATTRIBUTE_SET, CREATE_ATTRIBUTE_SET, UPDATE_ATTRIBUTE_SET, ADD_ATTRIBUTE_SET_ATTRIBUTE)


# The models: contracts/models/attribute_sets.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.attribute_sets import AttributeSet as AttributeSet
    from contracts.models.attribute_sets import AttributeSetMember as AttributeSetMember
    from contracts.models.attribute_sets import AttributeSetUpdate as AttributeSetUpdate
    from contracts.models.attribute_sets import AttributeSetWrite as AttributeSetWrite
else:
    __getattr__ = lazy_models(
        __name__,
        (
            "AttributeSet",
            "AttributeSetMember",
            "AttributeSetUpdate",
            "AttributeSetWrite",
        ),
    )

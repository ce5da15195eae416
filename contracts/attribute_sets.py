"""Attribute sets and their membership (IPAAS-EP "Attribute Set Endpoints"; KB-TERM)."""

from __future__ import annotations

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.base import Name, RequestModel, Stamped, prov
from contracts.op import CatalogueEntry, Op, Provenance
from contracts.wire import Id, PageQuery

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_SHAPE = "KB-TERM: a named group of attributes; property names not published"


class AttributeSetWrite(RequestModel):
    """An attribute set's fields."""

    name: Name = prov(A, _SHAPE, "Set name.")


class AttributeSetUpdate(RequestModel):
    """Changes to an attribute set; fields left out stay as they are."""

    name: Name = prov(A, _SHAPE, "Set name.", default=None)


class AttributeSetMember(RequestModel):
    """The attribute to add to the set."""

    attribute_id: Id = prov(
        A, "IPAAS-EP: the attribute is identified in the body; key assumed", "An existing attribute."
    )


class AttributeSet(Stamped):
    """An attribute set with its member attributes."""

    name: str = prov(A, _SHAPE, "Set name.")
    attributes: list[int] = prov(A, _SHAPE, "Ids of the member attributes, in the order added.", default_factory=list)


_PATHS = (wp.ATTRIBUTE_DEFINITIONS,)

LIST_ATTRIBUTE_SETS = Op(
    id="listAttributeSets",
    method="GET",
    path="/attribute_sets",
    summary="List attribute sets.",
    resource="attribute_set",
    provenance=L,
    source="IPAAS-EP: Get All Attribute Sets",
    query=PageQuery,
    response=AttributeSet,
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
    response=AttributeSet,
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
    body=AttributeSetWrite,
    response=AttributeSet,
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
    body=AttributeSetUpdate,
    response=AttributeSet,
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
    body=AttributeSetMember,
    response=AttributeSet,
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

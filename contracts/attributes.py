"""Attribute definitions (reference, "Attribute Properties": the one property table that is public)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.op import CatalogueEntry, ModelRef, Op, Provenance, lazy_models
from contracts.wire import PAGE_QUERY

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_REF = "reference: Attribute Properties"
_VALUES = (
    "stand-in for the unpublished Attribute Type Values resource (reference nav): the choices of a "
    "selectbox or multiselect attribute"
)


class AttributeType(StrEnum):
    """The attribute kinds the reference lists."""

    SELECTBOX = "selectbox"
    DATE = "date"
    TEXT = "text"
    TEXTAREA = "textarea"
    MULTISELECT = "multiselect"


_PATHS = (wp.ATTRIBUTE_DEFINITIONS,)

LIST_ATTRIBUTES = Op(
    id="listAttributes",
    method="GET",
    path="/attributes",
    summary="List attribute definitions.",
    resource="attribute",
    provenance=L,
    source="reference: Get All Attributes; IPAAS-EP",
    query_ref=PAGE_QUERY,
    response_ref=ModelRef("contracts.models.attributes", "Attribute"),
    many=True,
    catalogue=(
        CatalogueEntry(
            "Get All Attributes",
            groups.ATTRIBUTE,
            "/attributes",
            "Lists attribute definitions, to resolve attribute names to ids.",
        ),
    ),
    write_paths=(wp.ATTRIBUTE_DEFINITIONS, wp.PRODUCT_ATTRIBUTES),
)
GET_ATTRIBUTE = Op(
    id="getAttribute",
    method="GET",
    path="/attributes/{attribute_id}",
    summary="Get one attribute definition.",
    resource="attribute",
    provenance=A,
    source="not published; a resource controller's show route",
    response_ref=ModelRef("contracts.models.attributes", "Attribute"),
    errors=(404,),
)
CREATE_ATTRIBUTE = Op(
    id="createAttribute",
    method="POST",
    path="/attributes",
    summary="Create an attribute definition.",
    resource="attribute",
    provenance=L,
    source="IPAAS-EP: Create an Attribute",
    body_ref=ModelRef("contracts.models.attributes", "AttributeCreate"),
    response_ref=ModelRef("contracts.models.attributes", "Attribute"),
    status=201,
    errors=(422,),
    creates="attribute_id",
    catalogue=(
        CatalogueEntry("Create an Attribute", groups.ATTRIBUTE, "/attributes", "Creates an attribute definition."),
    ),
    write_paths=_PATHS,
    notes="A name already in use answers 422.",
)
UPDATE_ATTRIBUTE = Op(
    id="updateAttribute",
    method="PUT",
    path="/attributes/{attribute_id}",
    summary="Update an attribute definition.",
    resource="attribute",
    provenance=L,
    source="IPAAS-EP: Update an Attribute",
    body_ref=ModelRef("contracts.models.attributes", "AttributeUpdate"),
    response_ref=ModelRef("contracts.models.attributes", "Attribute"),
    errors=(404, 422),
    notes="A name another attribute has answers 422.",
    catalogue=(
        CatalogueEntry(
            "Update an Attribute", groups.ATTRIBUTE, "/attributes/{Id}", "Updates an attribute definition by its id."
        ),
    ),
    write_paths=_PATHS,
)

OPS = (LIST_ATTRIBUTES, GET_ATTRIBUTE, CREATE_ATTRIBUTE, UPDATE_ATTRIBUTE)


# The models: contracts/models/attributes.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.attributes import Attribute as Attribute
    from contracts.models.attributes import AttributeCreate as AttributeCreate
    from contracts.models.attributes import AttributeUpdate as AttributeUpdate
    from contracts.models.attributes import Choices as Choices
    from contracts.models.attributes import SortOrder as SortOrder
else:
    __getattr__ = lazy_models(
        __name__,
        (
            "Attribute",
            "AttributeCreate",
            "AttributeUpdate",
            "Choices",
            "SortOrder",
        ),
    )

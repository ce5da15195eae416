"""Attribute definitions (reference, "Attribute Properties": the one property table that is public)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, Field

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.base import Name, RequestModel, Stamped, Text, prov
from contracts.op import CatalogueEntry, Op, Provenance
from contracts.wire import PageQuery, integral_float_to_int

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_REF = "reference: Attribute Properties"
_VALUES = (
    "stand-in for the unpublished Attribute Type Values resource (reference nav): the choices of a "
    "selectbox or multiselect attribute"
)
SortOrder = Annotated[int, Field(ge=-(2**31), le=2**31 - 1), BeforeValidator(integral_float_to_int)]
Choices = Annotated[list[Name], Field(max_length=1000)]


class AttributeType(StrEnum):
    """The attribute kinds the reference lists."""

    SELECTBOX = "selectbox"
    DATE = "date"
    TEXT = "text"
    TEXTAREA = "textarea"
    MULTISELECT = "multiselect"


class AttributeCreate(RequestModel):
    """A new attribute definition; `name` must be unique in the tenant."""

    name: Name = prov(D, _REF + " (must be unique)", "Attribute name, unique in the tenant.")
    type: AttributeType = prov(D, _REF, "Kind of attribute.")
    note: Text | None = prov(D, _REF, "Free-text note.", default=None)
    display_group: Name | None = prov(D, _REF + " (type not stated)", "Display group in the PIM UI.", default=None)
    sort_order: SortOrder | None = prov(D, _REF + " (integer)", "Display order.", default=None)
    publish: bool = prov(D, _REF, "Whether the attribute is published.", default=None)
    values: Choices = prov(A, _VALUES, "Allowed values of a selectbox or multiselect attribute.", default=None)


class AttributeUpdate(RequestModel):
    """Changes to an attribute definition; fields left out stay as they are."""

    name: Name = prov(D, _REF + " (must be unique)", "Attribute name, unique in the tenant.", default=None)
    type: AttributeType = prov(D, _REF, "Kind of attribute.", default=None)
    note: Text | None = prov(D, _REF, "Free-text note.", default=None)
    display_group: Name | None = prov(D, _REF, "Display group in the PIM UI.", default=None)
    sort_order: SortOrder | None = prov(D, _REF + " (integer)", "Display order.", default=None)
    publish: bool = prov(D, _REF, "Whether the attribute is published.", default=None)
    values: Choices = prov(A, _VALUES, "Allowed values of a selectbox or multiselect attribute.", default=None)


class Attribute(Stamped):
    """An attribute definition as the tenant returns it."""

    name: str = prov(D, _REF, "Attribute name.")
    type: AttributeType = prov(D, _REF, "Kind of attribute.")
    note: str | None = prov(D, _REF, "Note.", default=None)
    display_group: str | None = prov(D, _REF, "Display group.", default=None)
    sort_order: int | None = prov(D, _REF, "Display order.", default=None)
    publish: bool | None = prov(D, _REF, "Published.", default=None)
    version_id: int | None = prov(D, _REF + " (type not stated)", "Version id (read-only).", default=None)
    values: list[str] = prov(A, _VALUES, "Allowed values (selectbox, multiselect).", default_factory=list)


_PATHS = (wp.ATTRIBUTE_DEFINITIONS,)

LIST_ATTRIBUTES = Op(
    id="listAttributes",
    method="GET",
    path="/attributes",
    summary="List attribute definitions.",
    resource="attribute",
    provenance=L,
    source="reference: Get All Attributes; IPAAS-EP",
    query=PageQuery,
    response=Attribute,
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
    response=Attribute,
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
    body=AttributeCreate,
    response=Attribute,
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
    body=AttributeUpdate,
    response=Attribute,
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

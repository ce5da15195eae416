"""The pydantic models of `contracts.attributes`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field

from contracts.attributes import _REF, _VALUES, A, AttributeType, D
from contracts.base import Name, RequestModel, Stamped, Text, prov
from contracts.wire import integral_float_to_int

SortOrder = Annotated[int, Field(ge=-(2**31), le=2**31 - 1), BeforeValidator(integral_float_to_int)]


Choices = Annotated[list[Name], Field(max_length=1000)]


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

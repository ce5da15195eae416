"""The pydantic models of `contracts.attribute_sets`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from contracts.attribute_sets import _SHAPE, A
from contracts.base import Name, RequestModel, Stamped, prov
from contracts.models.wire import Id


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

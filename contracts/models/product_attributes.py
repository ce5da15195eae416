"""The pydantic models of `contracts.product_attributes`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from contracts.base import RequestModel, ResponseModel, prov
from contracts.models.wire import Id
from contracts.product_attributes import _EP, _VALUE, A, D

ValueText = Annotated[str, StringConstraints(max_length=65_535)]


AttributeValueType = ValueText | list[ValueText]


class ProductAttributeWrite(RequestModel):
    """One attribute value to set on the product."""

    attribute_id: Id = prov(A, _EP, "An existing attribute.")
    value: AttributeValueType = prov(A, _EP + "; encoding per type assumed", _VALUE)


class ProductAttributeValueUpdate(RequestModel):
    """The new value of one attribute (documented per-attribute PUT)."""

    value: AttributeValueType = prov(A, "IPAAS-EP quoting the reference; key name assumed", _VALUE)


class ProductAttributeValue(ResponseModel):
    """An attribute value set on a product."""

    product_id: int = prov(A, "shape not published", "The product.")
    attribute_id: int = prov(A, _EP, "The attribute.")
    name: str | None = prov(A, "shape not published", "The attribute's name.", default=None)
    type: str | None = prov(D, "reference: Attribute type", "The attribute's type.", default=None)
    value: AttributeValueType = prov(A, _EP, _VALUE)

"""A product's attribute values: resolve names, read the values, write with the collection PUT (IPAAS-EP).

Live quirk (IPAAS-EP, "Update a Product Attribute Value" note): the connector writes every value, new
or changed, with the collection-level `PUT /products/{id}/attributes`, which creates a missing value
and updates an existing one; it never needs the POST. The product's current values are read first so
a value that already agrees is not written again. Attributes are named in the iPaaS data and resolved
through `GET /attributes`; an unknown name fails before any value is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from client.external_ids import CollectionType
from client.write_paths.sync import MissingReference, Sync, WritePathError
from contracts.base import Name
from contracts.product_attributes import AttributeValueType, ProductAttributeWrite


class AttributeValueInput(BaseModel):
    """One attribute value of an iPaaS product: the attribute's name and the value to hold."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Name
    value: AttributeValueType


def write_attribute_values(sync: Sync, product_id: int, values: Sequence[AttributeValueInput]) -> None:
    """Bring the product's values for the named attributes in line with `values`."""
    if not values:
        return
    names = [value.name for value in values]
    if len(set(names)) != len(names):
        raise WritePathError(f"product {product_id}: an attribute is given two values")
    by_name = {attribute.name: attribute.id for attribute in sync.jasper.attributes.iterate()}
    unknown = tuple(name for name in names if name not in by_name)
    if unknown:
        raise MissingReference(
            f"no Jasper attribute is named {', '.join(map(repr, unknown))}: sync the attribute definitions first",
            collection=CollectionType.ATTRIBUTE,
            ipaas_ids=unknown,
        )
    current = {row.attribute_id: row.value for row in sync.jasper.product_attributes.iterate(product_id)}
    for value in values:
        attribute_id = by_name[value.name]
        if current.get(attribute_id) != value.value:
            sync.jasper.product_attributes.write(
                product_id, ProductAttributeWrite(attribute_id=attribute_id, value=value.value)
            )

"""Attribute and attribute-set definitions, with set membership (IPAAS-EP "Attribute", "Attribute Set").

iPaaS publishes no collection for these (integration note §5.8), so the shape is ours (assumed): the
records are linked under "Attribute" and "Attribute Set". Each is resolved by external id, else by name
(attribute names are unique in a tenant, reference "Attribute Properties"; set names are matched the
same way, assumed), else created, and updated only where a field differs. A set's members are iPaaS
attribute ids; missing members are added (the API cannot remove one). Attributes are written first,
so a set can name attributes of the same batch.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from client.external_ids import CollectionType, IpaasId
from client.write_paths.sync import MissingReference, Sync
from contracts import write_paths as wp
from contracts.attribute_sets import AttributeSet, AttributeSetMember, AttributeSetUpdate, AttributeSetWrite
from contracts.attributes import (
    Attribute,
    AttributeCreate,
    AttributeType,
    AttributeUpdate,
    Choices,
    SortOrder,
)
from contracts.base import Name, Text


class AttributeInput(BaseModel):
    """An attribute definition; optional fields left None are not written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: IpaasId
    name: Name
    type: AttributeType
    note: Text | None = None
    display_group: Name | None = None
    sort_order: SortOrder | None = None
    publish: bool | None = None
    values: Choices = Field(default_factory=list)  # the choices of a selectbox or multiselect


class AttributeSetInput(BaseModel):
    """An attribute set and its members, as iPaaS attribute ids."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: IpaasId
    name: Name
    attributes: list[IpaasId] = Field(default_factory=list)


def upsert_attribute_definitions(
    sync: Sync, attributes: Sequence[AttributeInput], attribute_sets: Sequence[AttributeSetInput] = ()
) -> None:
    """Write the attributes, then the sets and their membership."""
    with sync.step(wp.ATTRIBUTE_DEFINITIONS):
        if attributes:
            tenant = {attribute.id: attribute for attribute in sync.jasper.attributes.iterate()}
            for attribute in attributes:
                _upsert_attribute(sync, attribute, tenant)
        if attribute_sets:
            sets = {attribute_set.id: attribute_set for attribute_set in sync.jasper.attribute_sets.iterate()}
            for attribute_set in attribute_sets:
                _upsert_set(sync, attribute_set, sets)


def _upsert_attribute(sync: Sync, attribute: AttributeInput, tenant: dict[int, Attribute]) -> None:
    wanted = attribute.model_dump(exclude={"id"}, exclude_none=True)
    stored = sync.ids.get(CollectionType.ATTRIBUTE, attribute.id)
    current = tenant.get(stored) if stored is not None else None
    if current is None:
        current = next((held for held in tenant.values() if held.name == attribute.name), None)
        if current is None:
            current = sync.jasper.attributes.create(AttributeCreate.model_validate(wanted))
            tenant[current.id] = current
        sync.ids.put(CollectionType.ATTRIBUTE, attribute.id, current.id)
    changes = {name: value for name, value in wanted.items() if getattr(current, name) != value}
    if changes:
        tenant[current.id] = sync.jasper.attributes.update(current.id, AttributeUpdate.model_validate(changes))


def _upsert_set(sync: Sync, attribute_set: AttributeSetInput, tenant: dict[int, AttributeSet]) -> None:
    members = [_attribute_id(sync, ipaas_id, attribute_set) for ipaas_id in attribute_set.attributes]
    stored = sync.ids.get(CollectionType.ATTRIBUTE_SET, attribute_set.id)
    current = tenant.get(stored) if stored is not None else None
    if current is None:
        current = next((held for held in tenant.values() if held.name == attribute_set.name), None)
        if current is None:
            current = sync.jasper.attribute_sets.create(AttributeSetWrite(name=attribute_set.name))
            tenant[current.id] = current
        sync.ids.put(CollectionType.ATTRIBUTE_SET, attribute_set.id, current.id)
    if current.name != attribute_set.name:
        current = sync.jasper.attribute_sets.update(current.id, AttributeSetUpdate(name=attribute_set.name))
    for attribute_id in members:
        if attribute_id not in current.attributes:
            member = AttributeSetMember(attribute_id=attribute_id)
            current = sync.jasper.attribute_sets.add_attribute(current.id, member)
    tenant[current.id] = current


def _attribute_id(sync: Sync, ipaas_id: str, attribute_set: AttributeSetInput) -> int:
    found = sync.ids.get(CollectionType.ATTRIBUTE, ipaas_id)
    if found is None:
        raise MissingReference(
            f"attribute set {attribute_set.id} names attribute {ipaas_id}, which has not been synced",
            collection=CollectionType.ATTRIBUTE,
            ipaas_ids=(ipaas_id,),
        )
    return found

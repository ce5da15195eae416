"""The grid of a gridded product: options, their values, and the product's option set (integration note W3).

Options and values are resolved by external id ("Product Option", "Product Option Value"), else by name
(KB-OPT recommends one shared option such as Size holding every value, so an existing option of that
name is reused), else created; a linked one whose name changed in iPaaS is renamed. A linked option is
re-read by id ("Get an Option by Id", IPAAS-EP) to confirm it still exists.
Assumed (integration note §11.3 leaves it open): each parent gets its own option set, linked to the
parent's iPaaS id under "Product Option Set" and named after its SKU and options (`TEE-1: Size / Color`),
so two products never change each other's grid. Membership is read with "Get Options in an Option Set"
and only missing options are added; options are never removed from a set (the API has no such call).
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from client import errors
from client.external_ids import CollectionType, IpaasId
from client.write_paths.sync import Sync
from contracts.base import Name
from contracts.option_sets import OptionSet, OptionSetMember, OptionSetUpdate, OptionSetWrite
from contracts.option_values import OptionValueUpdate, OptionValueWrite
from contracts.options import Option, OptionUpdate, OptionWrite

OPTION = CollectionType.PRODUCT_OPTION
VALUE = CollectionType.PRODUCT_OPTION_VALUE
OPTION_SET = CollectionType.PRODUCT_OPTION_SET


class OptionValueInput(BaseModel):
    """A value of an iPaaS product option, e.g. L under Size."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: IpaasId
    name: Name


class OptionInput(BaseModel):
    """An iPaaS product option, e.g. Size, with the values the product's variants use."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: IpaasId
    name: Name
    values: list[OptionValueInput] = Field(default_factory=list)


def option_set_name(sku: str, options: Sequence[OptionInput]) -> str:
    """The name of a parent's own option set (kept within the tenant's 255-character names)."""
    return f"{sku}: {' / '.join(option.name for option in options)}"[:255]


def upsert_options(sync: Sync, options: Sequence[OptionInput]) -> list[int]:
    """Resolve or create every option and its values; answers the Jasper option ids in order."""
    tenant: list[Option] | None = None  # the option list, read at most once
    option_ids: list[int] = []
    for option in options:
        current = _linked_option(sync, option.id)
        if current is None:
            if tenant is None:
                tenant = list(sync.jasper.options.iterate())
            current = next((held for held in tenant if held.name == option.name), None)
            if current is None:
                current = sync.jasper.options.create(OptionWrite(name=option.name))
                tenant.append(current)
            sync.ids.put(OPTION, option.id, current.id)
        if current.name != option.name:
            sync.jasper.options.update(current.id, OptionUpdate(name=option.name))
        _upsert_values(sync, current.id, option.values)
        option_ids.append(current.id)
    return option_ids


def _linked_option(sync: Sync, ipaas_id: str) -> Option | None:
    stored = sync.ids.get(OPTION, ipaas_id)
    if stored is None:
        return None
    try:
        return sync.jasper.options.get(stored)
    except errors.NotFound:
        sync.ids.remove(OPTION, ipaas_id)
        return None


def _upsert_values(sync: Sync, option_id: int, values: Sequence[OptionValueInput]) -> None:
    tenant = {value.id: value for value in sync.jasper.option_values.iterate(option_id)}
    for value in values:
        stored = sync.ids.get(VALUE, value.id)
        current = tenant.get(stored) if stored is not None else None
        if current is None:
            current = next((held for held in tenant.values() if held.name == value.name), None)
            if current is None:
                current = sync.jasper.option_values.create(option_id, OptionValueWrite(name=value.name))
                tenant[current.id] = current
            sync.ids.put(VALUE, value.id, current.id)
        if current.name != value.name:
            tenant[current.id] = sync.jasper.option_values.update(
                option_id, current.id, OptionValueUpdate(name=value.name)
            )


def upsert_option_set(sync: Sync, owner_ipaas_id: str, name: str, option_ids: Sequence[int]) -> int:
    """The parent's own option set, named `name` and holding `option_ids`; answers its id."""
    tenant = {option_set.id: option_set for option_set in sync.jasper.option_sets.iterate()}
    stored = sync.ids.get(OPTION_SET, owner_ipaas_id)
    current: OptionSet | None = tenant.get(stored) if stored is not None else None
    if current is None:
        current = next((held for held in tenant.values() if held.name == name), None)
        if current is None:
            current = sync.jasper.option_sets.create(OptionSetWrite(name=name))
        sync.ids.put(OPTION_SET, owner_ipaas_id, current.id)
    if current.name != name:
        sync.jasper.option_sets.update(current.id, OptionSetUpdate(name=name))
    members = {option.id for option in sync.jasper.option_sets.iterate_options(current.id)}
    for option_id in option_ids:
        if option_id not in members:
            sync.jasper.option_sets.add_option(current.id, OptionSetMember(option_id=option_id))
    return current.id

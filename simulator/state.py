"""Export and import of a tenant's data as JSON (the control plane's `/_sim/state`).

The export is the store's tables as lists of records plus the two link tables. An import is validated
twice before anything changes: the shape by the row types below (strict, unknown fields forbidden),
then the references and uniqueness rules by `simulator.state_checks`. Only a file that passes both
replaces the tenants it names, so a bad file changes nothing.

Rows are TypedDicts, not models: validated, they are already the plain records the store keeps, so an
import of 100k products builds no model instances and dumps none (issue 11: big imports). Timestamps
are marked `Stamp` and checked by `simulator.state_import` in one pass after validation.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from pydantic import BaseModel, ConfigDict, Field, with_config
from typing_extensions import TypedDict  # pydantic needs typing_extensions' TypedDict on Python < 3.12

from contracts.attributes import AttributeType
from contracts.webhooks import EntityType, RetryPolicy
from simulator.store import TABLES, TenantStore

Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Amount = Annotated[float, Field(ge=0)]


class IsoStamp:
    """Marks a timestamp field: its text must parse with `datetime.fromisoformat` (checked on import)."""


STAMP: Final = IsoStamp()
Stamp = Annotated[str, STAMP]


# Rows are validated from parsed JSON in Python mode, where a strict enum field would take only enum
# members; a lax one takes the value, as JSON mode does (and `use_enum_values` stores the value).
LaxAttributeType = Annotated[AttributeType, Field(strict=False)]
LaxEntityType = Annotated[EntityType, Field(strict=False)]
LaxRetryPolicy = Annotated[RetryPolicy, Field(strict=False)]


_row = with_config(ConfigDict(extra="forbid", strict=True, use_enum_values=True))


@_row
class _Row(TypedDict):
    id: Id
    created_at: Stamp
    updated_at: Stamp


@_row
class ProductRow(_Row):
    name: str
    sku: str
    type: str | None
    description: str | None
    option_set_id: Id | None


@_row
class CategoryRow(_Row):
    name: str
    description: str | None
    parent_id: Id | None
    visible: bool


@_row
class PriceRow(_Row):
    product_id: Id
    sell_price: Amount | None
    cost: Amount | None
    msrp: Amount | None
    map: Amount | None
    starts_at: Stamp | None
    ends_at: Stamp | None
    channel_id: Id | None


@_row
class AttributeRow(_Row):
    name: str
    type: LaxAttributeType
    note: str | None
    display_group: str | None
    sort_order: int | None
    publish: bool | None
    version_id: int | None
    values: list[str]


@_row
class InventoryRow(_Row):
    product_id: Id
    location_id: Id
    count: Amount


@_row
class RelationRow(_Row):
    product_id: Id
    related_product_id: Id
    relation_type_id: Id
    relation_type: str


@_row
class AttributeSetRow(_Row):
    name: str
    attributes: list[Id]


@_row
class OptionRow(_Row):
    name: str


@_row
class OptionSetRow(_Row):
    name: str
    options: list[Id]


@_row
class OptionValueRow(_Row):
    option_id: Id
    name: str


@_row
class WebhookRow(_Row):
    name: str
    callback_url: str
    entity_type: LaxEntityType
    include_entity_data: bool
    headers: dict[str, str]
    retry_policy: LaxRetryPolicy
    minimum_retry_interval: int
    retry_limit: int
    signing_secret: str
    active: bool


@_row
class ProductCategoryRow(TypedDict):
    product_id: Id
    category_id: Id


@_row
class ProductAttributeValueRow(TypedDict):
    product_id: Id
    attribute_id: Id
    value: str | list[str]


class TenantState(BaseModel):
    """Everything one tenant holds, as exported; every table defaults to empty."""

    model_config = ConfigDict(extra="forbid", strict=True)

    products: list[ProductRow] = Field(default_factory=list)
    categories: list[CategoryRow] = Field(default_factory=list)
    prices: list[PriceRow] = Field(default_factory=list)
    attributes: list[AttributeRow] = Field(default_factory=list)
    inventory: list[InventoryRow] = Field(default_factory=list)
    relations: list[RelationRow] = Field(default_factory=list)
    attribute_sets: list[AttributeSetRow] = Field(default_factory=list)
    options: list[OptionRow] = Field(default_factory=list)
    option_sets: list[OptionSetRow] = Field(default_factory=list)
    option_values: list[OptionValueRow] = Field(default_factory=list)
    webhooks: list[WebhookRow] = Field(default_factory=list)
    product_categories: list[ProductCategoryRow] = Field(default_factory=list)
    product_attribute_values: list[ProductAttributeValueRow] = Field(default_factory=list)


class StateFile(BaseModel):
    """The body of `GET` and `PUT /_sim/state`: tenant name -> state."""

    model_config = ConfigDict(extra="forbid", strict=True)

    tenants: dict[str, TenantState]


def export_tenant(store: TenantStore) -> dict[str, Any]:
    """A tenant's data as plain JSON-ready lists (the shape of `TenantState`)."""
    state: dict[str, Any] = {table: list(getattr(store, table).values()) for table in TABLES if table != "webhooks"}
    state["webhooks"] = sorted(
        [
            *(
                {**hook, "signing_secret": store.webhook_secrets[hook_id], "active": True}
                for hook_id, hook in store.webhooks.items()
            ),
            *(
                {**hook, "signing_secret": store.webhook_secrets[hook_id], "active": False}
                for hook_id, hook in store.deactivated_webhooks.items()
            ),
        ],
        key=lambda hook: int(hook["id"]),
    )
    # links in product id order (a product's categories in the order assigned), so that equal tenants
    # export equal files however their links were made
    state["product_categories"] = [
        {"product_id": product_id, "category_id": category_id}
        for product_id, category_ids in sorted(store.product_categories.items())
        for category_id in category_ids
    ]
    state["product_attribute_values"] = [
        {"product_id": product_id, "attribute_id": attribute_id, "value": value}
        for product_id, values in sorted(store.product_attribute_values.items())
        for attribute_id, value in sorted(values.items())
    ]
    return state


def load_tenant(store: TenantStore, state: TenantState) -> None:
    """Replace a tenant's data with a checked state (see `simulator.state_checks.problems`).

    The validated rows become the store's records as they are (they are fresh dicts, owned by nobody).
    """
    store.load({table: getattr(state, table) for table in TenantState.model_fields})

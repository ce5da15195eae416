"""The demo catalogue behind `jasper-sim serve --seed demo`: small, realistic, and written through the
handlers themselves, so it keeps every rule the API enforces.

A category tree (Apparel > T-Shirts, Outerwear; Home > Kitchen), five attributes of every type in one
attribute set, two simple products with prices, attribute values and inventory, and a gridded T-shirt:
option set Size/Color, a parent with that set and four children linked as variants, each with stock.

Writing it through the handlers validates every body, which imports pydantic and most of the
contract's models before the first answer (issue 11: start-up time). So the handlers' result for a
tenant with the default reference data is kept in `CATALOGUE` (demo_catalogue.json, per profile,
without timestamps and secrets), and `seed` loads that into a fresh tenant of that shape, stamped with
the tenant's clock and with a new webhook signing secret. Any other tenant (its own locations or
relation types, ids or data already in it) is written through the handlers. `python -m simulator.demo`
writes the file again; a test checks that it is what the handlers make.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import orjson

from contracts import attribute_sets as attribute_set_ops
from contracts import attributes as attribute_ops
from contracts import categories as category_ops
from contracts import option_sets as option_set_ops
from contracts import option_values as option_value_ops
from contracts import options as option_ops
from contracts import product_attributes as product_attribute_ops
from contracts import product_categories as product_category_ops
from contracts import product_inventory as inventory_ops
from contracts import product_prices as price_ops
from contracts import product_relations as relation_ops
from contracts import products as product_ops
from contracts import webhooks as webhook_ops
from contracts.op import Op, Profile
from simulator.config import DEFAULT_LOCATIONS, DEFAULT_RELATION_TYPES, TenantSettings
from simulator.resources import HANDLERS
from simulator.resources.webhooks import new_secret
from simulator.store import TABLES, Record, SequentialIds, TenantStore, utc_now

if TYPE_CHECKING:
    from pydantic import BaseModel

CATALOGUE: Final = Path(__file__).with_name("demo_catalogue.json")
_STAMPS: Final = ("created_at", "updated_at")

_SIZES = ("S", "M")
_COLORS = ("Black", "White")


def seed(store: TenantStore) -> None:
    """Load the demo catalogue into an (empty) tenant store."""
    kept = _kept(store)
    if kept is None:
        write(store)
        return
    now = store.now()
    for table in TABLES:
        for row in kept.get(table, ()):
            row.update(dict.fromkeys(_STAMPS, now))
    for hook in kept.get("webhooks", ()):
        hook["signing_secret"] = new_secret()
    store.load(kept)


def _kept(store: TenantStore) -> dict[str, list[Any]] | None:
    """The kept catalogue of the store's profile (fresh objects), or None when the store is not a fresh
    tenant with the default reference data and sequential ids (the kept catalogue's ids)."""
    tenant = store.tenant
    fresh = store.size() == 0 and isinstance(store.ids, SequentialIds) and all(store.ids.peek(t) == 1 for t in TABLES)
    if (
        not fresh
        or tenant.locations != list(DEFAULT_LOCATIONS)
        or tenant.relation_types != list(DEFAULT_RELATION_TYPES)
    ):
        return None
    kept: dict[str, dict[str, list[Any]]] = orjson.loads(CATALOGUE.read_bytes())
    return kept[store.profile.value]


def catalogue() -> bytes:
    """The kept catalogue as the handlers write it now: each profile's default tenant, exported
    (`GET /_sim/state`'s shape) without timestamps and signing secrets."""
    from simulator.state import export_tenant  # noqa: PLC0415  (pydantic: only when the file is written)

    kept: dict[str, Any] = {}
    for profile in Profile:
        store = TenantStore(TenantSettings(name="demo", profile=profile), clock=utc_now, ids=SequentialIds())
        write(store)
        state = export_tenant(store)
        for rows in state.values():
            for row in rows:
                for name in (*_STAMPS, "signing_secret"):
                    row.pop(name, None)
        kept[profile.value] = state
    return orjson.dumps(kept, option=orjson.OPT_INDENT_2) + b"\n"  # key order as the handlers make it


def _call(store: TenantStore, op: Op, body: dict[str, Any] | None = None, **params: int) -> Record:
    arguments: dict[str, Any] = dict(params)
    if op.body is not None:
        model: type[BaseModel] = op.body
        arguments["body"] = model.model_validate_json(orjson.dumps(body or {}))  # as the wire would
    result = HANDLERS[op.id](store, **arguments)
    assert isinstance(result, dict), f"{op.id} answered {result!r}"
    return result


def write(store: TenantStore) -> None:
    """Write the demo catalogue into an (empty) tenant store through the handlers."""
    apparel = _call(store, category_ops.CREATE_CATEGORY, {"name": "Apparel", "description": "Clothing."})
    tees = _call(store, category_ops.CREATE_CATEGORY, {"name": "T-Shirts", "parent_id": apparel["id"]})
    outerwear = _call(store, category_ops.CREATE_CATEGORY, {"name": "Outerwear", "parent_id": apparel["id"]})
    home = _call(store, category_ops.CREATE_CATEGORY, {"name": "Home"})
    kitchen = _call(store, category_ops.CREATE_CATEGORY, {"name": "Kitchen", "parent_id": home["id"]})
    attributes = _attributes(store)

    mug = _simple(store, "Classic Mug", "MUG-CLASSIC", kitchen["id"], {"sell_price": 12.5, "cost": 4.1, "msrp": 14.0})
    _value(store, mug, attributes["Material"], "Stoneware")
    _value(store, mug, attributes["Care Instructions"], "Dishwasher and microwave safe.")
    _stock(store, mug, {0: 120, 1: 35})
    jacket = _simple(store, "Rain Jacket", "JKT-RAIN", outerwear["id"], {"sell_price": 89.0, "cost": 41.0})
    _value(store, jacket, attributes["Features"], ["Waterproof", "Breathable"])
    _value(store, jacket, attributes["Release Date"], "2026-03-01")
    _stock(store, jacket, {0: 18, 2: 12})

    tee = _gridded(store, tees["id"], attributes)
    # An up-sell link, or whichever non-variant relation type a configured tenant has.
    others = sorted(store.tenant.relation_types, key=lambda rel: (rel.slug != "up-sell", rel.id))
    link = next((rel for rel in others if rel.id != store.variant_type_id), None)
    if link is not None:
        _call(
            store, relation_ops.CREATE_PRODUCT_RELATION,
            product_id=tee["id"], related_product_id=jacket["id"], relation_type_id=link.id,
        )  # fmt: skip
    _call(
        store,
        webhook_ops.CREATE_WEBHOOK,
        {
            "name": "Catalogue sync",
            # loopback, where callbacks may go by default; port 9 (discard): nobody listens, so deliveries
            # fail and are retried until a receiver is set with PUT /webhooks/{id}
            "callback_url": "http://127.0.0.1:9/jasper/products",
            "entity_type": "product",
            "include_entity_data": True,
            "headers": {"X-Source": "jasper-sim-demo"},
            "retry_policy": "exponential",
            "minimum_retry_interval": 300,
            "retry_limit": 5,
        },
    )


def _attributes(store: TenantStore) -> dict[str, Record]:
    specs: list[dict[str, Any]] = [
        {"name": "Material", "type": "text", "sort_order": 1, "publish": True},
        {"name": "Care Instructions", "type": "textarea", "sort_order": 2, "publish": True},
        {"name": "Release Date", "type": "date", "sort_order": 3, "publish": False},
        {"name": "Fit", "type": "selectbox", "sort_order": 4, "publish": True, "values": ["Regular", "Slim"]},
        {"name": "Features", "type": "multiselect", "sort_order": 5, "publish": True,
         "values": ["Waterproof", "Breathable", "Recycled"]},
    ]  # fmt: skip
    created = {spec["name"]: _call(store, attribute_ops.CREATE_ATTRIBUTE, spec) for spec in specs}
    attribute_set = _call(store, attribute_set_ops.CREATE_ATTRIBUTE_SET, {"name": "Apparel"})
    for attribute in created.values():
        _call(
            store, attribute_set_ops.ADD_ATTRIBUTE_SET_ATTRIBUTE, {"attribute_id": attribute["id"]},
            attribute_set_id=attribute_set["id"],
        )  # fmt: skip
    return created


def _simple(
    store: TenantStore, name: str, sku: str, category_id: int, price: dict[str, float], *, kind: str = "simple"
) -> Record:
    create = product_ops.CREATE_PRODUCT if store.profile is Profile.LIVE else product_ops.CREATE_PRODUCT_WITH_PARENT
    product = _call(store, create, {"name": name, "sku": sku, "type": kind})
    _call(store, product_category_ops.ASSIGN_PRODUCT_CATEGORY, {"category_id": category_id}, product_id=product["id"])
    starts = {"starts_at": "2026-01-01T00:00:00Z"}
    _call(store, price_ops.CREATE_PRODUCT_PRICE, {**price, **starts}, product_id=product["id"])
    return product


def _value(store: TenantStore, product: Record, attribute: Record, value: str | list[str]) -> None:
    body = {"attribute_id": attribute["id"], "value": value}
    _call(store, product_attribute_ops.CREATE_PRODUCT_ATTRIBUTE, body, product_id=product["id"])


def _stock(store: TenantStore, product: Record, counts: dict[int, float]) -> None:
    locations = store.tenant.locations
    for index, count in counts.items():
        if index >= len(locations):  # a configured tenant may have fewer locations than the demo uses
            continue
        location = locations[index]
        if store.profile is Profile.LIVE:
            body: dict[str, Any] = {"location": location.name, "count_on_hand": count}
            _call(store, inventory_ops.CREATE_PRODUCT_INVENTORY, body, product_id=product["id"])
        else:
            body = {"location_id": location.id, "quantity": count}
            _call(store, inventory_ops.CREATE_PRODUCT_INVENTORIES, body, product_id=product["id"])


def _gridded(store: TenantStore, category_id: int, attributes: dict[str, Record]) -> Record:
    size = _call(store, option_ops.CREATE_OPTION, {"name": "Size"})
    color = _call(store, option_ops.CREATE_OPTION, {"name": "Color"})
    for option, labels in ((size, _SIZES), (color, _COLORS)):
        for label in labels:
            _call(store, option_value_ops.CREATE_OPTION_VALUE, {"name": label}, option_id=option["id"])
    option_set = _call(store, option_set_ops.CREATE_OPTION_SET, {"name": "Size/Color"})
    for option in (size, color):
        _call(store, option_set_ops.ADD_OPTION_SET_OPTION, {"option_id": option["id"]}, option_set_id=option_set["id"])
    parent = _simple(
        store, "Everyday Tee", "TEE-EVERYDAY", category_id, {"sell_price": 24.0, "cost": 7.5}, kind="configurable"
    )
    # The connector's secondary PUT sets the option set on the parent (IPAAS-EP "Update Product Body fields").
    _call(store, product_ops.UPDATE_PRODUCT, {"option_set_id": option_set["id"]}, product_id=parent["id"])
    _value(store, parent, attributes["Fit"], "Regular")
    _value(store, parent, attributes["Material"], "Organic cotton")
    live = store.profile is Profile.LIVE
    for index, (size_label, color_label) in enumerate((s, c) for s in _SIZES for c in _COLORS):
        sku = f"TEE-EVERYDAY-{size_label}-{color_label[:3].upper()}"
        body = {"name": f"Everyday Tee {size_label} / {color_label}", "sku": sku, "type": "variant"}
        if live:
            # Live quirk (IPAAS-EP variant note): children are linked through the relations endpoint.
            child = _call(store, product_ops.CREATE_PRODUCT, body)
            _call(
                store, relation_ops.CREATE_PRODUCT_RELATION,
                product_id=parent["id"], related_product_id=child["id"], relation_type_id=store.variant_type_id,
            )  # fmt: skip
        else:
            # The reference's form: the parent is named on the create.
            child = _call(store, product_ops.CREATE_PRODUCT_WITH_PARENT, {**body, "parent_id": parent["id"]})
        _stock(store, child, {0: 10 + 5 * index, 1: 2 + index})
    return parent


def main(argv: list[str] | None = None) -> int:
    """`python -m simulator.demo [--check]`: write demo_catalogue.json (or exit 1 when it is stale)."""
    arguments = sys.argv[1:] if argv is None else argv
    fresh = catalogue()
    if arguments == ["--check"]:
        if CATALOGUE.read_bytes() != fresh:
            print(f"stale: {CATALOGUE.name} (run `python -m simulator.demo`)", file=sys.stderr)
            return 1
        return 0
    CATALOGUE.write_bytes(fresh)
    return 0


if __name__ == "__main__":
    sys.exit(main())

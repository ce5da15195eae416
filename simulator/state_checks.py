"""The rules an imported tenant state must keep, the same ones the API enforces on writes.

`problems` returns messages keyed by `table` (or `table.field`); an empty result means the state can be
loaded. Checking everything before loading anything is what lets a bad import change nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from simulator.config import TenantSettings
from simulator.errors import Unprocessable
from simulator.resources.product_attributes import check_value
from simulator.state import TenantState


class _Problems:
    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def add(self, where: str, message: str) -> None:
        self.found.setdefault(where, []).append(message)

    def unique(self, where: str, values: Iterable[object]) -> None:
        for value, count in Counter(values).items():
            if count > 1:
                self.add(where, f"{value!r} appears {count} times")

    def refers(self, where: str, values: Iterable[int | None], known: set[int]) -> None:
        for value in values:
            if value is not None and value not in known:
                self.add(where, f"{value} does not exist")


def problems(state: TenantState, tenant: TenantSettings) -> dict[str, list[str]]:
    """Every broken rule of `state` for `tenant`, as messages by table and field."""
    check = _Problems()
    ids = {}
    for table in (
        "products", "categories", "prices", "attributes", "inventory", "relations",
        "attribute_sets", "options", "option_sets", "option_values", "webhooks",
    ):  # fmt: skip
        rows = getattr(state, table)
        check.unique(f"{table}.id", (row["id"] for row in rows))
        ids[table] = {row["id"] for row in rows}
    products, categories, attributes, options = ids["products"], ids["categories"], ids["attributes"], ids["options"]
    check.unique("products.sku", (p["sku"] for p in state.products))
    check.refers("products.option_set_id", (p["option_set_id"] for p in state.products), ids["option_sets"])
    check.refers("categories.parent_id", (c["parent_id"] for c in state.categories), categories)
    _check_category_tree(check, {c["id"]: c["parent_id"] for c in state.categories})
    check.refers("prices.product_id", (p["product_id"] for p in state.prices), products)
    check.unique("attributes.name", (a["name"] for a in state.attributes))
    check.refers("inventory.product_id", (row["product_id"] for row in state.inventory), products)
    check.refers(
        "inventory.location_id", (row["location_id"] for row in state.inventory), {x.id for x in tenant.locations}
    )
    check.unique("inventory.location_id", ((row["product_id"], row["location_id"]) for row in state.inventory))
    _check_relations(check, state, tenant, products)
    check.refers("attribute_sets.attributes", (a for s in state.attribute_sets for a in s["attributes"]), attributes)
    check.refers("option_sets.options", (o for s in state.option_sets for o in s["options"]), options)
    check.refers("option_values.option_id", (v["option_id"] for v in state.option_values), options)
    check.refers("product_categories.product_id", (x["product_id"] for x in state.product_categories), products)
    check.refers("product_categories.category_id", (x["category_id"] for x in state.product_categories), categories)
    check.unique("product_categories", ((x["product_id"], x["category_id"]) for x in state.product_categories))
    _check_attribute_values(check, state, products)
    return check.found


def _check_category_tree(check: _Problems, parents: dict[int, int | None]) -> None:
    for start in parents:
        seen: set[int] = set()
        current: int | None = start
        while current is not None and current in parents:
            if current in seen:  # the walk from `start` entered a cycle: `start` is in it, or below it
                problem = "is its own ancestor" if current == start else f"is below a cycle (at category {current})"
                check.add("categories.parent_id", f"category {start} {problem}")
                break
            seen.add(current)
            current = parents[current]


def _check_relations(check: _Problems, state: TenantState, tenant: TenantSettings, products: set[int]) -> None:
    types = {rel.id: rel.slug for rel in tenant.relation_types}
    variant = next(rel.id for rel in tenant.relation_types if rel.slug == "variant")
    relations = state.relations
    check.refers("relations.product_id", (r["product_id"] for r in relations), products)
    check.refers("relations.related_product_id", (r["related_product_id"] for r in relations), products)
    check.refers("relations.relation_type_id", (r["relation_type_id"] for r in relations), set(types))
    for relation in relations:
        if types.get(relation["relation_type_id"], relation["relation_type"]) != relation["relation_type"]:
            check.add("relations.relation_type", f"relation {relation['id']} names the wrong slug")
        if relation["product_id"] == relation["related_product_id"]:
            check.add("relations.related_product_id", f"relation {relation['id']} relates a product to itself")
    check.unique("relations", ((r["product_id"], r["related_product_id"], r["relation_type_id"]) for r in relations))
    variants = [r for r in relations if r["relation_type_id"] == variant]
    check.unique("relations.variant_parent", (r["related_product_id"] for r in variants))
    parents, children = {r["product_id"] for r in variants}, {r["related_product_id"] for r in variants}
    for product_id in sorted(parents & children):
        check.add("relations.variant_depth", f"product {product_id} is both a variant and has variants")


def _check_attribute_values(check: _Problems, state: TenantState, products: set[int]) -> None:
    attributes: dict[int, Any] = {a["id"]: a for a in state.attributes}
    rows = state.product_attribute_values
    check.refers("product_attribute_values.product_id", (v["product_id"] for v in rows), products)
    check.refers("product_attribute_values.attribute_id", (v["attribute_id"] for v in rows), set(attributes))
    check.unique("product_attribute_values", ((v["product_id"], v["attribute_id"]) for v in rows))
    for row in rows:
        attribute = attributes.get(row["attribute_id"])
        if attribute is None:
            continue
        try:
            check_value(attribute, row["value"])
        except Unprocessable as error:
            check.add("product_attribute_values.value", f"product {row['product_id']}: {error.message}")

"""`PUT /_sim/state` refuses a file that breaks any rule of simulator/state_checks.py, and changes nothing.

Each rule has its own breakage of the demo catalogue's state, and each test asserts the whole answer:
the code, every field named and each message (the simulator's own wording, naming the offending value).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from tests.simulator import builders
from tests.simulator.conftest import error, exported, three_tenants

State = dict[str, Any]
INVALID = "The given data was invalid."


def _set(table: str, index: int, **fields: Any) -> Callable[[State], None]:
    return lambda state: state[table][index].update(fields)


def _append(table: str, index: int, **fields: Any) -> Callable[[State], None]:
    return lambda state: state[table].append({**copy.deepcopy(state[table][index]), **fields})


def _set_value(product_id: int, attribute_id: int, value: object) -> Callable[[State], None]:
    def corrupt(state: State) -> None:
        rows = state["product_attribute_values"]
        next(r for r in rows if (r["product_id"], r["attribute_id"]) == (product_id, attribute_id))["value"] = value

    return corrupt


def _extend(table: str, index: int, field: str, value: int) -> Callable[[State], None]:
    return lambda state: state[table][index][field].append(value)


# A second row with the same id, other fields made unique so that only the id rule breaks.
DUPLICATE_IDS: dict[str, Callable[[State], None]] = {
    "products": _append("products", 0, sku="OTHER-SKU"),
    "categories": _append("categories", 0),
    "prices": _append("prices", 0),
    "attributes": _append("attributes", 0, name="Other"),
    "inventory": _append("inventory", 0, location_id=3),
    "relations": _append("relations", 4, related_product_id=1),
    "attribute_sets": _append("attribute_sets", 0),
    "options": _append("options", 0),
    "option_sets": _append("option_sets", 0),
    "option_values": _append("option_values", 0),
    "webhooks": _append("webhooks", 0),
}

# The demo state (tests/simulator/test_demo.py): products 1-7 (3 the gridded parent of 4-7), categories
# 1 > 2, 3 and 4 > 5, relation 5 the up-sell 3 -> 2, attribute 4 the selectbox "Fit" (value of product 3).
BREAKAGES: dict[str, tuple[Callable[[State], None], dict[str, list[str]]]] = {
    **{
        f"duplicate-{table}-id": (
            corrupt,
            {f"demo.{table}.id": ["1 appears 2 times" if table != "relations" else "5 appears 2 times"]},
        )
        for table, corrupt in DUPLICATE_IDS.items()
    },
    "duplicate-sku": (_set("products", 1, sku="MUG-CLASSIC"), {"demo.products.sku": ["'MUG-CLASSIC' appears 2 times"]}),
    "unknown-option-set": (_set("products", 0, option_set_id=9), {"demo.products.option_set_id": ["9 does not exist"]}),
    "unknown-parent-category": (
        _set("categories", 4, parent_id=99),
        {"demo.categories.parent_id": ["99 does not exist"]},
    ),
    "category-cycle": (
        _set("categories", 3, parent_id=5),
        {"demo.categories.parent_id": ["category 4 is its own ancestor", "category 5 is its own ancestor"]},
    ),
    "category-cycle-above-others": (
        _set("categories", 0, parent_id=1),
        {
            "demo.categories.parent_id": [
                "category 1 is its own ancestor",
                "category 2 is below a cycle (at category 1)",
                "category 3 is below a cycle (at category 1)",
            ]
        },
    ),
    "category-own-parent": (
        _set("categories", 4, parent_id=5),
        {"demo.categories.parent_id": ["category 5 is its own ancestor"]},
    ),
    "price-of-unknown-product": (_set("prices", 0, product_id=999), {"demo.prices.product_id": ["999 does not exist"]}),
    "duplicate-attribute-name": (
        _set("attributes", 1, name="Material"),
        {"demo.attributes.name": ["'Material' appears 2 times"]},
    ),
    "stock-of-unknown-product": (
        _set("inventory", 0, product_id=99),
        {"demo.inventory.product_id": ["99 does not exist"]},
    ),
    "unknown-location": (_set("inventory", 0, location_id=77), {"demo.inventory.location_id": ["77 does not exist"]}),
    "two-rows-for-one-location": (
        _set("inventory", 1, location_id=1),
        {"demo.inventory.location_id": ["(1, 1) appears 2 times"]},
    ),
    "relation-from-unknown-product": (
        _set("relations", 4, product_id=99),
        {"demo.relations.product_id": ["99 does not exist"]},
    ),
    "relation-to-unknown-product": (
        _set("relations", 4, related_product_id=99),
        {"demo.relations.related_product_id": ["99 does not exist"]},
    ),
    "unknown-relation-type": (
        _set("relations", 4, relation_type_id=9),
        {"demo.relations.relation_type_id": ["9 does not exist"]},
    ),
    "relation-type-wrong-slug": (
        _set("relations", 4, relation_type="related"),
        {"demo.relations.relation_type": ["relation 5 names the wrong slug"]},
    ),
    "relation-to-itself": (
        _set("relations", 4, related_product_id=3),
        {"demo.relations.related_product_id": ["relation 5 relates a product to itself"]},
    ),
    "duplicate-relation": (_append("relations", 4, id=6), {"demo.relations": ["(3, 2, 3) appears 2 times"]}),
    "two-variant-parents": (
        _append("relations", 0, id=6, product_id=1),
        {"demo.relations.variant_parent": ["4 appears 2 times"]},
    ),
    "variant-with-variants": (
        _append("relations", 0, id=6, product_id=4, related_product_id=1),
        {"demo.relations.variant_depth": ["product 4 is both a variant and has variants"]},
    ),
    "attribute-set-with-unknown-attribute": (
        _extend("attribute_sets", 0, "attributes", 9),
        {"demo.attribute_sets.attributes": ["9 does not exist"]},
    ),
    "option-set-with-unknown-option": (
        _extend("option_sets", 0, "options", 9),
        {"demo.option_sets.options": ["9 does not exist"]},
    ),
    "value-of-unknown-option": (
        _set("option_values", 0, option_id=9),
        {"demo.option_values.option_id": ["9 does not exist"]},
    ),
    "category-link-of-unknown-product": (
        _set("product_categories", 0, product_id=99),
        {"demo.product_categories.product_id": ["99 does not exist"]},
    ),
    "category-link-to-unknown-category": (
        _set("product_categories", 0, category_id=99),
        {"demo.product_categories.category_id": ["99 does not exist"]},
    ),
    "duplicate-category-link": (
        _append("product_categories", 0),
        {"demo.product_categories": ["(1, 5) appears 2 times"]},
    ),
    "attribute-value-of-unknown-product": (
        _set("product_attribute_values", 0, product_id=99),
        {"demo.product_attribute_values.product_id": ["99 does not exist"]},
    ),
    "value-of-unknown-attribute": (
        _set("product_attribute_values", 0, attribute_id=99),
        {"demo.product_attribute_values.attribute_id": ["99 does not exist"]},
    ),
    "duplicate-attribute-value": (
        _append("product_attribute_values", 0),
        {"demo.product_attribute_values": ["(1, 1) appears 2 times"]},
    ),
    "value-not-fitting": (
        _set_value(3, 4, "Baggy"),
        {"demo.product_attribute_values.value": ["product 3: The value must be one of the attribute's values."]},
    ),
}


@pytest.fixture(scope="module")
def demo_state() -> State:
    """The demo catalogue as `GET /_sim/state` exports it (computed once for the module)."""
    with TestClient(create_app(three_tenants()), base_url="http://testserver/_sim") as control:
        control.post("/seed", json={"tenant": "demo"})
        state: State = control.get("/state", params={"tenant": "demo"}).json()["tenants"]["demo"]
    return state


def test_demo_state_loads_unchanged(admin: TestClient, demo_state: State) -> None:
    response = admin.put("/state", json={"tenants": {"demo": demo_state}})
    assert (response.status_code, response.json()) == (200, {"loaded": ["demo"]})
    assert exported(admin)["tenants"]["demo"] == demo_state


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_put_state_breaking_a_rule_answers_422_and_changes_nothing(
    admin: TestClient, acme: TestClient, demo_state: State, breakage: str
) -> None:
    admin.post("/seed", json={"tenant": "demo"})
    builders.product(acme)
    before = exported(admin)
    broken = copy.deepcopy(demo_state)
    corrupt, errors = BREAKAGES[breakage]
    corrupt(broken)
    response = admin.put("/state", json={"tenants": {"acme": {}, "demo": broken}})
    assert (response.status_code, response.json()) == (422, error(INVALID, "invalid_state", **errors))
    assert exported(admin) == before


def test_put_state_names_every_broken_rule_of_every_tenant(admin: TestClient, demo_state: State) -> None:
    broken = copy.deepcopy(demo_state)
    broken["prices"][0]["product_id"] = 999
    broken["option_values"][0]["option_id"] = 9
    other = {"options": [{**demo_state["options"][0]}, {**demo_state["options"][0]}]}
    response = admin.put("/state", json={"tenants": {"demo": broken, "acme": other, "globex": {}}})
    assert (response.status_code, response.json()) == (
        422,
        error(
            INVALID,
            "invalid_state",
            **{
                "demo.prices.product_id": ["999 does not exist"],
                "demo.option_values.option_id": ["9 does not exist"],
                "acme.options.id": ["1 appears 2 times"],
                "globex": ["No tenant named 'globex'."],
            },
        ),
    )

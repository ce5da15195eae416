"""The write paths as a hypothesis state machine, fed generated catalogue data.

Rules sync category trees, attribute definitions, simple products (categories, prices, stock, attribute
values) and gridded products (option grids with stocked variants) with unicode names, SKUs, prices and
counts, and re-run the last input. A plain-Python model says what the tenant must hold; after every
step the whole tenant is read back through the client and compared. A re-run must POST nothing.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from starlette.testclient import TestClient

from client import JasperClient
from client.external_ids import CollectionType, InMemoryExternalIds
from client.write_paths import (
    AttributeInput,
    AttributeValueInput,
    CategoryInput,
    CategoryRef,
    GriddedProductInput,
    InventoryInput,
    OptionInput,
    OptionValueInput,
    PriceInput,
    ProductInput,
    Sync,
    VariantInput,
    upsert_attribute_definitions,
    upsert_categories,
    upsert_gridded_product,
    upsert_product,
)
from client.write_paths.options import option_set_name
from contracts.attributes import AttributeType
from contracts.product_inventory import InventoryRecord
from contracts.wire import API_PREFIX
from simulator.app import create_app
from simulator.config import DEFAULT_LOCATIONS, DEMO_HOST, DEMO_KEY, SimConfig
from tests.budget import budget
from tests.plugins.tenants import in_process_retry

C = CollectionType
texts = st.text(st.characters(codec="utf-8"), min_size=1, max_size=24)  # JSON-safe unicode
amounts = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
counts = st.integers(0, 10**6) | amounts
LOCATIONS = tuple(location.name for location in DEFAULT_LOCATIONS)
CHANNELS = (None, 1, 2)


@dataclass
class ProductModel:
    """What the tenant must hold for one synced product: fields, and the rows every sync added to."""

    sku: str
    name: str
    description: str | None = None
    categories: list[str] = field(default_factory=list)  # iPaaS category ids, in the order first assigned
    prices: dict[int | None, dict[str, float]] = field(default_factory=dict)
    stock: dict[str, float] = field(default_factory=dict)
    values: dict[str, str | list[str]] = field(default_factory=dict)
    parent: str | None = None  # iPaaS id of the gridded parent, for a variant


def unobserved(check: Callable[[Any], None]) -> Callable[[Any], None]:
    """Run an invariant outside the contract recorder: its reads are the test's own look at the tenant,
    not traffic under test (every write path's request is still checked), and checking each of them
    against the documents took a third of this test's time."""

    @functools.wraps(check)
    def run(self: Any) -> None:
        contextvars.Context().run(check, self)

    return run


class CatalogueSync(RuleBasedStateMachine):
    """The write paths against a fresh in-process tenant, compared with a model after every step."""

    def __init__(self) -> None:
        super().__init__()
        self.http = TestClient(create_app(SimConfig.default()), base_url=f"http://{DEMO_HOST}").__enter__()
        jasper = JasperClient(f"http://{DEMO_HOST}{API_PREFIX}", DEMO_KEY, self.http, retry=in_process_retry())
        self.sync = Sync.traced(jasper, InMemoryExternalIds())
        self.categories: dict[str, CategoryInput] = {}
        self.attributes: dict[str, AttributeInput] = {}
        self.products: dict[str, ProductModel] = {}  # simple products and variants, by iPaaS id
        self.grids: dict[str, GriddedProductInput] = {}
        self.serial = 0
        self.last: Any = None  # the last (write path, input), for the re-run rule

    def teardown(self) -> None:
        self.http.__exit__(None, None, None)

    def unique(self, text: str) -> str:
        """`text` made unique in this run (names the tenant matches on, SKUs)."""
        self.serial += 1
        return f"{text} #{self.serial}"

    def run(self, write_path: Any, given: Any) -> None:
        write_path(self.sync, given)
        self.last = (write_path, given)

    @rule(data=st.data())
    def add_categories(self, data: st.DataObject) -> None:
        batch: list[CategoryInput] = []
        for _ in range(data.draw(st.integers(1, 3))):
            parents = [None, *self.categories, *(row.id for row in batch)]
            batch.append(
                CategoryInput(
                    id=self.unique("c"),
                    name=self.unique(data.draw(texts)),
                    parent_id=data.draw(st.sampled_from(parents)),
                    visible=data.draw(st.booleans()),
                    description=data.draw(st.none() | st.text(max_size=30)),
                )
            )
        self.run(upsert_categories, data.draw(st.permutations(batch)))
        self.categories |= {row.id: row for row in batch}

    @precondition(lambda self: self.categories)
    @rule(data=st.data())
    def edit_category(self, data: st.DataObject) -> None:
        row = self.categories[data.draw(st.sampled_from(sorted(self.categories)))]
        edited = row.model_copy(update={"name": self.unique(data.draw(texts)), "visible": data.draw(st.booleans())})
        self.run(upsert_categories, [edited])
        self.categories[row.id] = edited

    @rule(data=st.data(), kind=st.sampled_from(AttributeType))
    def define_attribute(self, data: st.DataObject, kind: AttributeType) -> None:
        choices = [self.unique(text) for text in data.draw(st.lists(texts, min_size=1, max_size=3))]
        listed = kind in (AttributeType.SELECTBOX, AttributeType.MULTISELECT)
        attribute = AttributeInput(
            id=self.unique("a"), name=self.unique(data.draw(texts)), type=kind, values=choices if listed else []
        )
        self.run(upsert_attribute_definitions, [attribute])
        self.attributes[attribute.name] = attribute

    def draw_value(self, data: st.DataObject, attribute: AttributeInput) -> str | list[str]:
        if attribute.type is AttributeType.SELECTBOX:
            return data.draw(st.sampled_from(attribute.values))
        if attribute.type is AttributeType.MULTISELECT:
            return data.draw(st.lists(st.sampled_from(attribute.values), unique=True))
        if attribute.type is AttributeType.DATE:
            return data.draw(st.dates()).isoformat()
        return data.draw(st.text(max_size=40))

    @rule(data=st.data())
    def add_product(self, data: st.DataObject) -> None:
        self.sync_product(data, self.unique("p"), ProductModel(sku=self.unique(data.draw(texts)), name=""))

    def simple_products(self) -> list[str]:
        return sorted(key for key, model in self.products.items() if model.parent is None and key not in self.grids)

    @precondition(lambda self: bool(self.simple_products()))
    @rule(data=st.data())
    def resync_product(self, data: st.DataObject) -> None:
        key = data.draw(st.sampled_from(self.simple_products()))
        self.sync_product(data, key, self.products[key])

    def sync_product(self, data: st.DataObject, key: str, model: ProductModel) -> None:
        """Sync a product; a re-sync sends every channel, location and attribute it sent before, and maybe more."""

        def some(choices: Iterable[Any], given: Iterable[Any]) -> list[Any]:
            drawn = data.draw(st.lists(st.sampled_from(sorted(choices, key=str)), unique=True)) if choices else []
            return list(dict.fromkeys([*given, *drawn]))

        categories = some(self.categories, [])
        prices = {
            channel: data.draw(st.tuples(amounts, st.none() | amounts)) for channel in some(CHANNELS, model.prices)
        }
        stock = {location: data.draw(counts) for location in some(LOCATIONS, model.stock)}
        values = {name: self.draw_value(data, self.attributes[name]) for name in some(self.attributes, model.values)}
        product = ProductInput(
            id=key,
            sku=model.sku,
            name=data.draw(texts),
            description=data.draw(st.none() | st.text(max_size=30)),
            categories=[CategoryRef(id=category) for category in categories],
            prices=[
                PriceInput(channel_id=channel, sell_price=sell, cost=cost) for channel, (sell, cost) in prices.items()
            ],
            inventory=[
                InventoryInput(id=f"{key}|{location}", location=location, count_on_hand=count)
                for location, count in stock.items()
            ],
            attributes=[AttributeValueInput(name=name, value=value) for name, value in values.items()],
        )
        self.run(upsert_product, product)
        model.name = product.name
        model.description = product.description if product.description is not None else model.description
        model.categories += [category for category in categories if category not in model.categories]
        for channel, (sell, cost) in prices.items():
            model.prices[channel] = {
                **model.prices.get(channel, {}),
                "sell_price": sell,
                **({} if cost is None else {"cost": cost}),
            }
        model.stock |= stock
        model.values |= values
        self.products[key] = model

    @rule(data=st.data())
    def sync_gridded(self, data: st.DataObject) -> None:
        key = self.unique("g")
        options = [
            OptionInput(
                id=self.unique("o"),
                name=self.unique(data.draw(texts)),
                values=[
                    OptionValueInput(id=self.unique("v"), name=self.unique(t))
                    for t in data.draw(st.lists(texts, min_size=1, max_size=3))
                ],
            )
            for _ in range(data.draw(st.integers(1, 2)))
        ]
        combos: list[dict[str, str]] = [{}]
        for option in options:
            combos = [{**combo, option.id: value.id} for combo in combos for value in option.values]
        variants = [
            VariantInput(
                id=f"{key}|{number}",
                sku=self.unique(data.draw(texts)),
                name=data.draw(texts),
                option_values=combo,
                inventory=[
                    InventoryInput(id=f"{key}|{number}|{loc}", location=loc, count_on_hand=data.draw(counts))
                    for loc in data.draw(st.lists(st.sampled_from(LOCATIONS), unique=True, max_size=1))
                ],
            )
            for number, combo in enumerate(combos)
        ]
        grid = GriddedProductInput(
            id=key, sku=self.unique(data.draw(texts)), name=data.draw(texts), options=options, variants=variants
        )
        self.run(upsert_gridded_product, grid)
        self.grids[key] = grid
        self.products[key] = ProductModel(sku=grid.sku, name=grid.name)
        for variant in variants:
            stock = {row.location: row.count_on_hand for row in variant.inventory}
            self.products[variant.id] = ProductModel(sku=variant.sku, name=variant.name, stock=stock, parent=key)

    @precondition(lambda self: self.last is not None)
    @rule()
    def rerun_last(self) -> None:
        start = len(self.sync.trace.calls)
        write_path, given = self.last
        write_path(self.sync, given)
        assert [call.operation for call in self.sync.trace.calls[start:] if call.method == "POST"] == []

    def jasper_id(self, collection: CollectionType, key: str | None) -> int | None:
        return None if key is None else self.sync.ids.get(collection, key)

    @invariant()
    @unobserved
    def categories_match(self) -> None:
        held = {c.id: c for c in self.sync.jasper.categories.iterate()}
        assert sorted(held) == sorted(self.jasper_id(C.PRODUCT_CATEGORY, key) or 0 for key in self.categories)
        for key, row in self.categories.items():
            category = held[self.jasper_id(C.PRODUCT_CATEGORY, key) or 0]
            parent = self.jasper_id(C.PRODUCT_CATEGORY, row.parent_id)
            fields = (category.name, category.parent_id, category.visible, category.description)
            assert fields == (row.name, parent, row.visible, row.description)

    @invariant()
    @unobserved
    def attributes_match(self) -> None:
        held = {(a.name, a.type, tuple(a.values)) for a in self.sync.jasper.attributes.iterate()}
        assert held == {(a.name, a.type, tuple(a.values)) for a in self.attributes.values()}

    @invariant()
    @unobserved
    def products_match(self) -> None:
        held = {p.id: p for p in self.sync.jasper.products.iterate()}
        assert len(held) == len(self.products)
        for key, model in self.products.items():
            product = held[self.jasper_id(C.PRODUCT_VARIANT if model.parent else C.PRODUCT, key) or 0]
            stock = {row.location: row.count_on_hand for row in product.inventory if isinstance(row, InventoryRecord)}
            assert (product.sku, product.name, stock) == (model.sku, model.name, model.stock)
            assert product.parent_id == self.jasper_id(C.PRODUCT, model.parent)
            if model.parent is None and key not in self.grids:
                self.check_rows(product.id, product.description, product.categories, model)

    @invariant()
    @unobserved
    def grids_match(self) -> None:
        jasper = self.sync.jasper
        grid_options = [option for grid in self.grids.values() for option in grid.options]
        assert sorted(option.name for option in jasper.options.iterate()) == sorted(o.name for o in grid_options)
        for key, grid in self.grids.items():
            parent = jasper.products.get(self.jasper_id(C.PRODUCT, key) or 0)
            option_set = jasper.option_sets.get(parent.option_set_id or 0)
            members = [self.jasper_id(C.PRODUCT_OPTION, option.id) for option in grid.options]
            assert (option_set.name, option_set.options) == (option_set_name(grid.sku, grid.options), members)
        for option in grid_options:
            held = jasper.option_values.iterate(self.jasper_id(C.PRODUCT_OPTION, option.id) or 0)
            assert [value.name for value in held] == [value.name for value in option.values]

    def check_rows(self, product_id: int, description: str | None, categories: list[int], model: ProductModel) -> None:
        jasper = self.sync.jasper
        assert description == model.description
        assert categories == [self.jasper_id(C.PRODUCT_CATEGORY, key) for key in model.categories]
        prices = {
            row.channel_id: {
                name: value for name in ("sell_price", "cost") if (value := getattr(row, name)) is not None
            }
            for row in jasper.product_prices.iterate(product_id)
        }
        assert prices == model.prices
        assert {row.name: row.value for row in jasper.product_attributes.iterate(product_id)} == model.values


def test_write_paths_state_machine_keeps_tenant_equal_to_model() -> None:
    run_state_machine_as_test(CatalogueSync, settings=settings(max_examples=budget(15, 200), stateful_step_count=8))

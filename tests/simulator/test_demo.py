"""The demo catalogue: realistic, loadable into either profile, and consistent with every API rule."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
import pytest
from starlette.testclient import TestClient

from contracts.op import Profile
from simulator import demo
from simulator.app import create_app
from simulator.config import DEMO_KEY, Location, RelationType, SimConfig, TenantConfig, TenantSettings
from simulator.state import StateFile, export_tenant
from simulator.state_checks import problems
from simulator.store import TABLES, SequentialIds, TenantStore
from tests.simulator.conftest import bearer


@pytest.fixture(params=list(Profile), ids=lambda profile: profile.value)
def seeded(request: pytest.FixtureRequest) -> Any:
    app = create_app(SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY, request.param)]))
    demo.seed(app.state.tenants.by_name["demo"].store)
    with TestClient(app, base_url="http://testserver/api/v1", headers=bearer(DEMO_KEY)) as client:
        yield client


def _all(client: TestClient, path: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.get(path, params={"per_page": 250}).json()["data"]
    return items


def test_seed_builds_a_category_tree(seeded: TestClient) -> None:
    categories = {c["name"]: c for c in _all(seeded, "/categories")}
    assert {name: c["parent_id"] for name, c in categories.items()} == {
        "Apparel": None,
        "T-Shirts": categories["Apparel"]["id"],
        "Outerwear": categories["Apparel"]["id"],
        "Home": None,
        "Kitchen": categories["Home"]["id"],
    }


def test_seed_gridded_product_has_an_option_set_and_four_variants_with_stock(seeded: TestClient) -> None:
    products = {p["sku"]: p for p in _all(seeded, "/products")}
    parent = products["TEE-EVERYDAY"]
    option_set = seeded.get(f"/option_sets/{parent['option_set_id']}").json()
    names = [o["name"] for o in seeded.get(f"/option_sets/{option_set['id']}/options").json()["data"]]
    children = [p for p in products.values() if p["parent_id"] == parent["id"]]
    assert (option_set["name"], names, len(parent["children"])) == ("Size/Color", ["Size", "Color"], 4)
    assert sorted(child["id"] for child in children) == parent["children"]
    assert all(len(child["inventory"]) == 2 for child in children)


def test_seed_simple_products_have_prices_attributes_and_inventory(seeded: TestClient) -> None:
    mug = next(p for p in _all(seeded, "/products") if p["sku"] == "MUG-CLASSIC")
    prices = _all(seeded, f"/products/{mug['id']}/prices")
    values = {v["name"]: v["value"] for v in _all(seeded, f"/products/{mug['id']}/attributes")}
    assert ([p["sell_price"] for p in prices], values, len(mug["inventory"]), len(mug["categories"])) == (
        [12.5],
        {"Material": "Stoneware", "Care Instructions": "Dishwasher and microwave safe."},
        2,
        1,
    )


@pytest.mark.parametrize(
    ("profile", "row_keys"),
    [(Profile.LIVE, {"location", "count_on_hand"}), (Profile.DOCUMENTED, {"location_id", "quantity"})],
)
def test_seed_uses_the_profiles_inventory_shape(profile: Profile, row_keys: set[str]) -> None:
    app = create_app(SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY, profile)]))
    demo.seed(app.state.tenants.by_name["demo"].store)
    with TestClient(app, headers=bearer(DEMO_KEY)) as client:
        row = client.get("/api/v1/products/1").json()["inventory"][0]
    assert set(row) == {"id", "product_id", "created_at", "updated_at", *row_keys}


def test_seed_state_passes_the_import_checks() -> None:
    app = create_app()
    tenant = app.state.tenants.by_name["demo"]
    demo.seed(tenant.store)
    with TestClient(app) as control:
        state = StateFile.model_validate_json(control.get("/_sim/state").content).tenants["demo"]
    assert problems(state, tenant.config) == {}


def test_seed_fits_a_tenant_with_its_own_reference_data() -> None:
    tenant = TenantConfig(
        name="lean",
        keys=["k"],
        locations=[Location(id=9, name="Only Depot")],
        relation_types=[RelationType(id=4, name="Variant", slug="variant")],
    )
    app = create_app(SimConfig(tenants=[tenant]))
    demo.seed(app.state.tenants.by_name["lean"].store)
    with TestClient(app, headers=bearer("k")) as client:
        tee = next(p for p in client.get("/api/v1/products").json()["data"] if p["sku"] == "TEE-EVERYDAY")
    assert ([r["relation_type"] for r in tee["relations"]], len(tee["children"])) == (["variant"] * 4, 4)


# The kept catalogue (simulator/demo_catalogue.json): what a default tenant gets, without validating.

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _store(profile: Profile, ids: SequentialIds | None = None, **settings: Any) -> TenantStore:
    tenant = TenantSettings(name="demo", profile=profile, **settings)
    return TenantStore(tenant, clock=lambda: NOW, ids=ids or SequentialIds())


def _blanked(store: TenantStore) -> dict[str, Any]:
    """The export with each timestamp and secret blanked where it stands (rows are the store's: copied)."""
    blank = {"created_at": "<stamp>", "updated_at": "<stamp>", "signing_secret": "<secret>"}
    return {
        table: [{key: blank.get(key, value) for key, value in row.items()} for row in rows]
        for table, rows in export_tenant(store).items()
    }


def test_kept_catalogue_is_what_the_handlers_write_now() -> None:
    # stale after a change to the demo or to a handler: `python -m simulator.demo` writes it again
    assert demo.catalogue() == demo.CATALOGUE.read_bytes()
    assert demo.main(["--check"]) == 0


@pytest.mark.parametrize("profile", list(Profile), ids=lambda profile: profile.value)
def test_seed_from_the_kept_catalogue_equals_the_handlers_writing_it(profile: Profile) -> None:
    kept, written = _store(profile), _store(profile)
    demo.seed(kept)
    demo.write(written)
    # as JSON: 120 and 120.0 are equal in Python, not on the wire
    assert orjson.dumps(_blanked(kept)) == orjson.dumps(_blanked(written))
    exported = export_tenant(kept)
    stamps = {row[name] for table in TABLES for row in exported[table] for name in ("created_at", "updated_at")}
    assert stamps == {kept.now()}
    secrets = [*kept.webhook_secrets.values(), *_store_seeded(profile).webhook_secrets.values()]
    assert len(secrets) == 2 and len(set(secrets)) == 2 and all(s.startswith("whsec_") for s in secrets)
    assert {t: kept.ids.peek(t) for t in TABLES} == {t: written.ids.peek(t) for t in TABLES}  # next ids agree


def _store_seeded(profile: Profile) -> TenantStore:
    store = _store(profile)
    demo.seed(store)
    return store


def test_seed_writes_through_the_handlers_unless_the_tenant_is_fresh_and_default() -> None:
    used = SequentialIds()
    used("products")
    holding = _store(Profile.LIVE)
    holding.insert("categories", {"name": "Mine", "parent_id": None, "description": None, "visible": True})
    own_stock = _store(Profile.LIVE, locations=[Location(id=1, name="Main Warehouse")])
    for store in (_store(Profile.LIVE, ids=used), holding, own_stock, _store(Profile.LIVE, ids=SequentialIds(7))):
        assert demo._kept(store) is None
    assert demo._kept(_store(Profile.DOCUMENTED)) is not None

"""The operation table: unique, complete against the seed catalogue, every fact with its provenance."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pydantic import BaseModel

from contracts import OPERATIONS, RESOURCE_MODULES, find, ops_for, seed, wire
from contracts.op import Profile, Provenance, normalise_path
from contracts.profile_models import declared_models
from contracts.write_paths import WRITE_PATHS

SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "jasper-pim-api-endpoints.txt"
ENTRIES = seed.load()


def test_operation_ids_are_unique() -> None:
    ids = Counter(op.id for op in OPERATIONS)
    assert [name for name, count in ids.items() if count > 1] == []


@pytest.mark.parametrize("profile", list(Profile))
def test_method_and_path_are_unique_within_a_profile(profile: Profile) -> None:
    keys = Counter(op.key for op in ops_for(profile))
    assert [key for key, count in keys.items() if count > 1] == []


def test_seed_catalogue_has_its_entries_and_forty_distinct_pairs() -> None:
    # The seed file holds 42 "Name (METHOD)" entries; two share a method and path with another
    # ("Update Product Body fields", "Create a Related Product Link"), leaving 40 distinct pairs.
    assert len(ENTRIES) == 42
    assert len({(e.method, normalise_path(e.path)) for e in ENTRIES}) == 40


def test_every_seed_entry_maps_to_one_op_with_its_name_group_and_path() -> None:
    declared = {(e.name, e.group, e.path, op.method) for op in OPERATIONS for e in op.catalogue}
    expected = {(e.name, e.group, e.path, e.method) for e in ENTRIES}
    assert declared == expected


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_every_seed_pair_is_served_by_the_live_profile(entry: seed.SeedEntry) -> None:
    op = find(entry.method, entry.path, Profile.LIVE)
    assert op is not None
    assert entry.name in {e.name for e in op.catalogue}


def test_shared_entries_are_further_uses_of_one_op() -> None:
    by_name = {e.name: op.id for op in OPERATIONS for e in op.catalogue}
    assert by_name["Update a Product"] == by_name["Update Product Body fields"] == "updateProduct"
    assert by_name["Create a Product Variant"] == by_name["Create a Related Product Link"] == "createProductRelation"


def test_vendored_seed_matches_the_shared_copy() -> None:
    if not SHARED_SEED.exists():
        pytest.skip(f"no shared seed beside the checkout at {SHARED_SEED}")
    assert seed.SEED_PATH.read_text("utf-8") == SHARED_SEED.read_text("utf-8")


def test_every_op_has_provenance_source_and_known_write_paths() -> None:
    entry_names = {e.name for e in ENTRIES}
    for op in OPERATIONS:
        assert isinstance(op.provenance, Provenance) and op.source, op.id
        assert set(op.write_paths) <= set(WRITE_PATHS), op.id
        assert set(op.alternative_of) <= entry_names, op.id
        assert op.profiles, op.id
        assert op.status == wire.STATUS_BY_METHOD[op.method], op.id


def test_documented_profile_declares_the_references_alternatives() -> None:
    documented = {(op.method, op.path) for op in ops_for(Profile.DOCUMENTED)}
    live = {(op.method, op.path) for op in ops_for(Profile.LIVE)}
    alternatives = {
        ("POST", "/products/{product_id}/inventories"),
        ("PUT", "/products/{product_id}/inventories/{inventory_id}"),
        ("POST", "/products/{product_id}/child"),
        ("PUT", "/products/{product_id}/attributes/{attribute_id}"),
    }
    assert alternatives <= documented
    assert not alternatives & live
    create = find("POST", "/products", Profile.DOCUMENTED)
    assert create is not None and create.body is not None and "parent_id" in create.body.model_fields


def _models() -> list[type[BaseModel]]:
    models = [model for module in RESOURCE_MODULES for model in declared_models(module)]
    assert len(models) > 40  # every resource module's models, from contracts/models/
    return models


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_every_field_carries_its_provenance(model: type[BaseModel]) -> None:
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra
        assert isinstance(extra, dict), f"{model.__name__}.{name}"
        assert extra.get("x-provenance") in {p.value for p in Provenance}, f"{model.__name__}.{name}"
        assert info.description, f"{model.__name__}.{name}"


def test_webhook_delete_carries_the_connector_action() -> None:
    op = find("DELETE", "/webhooks/{Id}")
    assert op is not None and op.action == "Webhook_DEACTIVATE"


def test_first_page_is_what_page_query_defaults_to() -> None:
    # A list called without a query string gets wire.FIRST_PAGE, a plain value (no pydantic, issue 11).
    default = wire.PageQuery()
    assert (wire.FIRST_PAGE.page, wire.FIRST_PAGE.per_page) == (default.page, default.per_page)
    assert {op.query_ref for op in OPERATIONS} == {None, wire.PAGE_QUERY}

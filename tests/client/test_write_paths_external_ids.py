"""The external-id store: iPaaS record -> Jasper id, in memory and in a JSON file written atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from client.external_ids import CollectionType, ExternalIdStore, InMemoryExternalIds, JsonFileExternalIds

PRODUCT, INVENTORY = CollectionType.PRODUCT, CollectionType.PRODUCT_INVENTORY


@pytest.fixture(params=["memory", "file"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> ExternalIdStore:
    if request.param == "memory":
        return InMemoryExternalIds()
    return JsonFileExternalIds(tmp_path / "ids.json")


def test_get_never_synced_record_is_none(store: ExternalIdStore) -> None:
    assert store.get(PRODUCT, "15247") is None


def test_put_links_record_per_collection_type(store: ExternalIdStore) -> None:
    store.put(PRODUCT, "15247", 12)
    store.put(INVENTORY, "15247", 40)

    assert (store.get(PRODUCT, "15247"), store.get(INVENTORY, "15247")) == (12, 40)
    assert dict(store.snapshot()) == {(PRODUCT, "15247"): 12, (INVENTORY, "15247"): 40}


def test_put_again_replaces_the_link(store: ExternalIdStore) -> None:
    store.put(PRODUCT, "15247", 12)
    store.put(PRODUCT, "15247", 13)

    assert dict(store.snapshot()) == {(PRODUCT, "15247"): 13}


def test_remove_forgets_the_link_and_ignores_unknown_records(store: ExternalIdStore) -> None:
    store.put(PRODUCT, "15247", 12)

    store.remove(PRODUCT, "15247")
    store.remove(PRODUCT, "never-synced")

    assert dict(store.snapshot()) == {}


def test_snapshot_is_a_copy_later_puts_do_not_change(store: ExternalIdStore) -> None:
    store.put(PRODUCT, "1", 1)
    snapshot = store.snapshot()

    store.put(PRODUCT, "2", 2)

    assert dict(snapshot) == {(PRODUCT, "1"): 1}


def test_json_file_put_is_readable_by_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "ids.json"
    JsonFileExternalIds(path).put(INVENTORY, "12345|23456", 7)

    reopened = JsonFileExternalIds(path)

    assert dict(reopened.snapshot()) == {(INVENTORY, "12345|23456"): 7}
    assert json.loads(path.read_text("utf-8")) == {
        "version": 1,
        "records": [{"collection_type": "Product Inventory", "internal_id": "12345|23456", "external_id": "7"}],
    }


def test_json_file_missing_file_is_an_empty_store(tmp_path: Path) -> None:
    assert dict(JsonFileExternalIds(tmp_path / "absent.json").snapshot()) == {}


def test_json_file_unreadable_file_raises_instead_of_starting_empty(tmp_path: Path) -> None:
    path = tmp_path / "ids.json"
    path.write_text('{"version": 1, "records": [{"collection_type": "Product", "internal_id": "1"}]}', "utf-8")

    with pytest.raises(ValidationError):
        JsonFileExternalIds(path)


def test_json_file_failed_write_leaves_previous_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ids.json"
    store = JsonFileExternalIds(path)
    store.put(PRODUCT, "1", 1)
    before = path.read_bytes()

    def crash(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):  # noqa: PT011 - the one the patched os.replace raises
        store.put(PRODUCT, "2", 2)

    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ids.json"]  # no temporary file left behind

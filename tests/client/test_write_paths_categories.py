"""Category upsert: parents before children, resolve by external id, else by name and parent, else create."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.applications import Starlette

from client import JasperClient
from client.external_ids import CollectionType
from client.write_paths import CategoryInput, MissingReference, Sync, WritePathError, upsert_categories
from contracts.categories import Category, CategoryCreate
from tests.plugins.tenants import SIM_NOW
from tests.scenarios.support import traced_sync, undeclared_calls

CATEGORY = CollectionType.PRODUCT_CATEGORY


@pytest.fixture
def sync(jasper: JasperClient, sim_app: Starlette) -> Iterator[Sync]:
    """A traced Sync on the in-process tenant (`sim_app`: these tests expect an empty tenant, so not --jasper-url)."""
    sync = traced_sync(jasper)
    yield sync
    assert undeclared_calls(sync.trace) == set()


def category(id: int, name: str, parent_id: int | None = None, **fields: object) -> Category:
    """A category as the in-process tenant answers it (its clock is fixed)."""
    return Category.model_validate(
        {"id": id, "name": name, "parent_id": parent_id, "created_at": SIM_NOW, "updated_at": SIM_NOW, **fields}
    )


TREE = (
    CategoryInput(id="12", name="Tees", parent_id="11"),
    CategoryInput(id="11", name="Shirts", parent_id="10"),
    CategoryInput(id="10", name="Apparel", description="Clothing."),
)


def test_upsert_categories_children_first_writes_parents_first(sync: Sync) -> None:
    assert upsert_categories(sync, TREE) == {"10": 1, "11": 2, "12": 3}

    assert list(sync.jasper.categories.iterate()) == [
        category(1, "Apparel", description="Clothing."),
        category(2, "Shirts", 1),
        category(3, "Tees", 2),
    ]
    assert dict(sync.ids.snapshot()) == {(CATEGORY, "10"): 1, (CATEGORY, "11"): 2, (CATEGORY, "12"): 3}


def test_upsert_categories_twice_only_reads_the_second_time(sync: Sync) -> None:
    upsert_categories(sync, TREE)
    start = len(sync.trace.calls)

    assert upsert_categories(sync, TREE) == {"10": 1, "11": 2, "12": 3}

    assert sync.trace.operations()[start:] == ["listCategories"]
    assert len(list(sync.jasper.categories.iterate())) == 3


def test_upsert_categories_changed_fields_update_only_those_categories(sync: Sync) -> None:
    upsert_categories(sync, TREE)
    start = len(sync.trace.calls)
    changed = [TREE[0].model_copy(update={"name": "T-Shirts", "visible": False}), *TREE[1:]]

    upsert_categories(sync, changed)

    assert sync.trace.operations()[start:] == ["listCategories", "updateCategory"]
    assert sync.jasper.categories.get(3) == category(3, "T-Shirts", 2, visible=False)


def test_upsert_categories_unlinked_existing_name_under_same_parent_is_adopted(sync: Sync) -> None:
    root = sync.jasper.categories.create(CategoryCreate(name="Apparel"))
    other_root = sync.jasper.categories.create(CategoryCreate(name="Home"))
    sync.jasper.categories.create(CategoryCreate(name="Shirts", parent_id=other_root.id))
    start = len(sync.trace.calls)

    assert upsert_categories(sync, TREE[1:]) == {"10": root.id, "11": 4}

    assert sync.trace.operations()[start:] == ["listCategories", "updateCategory", "createCategory"]
    assert sync.jasper.categories.get(root.id) == category(root.id, "Apparel", description="Clothing.")


def test_upsert_categories_parent_never_synced_raises_before_writing(sync: Sync) -> None:
    with pytest.raises(MissingReference) as raised:
        upsert_categories(sync, TREE[:2])

    assert (raised.value.collection, raised.value.ipaas_ids) == (CATEGORY, ("11",))
    assert sync.trace.calls == []


def test_upsert_categories_parent_synced_earlier_is_used(sync: Sync) -> None:
    upsert_categories(sync, [TREE[2]])

    assert upsert_categories(sync, [TREE[1]]) == {"11": 2}

    assert sync.jasper.categories.get(2) == category(2, "Shirts", 1)


@pytest.mark.parametrize(
    "batch",
    [
        [CategoryInput(id="1", name="A", parent_id="2"), CategoryInput(id="2", name="B", parent_id="1")],
        [CategoryInput(id="1", name="A", parent_id="1")],
        [CategoryInput(id="1", name="A"), CategoryInput(id="1", name="B")],
    ],
    ids=["cycle", "own-parent", "repeated-id"],
)
def test_upsert_categories_malformed_batch_raises_before_writing(sync: Sync, batch: list[CategoryInput]) -> None:
    with pytest.raises(WritePathError):
        upsert_categories(sync, batch)

    assert sync.trace.calls == []


def test_upsert_categories_stale_link_is_resolved_again(sync: Sync) -> None:
    sync.ids.put(CATEGORY, "10", 999)

    assert upsert_categories(sync, [TREE[2]]) == {"10": 1}

    assert sync.ids.get(CATEGORY, "10") == 1

"""Categories: a tree whose parents must exist and which never loops."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import STAMP, exported


def test_create_category_returns_201_and_the_category(client: TestClient) -> None:
    response = client.post("/categories", json={"name": "Shoes"})
    assert (response.status_code, response.json()) == (
        201,
        {
            "id": 1,
            "name": "Shoes",
            "description": None,
            "parent_id": None,
            "visible": True,
            "created_at": STAMP,
            "updated_at": STAMP,
        },
    )


def test_create_category_under_an_existing_parent(client: TestClient) -> None:
    parent = builders.category(client)
    child = builders.category(client, "Boots", parent_id=parent["id"], visible=False, description="Tall.")
    assert client.get(f"/categories/{child['id']}").json() == child
    assert (child["parent_id"], child["visible"], child["description"]) == (parent["id"], False, "Tall.")


def test_create_category_with_an_unknown_parent_answers_422(client: TestClient, admin: TestClient) -> None:
    before = exported(admin)
    response = client.post("/categories", json={"name": "Boots", "parent_id": 9})
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": ["parent_id"]}
    assert exported(admin) == before


def test_get_category_unknown_answers_404(client: TestClient) -> None:
    assert errors_of(client.get("/categories/3")) == {"status": 404, "code": "not_found", "fields": []}


def test_update_category_moves_it_under_another_parent(client: TestClient) -> None:
    root, other = builders.category(client, "A"), builders.category(client, "B")
    child = builders.category(client, "C", parent_id=root["id"])
    response = client.put(f"/categories/{child['id']}", json={"parent_id": other["id"]})
    assert (response.status_code, response.json()) == (200, {**child, "parent_id": other["id"]})


def test_update_category_with_null_parent_makes_a_root(client: TestClient) -> None:
    root = builders.category(client, "A")
    child = builders.category(client, "C", parent_id=root["id"])
    response = client.put(f"/categories/{child['id']}", json={"parent_id": None})
    assert (response.status_code, response.json()) == (200, {**child, "parent_id": None})


def test_update_category_as_its_own_parent_answers_422(client: TestClient, admin: TestClient) -> None:
    root = builders.category(client)
    before = exported(admin)
    response = client.put(f"/categories/{root['id']}", json={"parent_id": root["id"]})
    assert errors_of(response) == {"status": 422, "code": "category_cycle", "fields": ["parent_id"]}
    assert exported(admin) == before


def test_update_category_under_its_own_descendant_answers_422(client: TestClient, admin: TestClient) -> None:
    root = builders.category(client, "A")
    child = builders.category(client, "B", parent_id=root["id"])
    grandchild = builders.category(client, "C", parent_id=child["id"])
    before = exported(admin)
    response = client.put(f"/categories/{root['id']}", json={"parent_id": grandchild["id"]})
    assert errors_of(response) == {"status": 422, "code": "category_cycle", "fields": ["parent_id"]}
    assert exported(admin) == before


def test_update_category_with_an_unknown_parent_answers_422(client: TestClient) -> None:
    root = builders.category(client)
    response = client.put(f"/categories/{root['id']}", json={"parent_id": 42})
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": ["parent_id"]}


def test_update_category_unknown_answers_404(client: TestClient) -> None:
    assert errors_of(client.put("/categories/8", json={"name": "X"})) == {
        "status": 404,
        "code": "not_found",
        "fields": [],
    }


def test_list_categories_returns_them_in_id_order(client: TestClient) -> None:
    made = [builders.category(client, name) for name in ("B", "A", "C")]
    response = client.get("/categories")
    assert (response.status_code, response.json()["data"]) == (200, made)

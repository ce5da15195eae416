"""Attribute sets and their member attributes."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import STAMP, exported


def test_create_attribute_set_returns_201_and_an_empty_set(client: TestClient) -> None:
    response = client.post("/attribute_sets", json={"name": "Apparel"})
    assert (response.status_code, response.json()) == (
        201,
        {"id": 1, "name": "Apparel", "attributes": [], "created_at": STAMP, "updated_at": STAMP},
    )


def test_add_attribute_set_attribute_returns_201_and_the_set_with_it(client: TestClient) -> None:
    created = builders.created(client, "/attribute_sets", {"name": "Apparel"})
    fit, material = builders.attribute(client, "Fit", "text"), builders.attribute(client, "Material", "text")
    for attribute in (material, fit):
        response = client.post(f"/attribute_sets/{created['id']}/attributes", json={"attribute_id": attribute["id"]})
        assert response.status_code == 201
    assert response.json() == {**created, "attributes": [material["id"], fit["id"]]}
    assert client.get(f"/attribute_sets/{created['id']}").json() == response.json()


def test_add_attribute_set_attribute_twice_answers_200_without_a_duplicate(
    client: TestClient, admin: TestClient
) -> None:
    created = builders.created(client, "/attribute_sets", {"name": "Apparel"})
    fit = builders.attribute(client, "Fit", "text")
    first = client.post(f"/attribute_sets/{created['id']}/attributes", json={"attribute_id": fit["id"]})
    before = exported(admin)
    again = client.post(f"/attribute_sets/{created['id']}/attributes", json={"attribute_id": fit["id"]})
    assert (again.status_code, again.json()) == (200, first.json())
    assert exported(admin) == before


def test_add_attribute_set_attribute_unknown_attribute_answers_422(client: TestClient, admin: TestClient) -> None:
    created = builders.created(client, "/attribute_sets", {"name": "Apparel"})
    before = exported(admin)
    response = client.post(f"/attribute_sets/{created['id']}/attributes", json={"attribute_id": 12})
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": ["attribute_id"]}
    assert exported(admin) == before


def test_add_attribute_set_attribute_unknown_set_answers_404(client: TestClient) -> None:
    fit = builders.attribute(client, "Fit", "text")
    response = client.post("/attribute_sets/3/attributes", json={"attribute_id": fit["id"]})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}


def test_update_attribute_set_renames_it(client: TestClient) -> None:
    created = builders.created(client, "/attribute_sets", {"name": "Apparel"})
    response = client.put(f"/attribute_sets/{created['id']}", json={"name": "Clothing"})
    assert (response.status_code, response.json()) == (200, {**created, "name": "Clothing"})


def test_update_attribute_set_unknown_answers_404(client: TestClient) -> None:
    assert errors_of(client.put("/attribute_sets/2", json={"name": "X"})) == {
        "status": 404,
        "code": "not_found",
        "fields": [],
    }


def test_get_attribute_set_unknown_answers_404(client: TestClient) -> None:
    assert errors_of(client.get("/attribute_sets/2")) == {"status": 404, "code": "not_found", "fields": []}


def test_list_attribute_sets_returns_them_in_id_order(client: TestClient) -> None:
    made = [builders.created(client, "/attribute_sets", {"name": name}) for name in ("B", "A")]
    assert client.get("/attribute_sets").json()["data"] == made

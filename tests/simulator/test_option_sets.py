"""Option sets and their member options."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import STAMP, exported


def test_create_option_set_returns_201_and_an_empty_set(client: TestClient) -> None:
    response = client.post("/option_sets", json={"name": "Size/Color"})
    assert (response.status_code, response.json()) == (
        201,
        {"id": 1, "name": "Size/Color", "options": [], "created_at": STAMP, "updated_at": STAMP},
    )


def test_add_option_set_option_returns_201_and_lists_members_in_order_added(client: TestClient) -> None:
    created = builders.option_set(client)
    size, color = builders.option(client, "Size"), builders.option(client, "Color")
    for option in (color, size):
        response = client.post(f"/option_sets/{created['id']}/options", json={"option_id": option["id"]})
        assert response.status_code == 201
    assert response.json() == {**created, "options": [color["id"], size["id"]]}
    assert client.get(f"/option_sets/{created['id']}").json() == response.json()
    assert client.get(f"/option_sets/{created['id']}/options").json()["data"] == [color, size]


def test_add_option_set_option_twice_answers_200_without_a_duplicate(client: TestClient, admin: TestClient) -> None:
    created, size = builders.option_set(client), builders.option(client)
    first = client.post(f"/option_sets/{created['id']}/options", json={"option_id": size["id"]})
    before = exported(admin)
    again = client.post(f"/option_sets/{created['id']}/options", json={"option_id": size["id"]})
    assert (again.status_code, again.json()) == (200, first.json())
    assert exported(admin) == before


def test_add_option_set_option_unknown_option_answers_422(client: TestClient, admin: TestClient) -> None:
    created = builders.option_set(client)
    before = exported(admin)
    response = client.post(f"/option_sets/{created['id']}/options", json={"option_id": 6})
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": ["option_id"]}
    assert exported(admin) == before


def test_add_option_set_option_unknown_set_answers_404(client: TestClient) -> None:
    size = builders.option(client)
    response = client.post("/option_sets/5/options", json={"option_id": size["id"]})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}


def test_list_option_set_options_unknown_set_answers_404(client: TestClient) -> None:
    assert errors_of(client.get("/option_sets/5/options")) == {"status": 404, "code": "not_found", "fields": []}


def test_get_option_set_unknown_answers_404(client: TestClient) -> None:
    assert errors_of(client.get("/option_sets/5")) == {"status": 404, "code": "not_found", "fields": []}


def test_update_option_set_renames_it(client: TestClient) -> None:
    created = builders.option_set(client)
    response = client.put(f"/option_sets/{created['id']}", json={"name": "Size"})
    assert (response.status_code, response.json()) == (200, {**created, "name": "Size"})


def test_update_option_set_unknown_answers_404(client: TestClient) -> None:
    assert errors_of(client.put("/option_sets/5", json={"name": "X"})) == {
        "status": 404,
        "code": "not_found",
        "fields": [],
    }


def test_list_option_sets_returns_them_in_id_order(client: TestClient) -> None:
    made = [builders.option_set(client, name) for name in ("B", "A")]
    assert client.get("/option_sets").json()["data"] == made

"""Options such as Size or Color."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import STAMP


def test_create_option_returns_201_and_the_option(client: TestClient) -> None:
    response = client.post("/options", json={"name": "Size"})
    assert (response.status_code, response.json()) == (
        201,
        {"id": 1, "name": "Size", "created_at": STAMP, "updated_at": STAMP},
    )


def test_create_option_empty_name_answers_422(client: TestClient) -> None:
    response = client.post("/options", json={"name": ""})
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": ["name"]}


def test_get_option_returns_it(client: TestClient) -> None:
    created = builders.option(client)
    assert client.get(f"/options/{created['id']}").json() == created


def test_get_option_unknown_answers_404(client: TestClient) -> None:
    assert errors_of(client.get("/options/5")) == {"status": 404, "code": "not_found", "fields": []}


def test_update_option_renames_it(client: TestClient) -> None:
    created = builders.option(client)
    response = client.put(f"/options/{created['id']}", json={"name": "Fit"})
    assert (response.status_code, response.json()) == (200, {**created, "name": "Fit"})


def test_update_option_unknown_answers_404(client: TestClient) -> None:
    assert errors_of(client.put("/options/5", json={"name": "X"})) == {"status": 404, "code": "not_found", "fields": []}


def test_list_options_returns_them_in_id_order(client: TestClient) -> None:
    made = [builders.option(client, name) for name in ("Size", "Color")]
    assert client.get("/options").json()["data"] == made

"""Option values, addressed under their own option only."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import STAMP, exported


def test_create_option_value_returns_201_and_the_value(client: TestClient) -> None:
    size = builders.option(client)
    response = client.post(f"/options/{size['id']}/values", json={"name": "L"})
    assert (response.status_code, response.json()) == (
        201,
        {"id": 1, "option_id": size["id"], "name": "L", "created_at": STAMP, "updated_at": STAMP},
    )


def test_create_option_value_unknown_option_answers_404(client: TestClient) -> None:
    assert errors_of(client.post("/options/4/values", json={"name": "L"})) == {
        "status": 404,
        "code": "not_found",
        "fields": [],
    }


def test_list_option_values_shows_only_this_options_values(client: TestClient) -> None:
    size, color = builders.option(client, "Size"), builders.option(client, "Color")
    small = builders.created(client, f"/options/{size['id']}/values", {"name": "S"})
    builders.created(client, f"/options/{color['id']}/values", {"name": "Red"})
    large = builders.created(client, f"/options/{size['id']}/values", {"name": "L"})
    response = client.get(f"/options/{size['id']}/values")
    assert (response.status_code, response.json()["data"]) == (200, [small, large])


def test_list_option_values_unknown_option_answers_404(client: TestClient) -> None:
    assert errors_of(client.get("/options/4/values")) == {"status": 404, "code": "not_found", "fields": []}


def test_update_option_value_renames_it(client: TestClient) -> None:
    size = builders.option(client)
    value = builders.created(client, f"/options/{size['id']}/values", {"name": "L"})
    response = client.put(f"/options/{size['id']}/values/{value['id']}", json={"name": "XL"})
    assert (response.status_code, response.json()) == (200, {**value, "name": "XL"})


def test_update_option_value_under_the_wrong_option_answers_404(client: TestClient, admin: TestClient) -> None:
    size, color = builders.option(client, "Size"), builders.option(client, "Color")
    value = builders.created(client, f"/options/{size['id']}/values", {"name": "L"})
    before = exported(admin)
    response = client.put(f"/options/{color['id']}/values/{value['id']}", json={"name": "XL"})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}
    assert exported(admin) == before


def test_update_option_value_unknown_value_answers_404(client: TestClient) -> None:
    size = builders.option(client)
    response = client.put(f"/options/{size['id']}/values/9", json={"name": "XL"})
    assert errors_of(response) == {"status": 404, "code": "not_found", "fields": []}

"""Attribute definitions: unique names and the reference's five types."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import STAMP, error, exported


def test_create_attribute_returns_201_and_the_definition(client: TestClient) -> None:
    body = {"name": "Fit", "type": "selectbox", "values": ["Slim", "Regular"], "sort_order": 2, "publish": True}
    response = client.post("/attributes", json=body)
    assert (response.status_code, response.json()) == (
        201,
        {
            "id": 1,
            **body,
            "note": None,
            "display_group": None,
            "version_id": None,
            "created_at": STAMP,
            "updated_at": STAMP,
        },
    )


def test_create_attribute_defaults_values_to_empty(client: TestClient) -> None:
    created = builders.attribute(client, "Material", "text")
    assert (created["values"], created["publish"]) == ([], None)


def test_create_attribute_with_a_taken_name_answers_422(client: TestClient, admin: TestClient) -> None:
    builders.attribute(client, "Material", "text")
    before = exported(admin)
    response = client.post("/attributes", json={"name": "Material", "type": "textarea"})
    assert errors_of(response) == {"status": 422, "code": "duplicate_name", "fields": ["name"]}
    assert exported(admin) == before


def test_create_attribute_with_an_unknown_type_answers_422(client: TestClient) -> None:
    response = client.post("/attributes", json={"name": "Weight", "type": "number"})
    assert errors_of(response) == {"status": 422, "code": "validation_failed", "fields": ["type"]}


def test_get_attribute_returns_it(client: TestClient) -> None:
    created = builders.attribute(client, "Material", "text")
    response = client.get(f"/attributes/{created['id']}")
    assert (response.status_code, response.json()) == (200, created)


def test_get_attribute_unknown_answers_404(client: TestClient) -> None:
    assert errors_of(client.get("/attributes/4")) == {"status": 404, "code": "not_found", "fields": []}


def test_update_attribute_changes_the_fields_sent(client: TestClient) -> None:
    created = builders.attribute(client, "Material", "text")
    response = client.put(f"/attributes/{created['id']}", json={"type": "textarea", "note": "Long form."})
    assert (response.status_code, response.json()) == (200, {**created, "type": "textarea", "note": "Long form."})


def test_update_attribute_to_a_taken_name_answers_422(client: TestClient) -> None:
    builders.attribute(client, "Material", "text")
    other = builders.attribute(client, "Fabric", "text")
    response = client.put(f"/attributes/{other['id']}", json={"name": "Material"})
    assert errors_of(response) == {"status": 422, "code": "duplicate_name", "fields": ["name"]}


def test_update_attribute_rename_frees_the_old_name(client: TestClient) -> None:
    created = builders.attribute(client, "Material", "text")
    kept = client.put(f"/attributes/{created['id']}", json={"name": "Material"})
    assert (kept.status_code, kept.json()) == (200, created)  # its own name is not "taken"
    renamed = client.put(f"/attributes/{created['id']}", json={"name": "Fabric"})
    assert (renamed.status_code, renamed.json()) == (200, {**created, "name": "Fabric"})
    assert builders.attribute(client, "Material", "text")["id"] == 2


def test_update_attribute_unknown_answers_404(client: TestClient) -> None:
    assert errors_of(client.put("/attributes/4", json={"name": "X"})) == {
        "status": 404,
        "code": "not_found",
        "fields": [],
    }


def test_list_attributes_returns_them_in_id_order(client: TestClient) -> None:
    made = [builders.attribute(client, name, "text") for name in ("B", "A")]
    assert client.get("/attributes").json()["data"] == made


@pytest.mark.parametrize(
    "case",
    [
        ({"type": "text"}, "abc", {"type": "date"}, "type"),
        ({"type": "selectbox", "values": ["a", "b"]}, "b", {"values": ["a"]}, "values"),
        ({"type": "multiselect", "values": ["a", "b"]}, ["a", "b"], {"values": ["b", "c"]}, "values"),
        ({"type": "selectbox", "values": ["a", "b"]}, "a", {"type": "multiselect"}, "type"),
    ],
)
def test_update_attribute_that_a_value_in_use_would_not_fit_answers_422(
    client: TestClient, admin: TestClient, case: tuple[dict[str, Any], Any, dict[str, Any], str]
) -> None:
    created, value, update, field = case
    attribute = builders.attribute(
        client, "Material", created["type"], **{k: v for k, v in created.items() if k != "type"}
    )
    product = builders.product(client)
    assert (
        client.put(
            f"/products/{product['id']}/attributes", json={"attribute_id": attribute["id"], "value": value}
        ).status_code
        == 200
    )
    before = exported(admin)
    response = client.put(f"/attributes/{attribute['id']}", json=update)
    message = f"Product {product['id']} holds a value of this attribute that the change would not fit."
    assert response.json() == error(message, "attribute_in_use", **{field: [message]})
    assert response.status_code == 422
    assert exported(admin) == before
    assert admin.put("/state", json=before).status_code == 200  # the tenant's own export still imports


def test_update_attribute_that_every_value_in_use_still_fits_succeeds(client: TestClient) -> None:
    attribute = builders.attribute(client, "Material", "selectbox", values=["a", "b"])
    product = builders.product(client)
    client.put(f"/products/{product['id']}/attributes", json={"attribute_id": attribute["id"], "value": "a"})
    assert (
        client.put(f"/attributes/{attribute['id']}", json={"values": ["a", "c"], "type": "selectbox"}).status_code
        == 200
    )

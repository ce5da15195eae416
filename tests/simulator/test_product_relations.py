"""Relations: linking products, and the live way of making variants."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import STAMP, exported

VARIANT, RELATED, UP_SELL = 1, 2, 3


@pytest.fixture
def trio(client: TestClient) -> list[dict[str, Any]]:
    return [builders.product(client, sku=sku) for sku in ("A", "B", "C")]


def _link(client: TestClient, parent: int, child: int, kind: int) -> Any:
    return client.post(f"/products/{parent}/relations/{child}/type/{kind}")


def test_create_product_relation_returns_201_and_the_link(client: TestClient, trio: list[dict[str, Any]]) -> None:
    response = _link(client, trio[0]["id"], trio[1]["id"], UP_SELL)
    assert (response.status_code, response.json()) == (
        201,
        {
            "id": 1,
            "product_id": trio[0]["id"],
            "related_product_id": trio[1]["id"],
            "relation_type_id": UP_SELL,
            "relation_type": "up-sell",
            "created_at": STAMP,
            "updated_at": STAMP,
        },
    )
    assert client.get(f"/products/{trio[0]['id']}").json()["relations"] == [response.json()]
    assert client.get(f"/products/{trio[1]['id']}").json() == trio[1]


def test_create_product_relation_variant_shows_parent_and_children(
    client: TestClient, trio: list[dict[str, Any]]
) -> None:
    parent, first, second = trio
    links = [_link(client, parent["id"], child["id"], VARIANT).json() for child in (first, second)]
    assert client.get(f"/products/{parent['id']}").json() == {
        **parent,
        "children": [first["id"], second["id"]],
        "relations": links,
    }
    assert client.get(f"/products/{second['id']}").json() == {**second, "parent_id": parent["id"]}


def test_create_product_relation_repeated_answers_200_without_a_duplicate(
    client: TestClient, admin: TestClient, trio: list[dict[str, Any]]
) -> None:
    first = _link(client, trio[0]["id"], trio[1]["id"], VARIANT)
    before = exported(admin)
    again = _link(client, trio[0]["id"], trio[1]["id"], VARIANT)
    assert (again.status_code, again.json()) == (200, first.json())
    assert exported(admin) == before


def test_create_product_relation_same_pair_under_another_type_is_a_new_link(
    client: TestClient, trio: list[dict[str, Any]]
) -> None:
    _link(client, trio[0]["id"], trio[1]["id"], RELATED)
    response = _link(client, trio[0]["id"], trio[1]["id"], UP_SELL)
    assert (response.status_code, response.json()["id"]) == (201, 2)


def test_create_product_relation_to_itself_answers_422(client: TestClient, trio: list[dict[str, Any]]) -> None:
    response = _link(client, trio[0]["id"], trio[0]["id"], RELATED)
    assert errors_of(response) == {"status": 422, "code": "self_relation", "fields": ["related_product_id"]}


@pytest.mark.parametrize(
    ("parent", "child", "kind"),
    [(9, 2, VARIANT), (1, 9, VARIANT), (1, 2, 99)],
    ids=["unknown-product", "unknown-related-product", "unknown-relation-type"],
)
def test_create_product_relation_unknown_reference_answers_404(
    client: TestClient, trio: list[dict[str, Any]], parent: int, child: int, kind: int
) -> None:
    assert errors_of(_link(client, parent, child, kind)) == {"status": 404, "code": "not_found", "fields": []}


def test_create_product_relation_second_variant_parent_answers_422(
    client: TestClient, admin: TestClient, trio: list[dict[str, Any]]
) -> None:
    first_parent, child, second_parent = trio
    _link(client, first_parent["id"], child["id"], VARIANT)
    before = exported(admin)
    response = _link(client, second_parent["id"], child["id"], VARIANT)
    assert errors_of(response) == {"status": 422, "code": "variant_parent", "fields": ["related_product_id"]}
    assert exported(admin) == before


def test_create_product_relation_variant_of_a_variant_answers_422(
    client: TestClient, trio: list[dict[str, Any]]
) -> None:
    parent, child, grandchild = trio
    _link(client, parent["id"], child["id"], VARIANT)
    response = _link(client, child["id"], grandchild["id"], VARIANT)
    assert errors_of(response) == {"status": 422, "code": "variant_depth", "fields": ["product_id"]}


def test_create_product_relation_parent_cannot_become_a_variant(client: TestClient, trio: list[dict[str, Any]]) -> None:
    parent, child, other = trio
    _link(client, parent["id"], child["id"], VARIANT)
    response = _link(client, other["id"], parent["id"], VARIANT)
    assert errors_of(response) == {"status": 422, "code": "variant_depth", "fields": ["related_product_id"]}


def test_create_product_relation_non_variant_links_ignore_variant_rules(
    client: TestClient, trio: list[dict[str, Any]]
) -> None:
    parent, child, other = trio
    _link(client, parent["id"], child["id"], VARIANT)
    response = _link(client, other["id"], child["id"], RELATED)
    assert (response.status_code, response.json()) == (
        201,
        {
            "id": 2,
            "product_id": other["id"],
            "related_product_id": child["id"],
            "relation_type_id": RELATED,
            "relation_type": "related",
            "created_at": STAMP,
            "updated_at": STAMP,
        },
    )
    assert client.get(f"/products/{child['id']}").json()["parent_id"] == parent["id"]

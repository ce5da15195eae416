"""Lists: the Laravel-style page envelope, page/per_page validation and stable id order."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.builders import errors_of

URL = "http://testserver/api/v1/options"


@pytest.fixture
def seven(client: TestClient) -> list[dict[str, object]]:
    return [builders.option(client, f"Option {number}") for number in range(7)]


def test_list_options_first_page_has_links_and_meta(client: TestClient, seven: list[dict[str, object]]) -> None:
    response = client.get("/options", params={"per_page": 3})
    assert (response.status_code, response.json()) == (
        200,
        {
            "data": seven[:3],
            "links": {
                "first": f"{URL}?page=1&per_page=3",
                "last": f"{URL}?page=3&per_page=3",
                "prev": None,
                "next": f"{URL}?page=2&per_page=3",
            },
            "meta": {
                "current_page": 1,
                "from": 1,
                "last_page": 3,
                "path": URL,
                "per_page": 3,
                "to": 3,
                "total": 7,
            },
        },
    )


def test_list_options_last_page_is_partial(client: TestClient, seven: list[dict[str, object]]) -> None:
    body = client.get("/options", params={"per_page": "3", "page": "3"}).json()
    assert body["data"] == seven[6:]
    assert (body["links"]["prev"], body["links"]["next"]) == (f"{URL}?page=2&per_page=3", None)
    assert (body["meta"]["from"], body["meta"]["to"]) == (7, 7)


def test_list_options_page_beyond_the_last_is_empty(client: TestClient, seven: list[dict[str, object]]) -> None:
    body = client.get("/options", params={"page": 9}).json()
    assert body["data"] == []
    assert body["meta"] == {
        "current_page": 9,
        "from": None,
        "last_page": 1,
        "path": URL,
        "per_page": 15,
        "to": None,
        "total": 7,
    }


def test_list_options_empty_list_has_one_page(client: TestClient) -> None:
    body = client.get("/options").json()
    assert body == {
        "data": [],
        "links": {"first": f"{URL}?page=1", "last": f"{URL}?page=1", "prev": None, "next": None},
        "meta": {
            "current_page": 1,
            "from": None,
            "last_page": 1,
            "path": URL,
            "per_page": 15,
            "to": None,
            "total": 0,
        },
    }


def test_list_options_ignores_unknown_query_parameters(client: TestClient, seven: list[dict[str, object]]) -> None:
    assert client.get("/options", params={"sort": "name", "q": "x"}).json()["data"] == seven


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": 0}, "page"),
        ({"page": "first"}, "page"),
        ({"page": ""}, "page"),
        ({"per_page": 0}, "per_page"),
        ({"per_page": 251}, "per_page"),
        ({"per_page": "1.5"}, "per_page"),
    ],
    ids=["page-zero", "page-word", "page-blank", "per-page-zero", "per-page-over-max", "per-page-fraction"],
)
def test_list_options_bad_page_parameter_answers_422(
    client: TestClient, params: dict[str, str | int], field: str
) -> None:
    assert errors_of(client.get("/options", params=params)) == {
        "status": 422,
        "code": "validation_failed",
        "fields": [field],
    }

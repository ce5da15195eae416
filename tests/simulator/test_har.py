"""`GET /_sim/journal.har`: the journal as HTTP Archive 1.2, checked against the HAR 1.2 shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from jsonschema import Draft202012Validator
from starlette.testclient import TestClient

from simulator.config import DEMO_KEY
from tests.simulator import builders
from tests.simulator.conftest import ACME_KEY
from tests.simulator.test_webhooks import BODY as WEBHOOK

SCHEMA = orjson.loads((Path(__file__).parent / "data" / "har-1.2.schema.json").read_bytes())


def valid_har(response: Any) -> dict[str, Any]:
    """The archive, once it has been checked against the HAR 1.2 shape."""
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == 'attachment; filename="journal.har"'
    document: dict[str, Any] = orjson.loads(response.content)
    Draft202012Validator.check_schema(SCHEMA)
    problems = [error.message for error in Draft202012Validator(SCHEMA).iter_errors(document)]
    assert problems == []
    return document


@pytest.fixture
def calls(admin: TestClient, client: TestClient, acme: TestClient) -> TestClient:
    """A create, a list with a query, a refused write, a DELETE answered 204 and another tenant's read."""
    builders.product(client, sku="MUG-1", name="Mug")
    client.get("/products", params={"page": 1, "per_page": 2})
    client.post("/products/1/inventory", json={"location": "Atlantis", "count_on_hand": 1})
    hook = builders.created(client, "/webhooks", WEBHOOK)
    client.delete(f"/webhooks/{hook['id']}")
    acme.get("/ping")
    return admin


def test_har_holds_every_call_with_its_bodies(calls: TestClient) -> None:
    entries = valid_har(calls.get("/journal.har"))["log"]["entries"]
    assert [(e["request"]["method"], e["request"]["url"], e["response"]["status"]) for e in entries] == [
        ("POST", "http://testserver/api/v1/products", 201),
        ("GET", "http://testserver/api/v1/products?page=1&per_page=2", 200),
        ("POST", "http://testserver/api/v1/products/1/inventory", 422),
        ("POST", "http://testserver/api/v1/webhooks", 201),
        ("DELETE", "http://testserver/api/v1/webhooks/1", 204),
        ("GET", "http://testserver/api/v1/ping", 200),
    ]
    create = entries[0]
    assert orjson.loads(create["request"]["postData"]["text"]) == {"name": "Mug", "sku": "MUG-1"}
    assert orjson.loads(create["response"]["content"]["text"])["sku"] == "MUG-1"
    assert entries[1]["request"]["queryString"] == [{"name": "page", "value": "1"}, {"name": "per_page", "value": "2"}]
    assert entries[2]["comment"] == "seq 3; operation createProductInventory; tenant demo; code unknown_location"
    assert (entries[4]["response"]["content"], entries[4]["response"]["bodySize"]) == (
        {"size": 0, "mimeType": "", "text": ""},
        0,
    )


def test_har_takes_the_journal_filters(calls: TestClient) -> None:
    entries = valid_har(calls.get("/journal.har", params={"status": "4xx"}))["log"]["entries"]
    assert [entry["comment"] for entry in entries] == [
        "seq 3; operation createProductInventory; tenant demo; code unknown_location"
    ]
    assert valid_har(calls.get("/journal.har", params={"tenant": "nobody"}))["log"]["entries"] == []


def test_har_never_holds_a_key(calls: TestClient) -> None:
    text = calls.get("/journal.har").text
    assert DEMO_KEY not in text
    assert ACME_KEY not in text
    assert "authorization" not in text.lower()


def test_har_shape_check_catches_a_broken_archive(calls: TestClient) -> None:
    document = orjson.loads(calls.get("/journal.har").content)
    del document["log"]["entries"][0]["timings"]
    document["log"]["entries"][1]["request"]["headers"] = [{"name": "Authorization"}]
    problems = sorted(error.message for error in Draft202012Validator(SCHEMA).iter_errors(document))
    assert len(problems) == 2

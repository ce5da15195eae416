"""The request journal: every API call with its bodies, a byte budget, filters, paging and NDJSON."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.config import DEMO_KEY, SimConfig, TenantConfig
from simulator.journal import ENTRY_OVERHEAD, Journal
from simulator.routing import Exchange
from simulator.tenants import fingerprint, key_digest
from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import ACME_KEY, DOCS_KEY, STAMP, bearer

DEMO_PRINT = fingerprint(key_digest(DEMO_KEY.encode()))


def without_duration(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry less its measured duration (checked on its own: it is a real measurement)."""
    assert isinstance(entry["duration_ms"], float)
    assert entry["duration_ms"] >= 0
    return {name: value for name, value in entry.items() if name != "duration_ms"}


def entry(seq: int, method: str, path: str, status: int, operation: str | None, **fields: Any) -> dict[str, Any]:
    """A whole journal entry as listed (bodies included), the duration left out."""
    return {
        "seq": seq,
        "time": STAMP,
        "tenant": "demo",
        "method": method,
        "path": path,
        "query": "",
        "operation": operation,
        "status": status,
        "code": None,
        "fault": None,
        "key": DEMO_PRINT,
        "request_body": None,
        "response_body": None,
        **fields,
    }


def listed(admin: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = admin.get("/journal", params=params)
    assert response.status_code == 200, response.text
    return [without_duration(item) for item in response.json()["data"]]


def test_journal_records_each_call_with_its_bodies(admin: TestClient, client: TestClient) -> None:
    product = builders.product(client, sku="MUG-1", name="Mug")
    refused = client.post("/products/1/inventory", json={"location": "Atlantis", "count_on_hand": 3})
    missing = client.delete("/webhooks/9").json()
    assert listed(admin) == [
        entry(
            1,
            "POST",
            "/api/v1/products",
            201,
            "createProduct",
            request_body={"name": "Mug", "sku": "MUG-1"},
            response_body=product,
        ),
        entry(
            2,
            "POST",
            "/api/v1/products/1/inventory",
            422,
            "createProductInventory",
            code="unknown_location",
            request_body={"location": "Atlantis", "count_on_hand": 3},
            response_body=refused.json(),
        ),
        entry(
            3,
            "DELETE",
            "/api/v1/webhooks/9",
            404,
            "deleteWebhook",
            code="not_found",
            response_body=missing,
        ),
    ]


def test_journal_records_the_body_of_a_call_refused_before_it_was_read(admin: TestClient, client: TestClient) -> None:
    builders.product(client)
    client.post("/products/1/inventories", json={"location_id": 1, "quantity": 2})  # the documented profile's route
    last = listed(admin)[-1]
    assert (last["status"], last["code"], last["operation"]) == (404, "other_profile", None)
    assert last["request_body"] == {"location_id": 1, "quantity": 2}


def test_journal_records_unauthenticated_calls_without_tenant_or_key(admin: TestClient, app: Any) -> None:
    with TestClient(app) as anonymous:
        anonymous.post("/api/v1/products", json={"name": "x", "sku": "y"}, headers=bearer("stolen"))
    (only,) = listed(admin)
    assert (only["tenant"], only["key"], only["status"], only["code"], only["request_body"]) == (
        None,
        None,
        401,
        "unauthenticated",
        None,
    )


def test_journal_never_holds_a_key(admin: TestClient, client: TestClient, acme: TestClient) -> None:
    builders.product(client)
    acme.get("/products")
    client.get("/products", headers=bearer(DOCS_KEY))
    for text in (admin.get("/journal").text, admin.get("/journal", params={"format": "ndjson"}).text):
        for key in (DEMO_KEY, ACME_KEY, DOCS_KEY):
            assert key not in text
    assert {item["key"] for item in listed(admin)} == {
        DEMO_PRINT,
        fingerprint(key_digest(ACME_KEY.encode())),
        fingerprint(key_digest(DOCS_KEY.encode())),
    }


def test_journal_drops_the_oldest_entries_beyond_its_byte_budget() -> None:
    config = SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY)], journal_bytes=3000)
    app = create_app(config)
    with TestClient(app, base_url="http://testserver/api/v1", headers=bearer(DEMO_KEY)) as client:
        for index in range(20):
            builders.product(client, sku=f"SKU-{index}", description="x" * 100)
    with TestClient(app, base_url="http://testserver/_sim") as admin:
        page = admin.get("/journal", params={"bodies": "false"}).json()
    held = [item["seq"] for item in page["data"]]
    assert held == list(range(21 - len(held), 21))
    assert 0 < len(held) < 20
    assert page["dropped"] == 20 - len(held)
    assert page["held_bytes"] <= page["budget_bytes"] == 3000
    assert (page["oldest_seq"], page["last_seq"]) == (held[0], 20)


def test_journal_past_its_budget_drops_down_to_fifteen_sixteenths_of_it() -> None:
    journal = Journal(create_app().state.tenants, budget=16 * 1000)
    exchange = Exchange({"method": "GET", "path": "/api/v1/ping", "query_string": b""})
    body = b"x" * (1000 - ENTRY_OVERHEAD - len("/api/v1/ping"))  # entries of 1000 bytes each
    held = []
    for _ in range(20):
        journal.record(exchange, 200, body)
        held.append(len(journal))

    assert held == [*range(1, 17), 15, 16, 15, 16]  # the 17th and the 19th drop two entries at once
    assert (journal.dropped, journal.held_bytes) == (4, 16 * 1000)


def test_journal_with_no_budget_is_off() -> None:
    app = create_app(SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY)], journal_bytes=0))
    with TestClient(app, base_url="http://testserver/api/v1", headers=bearer(DEMO_KEY)) as client:
        client.get("/ping")
    with TestClient(app, base_url="http://testserver/_sim") as admin:
        page = admin.get("/journal").json()
    assert (page["data"], page["dropped"], page["last_seq"], page["oldest_seq"]) == ([], 0, 0, None)


@pytest.fixture
def mixed(admin: TestClient, client: TestClient, acme: TestClient) -> TestClient:
    """Seven calls: demo 1 POST 201, 2 GET 200, 3 GET 404, 4 POST 422; acme 5 GET 200; demo 6 PUT 200, 7 GET 200."""
    builders.product(client)
    client.get("/products/1")
    client.get("/products/7")
    client.post("/products/1/inventory", json={"location": "Atlantis", "count_on_hand": 1})
    acme.get("/products")
    client.put("/products/1", json={"name": "Renamed"})
    client.get("/products", params={"per_page": 5})
    return admin


@pytest.mark.parametrize(
    ("params", "seqs"),
    [
        ({}, [1, 2, 3, 4, 5, 6, 7]),
        ({"tenant": "acme"}, [5]),
        ({"operation": "getProduct"}, [2, 3]),
        ({"method": "put"}, [6]),
        ({"status": "2xx"}, [1, 2, 5, 6, 7]),
        ({"status": "4xx"}, [3, 4]),
        ({"status": "404"}, [3]),
        ({"code": "unknown_location"}, [4]),
        ({"since": 5}, [6, 7]),
        ({"tenant": "demo", "status": "2xx", "since": 1}, [2, 6, 7]),
    ],
)
def test_journal_filters(mixed: TestClient, params: dict[str, Any], seqs: list[int]) -> None:
    assert [item["seq"] for item in listed(mixed, **params)] == seqs


def test_journal_filter_by_run_keeps_the_runs_tenant_and_range(admin: TestClient, client: TestClient) -> None:
    client.get("/ping")
    run = admin.post("/runs", json={"tenant": "demo", "name": "one"}).json()
    builders.product(client)
    admin.post(f"/runs/{run['id']}/end", json={})
    client.get("/ping")
    assert [item["seq"] for item in listed(admin, run=run["id"])] == [2]
    assert listed(admin, run=run["id"], tenant="acme") == []


def test_journal_pages_with_a_cursor(mixed: TestClient) -> None:
    first = mixed.get("/journal", params={"limit": 3, "bodies": "false"}).json()
    assert ([item["seq"] for item in first["data"]], first["next"]) == ([1, 2, 3], 3)
    second = mixed.get("/journal", params={"limit": 3, "after": first["next"], "bodies": "false"}).json()
    assert ([item["seq"] for item in second["data"]], second["next"]) == ([4, 5, 6], 6)
    third = mixed.get("/journal", params={"limit": 3, "after": second["next"], "bodies": "false"}).json()
    assert ([item["seq"] for item in third["data"]], third["next"]) == ([7], None)
    assert "request_body" not in third["data"][0]


def test_journal_as_ndjson_is_one_entry_per_line(mixed: TestClient) -> None:
    response = mixed.get("/journal", params={"format": "ndjson", "status": "4xx"})
    assert response.headers["content-type"] == "application/x-ndjson"
    lines = [orjson.loads(line) for line in response.text.splitlines()]
    assert [(line["seq"], line["code"]) for line in lines] == [(3, "not_found"), (4, "unknown_location")]
    assert lines[1]["request_body"] == {"location": "Atlantis", "count_on_hand": 1}


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"status": "6xx"}, ["status"]),
        ({"status": "ok"}, ["status"]),
        ({"limit": "0"}, ["limit"]),
        ({"since": "-1"}, ["since"]),
        ({"format": "xml"}, ["format"]),
        ({"colour": "red"}, ["colour"]),
    ],
)
def test_journal_refuses_bad_filters(admin: TestClient, params: dict[str, str], fields: list[str]) -> None:
    expected = {"status": 422, "code": "validation_failed", "fields": fields}
    assert errors_of(admin.get("/journal", params=params)) == expected


def test_journal_unknown_run_answers_404(admin: TestClient) -> None:
    assert errors_of(admin.get("/journal", params={"run": 9, "format": "ndjson"})) == {
        "status": 404,
        "code": "unknown_run",
        "fields": [],
    }


def test_journal_entry_by_sequence_number(mixed: TestClient, client: TestClient) -> None:
    renamed = client.get("/products/1").json()
    assert without_duration(mixed.get("/journal/6").json()) == entry(
        6,
        "PUT",
        "/api/v1/products/1",
        200,
        "updateProduct",
        request_body={"name": "Renamed"},
        response_body=renamed,
    )
    assert mixed.get("/journal/7").json()["query"] == "per_page=5"
    assert errors_of(mixed.get("/journal/99")) == {"status": 404, "code": "unknown_entry", "fields": []}


def test_journal_clear_forgets_entries_but_not_the_sequence(mixed: TestClient, client: TestClient) -> None:
    assert mixed.delete("/journal").status_code == 204
    client.get("/ping")
    page = mixed.get("/journal").json()
    assert ([item["seq"] for item in page["data"]], page["dropped"]) == ([8], 7)


def test_a_kept_answer_is_recorded_by_reference_and_reads_back_whole(
    admin: TestClient, client: TestClient, app: Any
) -> None:
    # GET /products/{id} answers the render cache's bytes; the journal keeps a reference to them, not a
    # copy (simulator/journal.py), and reads them back as the answer that was sent.
    product = builders.product(client)
    answers = [client.get(f"/products/{product['id']}").content for _ in range(2)]
    client.put(f"/products/{product['id']}", json={"name": "Renamed"})  # a new rendering from here on
    answers.append(client.get(f"/products/{product['id']}").content)

    raws = [raw for raw in app.state.journal._entries if raw[3] == "GET"]
    assert type(raws[0][7]) is bytes  # the entry's buffer: the kept answer itself, not the shared bytearray
    assert raws[0][7] is raws[1][7] and raws[1][7] is not raws[2][7]
    bodies = [entry["response_body"] for entry in listed(admin, method="GET")]
    assert bodies == [orjson.loads(answer) for answer in answers]
    assert bodies[2]["name"] == "Renamed"

"""Dry runs: start, end, list; before-images kept on first write, and only while a run is open."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import STAMP


def run_body(run_id: int, **fields: Any) -> dict[str, Any]:
    return {
        "id": run_id,
        "tenant": "demo",
        "profile": "live",
        "name": "staging sync",
        "status": "open",
        "started_at": STAMP,
        "ended_at": None,
        "start_seq": 0,
        "end_seq": None,
        "entities_changed": 0,
        **fields,
    }


def test_start_run_answers_201_and_the_run(admin: TestClient) -> None:
    response = admin.post("/runs", json={"tenant": "demo", "name": "staging sync"})
    assert (response.status_code, response.json()) == (201, run_body(1))
    assert admin.get("/runs/1").json() == run_body(1)


def test_start_run_marks_the_journal_position(admin: TestClient, client: TestClient) -> None:
    client.get("/ping")
    client.get("/ping")
    assert admin.post("/runs", json={"tenant": "demo", "name": "x"}).json()["start_seq"] == 2


def test_start_run_twice_on_one_tenant_answers_409(admin: TestClient) -> None:
    admin.post("/runs", json={"tenant": "demo"})
    assert errors_of(admin.post("/runs", json={"tenant": "demo"})) == {"status": 409, "code": "run_open", "fields": []}
    assert admin.post("/runs", json={"tenant": "acme"}).status_code == 201


def test_start_run_bad_requests(admin: TestClient) -> None:
    assert errors_of(admin.post("/runs", json={"tenant": "nobody"})) == {
        "status": 404,
        "code": "unknown_tenant",
        "fields": [],
    }
    assert errors_of(admin.post("/runs", json={})) == {"status": 422, "code": "bad_run", "fields": ["tenant"]}
    assert errors_of(admin.post("/runs", json={"tenant": "demo", "colour": 1})) == {
        "status": 422,
        "code": "validation_failed",
        "fields": ["colour"],
    }


def test_end_run_closes_its_range(admin: TestClient, client: TestClient) -> None:
    admin.post("/runs", json={"tenant": "demo", "name": "staging sync"})
    builders.product(client)
    ended = admin.post("/runs/1/end", json={})
    assert (ended.status_code, ended.json()) == (
        200,
        run_body(1, status="ended", ended_at=STAMP, end_seq=1, entities_changed=1),
    )
    assert errors_of(admin.post("/runs/1/end", json={})) == {"status": 409, "code": "run_ended", "fields": []}
    assert errors_of(admin.post("/runs/7/end", json={})) == {"status": 404, "code": "unknown_run", "fields": []}
    assert admin.post("/runs", json={"tenant": "demo", "name": "again"}).status_code == 201


def test_list_runs_newest_first_by_tenant(admin: TestClient) -> None:
    admin.post("/runs", json={"tenant": "demo", "name": "a"})
    admin.post("/runs", json={"tenant": "acme", "name": "b"})
    assert [run["id"] for run in admin.get("/runs").json()["data"]] == [2, 1]
    assert [run["id"] for run in admin.get("/runs", params={"tenant": "acme"}).json()["data"]] == [2]


def test_run_keeps_the_value_before_the_first_write_only(app: Any, admin: TestClient, client: TestClient) -> None:
    product = builders.product(client, name="First")
    admin.post("/runs", json={"tenant": "demo"})
    client.put(f"/products/{product['id']}", json={"name": "Second"})
    client.put(f"/products/{product['id']}", json={"name": "Third"})
    run = app.state.runs.by_id[1]
    assert run.before[("products", product["id"])]["name"] == "First"
    assert list(run.before) == [("products", product["id"])]


def test_run_listens_only_while_open(app: Any, admin: TestClient, client: TestClient) -> None:
    listeners = app.state.api.commit_listeners
    assert app.state.runs not in listeners
    admin.post("/runs", json={"tenant": "demo"})
    assert app.state.runs in listeners
    builders.product(client)
    admin.post("/runs/1/end", json={})
    assert app.state.runs not in listeners
    builders.product(client, sku="OTHER")
    assert list(app.state.runs.by_id[1].before) == [("products", 1)]


def test_run_ignores_other_tenants_writes(app: Any, admin: TestClient, acme: TestClient) -> None:
    admin.post("/runs", json={"tenant": "demo"})
    builders.product(acme)
    assert app.state.runs.by_id[1].before == {}
